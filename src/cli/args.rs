//! The options of `train`, `inspect`, `export` and `bench`, as clap parses them.

use std::path::PathBuf;

use clap::Args;

use super::data_cmd::ImportFlags;

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Workload: spiral-tiny, digits, mnist-scale, or serve (the iris model over HTTP).
    #[arg(long, default_value = "spiral-tiny")]
    pub workload: String,
    /// serve: keep-alive connections sending requests.
    #[arg(long, default_value_t = 32)]
    pub connections: usize,
    /// serve: requests in all.
    #[arg(long, default_value_t = 20_000)]
    pub requests: usize,
    /// serve: iris rows per request.
    #[arg(long, default_value_t = 1)]
    pub rows: usize,
    /// serve: worker threads of the server (0: one per core).
    #[arg(long, default_value_t = 0)]
    pub server_threads: usize,
    /// Runs to take the median of.
    #[arg(long, default_value_t = 3)]
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
}

#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Dataset: builtin:xor|circle|gauss|spiral|moons|linear (generated),
    /// builtin:iris|wine|breast_cancer|digits|titanic|penguins|spambase (bundled), or FILE.csv.
    #[arg(long, default_value = "builtin:xor")]
    pub data: String,
    #[command(flatten)]
    pub import: ImportFlags,
    /// Number of samples to generate (XOR without it: the 4-row truth table).
    #[arg(long)]
    pub samples: Option<usize>,
    /// Standard deviation of the noise added to generated points.
    #[arg(long, default_value_t = 0.0)]
    pub noise: f32,
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
    /// Learning rate (default: 0.1 for sgd/momentum, 0.01 for adam, 1 for perceptron).
    #[arg(long)]
    pub lr: Option<f32>,
    /// L2 weight decay.
    #[arg(long, default_value_t = 0.0)]
    pub l2: f32,
    /// Samples per update (1 = pure SGD).
    #[arg(long, default_value_t = 32)]
    pub batch: usize,
    /// Epochs to train.
    #[arg(long, default_value_t = 100)]
    pub epochs: usize,
    /// Seed of the data, split, weights and shuffling.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Fraction of samples held out for testing (default 0.2; 0 for the XOR truth table).
    #[arg(long)]
    pub test_fraction: Option<f32>,
    /// Continue a saved experiment for --epochs more epochs.
    #[arg(long)]
    pub resume: Option<PathBuf>,
    /// Save the experiment to this RON file (with --resume and no --save, the resumed file is updated).
    #[arg(long)]
    pub save: Option<PathBuf>,
    /// Store the samples inside the saved file.
    #[arg(long)]
    pub embed_data: bool,
    /// Print the final metrics as one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
    /// No progress lines on stderr.
    #[arg(long, short)]
    pub quiet: bool,
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
}
