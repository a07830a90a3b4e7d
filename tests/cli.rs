//! The command line end to end: the built binary, its JSON, its exit codes.

use perceptron_lab::experiment::Experiment;
use serde_json::Value;

mod cli_support;

use cli_support::{json, run};

#[test]
fn train_json_on_xor_meets_the_lecture_results() {
    let (code, out, err) = run(&[
        "train",
        "--data",
        "builtin:xor",
        "--hidden",
        "4:tanh",
        "--optimizer",
        "adam",
        "--lr",
        "0.05",
        "--epochs",
        "300",
        "--seed",
        "1",
        "--json",
    ]);
    assert_eq!(code, 0, "stderr: {err}");
    let j = json(&out);
    assert_eq!(j["epochs"], 300, "epochs reported");
    assert_eq!(
        j["train"]["accuracy"].as_f64(),
        Some(1.0),
        "2-4-1 solves XOR: {j}"
    );
    assert_eq!(
        j["train"]["confusion"],
        serde_json::json!([[2, 0], [0, 2]]),
        "all four corners right"
    );
    assert!(
        j["test"].is_null(),
        "the truth table has no test set by default"
    );
    assert!(err.contains("epoch"), "progress goes to stderr");

    let (code, out, _) = run(&[
        "train",
        "--data",
        "builtin:xor",
        "--hidden",
        "",
        "--output",
        "step",
        "--batch",
        "1",
        "--epochs",
        "100",
        "--json",
    ]);
    assert_eq!(code, 0, "single-layer perceptron runs");
    let acc = json(&out)["train"]["accuracy"].as_f64().unwrap();
    assert!(
        acc <= 0.75,
        "a single-layer perceptron cannot fit XOR, got {acc}"
    );
}

#[test]
fn spiral_from_the_cli_reaches_95_percent() {
    let (code, out, err) = run(&[
        "train",
        "--data",
        "builtin:spiral",
        "--samples",
        "1000",
        "--hidden",
        "8:tanh,8:tanh",
        "--output",
        "softmax",
        "--loss",
        "ce",
        "--lr",
        "0.01",
        "--batch",
        "16",
        "--epochs",
        "300",
        "--seed",
        "2",
        "--test-fraction",
        "0",
        "--json",
        "-q",
    ]);
    assert_eq!(code, 0, "stderr: {err}");
    let acc = json(&out)["train"]["accuracy"].as_f64().unwrap();
    assert!(acc >= 0.95, "2-8-8-2 on the spiral: {acc}");
}

#[test]
fn inspect_prints_what_the_engine_computes() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("m.ron");
    let model = model.to_str().unwrap();
    let (code, _, err) = run(&[
        "train",
        "--data",
        "builtin:spiral",
        "--samples",
        "200",
        "--hidden",
        "5:tanh,3:relu",
        "--output",
        "softmax",
        "--loss",
        "ce",
        "--epochs",
        "2",
        "--seed",
        "3",
        "--save",
        model,
        "-q",
    ]);
    assert_eq!(code, 0, "stderr: {err}");
    let (code, out, err) = run(&[
        "inspect", model, "--input", "0.3,-0.7", "--label", "1", "--json",
    ]);
    assert_eq!(code, 0, "stderr: {err}");
    let j = json(&out);
    let network = Experiment::load(std::path::Path::new(model))
        .unwrap()
        .network();
    // z = W·x + b by hand from the printed weights, and equal to the engine's trace.
    let layers = j["layers"].as_array().unwrap();
    assert_eq!(layers.len(), 3, "two hidden layers and the output");
    let f = |v: &Value| v.as_f64().unwrap();
    let mut input: Vec<f64> = j["input"].as_array().unwrap().iter().map(f).collect();
    for (l, layer) in layers.iter().enumerate() {
        let weights = layer["weights"].as_array().unwrap();
        for (jn, row) in weights.iter().enumerate() {
            let row: Vec<f64> = row.as_array().unwrap().iter().map(f).collect();
            let z: f64 =
                row.iter().zip(&input).map(|(w, x)| w * x).sum::<f64>() + f(&layer["biases"][jn]);
            assert!(
                (z - f(&layer["z"][jn])).abs() < 1e-5,
                "layer {l} neuron {jn}: z = W·x + b"
            );
            assert_eq!(
                row.len(),
                network.layers[l].fan_in(),
                "weights[j][i]: i runs over inputs"
            );
        }
        input = layer["a"].as_array().unwrap().iter().map(f).collect();
    }
    let x = ndarray::array![[0.3f32, -0.7]];
    let trace = network.forward(x.view());
    let grads = network.backward(
        &trace,
        ndarray::array![[0.0f32, 1.0]].view(),
        perceptron_lab::nn::Loss::Ce,
    );
    assert!(
        (f(&j["loss"]) - f64::from(grads.loss)).abs() < 1e-6,
        "same loss as the engine"
    );
    for (l, g) in grads.layers.iter().enumerate() {
        for (jn, &d) in g.delta.row(0).iter().enumerate() {
            assert!(
                (f(&layers[l]["delta"][jn]) - f64::from(d)).abs() < 1e-6,
                "layer {l} δ_{jn}"
            );
        }
        for ((jn, i), &gw) in g.weights.indexed_iter() {
            assert!(
                (f(&layers[l]["weight_grads"][jn][i]) - f64::from(gw)).abs() < 1e-6,
                "layer {l} ∂L/∂w[{jn}][{i}]"
            );
        }
    }
    assert_eq!(
        j["target"],
        serde_json::json!([0.0, 1.0]),
        "label 1 one-hot"
    );
}

