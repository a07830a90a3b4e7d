//! The options of `train`, `inspect`, `export` and `bench`, as clap parses them.

use std::ffi::OsString;
use std::ops::Bound::{self, Excluded, Included};
use std::ops::RangeBounds as _;
use std::path::PathBuf;

use clap::Args;

use super::data_cmd::ImportFlags;
use crate::data::MAX_TEST_FRACTION;
use crate::data::builtin::{MAX_GENERATED_SAMPLES, MAX_NOISE};
use crate::nn::MAX_LEARNING_RATE;

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Workload: spiral-tiny, digits, mnist-scale, serve (the iris model over HTTP), or
    /// csv-import (a generated MNIST-shaped CSV read as `data describe` reads it).
    #[arg(long, default_value = "spiral-tiny")]
    pub workload: String,
    /// serve: keep-alive connections sending requests.
    #[arg(long, default_value_t = 32)]
    pub connections: usize,
    /// serve: requests in all.
    #[arg(long, default_value_t = 20_000)]
    pub requests: usize,
    /// serve: iris rows per request (default 1); csv-import: rows of the generated file
    /// (default 60000).
    #[arg(long)]
    pub rows: Option<usize>,
    /// serve: worker threads of the server (0: one per core).
    #[arg(long, default_value_t = 0)]
    pub server_threads: usize,
    /// Runs to take the median of, 1 to 100.
    #[arg(long, default_value_t = 3, allow_negative_numbers = true, value_parser = repeat)]
    pub repeat: usize,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Instead: time the 200×200 decision-boundary grid plus 64×64 maps for every hidden
    /// neuron of a 2-8-8-2 network (what the network view redraws live).
    #[arg(long, conflicts_with = "frame")]
    pub boundary: bool,
    /// Instead: time building the edge mesh of an 8×64 network view (one frame's drawing).
    #[arg(long)]
    pub frame: bool,
    /// frame: the network's layer widths, inputs first (e.g. 784,128,64,10; a square input
    /// count is drawn as a picture).
    #[arg(long, requires = "frame")]
    pub net: Option<String>,
}

#[derive(Debug, Args)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent command-line switches"
)]
pub struct TrainArgs {
    /// Dataset: builtin:xor|circle|gauss|spiral|moons|linear (generated),
    /// builtin:iris|wine|breast_cancer|digits|titanic|penguins|spambase (bundled), or FILE.csv
    /// (default: builtin:xor).
    #[arg(long)]
    pub data: Option<OsString>,
    #[command(flatten)]
    pub import: ImportFlags,
    /// Number of samples to generate, 4 to 1000000 (XOR without it: the 4-row truth table).
    #[arg(long, allow_negative_numbers = true, value_parser = samples)]
    pub samples: Option<usize>,
    /// Standard deviation of the noise added to generated points, 0 to 10 (default 0).
    #[arg(long, allow_negative_numbers = true, value_parser = noise)]
    pub noise: Option<f32>,
    /// Hidden layers as WIDTH:ACTIVATION, comma-separated; "" for none (a single-layer perceptron).
    /// Default: 8:tanh, or a size that suits the bundled dataset.
    #[arg(long)]
    pub hidden: Option<String>,
    /// Output activation: sigmoid, softmax, linear, step, tanh, relu or leaky_relu (default:
    /// follows the task).
    #[arg(long)]
    pub output: Option<String>,
    /// Loss: mse, bce or ce (default: bce for sigmoid, ce for softmax, mse otherwise).
    #[arg(long)]
    pub loss: Option<String>,
    /// Optimizer: sgd, momentum, adam or perceptron (default: adam; perceptron for a step output).
    #[arg(long)]
    pub optimizer: Option<String>,
    /// Learning rate, above 0 and at most 1000000 (default: 0.1 for sgd/momentum, 0.01 for
    /// adam, 1 for perceptron).
    #[arg(long, allow_negative_numbers = true, value_parser = learning_rate)]
    pub lr: Option<f32>,
    /// L2 weight decay, 0 to 10 (default 0).
    #[arg(long, allow_negative_numbers = true, value_parser = l2)]
    pub l2: Option<f32>,
    /// Samples per update, 1 to 1000000 (1 = pure SGD; default 32).
    #[arg(long, allow_negative_numbers = true, value_parser = batch)]
    pub batch: Option<usize>,
    /// Epochs to train, 0 to 1000000.
    #[arg(long, default_value_t = 100, allow_negative_numbers = true, value_parser = epochs)]
    pub epochs: usize,
    /// Seed of the data, split, weights and shuffling (default 1).
    #[arg(long, allow_negative_numbers = true, value_parser = seed)]
    pub seed: Option<u64>,
    /// Fraction of samples held out for testing, at least 0 and below 0.95 (default 0.2; 0 for
    /// the XOR truth table).
    #[arg(long, allow_negative_numbers = true, value_parser = test_fraction)]
    pub test_fraction: Option<f32>,
    /// Continue a saved experiment for --epochs more epochs (--lr, --batch and --l2 may
    /// change; the data and the network may not).
    #[arg(long)]
    pub resume: Option<PathBuf>,
    /// Save the experiment to this RON file (with --resume and no --save, the resumed file is updated).
    #[arg(long)]
    pub save: Option<PathBuf>,
    /// Store the samples inside the saved file (a resumed file that has them keeps them).
    #[arg(long)]
    pub embed_data: bool,
    /// Save the experiment even if training diverged (otherwise a diverged run saves nothing).
    #[arg(long)]
    pub save_diverged: bool,
    /// Print the final metrics as one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
    /// No progress lines on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    /// Store in the saved file a snapshot of the weights and optimizer state at the start of
    /// every epoch (older epochs thinned to fit), to rewind to or compare from.
    #[arg(long)]
    pub history: bool,
}

