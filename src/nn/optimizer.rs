//! Optimizers: how gradients become weight updates (SGD, momentum, Adam, and Rosenblatt's
//! perceptron rule). Each owns its state, so training can be saved and resumed exactly.

use std::fmt;
use std::str::FromStr;

use ndarray::{Array1, Array2, Zip};
use serde::{Deserialize, Serialize};

use super::{ConfigError, Gradients, Network};

/// Which update rule to use, with its own hyperparameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Optimizer {
    /// Plain stochastic gradient descent: w ← w − lr·g.
    Sgd,
    /// SGD with momentum: v ← β·v + g; w ← w − lr·v.
    Momentum {
        /// How much of the previous step is kept (typically 0.9).
        beta: f32,
    },
    /// Adam: per-weight step sizes from running means of g and g².
    Adam {
        /// Decay of the running mean of g (typically 0.9).
        beta1: f32,
        /// Decay of the running mean of g² (typically 0.999).
        beta2: f32,
        /// Guards the division (typically 1e-8).
        epsilon: f32,
    },
    /// Rosenblatt's perceptron rule for a single layer of step units:
    /// w ← w + lr·(y − ŷ)·x, b ← b + lr·(y − ŷ).
    Perceptron,
}

impl Optimizer {
    /// Momentum with β = 0.9.
    pub const MOMENTUM: Self = Self::Momentum { beta: 0.9 };
    /// Adam with the usual constants.
    pub const ADAM: Self = Self::Adam {
        beta1: 0.9,
        beta2: 0.999,
        epsilon: 1e-8,
    };

    /// The short name used on the command line and in files.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sgd => "sgd",
            Self::Momentum { .. } => "momentum",
            Self::Adam { .. } => "adam",
            Self::Perceptron => "perceptron",
        }
    }

    /// A learning rate that works for most small problems with this optimizer.
    pub fn default_learning_rate(self) -> f32 {
        match self {
            Self::Sgd | Self::Momentum { .. } => 0.1,
            Self::Adam { .. } => 0.01,
            Self::Perceptron => 1.0,
        }
    }

    /// Checks the hyperparameters.
    pub fn validate(self) -> Result<(), ConfigError> {
        let unit = |name: &str, v: f32| {
            if v.is_finite() && (0.0..1.0).contains(&v) {
                Ok(())
            } else {
                Err(ConfigError::invalid(
                    name,
                    format!("must be in [0, 1), got {v}"),
                ))
            }
        };
        match self {
            Self::Sgd | Self::Perceptron => Ok(()),
            Self::Momentum { beta } => unit("momentum β", beta),
            Self::Adam {
                beta1,
                beta2,
                epsilon,
            } => {
                unit("Adam β1", beta1)?;
                unit("Adam β2", beta2)?;
                if epsilon.is_finite() && epsilon > 0.0 {
                    Ok(())
                } else {
                    Err(ConfigError::invalid(
                        "Adam ε",
                        format!("must be positive, got {epsilon}"),
                    ))
                }
            }
        }
    }
}

impl fmt::Display for Optimizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Optimizer {
    type Err = ConfigError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "sgd" => Ok(Self::Sgd),
            "momentum" => Ok(Self::MOMENTUM),
            "adam" => Ok(Self::ADAM),
            "perceptron" => Ok(Self::Perceptron),
            _ => Err(ConfigError::UnknownName {
                what: "optimizer",
                name: s.to_owned(),
                expected: "sgd, momentum, adam, perceptron",
            }),
        }
    }
}

/// Running state of one layer's parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Moments {
    /// First moment (momentum velocity or Adam's mean of g). `[outputs, inputs]`
    pub weights: Array2<f32>,
    /// First moment of the biases. `[outputs]`
    pub biases: Array1<f32>,
    /// Adam's mean of g² for the weights (empty for other optimizers). `[outputs, inputs]`
    pub weights_sq: Array2<f32>,
    /// Adam's mean of g² for the biases. `[outputs]`
    pub biases_sq: Array1<f32>,
}

/// The optimizer's memory between steps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptimizerState {
    /// Updates applied so far (Adam's bias correction uses it).
    pub step: u64,
    /// Per layer, input side first; empty for SGD and the perceptron rule.
    pub moments: Vec<Moments>,
}

