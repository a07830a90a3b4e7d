//! The examples under File ▸ Open example: ready experiments that each teach one idea.

use crate::data::DataSource;
use crate::data::builtin::Generator;
use crate::nn::{Activation, LayerSpec, Loss, Optimizer, TrainConfig};

use crate::session::Setup;

/// One example: a menu title and the setup it opens.
#[derive(Debug, Clone)]
pub struct Example {
    /// Title in the menu.
    pub title: &'static str,
    /// What the student should notice.
    pub lesson: &'static str,
    /// The experiment.
    pub setup: Setup,
}

fn generator(kind: Generator, samples: Option<usize>, noise: f32) -> DataSource {
    DataSource::Generator {
        kind,
        samples,
        noise,
        seed: 1,
    }
}

fn hidden(widths: &[usize], activation: Activation) -> Vec<LayerSpec> {
    widths
        .iter()
        .map(|&width| LayerSpec { width, activation })
        .collect()
}

fn config(loss: Loss, optimizer: Optimizer, learning_rate: f32, batch_size: usize) -> TrainConfig {
    TrainConfig {
        loss,
        optimizer,
        learning_rate,
        l2: 0.0,
        batch_size,
        seed: 1,
    }
}

/// Every example, in menu order.
pub fn all() -> Vec<Example> {
    vec![
        Example {
            title: "XOR with one hidden layer (the default)",
            lesson: "A hidden layer lets the network bend its boundary around XOR.",
            setup: Setup::default(),
        },
        Example {
            title: "XOR with a single-layer perceptron (fails)",
            lesson: "A single layer draws one straight line, and no line separates XOR.",
            setup: Setup {
                data: generator(Generator::Xor, None, 0.0),
                test_fraction: 0.0,
                split_seed: 1,
                hidden: Vec::new(),
                output_activation: Activation::Step,
                config: config(Loss::Mse, Optimizer::Perceptron, 1.0, 1),
            },
        },
        Example {
            title: "Linearly separable: perceptron rule",
            lesson: "When a straight line exists, Rosenblatt's perceptron rule finds it.",
            setup: Setup {
                data: generator(Generator::Linear, Some(100), 0.0),
                test_fraction: 0.2,
                split_seed: 1,
                hidden: Vec::new(),
                output_activation: Activation::Step,
                config: config(Loss::Mse, Optimizer::Perceptron, 1.0, 1),
            },
        },
        Example {
            title: "Two Gaussians: logistic regression",
            lesson: "One sigmoid neuron gives the probability of class 1.",
            setup: Setup {
                data: generator(Generator::Gauss, Some(200), 0.3),
                test_fraction: 0.2,
                split_seed: 1,
                hidden: Vec::new(),
                output_activation: Activation::Sigmoid,
                config: config(Loss::Bce, Optimizer::Sgd, 0.3, 10),
            },
        },
        Example {
            title: "Circle: one hidden layer of ReLU",
            lesson: "Each ReLU neuron adds one straight edge to a polygon around the disk.",
            setup: Setup {
                data: generator(Generator::Circle, Some(300), 0.05),
                test_fraction: 0.2,
                split_seed: 1,
                hidden: hidden(&[6], Activation::Relu),
                output_activation: Activation::Softmax,
                config: config(Loss::Ce, Optimizer::ADAM, 0.02, 10),
            },
        },
        Example {
            title: "Moons: two tanh layers",
            lesson: "Two layers bend the boundary into a smooth S.",
            setup: Setup {
                data: generator(Generator::Moons, Some(300), 0.1),
                test_fraction: 0.2,
                split_seed: 1,
                hidden: hidden(&[8, 8], Activation::Tanh),
                output_activation: Activation::Softmax,
                config: config(Loss::Ce, Optimizer::ADAM, 0.02, 10),
            },
        },
        Example {
            title: "Spiral: a deeper network",
            lesson: "A hard problem: watch the deep network wind its boundary around the arms.",
            setup: Setup {
                data: generator(Generator::Spiral, Some(400), 0.05),
                test_fraction: 0.2,
                split_seed: 1,
                hidden: hidden(&[16, 16, 16], Activation::Tanh),
                output_activation: Activation::Softmax,
                config: config(Loss::Ce, Optimizer::ADAM, 0.01, 10),
            },
        },
    ]
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_example_builds() {
        for example in super::all() {
            assert!(
                example.setup.build().is_ok(),
                "example '{}' must build",
                example.title
            );
        }
    }
}
