//! Experiment files: bit-exact round trips, exact resume, a corpus of broken files, atomic
//! saves, and a fuzz test of the loader.

use perceptron_lab::data::builtin::Generator;
use perceptron_lab::data::{DataSource, DataSpec};
use perceptron_lab::experiment::{EXAMPLES, Experiment, ExperimentError, FORMAT_VERSION};
use perceptron_lab::nn::{
    Activation, Architecture, LayerSpec, Loss, Network, Optimizer, TrainConfig, Trainer,
};
use proptest::prelude::*;

fn spec() -> DataSpec {
    DataSpec {
        source: DataSource::Generator {
            kind: Generator::Spiral,
            samples: Some(120),
            noise: 0.1,
            seed: 4,
        },
        test_fraction: 0.25,
        split_seed: 4,
    }
}

fn trainer(optimizer: Optimizer, batch_size: usize) -> Trainer {
    let data = spec().load().unwrap();
    let arch = Architecture {
        inputs: 2,
        layers: vec![
            LayerSpec {
                width: 6,
                activation: Activation::Tanh,
            },
            LayerSpec {
                width: 4,
                activation: Activation::Relu,
            },
            LayerSpec {
                width: 2,
                activation: Activation::Softmax,
            },
        ],
    };
    let config = TrainConfig {
        loss: Loss::Ce,
        optimizer,
        learning_rate: 0.02,
        l2: 1e-4,
        batch_size,
        seed: 11,
    };
    Trainer::new(
        Network::new(&arch, 11).unwrap(),
        config,
        data.train,
        data.test,
    )
    .unwrap()
}

fn bits(network: &Network) -> Vec<u32> {
    network
        .layers
        .iter()
        .flat_map(|l| l.weights.iter().chain(l.biases.iter()).map(|v| v.to_bits()))
        .collect()
}

fn reload(t: &Trainer) -> Trainer {
    let text = Experiment::from_trainer(t, spec(), false).to_ron().unwrap();
    let loaded = Experiment::from_ron(&text, "test.ron").unwrap();
    loaded.restore().unwrap().trainer.unwrap()
}

#[test]
fn f32_values_round_trip_bit_for_bit() {
    let mut t = trainer(Optimizer::ADAM, 8);
    t.step_epoch().unwrap();
    let experiment = Experiment::from_trainer(&t, spec(), true);
    let loaded = Experiment::from_ron(&experiment.to_ron().unwrap(), "x.ron").unwrap();
    assert_eq!(
        loaded, experiment,
        "every field, including f32 weights and embedded data, survives"
    );
    assert_eq!(
        bits(&loaded.network()),
        bits(t.network()),
        "weights bit for bit"
    );
    // Awkward values: subnormals, extremes, negative zero.
    let mut e = experiment.clone();
    e.layers[0].weights[0] = vec![f32::MIN_POSITIVE / 3.0, -0.0];
    e.layers[0].weights[1] = vec![f32::MAX, 1.0e-38];
    let back = Experiment::from_ron(&e.to_ron().unwrap(), "x.ron").unwrap();
    let got: Vec<u32> = back.layers[0].weights[..2]
        .iter()
        .flatten()
        .map(|v| v.to_bits())
        .collect();
    let want: Vec<u32> = e.layers[0].weights[..2]
        .iter()
        .flatten()
        .map(|v| v.to_bits())
        .collect();
    assert_eq!(got, want, "subnormal, -0, MAX survive");
}

#[test]
fn resume_is_bitwise_exact_for_every_optimizer() {
    for optimizer in [Optimizer::Sgd, Optimizer::MOMENTUM, Optimizer::ADAM] {
        let mut straight = trainer(optimizer, 8);
        let mut first = trainer(optimizer, 8);
        for _ in 0..5 {
            straight.step_epoch().unwrap();
        }
        for _ in 0..2 {
            first.step_epoch().unwrap();
        }
        // Stop in the middle of an epoch and in the middle of a mini-batch, too.
        first.step_batch().unwrap();
        first.step_sample().unwrap();
        first.step_sample().unwrap();
        let mut resumed = reload(&first);
        assert_eq!(
            resumed.cursor(),
            first.cursor(),
            "{optimizer}: the cursor is restored"
        );
        while resumed.history().len() < 5 {
            resumed.step_epoch().unwrap();
        }
        assert_eq!(
            bits(resumed.network()),
            bits(straight.network()),
            "{optimizer}: 2½ + 2½ epochs = 5 epochs, bit for bit"
        );
        assert_eq!(
            resumed.history(),
            straight.history(),
            "{optimizer}: same history"
        );
    }
}

#[test]
fn every_example_loads_trains_and_round_trips() {
    for (name, text) in EXAMPLES {
        let e = Experiment::open(&format!("builtin-example:{name}")).unwrap();
        let mut recipe = Experiment::from_ron(text, name).unwrap();
        recipe.fit_missing_preprocessing();
        assert_eq!(
            &recipe, &e,
            "{name}: opens by name, with the preprocessing fitted on its split"
        );
        assert!(
            !e.notes.is_empty() && !e.notes_ko.is_empty(),
            "{name}: notes in English and Korean"
        );
        let mut t = e.restore().unwrap().trainer.unwrap();
        t.step_epoch().unwrap();
        let saved = Experiment::from_trainer(&t, e.data.clone(), false);
        let back = Experiment::from_ron(&saved.to_ron().unwrap(), name).unwrap();
        assert_eq!(back, saved, "{name}: round trip after training");
    }
    assert!(
        Experiment::open("builtin-example:nope").is_err(),
        "unknown example"
    );
}

fn saved_text() -> String {
    let mut t = trainer(Optimizer::ADAM, 8);
    t.step_epoch().unwrap();
    Experiment::from_trainer(&t, spec(), false)
        .to_ron()
        .unwrap()
}

