//! The saved experiment: one RON file with the architecture, hyperparameters, data source,
//! weights, optimizer state, trainer cursor and history. Loading validates everything before
//! it is used; saving is atomic (temporary file, sync, rename).

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::data::{DataSpec, Dataset, DatasetError, LoadedData};
use crate::nn::{
    Activation, Architecture, Cursor, EpochRecord, Layer, LayerSpec, Moments, Network,
    OptimizerState, TrainConfig, TrainError, Trainer,
};

mod validate;

/// The format version this build writes; files with a larger version are refused.
pub const FORMAT_VERSION: u32 = 1;
/// Largest experiment file read (bounds memory before parsing).
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// The experiments shipped with the app: (name, RON text). Open one as `builtin-example:NAME`.
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "xor-perceptron",
        include_str!("../assets/examples/xor-perceptron.ron"),
    ),
    ("xor-mlp", include_str!("../assets/examples/xor-mlp.ron")),
    (
        "spiral-deep",
        include_str!("../assets/examples/spiral-deep.ron"),
    ),
    (
        "iris-softmax",
        include_str!("../assets/examples/iris-softmax.ron"),
    ),
    (
        "digits-confusion",
        include_str!("../assets/examples/digits-confusion.ron"),
    ),
];

/// Prefix that names a shipped example instead of a file.
pub const EXAMPLE_PREFIX: &str = "builtin-example:";

