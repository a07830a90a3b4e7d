//! The trainer: walks the training set with a cursor (epoch, batch, sample), one sample, one
//! mini-batch or one epoch at a time, and records the per-epoch history.
//!
//! Here: the [`Trainer`], how it is built or resumed, what it shows and which settings change
//! while it runs. Beside it: `step.rs` (the steps and the divergence guard), `evaluation.rs`
//! (evaluations and one sample's pass), `snapshot.rs` (rewinding to the start of an epoch),
//! `config.rs`, `records.rs` and `workspace.rs`.

use std::sync::Arc;

use ndarray::Array2;
use rand::SeedableRng as _;
use rand::seq::SliceRandom as _;
use rand_chacha::ChaCha8Rng;

use super::linalg::array_finite;
use super::{ConfigError, Gradients, Network, OptimizerState, TrainError};
use crate::nn::Dataset;

mod config;
mod evaluation;
mod records;
mod snapshot;
mod step;
mod workspace;

pub use config::{MAX_LEARNING_RATE, TrainConfig};
pub use evaluation::EvaluationJob;
pub use records::{BatchStep, Cursor, EpochRecord, SamplePass, SampleStep};
pub use snapshot::Snapshot;
use workspace::Workspace;

/// Trains a network on a dataset, step by step.
#[derive(Debug, Clone)]
pub struct Trainer {
    network: Network,
    config: TrainConfig,
    state: OptimizerState,
    /// Shared (not copied) with evaluations running on other threads.
    train: Arc<Dataset>,
    test: Option<Arc<Dataset>>,
    train_targets: Array2<f32>,
    cursor: Cursor,
    order: Vec<usize>,
    history: Vec<EpochRecord>,
    /// Sum of per-sample gradients while a batch is stepped through sample by sample.
    pending: Option<Gradients>,
    /// Buffers for the full batch size and for the smaller last batch of an epoch.
    workspaces: Vec<Workspace>,
    /// Weights and optimizer state at the start of the epoch, restored if an update ever
    /// produces non-finite weights.
    epoch_start: (Network, OptimizerState),
    stopped: Option<TrainError>,
    /// Evaluate the whole training and test sets at the end of every epoch (the default).
    /// Off, an epoch's record holds the running mean of its batch losses and no accuracy:
    /// for timing the training itself.
    evaluate_each_epoch: bool,
    /// Sum over this epoch's updates of (batch mean loss × batch size).
    epoch_loss_sum: f64,
}

impl Trainer {
    /// A trainer at the very start: fresh state, cursor at epoch 0.
    pub fn new(
        network: Network,
        config: TrainConfig,
        train: Dataset,
        test: Option<Dataset>,
    ) -> Result<Self, TrainError> {
        let state = OptimizerState::new(config.optimizer, &network);
        Self::resume(
            network,
            config,
            state,
            train,
            test,
            Cursor::default(),
            Vec::new(),
        )
    }

    /// A trainer continuing from saved state (see the experiment file).
    pub fn resume(
        network: Network,
        config: TrainConfig,
        state: OptimizerState,
        train: Dataset,
        test: Option<Dataset>,
        cursor: Cursor,
        history: Vec<EpochRecord>,
    ) -> Result<Self, TrainError> {
        config
            .validate(&network)
            .map_err(|e| TrainError::Mismatch(e.to_string()))?;
        check_fits(&network, &train, "training")?;
        if let Some(test) = &test {
            check_fits(&network, test, "test")?;
        }
        if !state.fits(config.optimizer, &network) {
            return Err(TrainError::Mismatch(
                "the optimizer state does not fit the network".into(),
            ));
        }
        if train.is_empty() {
            return Err(TrainError::Mismatch("the training set is empty".into()));
        }
        if cursor.sample > train.len() || cursor.batch_start > cursor.sample {
            return Err(TrainError::Mismatch(format!(
                "the cursor (sample {}) lies outside the {} training samples",
                cursor.sample,
                train.len()
            )));
        }
        let train_targets = train.target_matrix(network.outputs());
        let mut trainer = Self::assemble(
            (network, config, state),
            (Arc::new(train), test.map(Arc::new), train_targets),
            cursor,
            history,
        );
        // A batch half stepped through when saved is replayed, so its gradient sum is exact.
        let mid = trainer.cursor.sample - trainer.cursor.batch_start;
        if mid > 0 {
            trainer.cursor.sample = trainer.cursor.batch_start;
            for _ in 0..mid {
                trainer.accumulate_next_sample()?;
            }
        }
        Ok(trainer)
    }

