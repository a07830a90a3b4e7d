//! The training hyperparameters and their validation.

use serde::{Deserialize, Serialize};

use crate::nn::{Activation, ConfigError, ErrorSignal, Loss, Network, Optimizer};

/// Largest learning rate accepted (large enough to demonstrate divergence).
pub const MAX_LEARNING_RATE: f32 = 1e6;

/// The hyperparameters of training (set by the user, never learned).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TrainConfig {
    /// What is minimised.
    pub loss: Loss,
    /// How gradients become updates.
    pub optimizer: Optimizer,
    /// Step size (lr).
    pub learning_rate: f32,
    /// L2 weight decay coefficient (0 = off).
    pub l2: f32,
    /// Samples per update: 1 is pure SGD, the training-set size is full-batch descent.
    pub batch_size: usize,
    /// Seed of the weight initialisation and of the per-epoch shuffles.
    pub seed: u64,
}

impl TrainConfig {
    /// Checks the hyperparameters and that they suit `network`.
    pub fn validate(&self, network: &Network) -> Result<(), ConfigError> {
        if !self.learning_rate.is_finite()
            || self.learning_rate <= 0.0
            || self.learning_rate > MAX_LEARNING_RATE
        {
            return Err(ConfigError::invalid(
                "learning rate",
                format!(
                    "must be above 0 and at most {MAX_LEARNING_RATE}, got {}",
                    self.learning_rate
                ),
            ));
        }
        if !self.l2.is_finite() || !(0.0..=10.0).contains(&self.l2) {
            return Err(ConfigError::invalid(
                "L2",
                format!("must be from 0 to 10, got {}", self.l2),
            ));
        }
        if self.batch_size == 0 {
            return Err(ConfigError::invalid("batch size", "must be at least 1"));
        }
        self.optimizer.validate()?;
        let output = network.output_activation();
        if let Some(required) = self.loss.required_output()
            && output != required
        {
            return Err(ConfigError::invalid(
                "loss",
                format!(
                    "{} needs a {required} output layer, but the output is {output}",
                    self.loss
                ),
            ));
        }
        if self.optimizer == Optimizer::Perceptron
            && (network.layers.len() != 1 || output != Activation::Step)
        {
            return Err(ConfigError::invalid(
                "optimizer",
                "the perceptron rule trains a single layer of step units: use no hidden layers and a step output",
            ));
        }
        Ok(())
    }

    /// The output layer's error signal for this configuration.
    pub fn error_signal(&self) -> ErrorSignal {
        if self.optimizer == Optimizer::Perceptron {
            ErrorSignal::Perceptron
        } else {
            ErrorSignal::Gradient(self.loss)
        }
    }
}