/// Why an experiment could not be loaded, saved or used.
#[derive(Debug, Error)]
pub enum ExperimentError {
    /// Reading or writing the file failed.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// What the operating system said.
        message: String,
    },
    /// The text is not a valid experiment (syntax, missing field, wrong type).
    #[error("{path}: not a valid experiment file: {message}")]
    Syntax {
        /// The file.
        path: String,
        /// The parser's message, with line and column.
        message: String,
    },
    /// A field has a value that cannot be right.
    #[error("{path}: field `{field}`: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// Which field (dotted path).
        field: String,
        /// What is wrong.
        message: String,
    },
    /// The file is from a newer Perceptron Lab.
    #[error(
        "{path}: format version {found} is newer than this Perceptron Lab understands ({FORMAT_VERSION}); update the app"
    )]
    TooNew {
        /// The file.
        path: String,
        /// The version in the file.
        found: u32,
    },
    /// The data the experiment refers to could not be produced.
    #[error("data: {0}")]
    Data(#[from] DatasetError),
    /// The saved training state does not fit together.
    #[error("{0}")]
    Train(#[from] TrainError),
}

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

/// A loaded experiment turned back into working objects.
#[derive(Debug)]
pub struct Restored {
    /// The network with its weights (always available).
    pub network: Network,
    /// The trainer, ready to continue, when the data could be produced.
    pub trainer: Option<Trainer>,
    /// Why there is no trainer (data missing or changed), to show the user.
    pub data_problem: Option<String>,
}

impl Experiment {
    /// Captures a trainer's whole state. `embed` stores the samples in the file too.
    pub fn from_trainer(trainer: &Trainer, data: DataSpec, embed: bool) -> Self {
        let network = trainer.network();
        let state = trainer.optimizer_state();
        Self {
            format_version: FORMAT_VERSION,
            name: String::new(),
            notes: String::new(),
            notes_ko: String::new(),
            data,
            embedded_data: embed.then(|| EmbeddedData {
                train: trainer.train_data().clone(),
                test: trainer.test_data().cloned(),
            }),
            inputs: network.inputs(),
            layers: network
                .layers
                .iter()
                .map(|l| SavedLayer {
                    width: l.width(),
                    activation: l.activation,
                    weights: l.weights.rows().into_iter().map(|r| r.to_vec()).collect(),
                    biases: l.biases.to_vec(),
                })
                .collect(),
            training: *trainer.config(),
            optimizer_state: SavedOptimizer {
                step: state.step,
                moments: state
                    .moments
                    .iter()
                    .map(|m| SavedMoments {
                        weights: m.weights.iter().copied().collect(),
                        biases: m.biases.to_vec(),
                        weights_sq: m.weights_sq.iter().copied().collect(),
                        biases_sq: m.biases_sq.to_vec(),
                    })
                    .collect(),
            },
            cursor: trainer.cursor(),
            history: trainer.history().to_vec(),
        }
    }

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

    /// Parses and validates experiment text; `path` names the file in messages.
    pub fn from_ron(text: &str, path: &str) -> Result<Self, ExperimentError> {
        // Read the version first, so a newer file is refused as such, not as a syntax error.
        #[derive(Deserialize)]
        struct VersionOnly {
            format_version: u32,
        }
        let version = ron::Options::default()
            .from_str::<ron::Value>(text)
            .ok()
            .and_then(|v| v.into_rust::<VersionOnly>().ok());
        if let Some(v) = version
            && v.format_version > FORMAT_VERSION
        {
            return Err(ExperimentError::TooNew {
                path: path.to_owned(),
                found: v.format_version,
            });
        }
        let experiment: Self =
            ron::Options::default()
                .from_str(text)
                .map_err(|e| ExperimentError::Syntax {
                    path: path.to_owned(),
                    message: e.to_string(),
                })?;
        experiment.validate(path)?;
        Ok(experiment)
    }

    /// Reads and validates an experiment file.
    pub fn load(path: &Path) -> Result<Self, ExperimentError> {
        let name = path.display().to_string();
        let io = |e: std::io::Error| ExperimentError::Io {
            path: name.clone(),
            message: e.to_string(),
        };
        let size = fs::metadata(path).map_err(io)?.len();
        if size > MAX_FILE_BYTES {
            return Err(ExperimentError::Invalid {
                path: name,
                field: "(file)".into(),
                message: format!("{size} bytes is more than the {MAX_FILE_BYTES}-byte limit"),
            });
        }
        let bytes = fs::read(path).map_err(io)?;
        let text = String::from_utf8(bytes).map_err(|e| ExperimentError::Syntax {
            path: name.clone(),
            message: format!("not UTF-8 text ({e})"),
        })?;
        let mut experiment = Self::from_ron(&text, &name)?;
        // A CSV path is stored relative to the experiment file.
        experiment.data.source = experiment.data.source.resolved_from(&folder_of(path));
        Ok(experiment)
    }

    /// Opens `spec`: `builtin-example:NAME` for a shipped example, otherwise a file path.
    pub fn open(spec: &str) -> Result<Self, ExperimentError> {
        let Some(name) = spec.strip_prefix(EXAMPLE_PREFIX) else {
            return Self::load(Path::new(spec));
        };
        let Some((_, text)) = EXAMPLES.iter().find(|(n, _)| *n == name) else {
            let names: Vec<&str> = EXAMPLES.iter().map(|(n, _)| *n).collect();
            return Err(ExperimentError::Io {
                path: spec.to_owned(),
                message: format!("no such example; the examples are {}", names.join(", ")),
            });
        };
        Self::from_ron(text, spec)
    }

    /// The experiment as pretty-printed RON.
    pub fn to_ron(&self) -> Result<String, ExperimentError> {
        let config = ron::ser::PrettyConfig::new()
            .depth_limit(4)
            .struct_names(false);
        ron::ser::to_string_pretty(self, config).map_err(|e| ExperimentError::Syntax {
            path: "(memory)".into(),
            message: e.to_string(),
        })
    }

    /// Writes the experiment atomically: a temporary file in the same folder is written,
    /// flushed and synced, then renamed over `path`. On any failure the old file is untouched.
    pub fn save(&self, path: &Path) -> Result<(), ExperimentError> {
        let saved_source = self.data.source.relative_to(&folder_of(path));
        let text = if saved_source == self.data.source {
            self.to_ron()?
        } else {
            let mut copy = self.clone();
            copy.data.source = saved_source;
            copy.to_ron()?
        };
        write_atomically(path, text.as_bytes()).map_err(|e| ExperimentError::Io {
            path: path.display().to_string(),
            message: format!("could not save ({e}); the previous file, if any, is unchanged"),
        })
    }

    /// The network with its saved weights (or seeded fresh ones if the file has none).
    /// Call only on a validated experiment.
    fn network_unchecked(&self) -> Network {
        let all_empty = self
            .layers
            .iter()
            .all(|l| l.weights.is_empty() && l.biases.is_empty());
        if all_empty {
            // Validated above, so this succeeds; fall back to an empty network otherwise.
            return Network::new(&self.architecture(), self.training.seed)
                .unwrap_or(Network { layers: Vec::new() });
        }
        let mut fan_in = self.inputs;
        let layers = self
            .layers
            .iter()
            .map(|l| {
                let flat: Vec<f32> = l.weights.iter().flatten().copied().collect();
                let weights = Array2::from_shape_vec((l.width, fan_in), flat)
                    .unwrap_or_else(|_| Array2::zeros((l.width, fan_in)));
                fan_in = l.width;
                Layer {
                    weights,
                    biases: Array1::from_vec(l.biases.clone()),
                    activation: l.activation,
                }
            })
            .collect();
        Network { layers }
    }

    fn optimizer_state_unchecked(&self, network: &Network) -> OptimizerState {
        let mut state = OptimizerState::new(self.training.optimizer, network);
        state.step = self.optimizer_state.step;
        for (m, saved) in state.moments.iter_mut().zip(&self.optimizer_state.moments) {
            fill(m, saved);
        }
        state
    }

    /// The class names, when the samples are embedded in the file.
    pub fn embedded_classes(&self) -> Option<Vec<String>> {
        self.embedded_data
            .as_ref()
            .and_then(|d| d.train.class_names().map(<[String]>::to_vec))
    }

    /// The network with its weights.
    pub fn network(&self) -> Network {
        self.network_unchecked()
    }

    /// Rebuilds the network and, if the data can be produced, a trainer that continues exactly
    /// where the file left off.
    pub fn restore(&self) -> Result<Restored, ExperimentError> {
        let network = self.network_unchecked();
        let data = match &self.embedded_data {
            Some(e) => Ok(LoadedData::plain(e.train.clone(), e.test.clone())),
            None => self.data.load(),
        };
        let data = match data {
            Ok(d) => d,
            Err(e) => {
                return Ok(Restored {
                    network,
                    trainer: None,
                    data_problem: Some(format!(
                        "the model loaded, but its data is not available: {e}"
                    )),
                });
            }
        };
        let state = self.optimizer_state_unchecked(&network);
        let trainer = Trainer::resume(
            network.clone(),
            self.training,
            state,
            data.train,
            data.test,
            self.cursor,
            self.history.clone(),
        )?;
        Ok(Restored {
            network,
            trainer: Some(trainer),
            data_problem: None,
        })
    }
}

/// Copies saved moments into freshly shaped ones (sizes checked by `validate`).
fn fill(m: &mut Moments, saved: &SavedMoments) {
    let pairs = [
        (m.weights.as_slice_mut(), saved.weights.as_slice()),
        (m.biases.as_slice_mut(), saved.biases.as_slice()),
        (m.weights_sq.as_slice_mut(), saved.weights_sq.as_slice()),
        (m.biases_sq.as_slice_mut(), saved.biases_sq.as_slice()),
    ];
    for (dst, src) in pairs {
        if let Some(dst) = dst
            && dst.len() == src.len()
        {
            dst.copy_from_slice(src);
        }
    }
}

/// The folder holding `path` (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a
/// reader never sees a half-written file and a failure leaves the old one in place.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .map_or_else(|| "experiment".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)?;
        // Make the rename itself durable where the platform allows it.
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}
