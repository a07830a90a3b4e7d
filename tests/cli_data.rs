//! The data side of the command line, through the built binary: quality bars on the bundled
//! datasets (fixed seeds), `data describe`, refused files, and the CSV round trip: a model
//! trained from a CSV and saved evaluates another file exactly as it evaluated its test split.

use std::path::Path;
use std::process::Command;

use perceptron_lab::experiment::Experiment;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_perceptron-lab");

/// Runs the binary; returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn run_json(args: &[&str]) -> Value {
    let (code, stdout, stderr) = run(args);
    assert_eq!(code, 0, "{args:?} failed: {stderr}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {stdout}"))
}

fn test_accuracy(name: &str, extra: &[&str]) -> f64 {
    let data = format!("builtin:{name}");
    let mut args = vec!["train", "--data", &data, "--seed", "1", "--json", "--quiet"];
    args.extend_from_slice(extra);
    let report = run_json(&args);
    report["test"]["accuracy"]
        .as_f64()
        .expect("a test accuracy")
}

#[test]
fn iris_reaches_93_percent() {
    let acc = test_accuracy(
        "iris",
        &[
            "--hidden", "8:tanh", "--epochs", "150", "--batch", "16", "--lr", "0.01",
        ],
    );
    assert!(acc >= 0.93, "iris test accuracy {acc}");
}

#[test]
fn digits_reach_93_percent() {
    let acc = test_accuracy(
        "digits",
        &[
            "--hidden", "32:relu", "--epochs", "30", "--batch", "32", "--lr", "0.005",
        ],
    );
    assert!(acc >= 0.93, "digits test accuracy {acc}");
}

#[test]
fn breast_cancer_reaches_94_percent() {
    let acc = test_accuracy(
        "breast_cancer",
        &[
            "--hidden", "16:tanh", "--epochs", "40", "--batch", "32", "--lr", "0.005",
        ],
    );
    assert!(acc >= 0.94, "breast cancer test accuracy {acc}");
}

#[test]
fn titanic_reaches_76_percent() {
    let acc = test_accuracy(
        "titanic",
        &[
            "--hidden", "16:tanh", "--epochs", "40", "--batch", "32", "--lr", "0.005",
        ],
    );
    assert!(acc >= 0.76, "titanic test accuracy {acc}");
}

#[test]
fn describe_shows_the_inferred_schema() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/csv/korean.csv");
    let j = run_json(&["data", "describe", fixture.to_str().unwrap(), "--json"]);
    assert_eq!(j["rows"], 6, "six data records");
    assert_eq!(
        j["target"], "동물",
        "default target: the last column, Korean name kept"
    );
    assert_eq!(
        j["classes"],
        serde_json::json!(["개", "고양이", "토끼"]),
        "sorted Hangul classes"
    );
    assert_eq!(j["columns"][0]["name"], "무게", "Korean header");
    assert_eq!(j["columns"][0]["kind"], "numeric", "weights are numbers");
    assert_eq!(
        j["columns"][2]["role"], "target",
        "the last column is the target"
    );
    let titanic = run_json(&["data", "describe", "builtin:titanic", "--json"]);
    let age = titanic["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "age")
        .unwrap();
    assert_eq!(age["missing"], 263, "titanic's missing ages are counted");
    let regression = run_json(&[
        "data",
        "describe",
        "builtin:titanic",
        "--target",
        "fare",
        "--json",
    ]);
    assert_eq!(
        regression["classes"],
        serde_json::json!([]),
        "fare is a regression target"
    );
}