/// Most epochs one `train` runs.
pub const MAX_EPOCHS: u64 = 1_000_000;
/// Largest `--batch` (a batch larger than the data is the whole data).
pub const MAX_BATCH: u64 = 1_000_000;
/// Largest L2 weight decay (the engine's limit).
const MAX_L2: f32 = 10.0;

/// A whole number in `range`, or a message naming the range.
fn whole_in(text: &str, range: std::ops::RangeInclusive<u64>) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(format!(
            "must be a whole number from {} to {}, got {text}",
            range.start(),
            range.end()
        )),
    }
}

/// A finite number within `range`, or a message naming the range.
fn number_in(text: &str, range: (Bound<f32>, Bound<f32>)) -> Result<f32, String> {
    let low = match range.0 {
        Bound::Included(low) => format!("at least {low}"),
        Bound::Excluded(low) => format!("above {low}"),
        Bound::Unbounded => "a number".to_owned(),
    };
    let high = match range.1 {
        Bound::Included(high) => format!(" and at most {high}"),
        Bound::Excluded(high) => format!(" and below {high}"),
        Bound::Unbounded => String::new(),
    };
    match text.trim().parse::<f32>() {
        Ok(x) if x.is_finite() && range.contains(&x) => Ok(x),
        _ => Err(format!("must be {low}{high}, got {text}")),
    }
}

fn samples(text: &str) -> Result<usize, String> {
    whole_in(text, 4..=MAX_GENERATED_SAMPLES as u64).map(|n| n as usize)
}

fn batch(text: &str) -> Result<usize, String> {
    whole_in(text, 1..=MAX_BATCH).map(|n| n as usize)
}

fn epochs(text: &str) -> Result<usize, String> {
    whole_in(text, 0..=MAX_EPOCHS).map(|n| n as usize)
}

fn seed(text: &str) -> Result<u64, String> {
    whole_in(text, 0..=u64::MAX)
}

fn noise(text: &str) -> Result<f32, String> {
    number_in(text, (Included(0.0), Included(MAX_NOISE)))
}

fn learning_rate(text: &str) -> Result<f32, String> {
    number_in(text, (Excluded(0.0), Included(MAX_LEARNING_RATE)))
}

fn l2(text: &str) -> Result<f32, String> {
    number_in(text, (Included(0.0), Included(MAX_L2)))
}

fn test_fraction(text: &str) -> Result<f32, String> {
    number_in(text, (Included(0.0), Excluded(MAX_TEST_FRACTION)))
}

fn repeat(text: &str) -> Result<usize, String> {
    whole_in(text, 1..=100).map(|n| n as usize)
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// A saved experiment (.ron) or builtin-example:NAME.
    pub model: PathBuf,
    /// The sample's feature values, comma-separated, raw as in the data (centimetres, category
    /// names); the model's saved preprocessing turns them into the network's inputs.
    #[arg(long, allow_hyphen_values = true)]
    pub input: String,
    /// The --input values are already preprocessed: they enter z = w·x + b as given.
    #[arg(long)]
    pub scaled: bool,
    /// The true class (name or index) or value; default: the predicted class.
    #[arg(long, allow_hyphen_values = true)]
    pub label: Option<String>,
    /// Print JSON (otherwise a readable table).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A saved experiment (.ron).
    pub model: PathBuf,
    /// Print the experiment as JSON on stdout (the default).
    #[arg(long, conflicts_with = "pytorch")]
    pub json: bool,
    /// Instead, write a runnable PyTorch export into this folder: model.py,
    /// weights.safetensors, README.md and the training and test rows as CSV.
    #[arg(long, value_name = "OUT_DIR")]
    pub pytorch: Option<PathBuf>,
    /// Instead, write the training history as CSV: one row per completed epoch.
    #[arg(long, value_name = "OUT", conflicts_with_all = ["json", "pytorch"])]
    pub history_csv: Option<PathBuf>,
    /// Instead (or as well as --history-csv), write the confusion matrix as CSV, with
    /// per-class precision, recall and F1 (classification only).
    #[arg(long, value_name = "OUT", conflicts_with_all = ["json", "pytorch"])]
    pub confusion_csv: Option<PathBuf>,
    /// Which split --confusion-csv counts.
    #[arg(long, value_enum, default_value_t = Split::Train, requires = "confusion_csv")]
    pub split: Split,
    /// Instead, write the decision boundary at every saved snapshot (`train --history`) as an
    /// animated GIF, the epoch written on each frame (2-feature data only).
    #[arg(long, value_name = "OUT.gif", conflicts_with_all = ["json", "pytorch"])]
    pub gif: Option<PathBuf>,
}

/// The training or the test split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Split {
    /// The training set.
    Train,
    /// The test set.
    Test,
}
