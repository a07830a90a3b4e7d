//! Fuzzing both loaders from a fixed seed: a few thousand small mutations of valid CSV and
//! experiment files (bytes replaced, structural tokens and absurd numbers inserted, pieces
//! deleted, duplicated or cut off). Whatever the input, the loader refuses it or loads it; a
//! refusal is one line that quotes no more than an excerpt of the file; whatever loads can be
//! trained and drawn without a panic. Inputs stay small, so each case is little work.

use std::path::Path;

use perceptron_lab::data::builtin::Generator;
use perceptron_lab::data::{
    DataSource, DataSpec, ImportOptions, MissingPolicy, RawTable, Scale, import_table,
};
use perceptron_lab::experiment::Experiment;
use perceptron_lab::nn::{
    Activation, Architecture, Loss, Network, Optimizer, TrainConfig, Trainer,
};
use perceptron_lab::session::{PlaneBounds, decision_grid};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

/// Largest input tried, in bytes.
const MAX_INPUT: usize = 16 * 1024;

/// Tokens inserted by the mutations: structure, quoting and numbers at the edges.
const TOKENS: &[&str] = &[
    ",",
    ";",
    "\t",
    "\"",
    "\n",
    "\r\n",
    "(",
    ")",
    "[",
    "]",
    "?",
    "NA",
    "-1",
    "0",
    "1e40",
    "1e309",
    "inf",
    "-inf",
    "NaN",
    "18446744073709551615",
    "4096",
    "99999999",
    "Some(",
    "None",
    "\"\"",
    "[]",
    "()",
    ":",
    "é",
    "\u{feff}",
];

/// One edit of a file: (position, what to do, a byte or a token index, a length).
type Edit = (usize, u8, u8, usize);

fn config(cases: u32) -> Config {
    Config {
        cases,
        rng_seed: RngSeed::Fixed(17),
        failure_persistence: None,
        ..Config::default()
    }
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    proptest::collection::vec((any::<usize>(), 0u8..20, any::<u8>(), 1usize..200), 1..5)
}

/// Numbers at the edges, put in place of a number of the file.
const NUMBERS: &[&str] = &[
    "-1",
    "0",
    "1e40",
    "1e309",
    "-inf",
    "NaN",
    "18446744073709551615",
    "4097",
    "99999999",
    "5.0",
    "-0.5",
    "3",
    "100001",
];

/// Applies `edits` to `bytes`, keeping the result under [`MAX_INPUT`]. Most edits keep the
/// file's structure (a character or a number replaced), some break it.
fn mutate(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for &(at, op, value, len) in edits {
        let at = if bytes.is_empty() {
            0
        } else {
            at % bytes.len()
        };
        match op {
            0..=5 if !bytes.is_empty() => bytes[at] = b' ' + value % 95,
            6..=7 if !bytes.is_empty() => bytes[at] = value,
            8..=11 => {
                let token = TOKENS[usize::from(value) % TOKENS.len()].as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
            12..=13 => {
                let end = (at + len % 20 + 1).min(bytes.len());
                bytes.drain(at..end);
            }
            14..=15 => {
                let end = (at + len).min(bytes.len());
                let piece = bytes[at..end].repeat(usize::from(value % 8) + 1);
                bytes.splice(at..at, piece);
            }
            16..=18 => {
                // The number at or after `at`, replaced.
                let Some(start) = bytes[at..].iter().position(u8::is_ascii_digit) else {
                    continue;
                };
                let start = at + start;
                let end = bytes[start..]
                    .iter()
                    .position(|b| !(b.is_ascii_digit() || *b == b'.' || *b == b'e' || *b == b'-'))
                    .map_or(bytes.len(), |n| start + n);
                let number = NUMBERS[usize::from(value) % NUMBERS.len()].as_bytes();
                bytes.splice(start..end, number.iter().copied());
            }
            19 => bytes.truncate(at),
            _ => {}
        }
        bytes.truncate(MAX_INPUT);
    }
    bytes
}

/// A refusal is one line and quotes no whole long line of the input.
fn assert_one_line(message: &str, input: &[u8]) {
    assert!(
        !message.contains('\n') && !message.contains('\r'),
        "one line: {message}"
    );
    let text = String::from_utf8_lossy(input);
    for line in text.lines().filter(|l| l.trim().len() > 80) {
        assert!(
            !message.contains(line.trim()),
            "a whole line of the file in the message: {message}"
        );
    }
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/csv")
            .join(name),
    )
    .unwrap()
}