    /// The trainer from checked parts, at `cursor` (not replayed: see [`Trainer::resume`]).
    fn assemble(
        (network, config, state): (Network, TrainConfig, OptimizerState),
        (train, test, train_targets): (Arc<Dataset>, Option<Arc<Dataset>>, Array2<f32>),
        cursor: Cursor,
        history: Vec<EpochRecord>,
    ) -> Self {
        let order = shuffled_order(config.seed, cursor.epoch, train.len());
        let epoch_start = (network.clone(), state.clone());
        Self {
            network,
            config,
            state,
            train,
            test,
            train_targets,
            cursor,
            order,
            history,
            pending: None,
            workspaces: Vec::new(),
            epoch_start,
            stopped: None,
            evaluate_each_epoch: true,
            epoch_loss_sum: 0.0,
        }
    }

    /// The network being trained.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// The hyperparameters.
    pub fn config(&self) -> &TrainConfig {
        &self.config
    }

    /// The optimizer's running state.
    pub fn optimizer_state(&self) -> &OptimizerState {
        &self.state
    }

    /// Where the trainer is.
    pub fn cursor(&self) -> Cursor {
        self.cursor
    }

    /// One record per completed epoch.
    pub fn history(&self) -> &[EpochRecord] {
        &self.history
    }

    /// The training set.
    pub fn train_data(&self) -> &Dataset {
        &self.train
    }

    /// The test set, if any.
    pub fn test_data(&self) -> Option<&Dataset> {
        self.test.as_deref()
    }

    /// Why training stopped, if it did (divergence).
    pub fn stopped(&self) -> Option<&TrainError> {
        self.stopped.as_ref()
    }

    /// The training-set index of the sample the next sample step will use.
    pub fn next_sample(&self) -> usize {
        self.order[self.cursor.sample.min(self.order.len() - 1)]
    }

    /// The training-set indices of the current mini-batch, in order (those already stepped
    /// through and those still to come).
    pub fn current_batch(&self) -> &[usize] {
        let end = (self.cursor.batch_start + self.config.batch_size).min(self.order.len());
        &self.order[self.cursor.batch_start..end]
    }

    /// Updates (mini-batches) in a full epoch at the current batch size.
    pub fn batches_per_epoch(&self) -> usize {
        self.train.len().div_ceil(self.config.batch_size)
    }

    /// Turns the end-of-epoch evaluation of the whole training and test sets on or off.
    pub fn set_epoch_evaluation(&mut self, on: bool) {
        self.evaluate_each_epoch = on;
    }

    /// Changes the learning rate from the next update on.
    pub fn set_learning_rate(&mut self, learning_rate: f32) -> Result<(), ConfigError> {
        let config = TrainConfig {
            learning_rate,
            ..self.config
        };
        config.validate(&self.network)?;
        self.config = config;
        Ok(())
    }

    /// Changes the batch size from the next mini-batch on.
    pub fn set_batch_size(&mut self, batch_size: usize) -> Result<(), ConfigError> {
        let config = TrainConfig {
            batch_size,
            ..self.config
        };
        config.validate(&self.network)?;
        self.config = config;
        Ok(())
    }

    /// Changes the L2 weight decay from the next update on.
    pub fn set_l2(&mut self, l2: f32) -> Result<(), ConfigError> {
        let config = TrainConfig { l2, ..self.config };
        config.validate(&self.network)?;
        self.config = config;
        Ok(())
    }
}

fn check_fits(network: &Network, data: &Dataset, which: &str) -> Result<(), TrainError> {
    if data.num_features() != network.inputs() {
        return Err(TrainError::Mismatch(format!(
            "the {which} set has {} features but the network has {} inputs",
            data.num_features(),
            network.inputs()
        )));
    }
    if let Some(names) = data.class_names() {
        let outputs = network.outputs();
        if !(outputs == names.len() || (outputs == 1 && names.len() == 2)) {
            return Err(TrainError::Mismatch(format!(
                "the {which} set has {} classes but the network has {outputs} outputs",
                names.len()
            )));
        }
    }
    if !array_finite(&data.features) {
        return Err(TrainError::Mismatch(format!(
            "the {which} set contains NaN or infinite values"
        )));
    }
    Ok(())
}

/// The order in which epoch `epoch` visits the samples: a shuffle seeded by (seed, epoch),
/// so any epoch's order can be recomputed without replaying the ones before it.
pub fn shuffled_order(seed: u64, epoch: usize, n: usize) -> Vec<usize> {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    key[8..16].copy_from_slice(&(epoch as u64).to_le_bytes());
    key[16..24].copy_from_slice(b"shuffle\0");
    let mut rng = ChaCha8Rng::from_seed(key);
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(&mut rng);
    order
}
