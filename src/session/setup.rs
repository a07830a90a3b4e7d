//! The recipe of an experiment — everything the user sets and nothing the model learns — and
//! how it becomes a fresh [`Trainer`]. The defaults that follow from the task (which output,
//! loss and optimizer suit N classes) are decided here once, for the app and the command line.

use serde::{Deserialize, Serialize};

use crate::data::builtin::Generator;
use crate::data::{DataSource, DataSpec, Dataset, LoadedData, Target};
use crate::experiment::{Experiment, FileLimits};
use crate::nn::{
    Activation, Architecture, LayerSpec, Loss, Network, Optimizer, TrainConfig, Trainer,
};

use super::SessionError;

/// The user's choices: data, architecture and hyperparameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Setup {
    /// Where the samples come from.
    pub data: DataSource,
    /// Share of the samples held back as the test set.
    pub test_fraction: f32,
    /// Seed of the train/test split.
    pub split_seed: u64,
    /// Hidden layers, input side first (the output layer follows from the data).
    pub hidden: Vec<LayerSpec>,
    /// Activation of the output layer.
    pub output_activation: Activation,
    /// Loss, optimizer, learning rate, batch size, L2, seed.
    pub config: TrainConfig,
}

impl Default for Setup {
    /// The first-minute experiment: noisy XOR, one hidden layer of 4 tanh neurons, softmax.
    fn default() -> Self {
        Self {
            data: DataSource::Generator {
                kind: Generator::Xor,
                samples: Some(200),
                noise: 0.1,
                seed: 1,
            },
            test_fraction: 0.2,
            split_seed: 1,
            hidden: vec![LayerSpec {
                width: 4,
                activation: Activation::Tanh,
            }],
            output_activation: Activation::Softmax,
            config: TrainConfig {
                loss: Loss::Ce,
                optimizer: Optimizer::Sgd,
                learning_rate: 0.3,
                l2: 0.0,
                batch_size: 10,
                seed: 1,
            },
        }
    }
}

impl Setup {
    /// The data and its split, as the experiment file stores them.
    pub fn data_spec(&self) -> DataSpec {
        DataSpec {
            source: self.data.clone(),
            test_fraction: self.test_fraction,
            split_seed: self.split_seed,
        }
    }

    /// The setup an experiment file describes.
    pub fn from_experiment(experiment: &Experiment) -> Self {
        let mut setup = Self {
            data: experiment.data.source.clone(),
            test_fraction: experiment.data.test_fraction,
            split_seed: experiment.data.split_seed,
            hidden: Vec::new(),
            output_activation: Activation::Softmax,
            config: experiment.training,
        };
        setup.set_architecture(&experiment.architecture());
        setup
    }

    /// The setup for a task: `source` (already loaded as `data`) with the user's `choices`,
    /// and for everything left unchosen the default that suits the task — one sigmoid output
    /// with binary cross-entropy for two classes, a softmax with cross-entropy for more, a
    /// linear output with MSE for values, a step output and Rosenblatt's rule for the
    /// perceptron optimizer, Adam otherwise.
    pub fn for_task(source: DataSource, data: &LoadedData, choices: &Choices) -> Self {
        let output = choices
            .output
            .unwrap_or_else(|| Self::default_output(&data.train.target, choices.optimizer));
        let optimizer = choices
            .optimizer
            .unwrap_or_else(|| Self::default_optimizer(output));
        let hidden = choices
            .hidden
            .clone()
            .unwrap_or_else(|| source.default_hidden());
        Self {
            test_fraction: choices
                .test_fraction
                .unwrap_or_else(|| source.default_test_fraction()),
            data: source,
            split_seed: choices.seed,
            hidden,
            output_activation: output,
            config: TrainConfig {
                loss: choices
                    .loss
                    .unwrap_or_else(|| Self::loss_for_output(output)),
                optimizer,
                learning_rate: choices
                    .learning_rate
                    .unwrap_or_else(|| optimizer.default_learning_rate()),
                l2: choices.l2,
                batch_size: choices.batch_size,
                seed: choices.seed,
            },
        }
    }

    /// The output activation that suits `target` (and the optimizer, if chosen).
    pub fn default_output(target: &Target, optimizer: Option<Optimizer>) -> Activation {
        match (target, optimizer) {
            (_, Some(Optimizer::Perceptron)) => Activation::Step,
            (Target::Classes { names, .. }, _) if names.len() == 2 => Activation::Sigmoid,
            (Target::Classes { .. }, _) => Activation::Softmax,
            (Target::Values { .. }, _) => Activation::Identity,
        }
    }

