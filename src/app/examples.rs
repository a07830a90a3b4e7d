//! The examples under File ▸ Open example: ready experiments that each teach one idea.

use crate::data::DataSource;
use crate::data::builtin::Generator;
use crate::nn::{Activation, LayerSpec, Loss, Optimizer, TrainConfig};

use crate::session::Setup;

/// One example: the setup it opens. Its menu title and lesson are the strings
/// `example_titles` and `example_lessons` at the same index.
#[derive(Debug, Clone)]
pub struct Example {
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
            setup: Setup::default(),
        },
        Example {
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
        for (i, example) in super::all().into_iter().enumerate() {
            assert!(example.setup.build().is_ok(), "example {i} must build");
        }
        for language in crate::app::strings::Language::ALL {
            let text = language.strings();
            assert_eq!(
                (text.example_titles.len(), text.example_lessons.len()),
                (super::all().len(), super::all().len()),
                "every example has a title and a lesson in {language:?}"
            );
        }
    }
}
