//! The PyTorch export without PyTorch: the safetensors file parses with the crate and holds
//! the experiment's parameters under PyTorch's names; model.py is valid Python whose literals
//! read back as the experiment's columns and classes (checked when python3 exists); the
//! command line writes the folder and refuses bad targets with a one-line error.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use perceptron_lab::experiment::{EXAMPLES, Experiment};
use perceptron_lab::session::pytorch::{self, MODEL_FILE, README_FILE, WEIGHTS_FILE};
use safetensors::{Dtype, SafeTensors};

mod cli_support;

use cli_support::run;

/// python3, if this machine has one.
fn python() -> Option<&'static str> {
    let found = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        println!("note: python3 not found; the Python parsing checks are skipped");
    }
    found.then_some("python3")
}

/// `python3 -m py_compile FILE` succeeds.
fn assert_compiles(python: &str, file: &Path) {
    let out = Command::new(python)
        .args(["-m", "py_compile"])
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{} is valid Python: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The values of the top-level `NAME = literal` assignments of a Python file, read by
/// Python's own parser, as JSON.
fn python_literals(python: &str, file: &Path, names: &[&str]) -> serde_json::Value {
    let script = r#"
import ast, json, sys
tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
out = {}
for node in tree.body:
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        name = getattr(node.targets[0], "id", None)
        if name in sys.argv[2:]:
            out[name] = ast.literal_eval(node.value)
print(json.dumps(out))
"#;
    let out = Command::new(python)
        .arg("-c")
        .arg(script)
        .arg(file)
        .args(names)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn every_shipped_example_exports_its_exact_parameters() {
    let python = python();
    for (name, _) in EXAMPLES {
        let experiment = Experiment::open(&format!("builtin-example:{name}")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let summary = pytorch::export(&experiment, dir.path()).unwrap();
        for file in [MODEL_FILE, WEIGHTS_FILE, README_FILE] {
            assert!(dir.path().join(file).is_file(), "{name}: {file} written");
        }
        assert!(summary.train_rows > 0, "{name}: the training rows written");

        let bytes = std::fs::read(dir.path().join(WEIGHTS_FILE)).unwrap();
        let file = SafeTensors::deserialize(&bytes).unwrap();
        let network = experiment.network();
        assert_eq!(
            file.len(),
            2 * network.layers.len(),
            "{name}: a weight and a bias per layer, nothing else"
        );
        let mut fan_in = experiment.inputs;
        for (i, saved) in experiment.layers.iter().enumerate() {
            let weight = file.tensor(&format!("layers.{i}.weight")).unwrap();
            let bias = file.tensor(&format!("layers.{i}.bias")).unwrap();
            assert_eq!(weight.dtype(), Dtype::F32, "{name}: float32");
            assert_eq!(
                weight.shape(),
                [saved.width, fan_in],
                "{name}: layer {i} weight is [out, in]"
            );
            assert_eq!(bias.shape(), [saved.width], "{name}: layer {i} bias");
            let values: Vec<f32> = weight
                .data()
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes(b.try_into().unwrap()))
                .collect();
            // The file's weights[j][i] (input i to neuron j) is row j of the tensor.
            let expected: Vec<f32> = if saved.weights.is_empty() {
                network.layers[i].weights.iter().copied().collect()
            } else {
                saved.weights.iter().flatten().copied().collect()
            };
            assert!(
                values
                    .iter()
                    .zip(&expected)
                    .all(|(a, b)| a.to_bits() == b.to_bits())
                    && values.len() == expected.len(),
                "{name}: layer {i} weights bit for bit"
            );
            let biases: Vec<f32> = bias
                .data()
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes(b.try_into().unwrap()))
                .collect();
            assert_eq!(
                biases,
                network.layers[i].biases.to_vec(),
                "{name}: layer {i} biases"
            );
            fan_in = saved.width;
        }

        if let Some(python) = python {
            let model = dir.path().join(MODEL_FILE);
            assert_compiles(python, &model);
            let literals = python_literals(python, &model, &["CLASSES", "INPUTS"]);
            assert_eq!(
                literals["INPUTS"], experiment.inputs,
                "{name}: the preprocessing gives the network's inputs"
            );
            assert!(
                literals["CLASSES"].is_array(),
                "{name}: the examples are classifiers: {literals}"
            );
        }
    }
}

#[test]
fn awkward_names_become_exact_python_literals() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("odd.csv");
    // Quotes, a backslash, Korean, a comma and braces in column and class names; missing cells.
    let mut text = String::from("\"say \"\"hi\"\"\",back\\slash,색,\"{{TARGET}}\"\n");
    for i in 0..40 {
        let colour = ["빨강", "a\"b", "x,y"][i % 3];
        let age = if i % 7 == 0 {
            String::new()
        } else {
            format!("{}", 20 + i)
        };
        let class = if i % 2 == 0 { "생존" } else { "it's \\n" };
        let _ = writeln!(
            text,
            "{},{age},\"{}\",\"{class}\"",
            i % 5,
            colour.replace('"', "\"\"")
        );
    }
    std::fs::write(&csv, text).unwrap();
    let model_file = dir.path().join("odd.ron");
    let (code, _, err) = run(&[
        "train",
        "--data",
        csv.to_str().unwrap(),
        "--epochs",
        "2",
        "--quiet",
        "--save",
        model_file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "trains: {err}");
    let out = dir.path().join("out");
    let (code, stdout, err) = run(&[
        "export",
        model_file.to_str().unwrap(),
        "--pytorch",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "exports: {err}");
    assert!(stdout.contains("model.py"), "says what it wrote: {stdout}");
    let Some(python) = python() else { return };
    let model = out.join(MODEL_FILE);
    assert_compiles(python, &model);
    let literals = python_literals(python, &model, &["COLUMNS", "CLASSES", "TARGET"]);
    let experiment = Experiment::load(&model_file).unwrap();
    let preprocessing = experiment.data.source.preprocessing().unwrap();
    let columns: Vec<&str> = literals["COLUMNS"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["column"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = preprocessing
        .features
        .iter()
        .map(|f| f.column.as_str())
        .collect();
    assert_eq!(columns, expected, "column names read back exactly");
    assert_eq!(
        literals["TARGET"], "{{TARGET}}",
        "a braced name is not a placeholder"
    );
    assert_eq!(
        literals["CLASSES"],
        serde_json::json!(preprocessing.class_names().unwrap()),
        "class names read back exactly"
    );
    let colours = literals["COLUMNS"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["column"] == "색")
        .unwrap();
    assert_eq!(
        colours["categories"],
        serde_json::json!(["a\"b", "x,y", "빨강"]),
        "categories in the engine's order, exactly"
    );
}

#[test]
fn the_command_line_refuses_bad_targets_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "not a folder").unwrap();
    let (code, _, err) = run(&[
        "export",
        "builtin-example:iris-softmax",
        "--pytorch",
        blocker.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "a file where the folder should be: {err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(err.contains("a-file"), "names the path: {err}");

    let (code, _, err) = run(&[
        "export",
        "builtin-example:iris-softmax",
        "--json",
        "--pytorch",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "--json and --pytorch together: {err}");

    let (code, out, err) = run(&[
        "export",
        "builtin-example:xor-perceptron",
        "--pytorch",
        dir.path().join("xor").to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("weights.safetensors"), "{out}");
    let model = std::fs::read_to_string(dir.path().join("xor").join(MODEL_FILE)).unwrap();
    assert!(
        model.contains("Step(),") && model.contains("perceptron rule"),
        "a step output is explained and trained by hand"
    );
}

#[test]
fn a_running_session_exports_what_it_holds() {
    let opened = perceptron_lab::session::open_shipped_example("iris-softmax").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let summary = pytorch::export_session(&opened.setup, &opened.trainer, dir.path()).unwrap();
    let bytes = std::fs::read(dir.path().join(WEIGHTS_FILE)).unwrap();
    let back = pytorch::from_safetensors(&bytes).unwrap();
    let mut expected = pytorch::named_tensors(opened.trainer.network());
    expected.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(back, expected, "the trainer's own parameters");
    assert_eq!(
        summary.parameters,
        expected.iter().map(|t| t.values.len()).sum::<usize>(),
        "the summary counts them"
    );
    assert!(
        summary.test_rows > 0 && summary.data_problem.is_none(),
        "iris has a test split: {summary}"
    );
}

#[test]
fn a_model_whose_csv_is_gone_still_exports_from_its_saved_preprocessing() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("points.csv");
    let mut text = String::from("x,colour,label\n");
    for i in 0..30 {
        let colour = if i % 4 == 0 { "blue" } else { "red" };
        let _ = writeln!(text, "{i},{colour},{}", i % 3 == 0);
    }
    std::fs::write(&csv, text).unwrap();
    let model_file = dir.path().join("points.ron");
    let (code, _, err) = run(&[
        "train",
        "--data",
        csv.to_str().unwrap(),
        "--epochs",
        "1",
        "--quiet",
        "--save",
        model_file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    std::fs::remove_file(&csv).unwrap();
    let experiment = Experiment::load(&model_file).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("train.csv"), "rows of an earlier export").unwrap();
    let summary = pytorch::export(&experiment, &out).unwrap();
    assert!(
        summary.data_problem.is_some() && summary.train_rows == 0,
        "says the rows are missing: {summary}"
    );
    assert!(
        summary.to_string().contains("no data rows"),
        "and says it in the summary: {summary}"
    );
    assert!(
        !out.join("train.csv").exists(),
        "no rows, no train.csv (an earlier one is removed)"
    );
    if let Some(python) = python() {
        let model = out.join(MODEL_FILE);
        assert_compiles(python, &model);
        let literals = python_literals(python, &model, &["EXAMPLES"]);
        assert_eq!(
            literals["EXAMPLES"][0]["colour"], "red",
            "one example of imputed values (the most frequent colour)"
        );
    }
}
