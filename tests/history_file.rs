//! Snapshots in the experiment file (`train --history`): they read back bit for bit, are
//! validated like the rest of the file, and the command line saves, keeps and compares them.

mod cli_support;

use cli_support::{json, run};
use perceptron_lab::experiment::{Experiment, SNAPSHOTS_FORMAT_VERSION};
use perceptron_lab::nn::Optimizer;
use perceptron_lab::session::{SnapshotStore, open_path};

/// An Adam run of 6 epochs on the default experiment with a snapshot per epoch, as a file.
fn experiment_with_history() -> (Experiment, SnapshotStore) {
    let mut setup = perceptron_lab::session::Setup::default();
    setup.config.optimizer = Optimizer::ADAM;
    setup.config.learning_rate = 0.05;
    let mut trainer = setup.build().unwrap();
    let mut store = SnapshotStore::default();
    store.record(&trainer);
    for _ in 0..6 {
        trainer.step_epoch().unwrap();
        store.record(&trainer);
    }
    let mut experiment = Experiment::from_trainer(&trainer, setup.data_spec(), false);
    experiment.set_snapshots(store.snapshots());
    (experiment, store)
}

fn error_of(text: &str) -> String {
    match Experiment::from_ron(text, "h.ron") {
        Ok(_) => panic!("accepted a broken file"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn snapshots_read_back_bit_for_bit() {
    let (experiment, store) = experiment_with_history();
    let text = experiment.to_ron().unwrap();
    assert!(
        text.contains(&format!("format_version: {SNAPSHOTS_FORMAT_VERSION}")),
        "a file with snapshots says so by its version"
    );
    let back = Experiment::from_ron(&text, "h.ron").unwrap();
    let snapshots = back.restored_snapshots();
    assert_eq!(snapshots.len(), 7, "epochs 0 to 6");
    for (read, kept) in snapshots.iter().zip(store.snapshots()) {
        assert_eq!(read.epoch, kept.epoch, "same epoch");
        assert_eq!(read.config, kept.config, "same hyperparameters");
        let bits = |s: &perceptron_lab::nn::Snapshot| -> Vec<u32> {
            let params = s
                .network
                .layers
                .iter()
                .flat_map(|l| l.weights.iter().chain(l.biases.iter()));
            let moments = s.state.moments.iter().flat_map(|m| {
                m.weights
                    .iter()
                    .chain(&m.biases)
                    .chain(&m.weights_sq)
                    .chain(&m.biases_sq)
            });
            params.chain(moments).map(|v| v.to_bits()).collect()
        };
        assert_eq!(bits(read), bits(kept), "epoch {}: same bits", read.epoch);
        assert_eq!(read.state.step, kept.state.step, "same optimizer step");
    }
}

#[test]
fn broken_snapshots_are_refused_with_the_field_named() {
    let (experiment, _) = experiment_with_history();
    let text = experiment.to_ron().unwrap();
    let old = text.replacen(
        &format!("format_version: {SNAPSHOTS_FORMAT_VERSION}"),
        "format_version: 1",
        1,
    );
    assert!(
        error_of(&old).contains("`snapshots`: need format_version 2"),
        "{}",
        error_of(&old)
    );

    let mut late = experiment.clone();
    late.snapshots[6].epoch = 99;
    let message = error_of(&late.to_ron().unwrap());
    assert!(message.contains("snapshots[6].epoch"), "{message}");

    let mut unordered = experiment.clone();
    unordered.snapshots.swap(1, 2);
    let message = error_of(&unordered.to_ron().unwrap());
    assert!(message.contains("snapshots[2].epoch"), "{message}");

    let mut short = experiment.clone();
    short.snapshots[3].layers[0].weights.pop();
    let message = error_of(&short.to_ron().unwrap());
    assert!(message.contains("snapshots[3].layers[0]"), "{message}");

    let mut negative = experiment.clone();
    negative.snapshots[2].optimizer_state.moments[1].biases_sq[0] = -1.0;
    let message = error_of(&negative.to_ron().unwrap());
    assert!(
        message.contains("snapshots[2].optimizer_state.moments[1].biases_sq"),
        "{message}"
    );

    let mut nan = experiment.clone();
    nan.snapshots[4].layers[1].weights[0] = f32::NAN;
    let message = error_of(&nan.to_ron().unwrap());
    assert!(
        message.contains("snapshots[4].layers[1]") && message.contains("NaN"),
        "{message}"
    );
}

#[test]
fn train_history_saves_snapshots_that_open_and_resume_keeps() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.ron");
    let file = path.to_str().unwrap();
    let (code, _, err) = run(&[
        "train",
        "--data",
        "builtin:xor",
        "--hidden",
        "4:tanh",
        "--epochs",
        "12",
        "--seed",
        "3",
        "--save",
        file,
        "--history",
        "--quiet",
    ]);
    assert_eq!(code, 0, "{err}");
    let opened = open_path(&path).unwrap();
    let epochs: Vec<usize> = opened.snapshots.iter().map(|s| s.epoch).collect();
    assert_eq!(epochs, (0..=12).collect::<Vec<_>>(), "one per epoch begun");

    let (code, _, err) = run(&["train", "--resume", file, "--epochs", "3", "--quiet"]);
    assert_eq!(code, 0, "{err}");
    let opened = open_path(&path).unwrap();
    assert_eq!(
        opened.snapshots.last().map(|s| s.epoch),
        Some(15),
        "a resumed file keeps its snapshots and adds the new epochs"
    );
    assert_eq!(opened.snapshots.len(), 16, "none lost on resume");

    let (code, _, err) = run(&["train", "--epochs", "1", "--history"]);
    assert_eq!(code, 2, "--history without a file to save to");
    assert!(
        err.contains("--history") && err.lines().count() == 1,
        "{err}"
    );
}

#[test]
fn compare_json_has_a_and_b_each_like_train_json() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    for (file, hidden, output) in [(a, "", "step"), (b, "4:tanh", "sigmoid")] {
        let (code, _, err) = run(&[
            "train",
            "--data",
            "builtin:xor",
            "--hidden",
            hidden,
            "--output",
            output,
            "--epochs",
            "1",
            "--save",
            file,
            "--quiet",
        ]);
        assert_eq!(code, 0, "{err}");
    }
    let (code, out, err) = run(&["compare", a, b, "--epochs", "5", "--json"]);
    assert_eq!(code, 0, "{err}");
    let j = json(&out);
    let (_, train_out, _) = run(&[
        "train",
        "--data",
        "builtin:xor",
        "--hidden",
        "4:tanh",
        "--output",
        "sigmoid",
        "--epochs",
        "6",
        "--json",
        "--quiet",
    ]);
    let train = json(&train_out);
    for side in ["a", "b"] {
        assert_eq!(j[side]["epochs"], 6, "1 saved + 5 more epochs: {j}");
        let keys = |v: &serde_json::Value| {
            let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
            k.sort();
            k
        };
        assert_eq!(
            keys(&j[side]),
            keys(&train),
            "{side} is a train --json object"
        );
        assert_eq!(
            keys(&j[side]["train"]),
            keys(&train["train"]),
            "{side}.train has the metrics of train --json"
        );
    }
    assert_eq!(
        j["b"], train,
        "B continued on A's data (the same XOR table) is exactly B trained 6 epochs"
    );

    let (code, out, _) = run(&["compare", a, b, "--epochs", "3"]);
    assert_eq!(code, 0);
    assert!(out.contains("A: ") && out.contains("B: "), "{out}");

    let (code, _, err) = run(&[
        "compare",
        a,
        "builtin-example:iris-softmax",
        "--epochs",
        "1",
    ]);
    assert_eq!(code, 2, "B does not fit A's data");
    assert!(
        err.contains("does not fit the data of") && err.lines().count() == 1,
        "{err}"
    );
    let (code, _, err) = run(&["compare", a]);
    assert_eq!(code, 2, "B missing: {err}");
}

#[test]
fn the_shipped_xor_comparison_ends_with_b_right_and_a_wrong() {
    let (code, out, err) = run(&[
        "compare",
        "builtin-comparison:xor-single-vs-multi",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let j = json(&out);
    let accuracy = |side: &str| j[side]["train"]["accuracy"].as_f64().unwrap();
    assert!(accuracy("b") >= 1.0, "the 2-4-1 network solves XOR: {j}");
    assert!(
        accuracy("a") <= 0.75,
        "one line cannot separate XOR: {}",
        accuracy("a")
    );
}

#[test]
fn export_gif_writes_one_frame_per_saved_snapshot() {
    use image::AnimationDecoder as _;

    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("x.ron");
    let gif = dir.path().join("x.gif");
    let (model, gif) = (model.to_str().unwrap(), gif.to_str().unwrap());
    let (code, _, err) = run(&[
        "train",
        "--data",
        "builtin:xor",
        "--hidden",
        "4:tanh",
        "--epochs",
        "9",
        "--save",
        model,
        "--history",
        "--quiet",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run(&["export", model, "--gif", gif]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("10 frames"), "{out}");
    let file = std::fs::File::open(gif).unwrap();
    let frames = image::codecs::gif::GifDecoder::new(std::io::BufReader::new(file))
        .unwrap()
        .into_frames()
        .collect_frames()
        .unwrap();
    assert_eq!(frames.len(), 10, "epochs 0 to 9");

    let plain = dir.path().join("plain.ron");
    let plain = plain.to_str().unwrap();
    run(&["train", "--epochs", "1", "--save", plain, "--quiet"]);
    let (code, _, err) = run(&["export", plain, "--gif", gif]);
    assert_eq!(code, 2, "nothing to animate");
    assert!(
        err.contains("--history") && err.lines().count() == 1,
        "{err}"
    );
}
