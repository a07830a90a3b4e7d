//! The recipe of an experiment — everything the user sets and nothing the model learns — and
//! how it becomes a fresh [`Trainer`].

use serde::{Deserialize, Serialize};

use crate::data::builtin::Generator;
use crate::data::{DataSource, DataSpec};
use crate::experiment::Experiment;
use crate::nn::{
    Activation, Architecture, LayerSpec, Loss, Network, Optimizer, TrainConfig, Trainer,
};

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

    /// Builds the data, the network with fresh weights, and a trainer at epoch 0.
    pub fn build(&self) -> Result<Trainer, String> {
        let loaded = self.data_spec().load().map_err(|e| e.to_string())?;
        let classes = loaded.train.class_names().map_or(1, <[String]>::len);
        let outputs = match loaded.train.class_names() {
            Some(_) if classes == 2 && self.output_activation != Activation::Softmax => 1,
            Some(_) => classes,
            None => loaded.train.labels().map_or(1, |_| 1),
        };
        let mut layers = self.hidden.clone();
        layers.push(LayerSpec {
            width: outputs,
            activation: self.output_activation,
        });
        let architecture = Architecture {
            inputs: loaded.train.num_features(),
            layers,
        };
        let network = Network::new(&architecture, self.config.seed).map_err(|e| e.to_string())?;
        Trainer::new(network, self.config, loaded.train, loaded.test).map_err(|e| e.to_string())
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
