//! The command line shows the numbers in the units the student knows: raw feature values go
//! through the model's saved preprocessing, the shipped examples carry theirs, and JSON prints
//! f32 values as the short decimals they are.

use perceptron_lab::experiment::Experiment;
use serde_json::Value;

mod cli_support;

use cli_support::{json, run};

fn output_of(report: &Value) -> Vec<f64> {
    let layers = report["layers"].as_array().unwrap();
    let last = layers.last().unwrap();
    last["a"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect()
}

#[test]
fn inspect_takes_raw_centimetres_through_the_examples_preprocessing() {
    let (code, out, err) = run(&[
        "inspect",
        "builtin-example:iris-softmax",
        "--input",
        "5.1,3.5,1.4,0.2",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let report = json(&out);
    assert_eq!(
        report["raw_input"],
        serde_json::json!(["5.1", "3.5", "1.4", "0.2"]),
        "the raw values are shown as given"
    );
    let input: Vec<f64> = report["input"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert!(
        input[0] < -0.5 && input[2] < -1.0,
        "what enters z = w·x + b is standardized (a short setosa petal is far below the mean): {input:?}"
    );
    let probabilities = output_of(&report);
    let best = (0..probabilities.len())
        .max_by(|&a, &b| probabilities[a].total_cmp(&probabilities[b]))
        .unwrap();
    let experiment = Experiment::open("builtin-example:iris-softmax").unwrap();
    let classes = experiment
        .data
        .source
        .preprocessing()
        .and_then(|p| p.class_names())
        .unwrap()
        .to_vec();
    assert_eq!(
        classes[best], "setosa",
        "{probabilities:?} over {classes:?}"
    );

    let (code, out, err) = run(&[
        "inspect",
        "builtin-example:iris-softmax",
        "--input",
        "-0.8818464,1.03548,-1.3344067,-1.3131068",
        "--scaled",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let scaled = json(&out);
    assert_eq!(
        scaled["raw_input"],
        Value::Null,
        "--scaled values have no raw form"
    );
    assert_eq!(
        output_of(&scaled),
        probabilities,
        "the same preprocessed input gives the same output"
    );
}

#[test]
fn a_resumed_copy_of_each_example_keeps_name_notes_and_preprocessing() {
    let dir = tempfile::tempdir().unwrap();
    for (name, _) in perceptron_lab::experiment::EXAMPLES {
        let spec = format!("builtin-example:{name}");
        let path = dir.path().join(format!("{name}.ron"));
        let (code, _, err) = run(&[
            "train",
            "--resume",
            &spec,
            "--epochs",
            "1",
            "--save",
            path.to_str().unwrap(),
            "-q",
        ]);
        assert_eq!(code, 0, "{name}: {err}");
        let original = Experiment::open(&spec).unwrap();
        let copy = Experiment::load(&path).unwrap();
        assert_eq!(copy.name, original.name, "{name}: the title is kept");
        assert_eq!(copy.notes, original.notes, "{name}: the notes are kept");
        assert_eq!(copy.notes_ko, original.notes_ko, "{name}: the Korean notes");
        assert_eq!(
            copy.data.source.preprocessing(),
            original.data.source.preprocessing(),
            "{name}: the fitted preprocessing is kept"
        );
        let bundled = matches!(
            original.data.source,
            perceptron_lab::data::DataSource::Bundled { .. }
        );
        assert_eq!(
            original.data.source.preprocessing().is_some(),
            bundled,
            "{name}: an example on a bundled table carries its preprocessing"
        );
    }
}

#[test]
fn json_prints_f32_values_as_short_decimals() {
    let (code, out, err) = run(&["export", "builtin-example:xor-mlp"]);
    assert_eq!(code, 0, "{err}");
    let experiment = Experiment::open("builtin-example:xor-mlp").unwrap();
    let lr = experiment.training.learning_rate;
    assert!(
        out.contains(&format!("\"learning_rate\":{lr}")),
        "learning rate {lr} printed as the short decimal: {}",
        &out[..out.len().min(400)]
    );
    assert!(
        !out.contains("0000000"),
        "no f32 printed with f64 noise digits"
    );
}
