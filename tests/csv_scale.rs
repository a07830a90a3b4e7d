//! MNIST-sized CSVs: the streaming import of a generated `label,pixel0,…,pixel783` file keeps
//! every value, reads it as numbers with the label as the target, and recognises the 28×28
//! picture; a file over the old 64 MiB limit imports.

use std::fmt::Write as _;

use perceptron_lab::bench::csv_import::{PIXELS, write_mnist_csv};
use perceptron_lab::data::{
    Cell, Cells, ColumnKind, DataSource, DataSpec, ImportOptions, RawTable, ReadProgress, Role,
    Task, infer_schema,
};

/// The file's cells read the plain way, row by row, to compare with the import.
fn plain_rows(path: &std::path::Path) -> Vec<Vec<f32>> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .skip(1)
        .map(|line| line.split(',').map(|c| c.parse().unwrap()).collect())
        .collect()
}

#[test]
fn a_20000_row_mnist_csv_imports_as_numbers_with_a_28_by_28_picture() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mnist.csv");
    write_mnist_csv(&path, 20_000, 7).unwrap();
    let (source, table) = DataSource::parse_with_table(path.as_os_str(), None, 0.0, 1).unwrap();
    let table = table.unwrap();
    assert_eq!(table.row_count(), 20_000, "every row is read");
    assert_eq!(table.headers.len(), PIXELS + 1, "label and 784 pixels");
    assert!(
        matches!(table.cells, Cells::Numbers(..)),
        "a table of numbers is one f32 matrix, not text cells"
    );
    let expected = plain_rows(&path);
    for r in [0, 1, 9_999, 19_999] {
        for c in [0, 1, 400, PIXELS] {
            assert_eq!(
                table.cell(r, c),
                Cell::Number(expected[r][c]),
                "row {r}, column {c} holds the file's value"
            );
        }
    }
    let Cells::Numbers(values, _) = &table.cells else {
        unreachable!("checked above")
    };
    assert!(
        values
            .iter()
            .copied()
            .eq(expected.iter().flatten().copied()),
        "every cell matches the file, in row-major order"
    );
    assert_eq!(table.lines[0], 2, "the first data row is line 2");

    let schema = infer_schema(&table, &ImportOptions::default()).unwrap();
    assert_eq!(
        schema.columns[schema.target].name, "label",
        "the non-pixel column is the target"
    );
    assert_eq!(
        schema.task,
        Task::Classification,
        "ten whole-number labels are classes"
    );
    assert_eq!(
        schema.classes,
        (0..10).map(|d| d.to_string()).collect::<Vec<_>>(),
        "the digits, in numeric order"
    );
    assert!(
        schema.columns[1..]
            .iter()
            .all(|c| c.kind == ColumnKind::Numeric && c.role == Role::Feature),
        "every pixel is a numeric feature"
    );
    assert_eq!(
        schema.image_shape,
        Some((28, 28)),
        "784 pixel columns are a 28×28 picture"
    );

    drop(source);
}

#[test]
fn a_loaded_mnist_csv_carries_its_picture_shape() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mnist.csv");
    write_mnist_csv(&path, 300, 7).unwrap();
    let (source, table) = DataSource::parse_with_table(path.as_os_str(), None, 0.0, 1).unwrap();
    let spec = DataSpec {
        source,
        test_fraction: 0.2,
        split_seed: 3,
    };
    let loaded = spec.load_with(table.as_ref()).unwrap();
    assert_eq!(
        loaded.train.image_shape,
        Some((28, 28)),
        "the samples carry the picture shape"
    );
    assert_eq!(
        loaded.preprocessing.and_then(|p| p.image_shape),
        Some((28, 28)),
        "and the saved preprocessing"
    );
    assert_eq!(loaded.train.features.ncols(), PIXELS, "one input per pixel");
    assert_eq!(
        loaded.train.len()
            + loaded
                .test
                .as_ref()
                .map_or(0, perceptron_lab::data::Dataset::len),
        300,
        "the split keeps every row"
    );
}

