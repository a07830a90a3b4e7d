//! The experiment file's format: the serde structs of one RON file (architecture,
//! hyperparameters, data source, weights, optimizer state, cursor, history) and the
//! format version.

use serde::{Deserialize, Serialize};

use super::caps;
use crate::data::{DataSpec, Dataset};
use crate::nn::{Activation, Architecture, Cursor, EpochRecord, LayerSpec, TrainConfig};

/// Most snapshots one file holds.
pub const MAX_SNAPSHOTS: usize = 100_000;

/// The format version this build writes for a file without snapshots.
pub const FORMAT_VERSION: u32 = 1;

/// The format version of a file with snapshots (`train --history`): the newest this build
/// reads; files with a larger version are refused.
pub const SNAPSHOTS_FORMAT_VERSION: u32 = 2;

/// One layer as written in the file: readable rows of weights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedLayer {
    /// Number of neurons.
    pub width: usize,
    /// Activation function.
    pub activation: Activation,
    /// `weights[j][i]`: from input i to neuron j. Empty: initialise from the seed.
    #[serde(default, deserialize_with = "caps::weight_rows")]
    pub weights: Vec<Vec<f32>>,
    /// One per neuron. Empty: initialise from the seed.
    #[serde(default, deserialize_with = "caps::biases")]
    pub biases: Vec<f32>,
}

/// One layer's optimizer moments, flattened row-major like the weights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedMoments {
    /// First moment of the weights.
    #[serde(deserialize_with = "caps::moment_values")]
    pub weights: Vec<f32>,
    /// First moment of the biases.
    #[serde(deserialize_with = "caps::biases")]
    pub biases: Vec<f32>,
    /// Second moment of the weights (Adam only).
    #[serde(default, deserialize_with = "caps::moment_values")]
    pub weights_sq: Vec<f32>,
    /// Second moment of the biases (Adam only).
    #[serde(default, deserialize_with = "caps::biases")]
    pub biases_sq: Vec<f32>,
}

/// The optimizer's memory as written in the file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedOptimizer {
    /// Updates applied so far.
    pub step: u64,
    /// Per layer (empty for SGD and the perceptron rule).
    #[serde(default, deserialize_with = "caps::layers")]
    pub moments: Vec<SavedMoments>,
}

/// One layer's parameters in a snapshot, flattened row-major.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedParameters {
    /// `weights[j * inputs + i]`: from input i to neuron j.
    #[serde(deserialize_with = "caps::moment_values")]
    pub weights: Vec<f32>,
    /// One per neuron.
    #[serde(deserialize_with = "caps::biases")]
    pub biases: Vec<f32>,
}

/// The state at the start of one epoch, to rewind to (saved with `train --history`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedSnapshot {
    /// Epochs completed when it was taken.
    pub epoch: usize,
    /// The hyperparameters in force then.
    pub training: TrainConfig,
    /// Per layer, input side first (the shapes of `layers`).
    #[serde(deserialize_with = "caps::layers")]
    pub layers: Vec<SavedParameters>,
    /// The optimizer's memory then.
    #[serde(default)]
    pub optimizer_state: SavedOptimizer,
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
    #[serde(deserialize_with = "caps::layers")]
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
    /// Snapshots at the start of kept epochs, oldest first (`train --history`; version 2).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "caps::snapshots"
    )]
    pub snapshots: Vec<SavedSnapshot>,
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
