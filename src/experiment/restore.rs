//! Between the file and the engine: an [`Experiment`] captured from a running [`Trainer`],
//! and a validated experiment turned back into a network and a trainer that continues
//! exactly where the file left off.

use ndarray::{Array1, Array2};

use super::{EmbeddedData, Experiment, ExperimentError, FORMAT_VERSION};
use super::{SavedLayer, SavedMoments, SavedOptimizer};
use crate::data::{DataSource, DataSpec, Dataset, LoadedData};
use crate::nn::{Layer, Moments, Network, Optimizer, OptimizerState, Trainer};

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
    /// Stores the preprocessing fitted on the training split when a bundled source has none
    /// yet (the shipped examples are recipes), so `inspect`, `eval`, a resumed copy, the
    /// server and the exports see the same inputs as the trainer. Fitting is deterministic:
    /// the same split of the same embedded table gives the same means and scales.
    pub fn fit_missing_preprocessing(&mut self) {
        let bundled = matches!(self.data.source, DataSource::Bundled { .. });
        if bundled
            && self.data.source.preprocessing().is_none()
            && let Ok(loaded) = self.data.load()
        {
            self.data.source.set_preprocessing(loaded.preprocessing);
        }
    }

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
            optimizer_state: saved_optimizer(state),
            cursor: trainer.cursor(),
            history: trainer.history().to_vec(),
            snapshots: Vec::new(),
        }
    }

    /// The network with its saved weights (or seeded fresh ones if the file has none).
    /// Call only on a validated experiment.
    pub(super) fn network_unchecked(&self) -> Network {
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
                let layer = layer_of(l, fan_in, flat, l.biases.clone());
                fan_in = l.width;
                layer
            })
            .collect();
        Network { layers }
    }

    fn optimizer_state_unchecked(&self, network: &Network) -> OptimizerState {
        optimizer_state(self.training.optimizer, network, &self.optimizer_state)
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

impl Experiment {
    /// A trainer that continues this experiment's network, optimizer state, cursor and
    /// history on other data (`compare` trains B on A's data); an error if the network does
    /// not fit that data.
    pub fn restore_on(
        &self,
        train: Dataset,
        test: Option<Dataset>,
    ) -> Result<Trainer, ExperimentError> {
        let network = self.network_unchecked();
        let state = self.optimizer_state_unchecked(&network);
        Ok(Trainer::resume(
            network,
            self.training,
            state,
            train,
            test,
            self.cursor,
            self.history.clone(),
        )?)
    }
}

/// A layer of `shape`'s width and activation with `fan_in` inputs, from row-major `weights`
/// and `biases` (sizes checked by `validate`; zeros otherwise).
pub(super) fn layer_of(
    shape: &SavedLayer,
    fan_in: usize,
    weights: Vec<f32>,
    biases: Vec<f32>,
) -> Layer {
    let weights = Array2::from_shape_vec((shape.width, fan_in), weights)
        .unwrap_or_else(|_| Array2::zeros((shape.width, fan_in)));
    Layer {
        weights,
        biases: Array1::from_vec(biases),
        activation: shape.activation,
    }
}

/// The optimizer's memory as the file writes it.
pub(super) fn saved_optimizer(state: &OptimizerState) -> SavedOptimizer {
    SavedOptimizer {
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
    }
}

/// The optimizer's memory read back for `network` (sizes checked by `validate`).
pub(super) fn optimizer_state(
    optimizer: Optimizer,
    network: &Network,
    saved: &SavedOptimizer,
) -> OptimizerState {
    let mut state = OptimizerState::new(optimizer, network);
    state.step = saved.step;
    for (m, saved) in state.moments.iter_mut().zip(&saved.moments) {
        fill(m, saved);
    }
    state
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
