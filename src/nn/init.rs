//! Weight initialisation: Xavier/Glorot for saturating activations, He for the ReLU family.

use ndarray::{Array1, Array2};
use rand::RngExt as _;
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;

use super::{Activation, Layer};

/// A layer of `width` neurons over `fan_in` inputs with freshly drawn weights and zero biases.
///
/// - ReLU, leaky ReLU: He normal, w ~ N(0, 2 / fan_in), keeping the activations' variance
///   steady when half the neurons are off.
/// - Everything else: Xavier/Glorot uniform, w ~ U(−√(6 / (fan_in + fan_out)), +…).
pub fn init_layer(
    fan_in: usize,
    width: usize,
    activation: Activation,
    rng: &mut ChaCha8Rng,
) -> Layer {
    let weights = match activation {
        Activation::Relu | Activation::LeakyRelu => {
            let std = (2.0 / fan_in as f32).sqrt();
            Array2::from_shape_simple_fn((width, fan_in), || {
                std * rng.sample::<f32, _>(StandardNormal)
            })
        }
        _ => {
            let limit = (6.0 / (fan_in + width) as f32).sqrt();
            Array2::from_shape_simple_fn((width, fan_in), || rng.random_range(-limit..limit))
        }
    };
    Layer {
        weights,
        biases: Array1::zeros(width),
        activation,
    }
}
