//! CSV import against a table of small fixtures (tests/fixtures/csv/): each is either read into
//! the expected schema or refused with the expected message, line and column. Also: preprocessing
//! statistics come from the training split only, stored preprocessing reproduces the same
//! matrices, and random or mutated bytes never panic the importer.

use std::path::{Path, PathBuf};

use perceptron_lab::data::preprocess::Encoding;
use perceptron_lab::data::{
    ColumnKind, DataSource, DataSpec, DatasetError, ImportOptions, MissingPolicy, RawTable, Role,
    Scale, Task, import_table, infer_schema,
};
use proptest::prelude::*;
use std::fmt::Write as _;

/// (name, kind, role, missing, distinct) of one column.
type Column = (String, ColumnKind, Role, usize, usize);

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/csv")
        .join(name)
}

/// (name, kind, role, missing, distinct) of every column.
fn describe(name: &str, options: &ImportOptions) -> (Vec<Column>, Task, Vec<String>) {
    let table = RawTable::from_file(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let schema = infer_schema(&table, options).unwrap_or_else(|e| panic!("{name}: {e}"));
    let columns = schema
        .columns
        .iter()
        .map(|c| (c.name.clone(), c.kind, c.role, c.missing, c.distinct))
        .collect();
    (columns, schema.task, schema.classes)
}

fn error_of(name: &str, options: &ImportOptions) -> (String, Option<u64>, Option<String>) {
    let result =
        RawTable::from_file(&fixture(name)).and_then(|t| infer_schema(&t, options).map(|_| ()));
    match result {
        Err(e @ DatasetError::Invalid { .. }) => {
            let DatasetError::Invalid { line, column, .. } = &e else {
                unreachable!()
            };
            (e.to_string(), *line, column.clone())
        }
        Err(other) => panic!("{name}: expected an Invalid error, got {other}"),
        Ok(()) => panic!("{name}: expected an error, the file was accepted"),
    }
}

fn col(
    name: &str,
    kind: ColumnKind,
    role: Role,
    missing: usize,
    distinct: usize,
) -> (String, ColumnKind, Role, usize, usize) {
    (name.to_owned(), kind, role, missing, distinct)
}

use ColumnKind::{Categorical, Ignored, Numeric};

#[test]
fn well_formed_files_give_the_expected_schema() {
    let abc = |x1_kind| {
        vec![
            col("x1", x1_kind, Role::Feature, 0, 4),
            col("x2", Numeric, Role::Feature, 0, 4),
            col("y", Categorical, Role::Target, 0, 2),
        ]
    };
    let default = ImportOptions::default();
    for file in ["crlf.csv", "bom.csv", "semicolon.csv", "tab.csv"] {
        let (columns, task, classes) = describe(file, &default);
        assert_eq!(
            columns,
            abc(Numeric),
            "{file}: delimiter, line ends and BOM handled, x1 numeric"
        );
        assert_eq!(
            (task, classes),
            (Task::Classification, vec!["a".into(), "b".into()]),
            "{file}: classes a, b"
        );
    }
    let (columns, _, classes) = describe("quoted_commas.csv", &default);
    assert_eq!(
        columns,
        vec![
            col("name", Categorical, Role::Feature, 0, 4),
            col("age", Numeric, Role::Feature, 0, 4),
            col("city", Categorical, Role::Feature, 0, 2),
            col("label", Categorical, Role::Target, 0, 2),
        ],
        "quoted commas stay inside their field"
    );
    assert_eq!(
        classes,
        vec!["no".to_owned(), "yes".to_owned()],
        "sorted class names"
    );
    let table = RawTable::from_file(&fixture("quoted_commas.csv")).unwrap();
    assert_eq!(
        table.cell(0, 0).text(),
        "Smith, John",
        "the quoted field is kept whole"
    );
}

#[test]
fn korean_headers_and_classes_are_kept_exactly() {
    let (columns, task, classes) = describe("korean.csv", &ImportOptions::default());
    assert_eq!(
        columns,
        vec![
            col("무게", Numeric, Role::Feature, 0, 6),
            col("귀_길이", Numeric, Role::Feature, 0, 6),
            col("동물", Categorical, Role::Target, 0, 3),
        ],
        "Hangul column names survive"
    );
    assert_eq!(task, Task::Classification, "text target: classification");
    let mut expected: Vec<String> = ["고양이", "개", "토끼"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    expected.sort();
    assert_eq!(
        classes, expected,
        "Hangul class names, in a stable (sorted) order"
    );
}

#[test]
fn missing_values_of_every_spelling_are_counted_dropped_or_imputed() {
    let (columns, _, classes) = describe("missing.csv", &ImportOptions::default());
    let missing: Vec<usize> = columns.iter().map(|c| c.3).collect();
    assert_eq!(
        missing,
        vec![1, 2, 1, 1],
        "empty, NA, NaN and ? all count as missing"
    );
    assert_eq!(
        classes,
        vec!["p".to_owned(), "q".to_owned()],
        "the empty target is not a class"
    );
    let table = RawTable::from_file(&fixture("missing.csv")).unwrap();
    let imputed = import_table(&table, &ImportOptions::default(), None, 0.0, 1).unwrap();
    assert_eq!(
        imputed.report.rows_dropped, 1,
        "only the row with no target is dropped"
    );
    assert_eq!(
        imputed.report.cells_imputed, 4,
        "NaN in a, empty and NA in b, ? in c"
    );
    assert_eq!(
        imputed.train.len(),
        5,
        "six rows minus the one without a target"
    );
    let drop = ImportOptions {
        missing: MissingPolicy::Drop,
        ..ImportOptions::default()
    };
    let dropped = import_table(&table, &drop, None, 0.0, 1).unwrap();
    assert_eq!(
        dropped.report.rows_dropped, 4,
        "rows 1-4 each have a missing cell"
    );
    assert_eq!(
        (dropped.train.len(), dropped.report.cells_imputed),
        (2, 0),
        "two complete rows remain"
    );
}

#[test]
fn numeric_classes_sort_by_value_and_ids_are_ignored() {
    let (_, task, classes) = describe("numeric_classes.csv", &ImportOptions::default());
    assert_eq!(task, Task::Classification, "few distinct integers: classes");
    assert_eq!(
        classes,
        vec!["1".to_owned(), "2".into(), "10".into()],
        "2 before 10"
    );
    let (columns, _, _) = describe("ids.csv", &ImportOptions::default());
    let kinds: Vec<ColumnKind> = columns.iter().map(|c| c.1).collect();
    assert_eq!(
        kinds,
        vec![Ignored, Ignored, Numeric, Categorical],
        "id and free text are ignored"
    );
    let regression = ImportOptions {
        target: Some("size".into()),
        task: Some(Task::Regression),
        ..ImportOptions::default()
    };
    let (columns, task, classes) = describe("ids.csv", &regression);
    assert_eq!(
        (task, classes.len()),
        (Task::Regression, 0),
        "the user can ask for regression"
    );
    assert_eq!(
        columns[3].2,
        Role::Feature,
        "the old target becomes a feature"
    );
}

#[test]
fn bad_files_are_refused_with_file_line_and_column() {
    let default = ImportOptions::default();
    let (message, line, column) = error_of("ragged.csv", &default);
    assert_eq!(
        (line, column.as_deref()),
        (Some(3), Some("label")),
        "{message}"
    );
    assert!(
        message.contains("ragged.csv, line 3, column 'label'") && message.contains("2 fields"),
        "{message}"
    );
    let (message, line, _) = error_of("header_only.csv", &default);
    assert!(
        message.contains("header row but no data rows") && line == Some(1),
        "{message}"
    );
    let (message, _, _) = error_of("empty.csv", &default);
    assert!(
        message.contains("empty.csv") && message.contains("the file is empty"),
        "{message}"
    );
    let (message, _, _) = error_of("binary_junk.bin", &default);
    assert!(message.contains("not a text file"), "{message}");
    let (message, line, column) = error_of("latin1.csv", &default);
    assert_eq!((line, column.as_deref()), (Some(2), Some("b")), "{message}");
    assert!(message.contains("not UTF-8"), "{message}");
    let (message, _, column) = error_of("constant_target.csv", &default);
    assert!(
        message.contains("constant") && column.as_deref() == Some("label"),
        "{message}"
    );
    let unknown = ImportOptions {
        target: Some("nope".into()),
        ..ImportOptions::default()
    };
    let (message, _, _) = error_of("crlf.csv", &unknown);
    assert!(
        message.contains("'nope' is not a column") && message.contains("x1, x2, y"),
        "{message}"
    );
    let numeric = ImportOptions {
        kinds: [("name".to_owned(), Numeric)].into(),
        ..ImportOptions::default()
    };
    let (message, line, column) = error_of("quoted_commas.csv", &numeric);
    assert_eq!(
        (line, column.as_deref()),
        (Some(2), Some("name")),
        "{message}"
    );
    assert!(
        message.contains("'Smith, John' is not a number"),
        "{message}"
    );
    let only_target = ImportOptions {
        ignore: vec!["x1".into(), "x2".into()],
        ..ImportOptions::default()
    };
    let (message, _, _) = error_of("tab.csv", &only_target);
    assert!(message.contains("no feature columns"), "{message}");
}

#[test]
fn too_many_classes_suggests_the_wrong_column() {
    let mut text = String::from("x,name\n");
    for i in 0..150 {
        writeln!(text, "{i},person {i}").unwrap();
    }
    let table = RawTable::from_bytes(text.as_bytes(), "people.csv").unwrap();
    let options = ImportOptions {
        target: Some("name".into()),
        ..ImportOptions::default()
    };
    let message = infer_schema(&table, &options).unwrap_err().to_string();
    assert!(
        message.contains("more than 100 classes") && message.contains("column 'name'"),
        "{message}"
    );
}

#[test]
fn statistics_come_from_the_training_split_only() {
    // 40 rows of x near 1 and one huge outlier; whatever side the outlier lands on, the mean
    // must be that of the training rows alone.
    let mut text = String::from("x,label\n");
    for i in 0..40 {
        writeln!(text, "{},{}", 1 + i % 2, if i % 2 == 0 { "a" } else { "b" }).unwrap();
    }
    text += "1000000,a\n";
    let table = RawTable::from_bytes(text.as_bytes(), "outlier.csv").unwrap();
    let imported = import_table(&table, &ImportOptions::default(), None, 0.25, 3).unwrap();
    let Encoding::Numeric { mean, .. } = imported.preprocessing.features[0].encoding else {
        panic!("x is numeric");
    };
    let train_rows = &imported.train.source_rows;
    let expected: f64 = train_rows
        .iter()
        .map(|&r| table.cell(r, 0).number().unwrap())
        .sum::<f64>()
        / train_rows.len() as f64;
    assert!(
        (f64::from(mean) - expected).abs() < 1e-3,
        "mean {mean} is the training mean {expected}"
    );
    let test_rows = &imported.test.as_ref().unwrap().source_rows;
    assert_eq!(
        train_rows.len() + test_rows.len(),
        41,
        "every row on one side"
    );
    let outlier_in_test = test_rows.contains(&40);
    assert_eq!(
        outlier_in_test,
        mean < 10.0,
        "the outlier moves the mean only when it is trained on"
    );
    // Find a seed that puts the outlier in the test set, so the check above really bites.
    let seed = (0..100)
        .find(|&s| {
            let i = import_table(&table, &ImportOptions::default(), None, 0.25, s).unwrap();
            i.test.unwrap().source_rows.contains(&40)
        })
        .unwrap();
    let i = import_table(&table, &ImportOptions::default(), None, 0.25, seed).unwrap();
    let Encoding::Numeric { mean, max, .. } = i.preprocessing.features[0].encoding else {
        panic!()
    };
    assert!(
        mean < 2.0 && max <= 2.0,
        "a test-set outlier does not touch the statistics ({mean}, {max})"
    );
}

#[test]
fn stored_preprocessing_reproduces_identical_matrices() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.csv");
    std::fs::copy(fixture("missing.csv"), &path).unwrap();
    let mut source = DataSource::parse(path.to_str().unwrap(), None, 0.0, 0).unwrap();
    source.options_mut().unwrap().scale = Scale::MinMax;
    let spec = DataSpec {
        source,
        test_fraction: 0.4,
        split_seed: 9,
    };
    let first = spec.load().unwrap();
    let mut stored = spec.clone();
    stored.source.set_preprocessing(first.preprocessing.clone());
    let again = stored.load().unwrap();
    assert_eq!(
        again, first,
        "the stored preprocessing gives the same train/test matrices"
    );
    std::fs::write(&path, "a,b,c,label\n1,2,x,p\n").unwrap();
    let message = stored.load().unwrap_err().to_string();
    assert!(
        message.contains("has changed"),
        "a changed file is noticed: {message}"
    );
    std::fs::remove_file(&path).unwrap();
    let message = stored.load().unwrap_err().to_string();
    assert!(
        message.contains("moved"),
        "a missing file is noticed: {message}"
    );
}

#[test]
fn bundled_datasets_load_with_their_shapes() {
    let expected = [
        ("iris", 150, 4, 3),
        ("wine", 178, 13, 3),
        ("breast_cancer", 569, 30, 2),
        ("digits", 1797, 64, 10),
        ("titanic", 1309, 10, 2),
        ("penguins", 344, 10, 3),
        ("spambase", 4601, 57, 2),
    ];
    for (name, rows, inputs, classes) in expected {
        let source = DataSource::parse(&format!("builtin:{name}"), None, 0.0, 0).unwrap();
        let data = source.load(0.2, 1).unwrap();
        let test = data.test.as_ref().unwrap();
        assert_eq!(
            data.train.len() + test.len(),
            rows,
            "{name}: every row used (missing values imputed)"
        );
        assert_eq!(
            data.train.num_features(),
            inputs,
            "{name}: input width after one-hot"
        );
        assert_eq!(
            data.train.class_names().unwrap().len(),
            classes,
            "{name}: classes"
        );
        assert!(
            data.train.features.iter().all(|v| v.is_finite()),
            "{name}: finite inputs"
        );
    }
    let digits = DataSource::parse("builtin:digits", None, 0.0, 0)
        .unwrap()
        .load(0.2, 1)
        .unwrap();
    assert_eq!(
        digits.train.image_shape,
        Some((8, 8)),
        "digits know they are 8×8 images"
    );
    let (lo, hi) = digits
        .train
        .features
        .iter()
        .fold((f32::MAX, f32::MIN), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    assert!(
        lo >= 0.0 && hi <= 1.0,
        "pixels min-max scaled into 0..1 ({lo}..{hi})"
    );
}

/// The refusal of `text` under `options`: (message, line, column).
fn refusal_of(text: &str, options: &ImportOptions) -> (String, Option<u64>, Option<String>) {
    let result = RawTable::from_bytes(text.as_bytes(), "hostile.csv")
        .and_then(|t| infer_schema(&t, options).map(|_| ()));
    match result {
        Err(e @ DatasetError::Invalid { .. }) => {
            let DatasetError::Invalid { line, column, .. } = &e else {
                unreachable!()
            };
            let message = e.to_string();
            assert!(!message.contains('\n'), "one line: {message}");
            (message, *line, column.clone())
        }
        Err(other) => panic!("expected an Invalid error, got {other}"),
        Ok(()) => panic!("expected a refusal of:\n{text}"),
    }
}

#[test]
fn an_unterminated_quote_is_reported_where_it_opens() {
    let text = "a,b,label\n1,2,\"x\n3,4,y\n5,6,z\n7,8,y\n";
    let (message, line, _) = refusal_of(text, &ImportOptions::default());
    assert_eq!(line, Some(2), "the line where the quote opens: {message}");
    assert!(message.contains("quote"), "names the quote: {message}");
    assert!(
        !message.contains("3,4") && !message.contains("constant"),
        "no file content dumped, no wrong diagnosis: {message}"
    );
    // Quotes that close, escaped quotes and quotes inside a field are fine.
    let fine = "a,b,label\n1,\"2\"\"\",x\n3,4\"5,y\n\"6\n7\",8,x\n";
    assert!(
        RawTable::from_bytes(fine.as_bytes(), "fine.csv").is_ok(),
        "closed quotes are not refused"
    );
}

#[test]
fn a_message_quotes_at_most_one_line_of_the_file() {
    let long_cell = format!("\"{}\n{}\"", "9".repeat(500), "second line ".repeat(50));
    let text = format!("a,label\n1,x\n{long_cell},y\n");
    let numeric = ImportOptions {
        kinds: [("a".to_owned(), Numeric)].into(),
        ..ImportOptions::default()
    };
    let (message, line, _) = refusal_of(&text, &numeric);
    assert_eq!(line, Some(3), "{message}");
    assert!(
        !message.contains("second line") && message.len() < 200,
        "a short excerpt of the cell: {message}"
    );
    let header = format!("a,\"{}\nb\"\n1,x\n2,x\n", "h".repeat(300));
    let (message, _, _) = refusal_of(&header, &ImportOptions::default());
    assert!(
        message.contains("constant") && message.len() < 200,
        "a short column name: {message}"
    );
}

#[test]
fn an_infinite_or_out_of_range_number_is_refused_with_its_cell() {
    for bad in ["inf", "-Infinity", "1e309", "1e39", "-3.5e38"] {
        let text = format!("a,b,label\n1,2,x\n3,{bad},y\n5,6,x\n7,8,y\n");
        let (message, line, column) = refusal_of(&text, &ImportOptions::default());
        assert_eq!(
            (line, column.as_deref()),
            (Some(3), Some("b")),
            "{bad}: the cell: {message}"
        );
        assert!(
            message.contains(bad) && message.contains("finite"),
            "{bad}: says why: {message}"
        );
    }
    // In a column of words, "inf" is just another word.
    let text = "a,level,label\n1,low,x\n3,inf,y\n5,high,x\n7,low,y\n";
    let table = RawTable::from_bytes(text.as_bytes(), "words.csv").unwrap();
    let schema = infer_schema(&table, &ImportOptions::default()).unwrap();
    assert_eq!(
        schema.columns[1].kind, Categorical,
        "a text column stays categorical"
    );
    assert_eq!(
        schema.columns[0].kind, Numeric,
        "and a number column numeric"
    );
}

/// Runs the whole importer on `bytes`; it may refuse them but must not panic.
fn import_any(bytes: &[u8]) {
    if let Ok(table) = RawTable::from_bytes(bytes, "fuzz.csv") {
        let _ = import_table(&table, &ImportOptions::default(), None, 0.3, 1);
        let drop = ImportOptions {
            missing: MissingPolicy::Drop,
            scale: Scale::MinMax,
            ..ImportOptions::default()
        };
        let _ = import_table(&table, &drop, None, 0.0, 1);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        import_any(&bytes);
    }

    #[test]
    fn mutated_csvs_never_panic(
        seed_file in 0usize..6,
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), 0u8..3), 0..12),
    ) {
        let files = ["missing.csv", "korean.csv", "quoted_commas.csv", "semicolon.csv", "tab.csv", "numeric_classes.csv"];
        let mut bytes = std::fs::read(fixture(files[seed_file])).unwrap();
        for (at, byte, op) in edits {
            let at = if bytes.is_empty() { 0 } else { at % bytes.len() };
            match op {
                0 if !bytes.is_empty() => bytes[at] = byte,
                1 => bytes.insert(at, [b',', b';', b'\t', b'"', b'\n', b'\r', b'?', byte][usize::from(byte % 8)]),
                _ if !bytes.is_empty() => { bytes.remove(at); }
                _ => {}
            }
        }
        import_any(&bytes);
    }
}
