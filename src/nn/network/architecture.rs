//! The shape of a network before it has weights: [`LayerSpec`] (neurons and activation),
//! [`Architecture`] and the engine's size limits.

use serde::{Deserialize, Serialize};

use crate::nn::{Activation, ConfigError};

/// Most layers (hidden + output) a network may have.
pub const MAX_LAYERS: usize = 32;
/// Most neurons in one layer.
pub const MAX_NEURONS: usize = 4096;
/// Most input features.
pub const MAX_INPUTS: usize = 100_000;
/// Most weights and biases in a whole network.
pub const MAX_PARAMETERS: usize = 50_000_000;

/// One layer's shape: how many neurons and which activation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayerSpec {
    /// Number of neurons.
    pub width: usize,
    /// Activation applied to every neuron of the layer.
    pub activation: Activation,
}

/// The shape of a network: input width and its layers, the last being the output layer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Architecture {
    /// Number of input features.
    pub inputs: usize,
    /// Hidden layers then the output layer. One layer = a single-layer perceptron.
    pub layers: Vec<LayerSpec>,
}

impl Architecture {
    /// A shape from its input width and each layer's `(neurons, activation)`, input side first.
    pub fn of(inputs: usize, layers: &[(usize, Activation)]) -> Self {
        Self {
            inputs,
            layers: layers
                .iter()
                .map(|&(width, activation)| LayerSpec { width, activation })
                .collect(),
        }
    }

    /// Checks the sizes against the engine's limits and softmax placement.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if !(1..=MAX_INPUTS).contains(&self.inputs) {
            return Err(ConfigError::invalid(
                "inputs",
                format!(
                    "a network needs 1 to {MAX_INPUTS} inputs, got {}",
                    self.inputs
                ),
            ));
        }
        if self.layers.is_empty() || self.layers.len() > MAX_LAYERS {
            return Err(ConfigError::invalid(
                "layers",
                format!(
                    "a network needs 1 to {MAX_LAYERS} layers (hidden + output), got {}",
                    self.layers.len()
                ),
            ));
        }
        let mut fan_in = self.inputs;
        let mut parameters = 0usize;
        let last = self.layers.len() - 1;
        for (i, layer) in self.layers.iter().enumerate() {
            let name = layer_name(i, last);
            if !(1..=MAX_NEURONS).contains(&layer.width) {
                return Err(ConfigError::invalid(
                    name,
                    format!("needs 1 to {MAX_NEURONS} neurons, got {}", layer.width),
                ));
            }
            if layer.activation == Activation::Softmax && i != last {
                return Err(ConfigError::invalid(
                    name,
                    "softmax is for the output layer only",
                ));
            }
            if layer.activation == Activation::Softmax && layer.width < 2 {
                return Err(ConfigError::invalid(
                    name,
                    "softmax needs at least 2 outputs (one per class); use sigmoid for one output",
                ));
            }
            parameters = parameters.saturating_add(layer.width.saturating_mul(fan_in + 1));
            fan_in = layer.width;
        }
        if parameters > MAX_PARAMETERS {
            return Err(ConfigError::invalid(
                "network",
                format!("{parameters} weights is more than the limit of {MAX_PARAMETERS}"),
            ));
        }
        Ok(())
    }

    /// Width of the output layer.
    pub fn outputs(&self) -> usize {
        self.layers.last().map_or(0, |l| l.width)
    }
}

/// "hidden layer 2" or "output layer", for messages.
pub fn layer_name(index: usize, last: usize) -> String {
    if index == last {
        "output layer".to_owned()
    } else {
        format!("hidden layer {}", index + 1)
    }
}
