//! The rule that calls a run diverged while its numbers are still finite (the engine itself
//! stops on NaN and infinity): the training loss far above where the run started, or a weight
//! grown absurdly large. Facts only; each client words its own advice.

use thiserror::Error;

use crate::nn::{EpochRecord, Network, Trainer};

/// An epoch's training loss may reach this many times the loss at the start of the run
/// (or 1, whichever is larger) before the run counts as diverged.
pub const LOSS_GROWTH_LIMIT: f32 = 1e3;
/// A weight or bias may reach this magnitude (or [`LOSS_GROWTH_LIMIT`] × the largest at the
/// start of the run, whichever is larger) before the run counts as diverged.
pub const MAX_PARAMETER: f32 = 1e6;

/// How a run blew up (see [`DivergenceGuard`]).
#[derive(Debug, Clone, PartialEq, Error)]
pub enum BlowUp {
    /// The training loss grew far beyond its starting value.
    #[error(
        "training diverged at epoch {epoch}: the training loss {loss:.3e} is more than {LOSS_GROWTH_LIMIT} × max(1, {start:.4}), its value at the start"
    )]
    Loss {
        /// The epoch (1-based, counted over the whole history).
        epoch: usize,
        /// The epoch's training loss.
        loss: f32,
        /// The training loss at the start of the run.
        start: f32,
    },
    /// A parameter grew beyond the limit.
    #[error(
        "training diverged at epoch {epoch}: a parameter of layer {layer} reached {value:.3e}, more than the limit {limit:.0e}"
    )]
    Parameter {
        /// The epoch (1-based, counted over the whole history).
        epoch: usize,
        /// The layer (1-based) holding the parameter.
        layer: usize,
        /// The parameter's magnitude.
        value: f32,
        /// The limit it passed.
        limit: f32,
    },
}

/// Watches a run's epochs for a blow-up, against the state the run started from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DivergenceGuard {
    /// Training loss at the start of the run.
    start_loss: f32,
    /// Largest parameter magnitude allowed.
    parameter_limit: f32,
}

impl DivergenceGuard {
    /// A guard for a run starting from `trainer` as it is now (fresh or resumed).
    pub fn new(trainer: &Trainer) -> Self {
        let largest = largest_parameter(trainer.network()).1;
        Self {
            start_loss: trainer.evaluate_train().loss,
            parameter_limit: MAX_PARAMETER.max(LOSS_GROWTH_LIMIT * largest),
        }
    }

    /// Checks the trainer after the epoch that produced `record`.
    pub fn check(&self, trainer: &Trainer, record: &EpochRecord) -> Result<(), BlowUp> {
        let loss_limit = LOSS_GROWTH_LIMIT * self.start_loss.max(1.0);
        if record.train_loss.is_nan() || record.train_loss > loss_limit {
            return Err(BlowUp::Loss {
                epoch: record.epoch,
                loss: record.train_loss,
                start: self.start_loss,
            });
        }
        let (layer, value) = largest_parameter(trainer.network());
        if value.is_nan() || value > self.parameter_limit {
            return Err(BlowUp::Parameter {
                epoch: record.epoch,
                layer: layer + 1,
                value,
                limit: self.parameter_limit,
            });
        }
        Ok(())
    }
}

/// The layer holding the largest weight or bias magnitude, and that magnitude (NaN wins).
fn largest_parameter(network: &Network) -> (usize, f32) {
    let mut found = (0, 0.0_f32);
    for (i, layer) in network.layers.iter().enumerate() {
        for &v in layer.weights.iter().chain(&layer.biases) {
            let v = v.abs();
            if v.is_nan() {
                return (i, v);
            }
            if v > found.1 {
                found = (i, v);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Setup;

    #[test]
    fn a_run_that_grows_its_loss_or_weights_is_caught() {
        let mut trainer = Setup::default().build().unwrap();
        let guard = DivergenceGuard::new(&trainer);
        let record = trainer.step_epoch().unwrap();
        assert_eq!(guard.check(&trainer, &record), Ok(()), "a normal epoch");
        let start = guard.start_loss;
        let blown = EpochRecord {
            train_loss: 1001.0 * start.max(1.0),
            ..record
        };
        assert!(
            matches!(guard.check(&trainer, &blown), Err(BlowUp::Loss { .. })),
            "loss above 1000 × its start"
        );
        let nan = EpochRecord {
            train_loss: f32::NAN,
            ..record
        };
        assert!(
            matches!(guard.check(&trainer, &nan), Err(BlowUp::Loss { .. })),
            "a NaN loss"
        );
        let mut network = trainer.network().clone();
        network.layers[1].biases[0] = -2e6;
        assert_eq!(
            largest_parameter(&network),
            (1, 2e6),
            "the largest magnitude and its layer"
        );
    }
}