fn error_of(text: &str) -> String {
    match Experiment::from_ron(text, "broken.ron") {
        Ok(_) => panic!(
            "this file must be refused:\n{}",
            &text[..text.len().min(300)]
        ),
        Err(e) => e.to_string(),
    }
}

#[test]
fn truncated_files_are_refused_at_every_tenth() {
    let text = saved_text();
    for tenth in 0..10 {
        let cut = text.len() * tenth / 10;
        let cut = (0..=cut)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        let message = error_of(&text[..cut]);
        assert!(message.contains("broken.ron"), "names the file: {message}");
    }
}

#[test]
fn broken_files_get_errors_naming_the_problem() {
    let text = saved_text();
    let cases: Vec<(String, &str)> = vec![
        (
            text.replacen("format_version: 1", "format_version: 99", 1),
            "newer",
        ),
        (
            text.replacen("width: 6", "width: 7", 1),
            "layers[0].weights",
        ),
        (text.replacen("width: 6", "width: 1000000000", 1), "4096"),
        (
            text.replacen("inputs: 2", "inputs: 3", 1),
            "layers[0].weights[0]",
        ),
        (
            text.replacen("learning_rate: 0.02", "learning_rate: -1.0", 1),
            "learning",
        ),
        (
            text.replacen("optimizer: Adam(", "optimizer: Adamm(", 1),
            "Adamm",
        ),
        (
            text.replacen(
                "format_version: 1,",
                "format_version: 1, colour: \"red\",",
                1,
            ),
            "colour",
        ),
        (text.replacen("    inputs: 2,\n", "", 1), "inputs"),
        (text.replacen("moments: [", "moments: [], x: [", 1), "x"),
    ];
    for (broken, expected) in cases {
        let message = error_of(&broken);
        assert!(
            message.contains(expected),
            "expected '{expected}' in: {message}"
        );
    }
    // NaN weights: replace the first weight value with NaN.
    let start = text.find("weights: [").unwrap();
    let row = text[start..].find("[\n").map_or(start, |i| start + i);
    let value_start = text[row + 1..]
        .find(|c: char| c == '-' || c.is_ascii_digit())
        .unwrap()
        + row
        + 1;
    let value_end = text[value_start..].find(',').unwrap() + value_start;
    let nan = format!("{}NaN{}", &text[..value_start], &text[value_end..]);
    let message = error_of(&nan);
    assert!(message.contains("NaN"), "NaN weights are named: {message}");
    assert!(
        matches!(
            Experiment::from_ron(
                &text.replacen("format_version: 1", "format_version: 99", 1),
                "f"
            ),
            Err(ExperimentError::TooNew { found: 99, .. })
        ),
        "newer version has its own error"
    );
    assert_eq!(
        FORMAT_VERSION, 1,
        "this test corpus is written for version 1"
    );
}

#[test]
fn files_without_newer_optional_fields_still_load() {
    // A minimal hand-written file: no history, cursor, optimizer state or weights.
    let text = EXAMPLES[1].1;
    let e = Experiment::from_ron(text, "min.ron").unwrap();
    assert!(
        e.history.is_empty() && e.cursor.epoch == 0,
        "absent fields default"
    );
}

#[test]
fn a_failed_save_leaves_the_previous_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("week3.ron");
    let t = trainer(Optimizer::Sgd, 8);
    let experiment = Experiment::from_trainer(&t, spec(), false);
    experiment.save(&path).unwrap();
    let before = std::fs::read(&path).unwrap();
    // Block the temporary file: a directory sits where it would be created.
    let blocker = dir
        .path()
        .join(format!(".week3.ron.{}.tmp", std::process::id()));
    std::fs::create_dir(&blocker).unwrap();
    let mut changed = experiment.clone();
    changed.name = "changed".into();
    let error = changed.save(&path).unwrap_err().to_string();
    assert!(
        error.contains("unchanged"),
        "the error says the old file is safe: {error}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the previous file is intact"
    );
    std::fs::remove_dir(&blocker).unwrap();
    changed.save(&path).unwrap();
    assert_eq!(
        Experiment::load(&path).unwrap().name,
        "changed",
        "a later save succeeds"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no temporary files left behind: {leftovers:?}"
    );
    // Saving into a folder that does not exist fails cleanly.
    assert!(
        experiment.save(&dir.path().join("missing/x.ron")).is_err(),
        "missing folder"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn random_bytes_never_panic_the_loader(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = Experiment::from_ron(&text, "fuzz.ron");
    }

    #[test]
    fn mutated_files_never_panic_the_loader(position in 0usize..4000, byte in any::<u8>(), cut in 0usize..4000) {
        let mut bytes = EXAMPLES[2].1.as_bytes().to_vec();
        let p = position % bytes.len();
        bytes[p] = byte;
        bytes.truncate(bytes.len() - cut % bytes.len() / 4);
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(e) = Experiment::from_ron(&text, "fuzz.ron") {
            // Whatever loads must be usable without panicking either.
            let _ = e.restore();
        }
    }
}

#[test]
fn a_class_list_that_does_not_fit_the_output_layer_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("iris.ron");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_perceptron-lab"))
        .args([
            "train",
            "--data",
            "builtin:iris",
            "--epochs",
            "1",
            "-q",
            "--save",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert!(status.status.success(), "train --save on iris");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        Experiment::from_ron(&text, "iris.ron").is_ok(),
        "the saved file loads"
    );
    let broken = text.replacen("\"virginica\"", "\"virginica\", \"rosa\"", 1);
    assert_ne!(broken, text, "the class list was edited");
    let message = error_of(&broken);
    assert!(
        message.contains("4 classes") && message.contains("output layer"),
        "names the mismatch: {message}"
    );
}