    /// The optimizer that suits `output`: Rosenblatt's rule for a step output, Adam otherwise.
    pub fn default_optimizer(output: Activation) -> Optimizer {
        if output == Activation::Step {
            Optimizer::Perceptron
        } else {
            Optimizer::ADAM
        }
    }

    /// Output neurons for `data`: one per class (one in all for two classes unless softmax),
    /// or one per regression target.
    pub fn output_width(data: &Dataset, output: Activation) -> usize {
        match &data.target {
            Target::Classes { names, .. } if names.len() == 2 && output != Activation::Softmax => 1,
            Target::Classes { names, .. } | Target::Values { names, .. } => names.len(),
        }
    }

    /// Builds the data, the network with fresh weights, and a trainer at epoch 0.
    pub fn build(&self) -> Result<Trainer, SessionError> {
        self.build_with(self.data_spec().load()?)
    }

    /// Builds the network with fresh weights and a trainer at epoch 0 on data already loaded
    /// from this setup's source (so a pipe is read once).
    pub fn build_with(&self, loaded: LoadedData) -> Result<Trainer, SessionError> {
        let mut layers = self.hidden.clone();
        layers.push(LayerSpec {
            width: Self::output_width(&loaded.train, self.output_activation),
            activation: self.output_activation,
        });
        let architecture = Architecture {
            inputs: loaded.train.num_features(),
            layers,
        };
        // A network whose experiment file could not be saved (and loaded) is refused here.
        FileLimits::default().check_model(&architecture, self.config.optimizer)?;
        let network = Network::new(&architecture, self.config.seed)?;
        Ok(Trainer::new(
            network,
            self.config,
            loaded.train,
            loaded.test,
        )?)
    }

    /// Takes the hidden layers and output activation from `architecture` (e.g. edited in the
    /// network view).
    pub fn set_architecture(&mut self, architecture: &Architecture) {
        if let Some((output, hidden)) = architecture.layers.split_last() {
            self.hidden = hidden.to_vec();
            self.output_activation = output.activation;
        }
    }

    /// The loss that suits `output` (cross-entropy for probabilities, MSE otherwise).
    pub fn loss_for_output(output: Activation) -> Loss {
        match output {
            Activation::Softmax => Loss::Ce,
            Activation::Sigmoid => Loss::Bce,
            _ => Loss::Mse,
        }
    }
}

/// What the user chose for a new experiment; `None` leaves it to [`Setup::for_task`].
#[derive(Debug, Clone, PartialEq)]
pub struct Choices {
    /// Hidden layers, input side first.
    pub hidden: Option<Vec<LayerSpec>>,
    /// Activation of the output layer.
    pub output: Option<Activation>,
    /// Loss.
    pub loss: Option<Loss>,
    /// Optimizer.
    pub optimizer: Option<Optimizer>,
    /// Learning rate.
    pub learning_rate: Option<f32>,
    /// L2 weight decay.
    pub l2: f32,
    /// Samples per update.
    pub batch_size: usize,
    /// Seed of the split, the weights and the shuffling.
    pub seed: u64,
    /// Share of the samples held back as the test set.
    pub test_fraction: Option<f32>,
}

impl Default for Choices {
    fn default() -> Self {
        Self {
            hidden: None,
            output: None,
            loss: None,
            optimizer: None,
            learning_rate: None,
            l2: 0.0,
            batch_size: 32,
            seed: 1,
            test_fraction: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_setup_builds_a_trainer() {
        let trainer = Setup::default().build().unwrap();
        assert_eq!(trainer.network().inputs(), 2, "2-D data");
        assert_eq!(trainer.network().outputs(), 2, "softmax over two classes");
        assert_eq!(
            trainer.train_data().len() + trainer.test_data().map_or(0, crate::data::Dataset::len),
            200,
            "all samples"
        );
    }

    #[test]
    fn sigmoid_output_on_two_classes_has_one_neuron() {
        let setup = Setup {
            output_activation: Activation::Sigmoid,
            config: TrainConfig {
                loss: Loss::Bce,
                ..Setup::default().config
            },
            ..Setup::default()
        };
        assert_eq!(
            setup.build().unwrap().network().outputs(),
            1,
            "one probability"
        );
    }
}
