//! The snapshots of `train --history` in the file: written from the engine's [`Snapshot`]s,
//! checked like every other part of the file (shapes, numbers, order, counters) and read back.

use super::restore::{layer_of, optimizer_state, saved_optimizer};
use super::validate::{MAX_COUNTER, Problem, check_second_moments, moments_finite, moments_fit};
use super::{Experiment, SNAPSHOTS_FORMAT_VERSION, SavedParameters, SavedSnapshot};
use crate::nn::{Network, OptimizerState, Snapshot};

impl Experiment {
    /// Stores `snapshots` (oldest first) in the file; a file with snapshots is written as
    /// [`SNAPSHOTS_FORMAT_VERSION`].
    pub fn set_snapshots(&mut self, snapshots: &[Snapshot]) {
        self.snapshots = snapshots
            .iter()
            .map(|s| SavedSnapshot {
                epoch: s.epoch,
                training: s.config,
                layers: s
                    .network
                    .layers
                    .iter()
                    .map(|l| SavedParameters {
                        weights: l.weights.iter().copied().collect(),
                        biases: l.biases.to_vec(),
                    })
                    .collect(),
                optimizer_state: saved_optimizer(&s.state),
            })
            .collect();
        if !self.snapshots.is_empty() {
            self.format_version = self.format_version.max(SNAPSHOTS_FORMAT_VERSION);
        }
    }

    /// The file's snapshots, oldest first. Call only on a validated experiment.
    pub fn restored_snapshots(&self) -> Vec<Snapshot> {
        self.snapshots
            .iter()
            .map(|s| {
                let network = self.snapshot_network(s);
                let state = optimizer_state(s.training.optimizer, &network, &s.optimizer_state);
                Snapshot {
                    epoch: s.epoch,
                    config: s.training,
                    network,
                    state,
                }
            })
            .collect()
    }

    /// A snapshot's network in the shape of `layers` (sizes checked by `check_snapshots`).
    fn snapshot_network(&self, snapshot: &SavedSnapshot) -> Network {
        let mut fan_in = self.inputs;
        let layers = self
            .layers
            .iter()
            .zip(&snapshot.layers)
            .map(|(shape, saved)| {
                let layer = layer_of(shape, fan_in, saved.weights.clone(), saved.biases.clone());
                fan_in = shape.width;
                layer
            })
            .collect();
        Network { layers }
    }

    /// Every snapshot: the right version, in epoch order up to the cursor, the network's
    /// shapes, finite numbers, valid hyperparameters and an optimizer state that fits them.
    pub(super) fn check_snapshots(&self) -> Result<(), Problem> {
        if !self.snapshots.is_empty() && self.format_version < SNAPSHOTS_FORMAT_VERSION {
            return Err((
                "snapshots".into(),
                format!("need format_version {SNAPSHOTS_FORMAT_VERSION} or more"),
            ));
        }
        let mut previous = None;
        for (i, snapshot) in self.snapshots.iter().enumerate() {
            let field = |name: &str| format!("snapshots[{i}].{name}");
            let epoch = snapshot.epoch;
            if epoch > self.cursor.epoch || previous.is_some_and(|p| epoch <= p) {
                return Err((
                    field("epoch"),
                    format!(
                        "{epoch} is not after the previous snapshot's and at most cursor.epoch ({})",
                        self.cursor.epoch
                    ),
                ));
            }
            previous = Some(epoch);
            self.check_snapshot_shapes(snapshot, &field)?;
            let network = self.snapshot_network(snapshot);
            snapshot
                .training
                .validate(&network)
                .map_err(|e| (field("training"), e.to_string()))?;
            let state = &snapshot.optimizer_state;
            let fresh = OptimizerState::new(snapshot.training.optimizer, &network);
            if !moments_fit(&fresh, state) {
                return Err((
                    field("optimizer_state"),
                    format!(
                        "does not match a {} optimizer on this network",
                        snapshot.training.optimizer
                    ),
                ));
            }
            if !moments_finite(state) {
                return Err((
                    field("optimizer_state"),
                    "contains NaN or infinite values".into(),
                ));
            }
            if state.step > MAX_COUNTER {
                return Err((
                    field("optimizer_state.step"),
                    format!("{} is more than {MAX_COUNTER}", state.step),
                ));
            }
            check_second_moments(state).map_err(|(f, m)| (field(&f), m))?;
        }
        Ok(())
    }

    /// One snapshot's layers have the shapes of `layers` and finite values.
    fn check_snapshot_shapes(
        &self,
        snapshot: &SavedSnapshot,
        field: &dyn Fn(&str) -> String,
    ) -> Result<(), Problem> {
        if snapshot.layers.len() != self.layers.len() {
            return Err((
                field("layers"),
                format!(
                    "has {} layers, but the network has {}",
                    snapshot.layers.len(),
                    self.layers.len()
                ),
            ));
        }
        let mut fan_in = self.inputs;
        for (j, (shape, saved)) in self.layers.iter().zip(&snapshot.layers).enumerate() {
            let weights = shape.width.saturating_mul(fan_in);
            if saved.weights.len() != weights || saved.biases.len() != shape.width {
                return Err((
                    field(&format!("layers[{j}]")),
                    format!(
                        "has {} weights and {} biases, but the layer has {weights} and {}",
                        saved.weights.len(),
                        saved.biases.len(),
                        shape.width
                    ),
                ));
            }
            if saved
                .weights
                .iter()
                .chain(&saved.biases)
                .any(|v| !v.is_finite())
            {
                return Err((
                    field(&format!("layers[{j}]")),
                    "contains NaN or infinite values".into(),
                ));
            }
            fan_in = shape.width;
        }
        Ok(())
    }
}
