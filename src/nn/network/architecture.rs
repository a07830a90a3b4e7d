//! The shape of a network before it has weights: [`LayerSpec`] (neurons and activation, also
//! parsed from text such as `8:tanh`), [`Architecture`] and the engine's size limits.

use std::str::FromStr;

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

impl LayerSpec {
    /// Hidden layers from a comma-separated list such as `8:relu, 4:tanh` (see
    /// [`LayerSpec::from_str`]); empty parts are skipped, so `""` is no hidden layer at all.
    pub fn parse_list(spec: &str) -> Result<Vec<Self>, ConfigError> {
        spec.split(',')
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(str::parse)
            .collect()
    }
}

impl FromStr for LayerSpec {
    type Err = ConfigError;

    /// One layer as `WIDTH:ACTIVATION` (`8:relu`); a width alone (`8`) means tanh. The sizes
    /// are checked later, with the whole network, by [`Architecture::validate`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let part = s.trim();
        let (width, activation) = part.split_once(':').unwrap_or((part, "tanh"));
        let width = width.trim().parse::<usize>().map_err(|_| {
            ConfigError::invalid(
                "hidden layer",
                format!("'{part}' is not WIDTH:ACTIVATION (for example 8:tanh)"),
            )
        })?;
        Ok(Self {
            width,
            activation: activation.parse()?,
        })
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(width: usize, activation: Activation) -> LayerSpec {
        LayerSpec { width, activation }
    }

    /// `WIDTH:ACTIVATION` gives that layer, a width alone a tanh layer; spaces and the case of
    /// the activation's name do not matter.
    #[test]
    fn a_layer_parses_from_width_and_activation() {
        let cases = [
            ("8:relu", spec(8, Activation::Relu)),
            ("3:softmax", spec(3, Activation::Softmax)),
            (" 16 : Leaky_ReLU ", spec(16, Activation::LeakyRelu)),
            ("1:linear", spec(1, Activation::Identity)),
            ("5", spec(5, Activation::Tanh)),
        ];
        for (text, want) in cases {
            assert_eq!(text.parse::<LayerSpec>(), Ok(want), "'{text}'");
        }
    }

    /// A width that is not a number is refused naming the setting and the expected form; an
    /// unknown activation is refused listing the known ones.
    #[test]
    fn a_bad_layer_says_what_is_wrong() {
        for text in ["x:tanh", ":relu", "-3:tanh", "2.5", " 9 x ", ""] {
            let Err(ConfigError::Invalid { setting, message }) = text.parse::<LayerSpec>() else {
                panic!("'{text}' must be refused as an invalid hidden layer");
            };
            assert_eq!(setting, "hidden layer", "'{text}': the setting is named");
            assert!(
                message.contains(&format!("'{}'", text.trim()))
                    && message.contains("WIDTH:ACTIVATION"),
                "'{text}': the message quotes the input and the expected form: {message}"
            );
        }
        let error = "8:swish".parse::<LayerSpec>().unwrap_err();
        assert!(
            matches!(&error, ConfigError::UnknownName { what: "activation", name, .. } if name == "swish"),
            "an unknown activation is named as such: {error:?}"
        );
        assert!(
            error.to_string().contains("relu"),
            "and the known ones are listed: {error}"
        );
    }

    /// A comma-separated list gives one layer per part, skipping empty parts; an empty list
    /// is no hidden layer; one bad part refuses the whole list.
    #[test]
    fn a_list_of_layers_parses_and_skips_empty_parts() {
        assert_eq!(
            LayerSpec::parse_list("8:relu, 4"),
            Ok(vec![spec(8, Activation::Relu), spec(4, Activation::Tanh)]),
            "two layers"
        );
        assert_eq!(
            LayerSpec::parse_list(",16:sigmoid,, "),
            Ok(vec![spec(16, Activation::Sigmoid)]),
            "empty parts are skipped"
        );
        for empty in ["", " ", ",", " , "] {
            assert_eq!(
                LayerSpec::parse_list(empty),
                Ok(Vec::new()),
                "'{empty}' is no hidden layer"
            );
        }
        let error = LayerSpec::parse_list("8:relu,four:tanh").unwrap_err();
        assert_eq!(
            error.to_string(),
            "hidden layer: 'four:tanh' is not WIDTH:ACTIVATION (for example 8:tanh)",
            "the bad part is quoted"
        );
    }
}
