//! The CSV tables of File ▸ Export and `perceptron-lab export --history-csv/--confusion-csv`:
//! parsed back with the `csv` crate and compared with the engine's own numbers.

mod cli_support;

use cli_support::run;
use perceptron_lab::session;

/// Trains a small spiral classifier with a test split for `epochs` epochs and saves it.
fn saved_model(dir: &std::path::Path, epochs: &str) -> std::path::PathBuf {
    let model = dir.join("m.ron");
    let model_arg = model.to_str().unwrap();
    let (code, _, err) = run(&[
        "train",
        "--data",
        "builtin:spiral",
        "--samples",
        "200",
        "--hidden",
        "5:tanh",
        "--epochs",
        epochs,
        "--seed",
        "3",
        "--save",
        model_arg,
    ]);
    assert_eq!(code, 0, "training for the fixture failed: {err}");
    model
}

fn read_csv(path: &std::path::Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

fn number(cell: &str) -> f32 {
    cell.parse()
        .unwrap_or_else(|e| panic!("'{cell}' is not a number: {e}"))
}

#[test]
fn history_csv_has_one_row_per_completed_epoch_with_the_engines_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let model = saved_model(dir.path(), "3");
    let out = dir.path().join("h.csv");
    let (code, _, err) = run(&[
        "export",
        model.to_str().unwrap(),
        "--history-csv",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "export --history-csv failed: {err}");
    let (header, rows) = read_csv(&out);
    assert_eq!(
        header,
        session::tables::HISTORY_HEADER,
        "the documented header"
    );
    let opened = session::open_path(&model).unwrap();
    let history = opened.trainer.history();
    assert_eq!(rows.len(), 3, "three epochs, three rows, no epoch-0 row");
    assert_eq!(history.len(), rows.len(), "one row per engine record");
    for (row, record) in rows.iter().zip(history) {
        assert_eq!(number(&row[0]) as usize, record.epoch, "epoch column");
        assert_eq!(
            number(&row[1]).to_bits(),
            record.train_loss.to_bits(),
            "train loss, exactly"
        );
        assert_eq!(
            Some(number(&row[2])),
            record.train_accuracy,
            "train accuracy, exactly"
        );
        assert_eq!(
            row[3].parse::<f32>().ok(),
            record.test_loss,
            "test loss, exactly (empty when there is none)"
        );
    }
}

#[test]
fn confusion_csv_counts_and_metrics_match_the_engine_for_both_splits() {
    let dir = tempfile::tempdir().unwrap();
    let model = saved_model(dir.path(), "2");
    let opened = session::open_path(&model).unwrap();
    let trainer = &opened.trainer;
    for (split, data, evaluation) in [
        (
            "train",
            trainer.train_data(),
            Some(trainer.evaluate_train()),
        ),
        (
            "test",
            trainer.test_data().expect("the spiral has a test split"),
            trainer.evaluate_test(),
        ),
    ] {
        let out = dir.path().join(format!("c-{split}.csv"));
        let (code, _, err) = run(&[
            "export",
            model.to_str().unwrap(),
            "--confusion-csv",
            out.to_str().unwrap(),
            "--split",
            split,
        ]);
        assert_eq!(
            code, 0,
            "export --confusion-csv --split {split} failed: {err}"
        );
        let metrics = evaluation.unwrap().classification.unwrap();
        let names = data.class_names().unwrap();
        let (header, rows) = read_csv(&out);
        assert_eq!(header[0], session::tables::CONFUSION_CORNER, "corner cell");
        assert_eq!(&header[1..=names.len()], names, "predicted classes by name");
        assert_eq!(
            &header[names.len() + 1..],
            session::tables::CONFUSION_METRICS,
            "then precision, recall, F1"
        );
        assert_eq!(rows.len(), names.len(), "one row per true class");
        let mut total = 0;
        for (c, row) in rows.iter().enumerate() {
            assert_eq!(row[0], names[c], "row {c} is named by its true class");
            let counts: Vec<u64> = row[1..=names.len()]
                .iter()
                .map(|v| v.parse().unwrap())
                .collect();
            assert_eq!(counts, metrics.confusion[c], "{split}: counts of row {c}");
            total += counts.iter().sum::<u64>();
            let metric = |i: usize| row[names.len() + 1 + i].parse::<f32>().ok();
            assert_eq!(metric(0), metrics.precision[c], "{split}: precision {c}");
            assert_eq!(metric(1), metrics.recall[c], "{split}: recall {c}");
            assert_eq!(metric(2), metrics.f1[c], "{split}: F1 {c}");
        }
        assert_eq!(
            total,
            data.len() as u64,
            "{split}: every sample counted once"
        );
    }
}

#[test]
fn table_flags_fail_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let model = saved_model(dir.path(), "1");
    let model = model.to_str().unwrap();
    let (code, _, err) = run(&["export", model, "--split", "test"]);
    assert_eq!(
        code, 2,
        "--split without --confusion-csv is a usage error: {err}"
    );
    let (code, _, err) = run(&["export", model, "--history-csv", "/nonexistent-dir/h.csv"]);
    assert_eq!(code, 2, "an unwritable path exits 2");
    assert!(
        err.lines().count() == 1 && !err.contains("panicked"),
        "one clear line, no panic: {err}"
    );
}