#[test]
fn a_text_cell_after_the_first_chunk_turns_the_table_to_text() {
    let mut csv = String::from("x,y\n");
    for i in 0..5_000 {
        writeln!(csv, "{i}.5,{}", i % 2).unwrap();
    }
    csv.push_str("seven,1\n");
    let table = RawTable::from_bytes(csv.as_bytes(), "late.csv").unwrap();
    assert!(
        matches!(table.cells, Cells::Text(_)),
        "the late text cell is kept as text"
    );
    assert_eq!(
        table.cell(4_999, 0).text(),
        "4999.5",
        "numbers read before stay the same"
    );
    assert_eq!(
        table.cell(5_000, 0).text(),
        "seven",
        "the text cell is there"
    );
    let error = infer_schema(
        &table,
        &ImportOptions {
            kinds: [("x".to_owned(), ColumnKind::Numeric)].into(),
            ..ImportOptions::default()
        },
    )
    .unwrap_err()
    .to_string();
    assert!(
        error.contains("line 5002") && error.contains("'seven' is not a number"),
        "the error names the line of the late cell: {error}"
    );
}

#[test]
fn a_cancelled_read_stops_with_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mnist.csv");
    write_mnist_csv(&path, 200, 1).unwrap();
    let progress = ReadProgress::default();
    progress.cancel();
    let error = RawTable::from_file_with(&path, &progress).unwrap_err();
    assert!(
        error.to_string().contains("cancelled"),
        "a cancelled read ends with a cancelled error: {error}"
    );
    let progress = ReadProgress::default();
    RawTable::from_file_with(&path, &progress).unwrap();
    assert_eq!(
        progress.fraction(),
        Some(1.0),
        "a finished read reports the whole file"
    );
}

/// Writes and imports a 75 MB file (about 12 s in a debug build).
#[test]
fn a_file_over_64_mib_imports() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    write_mnist_csv(&path, 40_000, 2).unwrap();
    let bytes = std::fs::metadata(&path).unwrap().len();
    assert!(
        bytes > 64 * 1024 * 1024,
        "the file is over 64 MiB ({bytes} bytes)"
    );
    let table = RawTable::from_file(&path).unwrap();
    assert_eq!(table.row_count(), 40_000, "every row is read");
    let schema = infer_schema(&table, &ImportOptions::default()).unwrap();
    assert_eq!(
        schema.image_shape,
        Some((28, 28)),
        "the picture is recognised"
    );
}

/// The train and test sets of `csv` loaded from a borrowed table and from one it consumes.
fn both_loads(
    csv: &[u8],
) -> (
    perceptron_lab::data::LoadedData,
    perceptron_lab::data::LoadedData,
) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.csv");
    std::fs::write(&path, csv).unwrap();
    let (source, table) = DataSource::parse_with_table(path.as_os_str(), None, 0.0, 1).unwrap();
    let spec = DataSpec {
        source,
        test_fraction: 0.25,
        split_seed: 11,
    };
    let table = table.unwrap();
    let borrowed = spec.load_with(Some(&table)).unwrap();
    let owned = spec.load_owned(table).unwrap();
    (borrowed, owned)
}

#[test]
fn a_table_imported_in_its_own_memory_gives_the_same_sets() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mnist.csv");
    write_mnist_csv(&path, 500, 4).unwrap();
    let mnist = std::fs::read(&path).unwrap();
    let mut gaps = String::from("a,b,c,y\n");
    for i in 0..200 {
        let a = if i % 7 == 0 {
            String::new()
        } else {
            format!("{}.25", i % 13)
        };
        writeln!(gaps, "{a},{},{},{}", i * 3 % 17, -i % 5, i % 3).unwrap();
    }
    let mut text = String::from("colour,size,y\n");
    for i in 0..200 {
        writeln!(
            text,
            "{},{},{}",
            ["red", "green", "blue"][i % 3],
            i % 11,
            i % 2
        )
        .unwrap();
    }
    for (name, csv) in [
        ("pixels", mnist),
        ("missing cells", gaps.into_bytes()),
        ("a text column", text.into_bytes()),
    ] {
        let (borrowed, owned) = both_loads(&csv);
        assert_eq!(
            owned.train, borrowed.train,
            "{name}: the same training set, row for row"
        );
        assert_eq!(owned.test, borrowed.test, "{name}: the same test set");
        assert_eq!(
            owned.preprocessing, borrowed.preprocessing,
            "{name}: the same preprocessing"
        );
        assert_eq!(owned.report, borrowed.report, "{name}: the same report");
    }
}