impl OptimizerState {
    /// Fresh state for `network` under `optimizer`.
    pub fn new(optimizer: Optimizer, network: &Network) -> Self {
        let moments = match optimizer {
            Optimizer::Sgd | Optimizer::Perceptron => Vec::new(),
            Optimizer::Momentum { .. } | Optimizer::Adam { .. } => network
                .layers
                .iter()
                .map(|l| {
                    let adam = matches!(optimizer, Optimizer::Adam { .. });
                    let sq_shape = if adam {
                        l.weights.raw_dim()
                    } else {
                        ndarray::Dim([0, 0])
                    };
                    Moments {
                        weights: Array2::zeros(l.weights.raw_dim()),
                        biases: Array1::zeros(l.width()),
                        weights_sq: Array2::zeros(sq_shape),
                        biases_sq: Array1::zeros(if adam { l.width() } else { 0 }),
                    }
                })
                .collect(),
        };
        Self { step: 0, moments }
    }

    /// True when the state fits `network` under `optimizer` (used to validate loaded files).
    pub fn fits(&self, optimizer: Optimizer, network: &Network) -> bool {
        let fresh = Self::new(optimizer, network);
        fresh.moments.len() == self.moments.len()
            && fresh.moments.iter().zip(&self.moments).all(|(a, b)| {
                a.weights.dim() == b.weights.dim()
                    && a.biases.dim() == b.biases.dim()
                    && a.weights_sq.dim() == b.weights_sq.dim()
                    && a.biases_sq.dim() == b.biases_sq.dim()
            })
    }

    /// Applies one update to `network` from `grads` (batch-mean gradients), with L2 weight
    /// decay `l2` added to the weight gradients (g ← g + l2·w; biases are not decayed).
    pub fn apply(
        &mut self,
        optimizer: Optimizer,
        network: &mut Network,
        grads: &Gradients,
        learning_rate: f32,
        l2: f32,
    ) {
        self.step += 1;
        let lr = learning_rate;
        match optimizer {
            Optimizer::Sgd | Optimizer::Perceptron => {
                for (layer, g) in network.layers.iter_mut().zip(&grads.layers) {
                    Zip::from(&mut layer.weights)
                        .and(&g.weights)
                        .for_each(|w, &g| *w -= lr * (g + l2 * *w));
                    Zip::from(&mut layer.biases)
                        .and(&g.biases)
                        .for_each(|b, &g| *b -= lr * g);
                }
            }
            Optimizer::Momentum { beta } => {
                for ((layer, g), m) in network
                    .layers
                    .iter_mut()
                    .zip(&grads.layers)
                    .zip(&mut self.moments)
                {
                    Zip::from(&mut layer.weights)
                        .and(&mut m.weights)
                        .and(&g.weights)
                        .for_each(|w, v, &g| {
                            *v = beta * *v + g + l2 * *w;
                            *w -= lr * *v;
                        });
                    Zip::from(&mut layer.biases)
                        .and(&mut m.biases)
                        .and(&g.biases)
                        .for_each(|b, v, &g| {
                            *v = beta * *v + g;
                            *b -= lr * *v;
                        });
                }
            }
            Optimizer::Adam {
                beta1,
                beta2,
                epsilon,
            } => {
                let t = self.step.min(i32::MAX as u64) as i32;
                let correction1 = 1.0 - beta1.powi(t);
                let correction2 = 1.0 - beta2.powi(t);
                let adam = |p: &mut f32, m: &mut f32, v: &mut f32, g: f32| {
                    *m = beta1 * *m + (1.0 - beta1) * g;
                    *v = beta2 * *v + (1.0 - beta2) * g * g;
                    let m_hat = *m / correction1;
                    let v_hat = *v / correction2;
                    *p -= lr * m_hat / (v_hat.sqrt() + epsilon);
                };
                for ((layer, g), m) in network
                    .layers
                    .iter_mut()
                    .zip(&grads.layers)
                    .zip(&mut self.moments)
                {
                    Zip::from(&mut layer.weights)
                        .and(&mut m.weights)
                        .and(&mut m.weights_sq)
                        .and(&g.weights)
                        .for_each(|w, m, v, &g| {
                            let g = g + l2 * *w;
                            adam(w, m, v, g);
                        });
                    Zip::from(&mut layer.biases)
                        .and(&mut m.biases)
                        .and(&mut m.biases_sq)
                        .and(&g.biases)
                        .for_each(|b, m, v, &g| adam(b, m, v, g));
                }
            }
        }
    }
}