/// Imports `bytes` under a few option sets; every refusal is checked.
fn import_any(bytes: &[u8]) {
    let table = match RawTable::from_bytes(bytes, "fuzz.csv") {
        Ok(table) => table,
        Err(e) => return assert_one_line(&e.to_string(), bytes),
    };
    let options = [
        ImportOptions::default(),
        ImportOptions {
            missing: MissingPolicy::Drop,
            scale: Scale::MinMax,
            ..ImportOptions::default()
        },
        ImportOptions {
            target: table.headers.first().cloned(),
            ..ImportOptions::default()
        },
    ];
    for (i, options) in options.iter().enumerate() {
        let fraction = if i == 0 { 0.3 } else { 0.0 };
        if let Err(e) = import_table(&table, options, None, fraction, 1) {
            assert_one_line(&e.to_string(), bytes);
        }
    }
}

/// A small valid experiment with every part present: Adam state, history, embedded samples.
fn experiment_text() -> String {
    let spec = DataSpec {
        source: DataSource::Generator {
            kind: Generator::Spiral,
            samples: Some(24),
            noise: 0.1,
            seed: 2,
        },
        test_fraction: 0.25,
        split_seed: 2,
    };
    let data = spec.load().unwrap();
    let arch = Architecture::of(2, &[(3, Activation::Tanh), (2, Activation::Softmax)]);
    let config = TrainConfig {
        loss: Loss::Ce,
        optimizer: Optimizer::ADAM,
        learning_rate: 0.05,
        l2: 0.0,
        batch_size: 4,
        seed: 3,
    };
    let mut t = Trainer::new(
        Network::new(&arch, 3).unwrap(),
        config,
        data.train,
        data.test,
    )
    .unwrap();
    t.step_epoch().unwrap();
    t.step_sample().unwrap();
    Experiment::from_trainer(&t, spec, true).to_ron().unwrap()
}

/// Loads `bytes` as an experiment; a refusal is checked, a file that loads is trained and
/// its decision grid drawn (what the app does with it first).
fn load_any(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let experiment = match Experiment::from_ron(&text, "fuzz.ron") {
        Ok(e) => e,
        Err(e) => return assert_one_line(&e.to_string(), bytes),
    };
    let Ok(restored) = experiment.restore() else {
        return;
    };
    let Some(mut trainer) = restored.trainer else {
        return;
    };
    let _ = trainer.step_batch();
    let train = trainer.train_data();
    if let Some(bounds) = PlaneBounds::around([train]) {
        let grid = decision_grid(trainer.network(), &bounds, 8);
        assert_eq!(grid.classes.len(), 64, "a class for every pixel");
        let names = &train.feature_names;
        assert!(names.len() >= 2, "the plane's axes have names: {names:?}");
    }
}

proptest! {
    #![proptest_config(config(1500))]

    #[test]
    fn mutated_csvs_are_loaded_or_refused_in_one_line(file in 0usize..6, edits in edits()) {
        let files = ["missing.csv", "korean.csv", "quoted_commas.csv", "semicolon.csv", "numeric_classes.csv", "bom.csv"];
        import_any(&mutate(fixture(files[file]), &edits));
    }
}

thread_local! {
    static EXPERIMENT: String = experiment_text();
}

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn mutated_experiments_are_loaded_or_refused_in_one_line(edits in edits()) {
        let bytes = EXPERIMENT.with(|t| t.as_bytes().to_vec());
        load_any(&mutate(bytes, &edits));
    }

    #[test]
    fn experiments_with_absurd_numbers_are_loaded_or_refused_in_one_line(
        edits in proptest::collection::vec((any::<usize>(), 16u8..19, any::<u8>(), Just(1usize)), 1..4),
    ) {
        let bytes = EXPERIMENT.with(|t| t.as_bytes().to_vec());
        load_any(&mutate(bytes, &edits));
    }
}
