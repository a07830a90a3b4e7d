//! Rewinding: a [`Snapshot`] of everything that changes while training (weights, optimizer
//! state, the hyperparameters in force) taken at the start of an epoch, and a trainer rebuilt
//! from one that continues bit for bit as the run did. Each epoch's shuffle is recomputed
//! from (seed, epoch), so no random state needs keeping.

use std::mem::size_of;
use std::sync::Arc;

use super::{Cursor, Trainer};
use crate::nn::{Layer, Moments, Network, OptimizerState, TrainConfig, TrainError};

/// The parameters and optimizer state at the start of one epoch.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// Epochs completed when it was taken (0: before any training).
    pub epoch: usize,
    /// The hyperparameters in force then (they may change during a run).
    pub config: TrainConfig,
    /// The weights and biases.
    pub network: Network,
    /// The optimizer's memory (momentum, Adam's moments, its step count).
    pub state: OptimizerState,
}

impl Snapshot {
    /// The bytes this snapshot holds in memory: the struct itself (as an element of a list),
    /// its layers and moments, and every `f32` of their arrays (a cloned array or list holds
    /// exactly its length).
    pub fn bytes(&self) -> usize {
        let layers: usize = self
            .network
            .layers
            .iter()
            .map(|l| size_of::<Layer>() + (l.weights.len() + l.biases.len()) * size_of::<f32>())
            .sum();
        let moments: usize = self
            .state
            .moments
            .iter()
            .map(|m| {
                let values =
                    m.weights.len() + m.biases.len() + m.weights_sq.len() + m.biases_sq.len();
                size_of::<Moments>() + values * size_of::<f32>()
            })
            .sum();
        size_of::<Self>() + layers + moments
    }
}

impl Trainer {
    /// The trainer's state, if it stands at the start of an epoch (a snapshot is only taken
    /// between epochs).
    pub fn snapshot(&self) -> Option<Snapshot> {
        (self.cursor.sample == 0 && self.cursor.batch == 0 && self.pending.is_none()).then(|| {
            Snapshot {
                epoch: self.cursor.epoch,
                config: self.config,
                network: self.network.clone(),
                state: self.state.clone(),
            }
        })
    }

    /// A trainer on this trainer's data (shared, not copied) at the start of the snapshot's
    /// epoch: it continues bit for bit as the run that took the snapshot did, and keeps the
    /// history records of the epochs before.
    pub fn rewound(&self, snapshot: &Snapshot) -> Result<Self, TrainError> {
        let Snapshot {
            epoch,
            config,
            network,
            state,
        } = snapshot;
        config
            .validate(network)
            .map_err(|e| TrainError::Mismatch(e.to_string()))?;
        if network.architecture() != self.network.architecture() {
            return Err(TrainError::Mismatch(
                "the snapshot's network has another shape than this trainer's".into(),
            ));
        }
        if !state.fits(config.optimizer, network) {
            return Err(TrainError::Mismatch(
                "the optimizer state does not fit the network".into(),
            ));
        }
        let history = self
            .history
            .iter()
            .filter(|r| r.epoch <= *epoch)
            .copied()
            .collect();
        let mut trainer = Self::assemble(
            (network.clone(), *config, state.clone()),
            (
                Arc::clone(&self.train),
                self.test.clone(),
                self.train_targets.clone(),
            ),
            Cursor {
                epoch: *epoch,
                ..Cursor::default()
            },
            history,
        );
        trainer.evaluate_each_epoch = self.evaluate_each_epoch;
        Ok(trainer)
    }
}