#[test]
fn refused_files_exit_2_with_one_message() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let (code, stdout, stderr) = run(&["data", "describe", empty.to_str().unwrap(), "--json"]);
    assert_eq!(code, 2, "an empty file is refused: {stderr}");
    assert!(
        stdout.is_empty() && stderr.lines().count() == 1 && stderr.contains("empty"),
        "{stderr}"
    );
    let ragged = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/csv/ragged.csv");
    let (code, _, stderr) = run(&["train", "--data", ragged.to_str().unwrap(), "--epochs", "1"]);
    assert_eq!(code, 2, "a ragged file is refused: {stderr}");
    assert!(stderr.contains("line 3, column 'label'"), "{stderr}");
    let (code, _, stderr) = run(&[
        "train",
        "--data",
        "builtin:iris",
        "--target",
        "nope",
        "--epochs",
        "1",
    ]);
    assert!(
        code == 2 && stderr.contains("'nope' is not a column"),
        "{stderr}"
    );
}

/// Writes `rows` of `table` (in that order) with the columns reversed, to show that columns
/// are matched by name.
fn write_rows(path: &Path, text: &str, rows: &[usize]) {
    let lines: Vec<&str> = text.lines().collect();
    let reverse = |line: &str| line.split(',').rev().collect::<Vec<_>>().join(",");
    let mut out = reverse(lines[0]) + "\n";
    for &r in rows {
        out += &(reverse(lines[r + 1]) + "\n");
    }
    std::fs::write(path, out).unwrap();
}

#[test]
fn a_saved_csv_model_evaluates_another_file_exactly_as_its_test_split() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("passengers.csv");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/datasets/titanic.csv"),
    )
    .unwrap();
    std::fs::write(&csv, &text).unwrap();
    let model = dir.path().join("models/m.ron");
    std::fs::create_dir_all(model.parent().unwrap()).unwrap();
    let trained = run_json(&[
        "train",
        "--data",
        csv.to_str().unwrap(),
        "--hidden",
        "6:tanh",
        "--epochs",
        "3",
        "--seed",
        "4",
        "--scale",
        "minmax",
        "--save",
        model.to_str().unwrap(),
        "--embed-data",
        "--json",
        "--quiet",
    ]);
    let ron = std::fs::read_to_string(&model).unwrap();
    assert!(
        ron.contains("\"../passengers.csv\""),
        "the CSV path is stored relative to the model"
    );
    let experiment = Experiment::load(&model).unwrap();
    let embedded = experiment.embedded_data.clone().unwrap();
    let reloaded = experiment.data.load().unwrap();
    assert_eq!(
        reloaded.train, embedded.train,
        "DataSpec::load reproduces the training matrix"
    );
    assert_eq!(reloaded.test, embedded.test, "and the test matrix");
    let test_rows = embedded.test.unwrap().source_rows;
    let other = dir.path().join("other.csv");
    write_rows(&other, &text, &test_rows);
    let evaluated = run_json(&[
        "eval",
        model.to_str().unwrap(),
        "--data",
        other.to_str().unwrap(),
        "--json",
        "--quiet",
    ]);
    assert_eq!(
        evaluated, trained["test"],
        "eval on the test rows = train's test metrics, number for number"
    );
    let (code, _, stderr) = run(&[
        "eval",
        model.to_str().unwrap(),
        "--data",
        "builtin:iris",
        "--json",
    ]);
    assert!(
        code == 2 && stderr.contains("column"),
        "a file without the model's columns is refused: {stderr}"
    );
    let inspected = run_json(&[
        "inspect",
        model.to_str().unwrap(),
        "--input",
        "3,male,,0,0,7.25,S",
        "--label",
        "0",
        "--json",
    ]);
    assert_eq!(
        inspected["input"].as_array().unwrap().len(),
        10,
        "raw values preprocessed to 10 inputs (one-hot)"
    );
    std::fs::write(&csv, "changed").unwrap();
    let (code, _, stderr) = run(&[
        "train",
        "--resume",
        model.to_str().unwrap(),
        "--epochs",
        "1",
        "--save",
        dir.path().join("x.ron").to_str().unwrap(),
    ]);
    assert!(
        code == 0 || stderr.contains("changed"),
        "embedded data still resumes; otherwise the change is reported: {stderr}"
    );
}
