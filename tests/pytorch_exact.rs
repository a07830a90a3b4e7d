//! The exactness proof of the PyTorch export, with real PyTorch: models trained by the command
//! line on iris, spiral, digits and more are exported, `python model.py FILE.csv` predicts every
//! sample of the dataset from its raw cells, and each prediction must equal the engine's
//! (`evaluate`, what `eval` and the app report): probabilities within 1e-5, the same class
//! (regression: values within 1e-5 relative).
//! Then the exported training loop runs two epochs.
//!
//! Needs Python with torch and safetensors: `cargo test -- --ignored pytorch` (the interpreter
//! is `python3`, or the one named by `PERCEPTRON_LAB_PYTHON`).

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use perceptron_lab::data::{DataSource, Dataset, RawTable, Target, apply_preprocessing};
use perceptron_lab::experiment::Experiment;
use perceptron_lab::nn::evaluate;
use perceptron_lab::session::pytorch::{self, GENERATED_TARGET, TRAIN_FILE};
use serde_json::Value;

/// Largest difference allowed between a probability from PyTorch and the engine's.
const TOLERANCE: f64 = 1e-5;

fn python() -> String {
    std::env::var("PERCEPTRON_LAB_PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

fn run_cli(args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_perceptron-lab"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "perceptron-lab {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn run_python(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(python())
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "{} did not start ({e}); set PERCEPTRON_LAB_PYTHON",
                python()
            )
        });
    assert!(
        out.status.success(),
        "python {args:?} (needs torch and safetensors): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every sample of the experiment's dataset as the engine sees it, and the same samples as raw
/// CSV text for Python (the file's own cells, or a generator's numbers written exactly).
fn every_sample(experiment: &Experiment) -> (Dataset, String) {
    let mut csv = csv::Writer::from_writer(Vec::new());
    let data = match &experiment.data.source {
        DataSource::Generator { .. } => {
            let data = experiment.data.source.dataset().unwrap();
            let mut header = data.feature_names.clone();
            header.push(GENERATED_TARGET.to_owned());
            csv.write_record(&header).unwrap();
            for i in 0..data.len() {
                let mut row: Vec<String> = data
                    .sample(i)
                    .iter()
                    .map(|&v| format!("{:?}", f64::from(v)))
                    .collect();
                row.push(String::new());
                csv.write_record(&row).unwrap();
            }
            data
        }
        source => {
            let table = match source {
                DataSource::Bundled { name, .. } => {
                    RawTable::from_bytes(name.csv().as_bytes(), "bundled").unwrap()
                }
                _ => source.table().unwrap().unwrap(),
            };
            let preprocessing = source.preprocessing().unwrap();
            let (data, _) = apply_preprocessing(&table, preprocessing).unwrap();
            csv.write_record(&table.headers).unwrap();
            for &r in &data.source_rows {
                let row: Vec<String> = (0..table.headers.len())
                    .map(|c| table.cell(r, c).text().into_owned())
                    .collect();
                csv.write_record(&row).unwrap();
            }
            data
        }
    };
    (data, String::from_utf8(csv.into_inner().unwrap()).unwrap())
}

/// Exports `model`, predicts every sample in Python and compares; returns the largest
/// difference seen.
fn compare(label: &str, model: &Path, dir: &Path) -> f64 {
    let experiment = Experiment::load(model).unwrap();
    let out = dir.join(format!("{label}-torch"));
    pytorch::export(&experiment, &out).unwrap();
    let (data, csv) = every_sample(&experiment);
    std::fs::write(out.join("every-sample.csv"), csv).unwrap();
    let lines = run_python(&out, &["model.py", "every-sample.csv"]);
    let results: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(results.len(), data.len(), "{label}: one result per sample");

    let network = experiment.network();
    let engine = evaluate(&network, &data, experiment.training.loss);
    let mut max_diff = 0.0f64;
    let mut near_ties = 0;
    for (i, result) in results.iter().enumerate() {
        let a = engine.outputs.row(i);
        match &data.target {
            Target::Classes { names, .. } => {
                let expected: Vec<f64> = if a.len() == 1 {
                    vec![1.0 - f64::from(a[0]), f64::from(a[0])]
                } else {
                    a.iter().map(|&v| f64::from(v)).collect()
                };
                for (name, want) in names.iter().zip(&expected) {
                    let got = result["probabilities"][name].as_f64().unwrap();
                    max_diff = max_diff.max((got - want).abs());
                }
                let class = &names[engine.predicted[i]];
                if result["class"] != class.as_str() {
                    // Only a tie within the tolerance may go either way.
                    let mut sorted = expected.clone();
                    sorted.sort_by(f64::total_cmp);
                    let gap = sorted[sorted.len() - 1] - sorted[sorted.len() - 2];
                    let one_output_tie = a.len() == 1 && (f64::from(a[0]) - 0.5).abs() < TOLERANCE;
                    assert!(
                        gap < TOLERANCE || one_output_tie,
                        "{label}: sample {i}: PyTorch says {}, the engine {class} ({result})",
                        result["class"]
                    );
                    near_ties += 1;
                }
            }
            Target::Values { .. } => {
                // A value is compared relative to its size (float32 keeps ~7 digits).
                let want = f64::from(a[0]);
                let got = result["value"].as_f64().unwrap();
                max_diff = max_diff.max((got - want).abs() / want.abs().max(1.0));
            }
        }
    }
    println!(
        "{label}: {} samples, largest difference {max_diff:.2e}, {near_ties} near-ties",
        data.len()
    );
    assert!(
        max_diff <= TOLERANCE,
        "{label}: PyTorch differs from the engine by {max_diff:e}"
    );

    // The exported training loop runs and its loss is a number.
    if out.join(TRAIN_FILE).is_file() {
        let log = run_python(
            &out,
            &[
                "-c",
                "import model\nm = model.load()\nmodel.train(m, model.read_rows('train.csv'), epochs=2)\nprint(model.predict(m, model.EXAMPLES[:1]))",
            ],
        );
        let last = log
            .lines()
            .find(|l| l.starts_with("epoch 2: loss "))
            .unwrap_or_else(|| panic!("{label}: two epochs reported: {log}"));
        let loss: f64 = last["epoch 2: loss ".len()..].trim().parse().unwrap();
        assert!(
            loss.is_finite(),
            "{label}: a finite loss after training: {log}"
        );
    }
    max_diff
}

#[test]
#[ignore = "needs Python with torch and safetensors: cargo test -- --ignored pytorch"]
fn pytorch_predictions_equal_the_engine_on_every_sample() {
    let dir = tempfile::tempdir().unwrap();
    let regression = dir.path().join("houses.csv");
    let mut text = String::from("area,district,age,price\n");
    for i in 0..120 {
        let district = ["north", "south", "east", ""][i % 4];
        let age = if i % 9 == 0 {
            "NA".to_owned()
        } else {
            (i % 40).to_string()
        };
        let area = 40.0 + (i * 37 % 100) as f64 * 1.5;
        let price = area * 3.0 + (i % 40) as f64 * -0.5 + if i % 4 == 1 { 20.0 } else { 0.0 };
        let _ = writeln!(text, "{area},{district},{age},{price}");
    }
    std::fs::write(&regression, text).unwrap();
    let regression = regression.to_str().unwrap().to_owned();
    let cases: Vec<(&str, Vec<&str>)> = vec![
        (
            "regression",
            vec![
                "--data",
                &regression,
                "--task",
                "regression",
                "--scale",
                "minmax",
                "--hidden",
                "5:tanh",
                "--output",
                "linear",
                "--optimizer",
                "sgd",
                "--lr",
                "0.01",
                "--epochs",
                "20",
            ],
        ),
        ("iris", vec!["--data", "builtin:iris", "--epochs", "30"]),
        (
            "spiral",
            vec![
                "--data",
                "builtin:spiral",
                "--samples",
                "400",
                "--hidden",
                "8:tanh,8:relu",
                "--epochs",
                "60",
            ],
        ),
        ("digits", vec!["--data", "builtin:digits", "--epochs", "10"]),
        (
            "titanic",
            vec!["--data", "builtin:titanic", "--epochs", "20"],
        ),
        (
            "moons",
            vec![
                "--data",
                "builtin:moons",
                "--hidden",
                "6:leaky_relu,4:sigmoid",
                "--output",
                "softmax",
                "--optimizer",
                "momentum",
                "--epochs",
                "40",
            ],
        ),
        (
            "xor-step",
            vec![
                "--data",
                "builtin:xor",
                "--hidden",
                "",
                "--output",
                "step",
                "--epochs",
                "20",
            ],
        ),
    ];
    for (label, args) in cases {
        let model = dir.path().join(format!("{label}.ron"));
        let mut all = vec!["train", "--quiet", "--save", model.to_str().unwrap()];
        all.extend(args);
        run_cli(&all);
        compare(label, &model, dir.path());
    }
}