#[test]
fn resume_export_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("r.ron");
    let model = model.to_str().unwrap();
    let (code, _, _) = run(&[
        "train",
        "--data",
        "builtin:moons",
        "--samples",
        "100",
        "--epochs",
        "3",
        "--save",
        model,
        "-q",
    ]);
    assert_eq!(code, 0, "train --save");
    let (code, _, err) = run(&["train", "--resume", model, "--epochs", "2", "-q"]);
    assert_eq!(code, 0, "resume: {err}");
    let e = Experiment::load(std::path::Path::new(model)).unwrap();
    assert_eq!(
        e.history.len(),
        5,
        "resuming without --save updates the file: 3 + 2 epochs"
    );
    let (code, out, _) = run(&["export", model, "--json"]);
    assert_eq!(code, 0, "export");
    assert_eq!(
        json(&out)["history"].as_array().map(Vec::len),
        Some(5),
        "export carries the history"
    );

    // Each bad argument exits 2 with a message about that argument (the distinctive piece
    // shows it was refused for the right reason, not by some earlier check).
    for (args, why) in [
        (
            vec!["train", "--data", "builtin:nonsense"],
            "unknown built-in dataset 'nonsense'",
        ),
        (
            vec!["train", "--hidden", "x:tanh"],
            "'x:tanh' is not WIDTH:ACTIVATION",
        ),
        (
            vec!["train", "--lr=-1"],
            "must be above 0 and at most 1000000, got -1",
        ),
        (
            vec!["train", "--output", "softmax", "--loss", "bce"],
            "bce needs a sigmoid output layer",
        ),
        (
            vec!["train", "--samples", "999999999999"],
            "got 999999999999",
        ),
        (
            vec!["inspect", model, "--input", "1,2,3"],
            "3 values but the model has 2 inputs",
        ),
        (
            vec!["inspect", model, "--input", "1,NaN"],
            "'NaN' is not a finite number",
        ),
        (
            vec!["inspect", model, "--input", "1,2", "--label", "cat"],
            "'cat' is not a class",
        ),
        (
            vec!["inspect", "/nonexistent.ron", "--input", "1,2"],
            "/nonexistent.ron",
        ),
        (vec!["train", "--bogus"], "unexpected argument '--bogus'"),
    ] {
        let (code, _, err) = run(&args);
        assert_eq!(code, 2, "{args:?} must exit 2: {err}");
        assert!(
            err.contains(why) && !err.contains("panicked"),
            "{args:?}: the message says '{why}', no panic: {err}"
        );
    }
    let (code, _, err) = run(&[
        "train",
        "--data",
        "builtin:gauss",
        "--hidden",
        "8:relu",
        "--output",
        "linear",
        "--optimizer",
        "sgd",
        "--lr",
        "100000",
        "--epochs",
        "50",
        "-q",
    ]);
    assert_eq!(code, 1, "divergence is a training failure: {err}");
    assert!(
        err.contains("Lower --lr"),
        "and says what to do, in the command line's words: {err}"
    );
}
