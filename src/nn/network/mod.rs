//! The network: dense layers of neurons, the forward pass (z = W·x + b, a = f(z)) and
//! backpropagation (δ, ∂L/∂W, ∂L/∂b), computed for whole mini-batches as matrix products.
//!
//! Here: [`Layer`] and [`Network`], built from an architecture and seeded weights. Beside it:
//! `architecture.rs` (the shape and its limits), `trace.rs` (the forward pass and its
//! trace), `chunked.rs` (forward passes over many rows) and `backward.rs` (backpropagation).

use ndarray::{Array1, Array2};
use rand::SeedableRng as _;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

mod architecture;
mod backward;
mod chunked;
mod trace;

pub use architecture::{
    Architecture, LayerSpec, MAX_INPUTS, MAX_LAYERS, MAX_NEURONS, MAX_PARAMETERS, layer_name,
};
pub use backward::{ErrorSignal, Gradients, LayerGradients};
pub use trace::{ForwardTrace, LayerTrace, argmax};

use super::init::init_layer;
use super::linalg;
use super::{Activation, ConfigError};

/// One dense layer: every neuron sees every output of the previous layer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Layer {
    /// `weights[[j, i]]` is the weight from input i to neuron j.
    /// # Shapes
    /// `[outputs, inputs]`
    pub weights: Array2<f32>,
    /// One bias per neuron. `[outputs]`
    pub biases: Array1<f32>,
    /// The layer's activation function.
    pub activation: Activation,
}

impl Layer {
    /// Number of neurons.
    pub fn width(&self) -> usize {
        self.biases.len()
    }

    /// Number of inputs each neuron sees.
    pub fn fan_in(&self) -> usize {
        self.weights.ncols()
    }
}

/// A feed-forward network: the learned parameters (weights, biases) of every layer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Network {
    /// Hidden layers then the output layer.
    pub layers: Vec<Layer>,
}

impl Network {
    /// A network of the given shape with fresh weights: Xavier/Glorot for sigmoid, tanh and
    /// linear layers, He for the ReLU family, biases 0, drawn from a `ChaCha8Rng` seeded by
    /// `seed` (the same seed gives the same weights on every platform and version).
    pub fn new(architecture: &Architecture, seed: u64) -> Result<Self, ConfigError> {
        architecture.validate()?;
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut fan_in = architecture.inputs;
        let layers = architecture
            .layers
            .iter()
            .map(|spec| {
                let layer = init_layer(fan_in, spec.width, spec.activation, &mut rng);
                fan_in = spec.width;
                layer
            })
            .collect();
        Ok(Self { layers })
    }

    /// The shape of this network.
    pub fn architecture(&self) -> Architecture {
        Architecture {
            inputs: self.inputs(),
            layers: self
                .layers
                .iter()
                .map(|l| LayerSpec {
                    width: l.width(),
                    activation: l.activation,
                })
                .collect(),
        }
    }

    /// Number of input features.
    pub fn inputs(&self) -> usize {
        self.layers.first().map_or(0, Layer::fan_in)
    }

    /// Number of outputs.
    pub fn outputs(&self) -> usize {
        self.layers.last().map_or(0, Layer::width)
    }

    /// The output layer's activation.
    pub fn output_activation(&self) -> Activation {
        self.layers
            .last()
            .map_or(Activation::Identity, |l| l.activation)
    }

    /// True when every weight and bias is a finite number.
    pub fn is_finite(&self) -> bool {
        self.layers
            .iter()
            .all(|l| linalg::array_finite(&l.weights) && linalg::array_finite(&l.biases))
    }

    /// Total number of weights and biases.
    pub fn parameter_count(&self) -> usize {
        self.layers
            .iter()
            .map(|l| l.weights.len() + l.biases.len())
            .sum()
    }
}
