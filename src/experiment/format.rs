//! The experiment file's format: the serde structs of one RON file (architecture,
//! hyperparameters, data source, weights, optimizer state, cursor, history) and the
//! format version.

use serde::{Deserialize, Serialize};

use crate::data::{DataSpec, Dataset};
use crate::nn::{Activation, Architecture, Cursor, EpochRecord, LayerSpec, TrainConfig};

/// The format version this build writes; files with a larger version are refused.
pub const FORMAT_VERSION: u32 = 1;

/// One layer as written in the file: readable rows of weights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedLayer {
    /// Number of neurons.
    pub width: usize,
    /// Activation function.
    pub activation: Activation,
    /// `weights[j][i]`: from input i to neuron j. Empty: initialise from the seed.
    #[serde(default)]
    pub weights: Vec<Vec<f32>>,
    /// One per neuron. Empty: initialise from the seed.
    #[serde(default)]
    pub biases: Vec<f32>,
}

/// One layer's optimizer moments, flattened row-major like the weights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedMoments {
    /// First moment of the weights.
    pub weights: Vec<f32>,
    /// First moment of the biases.
    pub biases: Vec<f32>,
    /// Second moment of the weights (Adam only).
    #[serde(default)]
    pub weights_sq: Vec<f32>,
    /// Second moment of the biases (Adam only).
    #[serde(default)]
    pub biases_sq: Vec<f32>,
}

/// The optimizer's memory as written in the file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedOptimizer {
    /// Updates applied so far.
    pub step: u64,
    /// Per layer (empty for SGD and the perceptron rule).
    #[serde(default)]
    pub moments: Vec<SavedMoments>,
}

/// The samples themselves, for a file that must work without its CSV.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmbeddedData {
    /// Training set, preprocessed.
    pub train: Dataset,
    /// Test set, preprocessed.
    pub test: Option<Dataset>,
}

/// Everything about one experiment, as stored in a `.ron` file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Experiment {
    /// Version of this format ([`FORMAT_VERSION`] when written by this build).
    pub format_version: u32,
    /// A short title.
    #[serde(default)]
    pub name: String,
    /// What the experiment shows and what to watch for (English).
    #[serde(default)]
    pub notes: String,
    /// The same in Korean.
    #[serde(default)]
    pub notes_ko: String,
    /// Where the data comes from and how it is split.
    pub data: DataSpec,
    /// The samples, when saved with `--embed-data`.
    #[serde(default)]
    pub embedded_data: Option<EmbeddedData>,
    /// Number of input features.
    pub inputs: usize,
    /// Hidden layers then the output layer, with their weights.
    pub layers: Vec<SavedLayer>,
    /// Hyperparameters.
    pub training: TrainConfig,
    /// Optimizer state (momentum, Adam moments).
    #[serde(default)]
    pub optimizer_state: SavedOptimizer,
    /// Where training stands.
    #[serde(default)]
    pub cursor: Cursor,
    /// One record per completed epoch.
    #[serde(default)]
    pub history: Vec<EpochRecord>,
}

impl Experiment {
    /// The architecture described by `inputs` and `layers`.
    pub fn architecture(&self) -> Architecture {
        Architecture {
            inputs: self.inputs,
            layers: self
                .layers
                .iter()
                .map(|l| LayerSpec {
                    width: l.width,
                    activation: l.activation,
                })
                .collect(),
        }
    }

    /// The class names, when the samples are embedded in the file.
    pub fn embedded_classes(&self) -> Option<Vec<String>> {
        self.embedded_data
            .as_ref()
            .and_then(|d| d.train.class_names().map(<[String]>::to_vec))
    }
}
