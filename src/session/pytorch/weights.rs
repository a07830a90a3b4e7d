//! The network's parameters as a safetensors file, named as PyTorch names the parameters of a
//! module holding `self.layers = nn.ModuleList([nn.Linear(...), ...])`.

use safetensors::{Dtype, SafeTensors, tensor::TensorView};

use super::PytorchError;
use crate::nn::Network;

/// The safetensors name of layer `index`'s weights, `[out, in]` like `nn.Linear.weight`.
pub fn weight_name(index: usize) -> String {
    format!("layers.{index}.weight")
}

/// The safetensors name of layer `index`'s biases, `[out]` like `nn.Linear.bias`.
pub fn bias_name(index: usize) -> String {
    format!("layers.{index}.bias")
}

/// One parameter tensor: its name, shape and values (row-major, little-endian f32 in the file).
#[derive(Debug, Clone, PartialEq)]
pub struct NamedTensor {
    /// `layers.{i}.weight` or `layers.{i}.bias`.
    pub name: String,
    /// `[out, in]` for weights, `[out]` for biases.
    pub shape: Vec<usize>,
    /// The values, row-major.
    pub values: Vec<f32>,
}

/// Every parameter of `network`, input side first. The engine's `weights[j][i]` (input i to
/// neuron j) is already PyTorch's `[out_features, in_features]` layout.
pub fn named_tensors(network: &Network) -> Vec<NamedTensor> {
    let mut tensors = Vec::with_capacity(network.layers.len() * 2);
    for (index, layer) in network.layers.iter().enumerate() {
        let (outputs, inputs) = layer.weights.dim();
        tensors.push(NamedTensor {
            name: weight_name(index),
            shape: vec![outputs, inputs],
            values: layer.weights.iter().copied().collect(),
        });
        tensors.push(NamedTensor {
            name: bias_name(index),
            shape: vec![outputs],
            values: layer.biases.to_vec(),
        });
    }
    tensors
}

/// The bytes of a safetensors file holding `tensors` as F32.
pub fn to_safetensors(tensors: &[NamedTensor]) -> Result<Vec<u8>, PytorchError> {
    let bytes: Vec<Vec<u8>> = tensors
        .iter()
        .map(|t| t.values.iter().flat_map(|v| v.to_le_bytes()).collect())
        .collect();
    let views = tensors
        .iter()
        .zip(&bytes)
        .map(|(t, data)| {
            TensorView::new(Dtype::F32, t.shape.clone(), data)
                .map(|view| (t.name.clone(), view))
                .map_err(|e| PytorchError::Weights {
                    message: format!("{}: {e}", t.name),
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    safetensors::serialize(views, None).map_err(|e| PytorchError::Weights {
        message: e.to_string(),
    })
}

/// Reads the F32 tensors of a safetensors file back, sorted by name (for checks and tests).
pub fn from_safetensors(bytes: &[u8]) -> Result<Vec<NamedTensor>, PytorchError> {
    let parsed = SafeTensors::deserialize(bytes).map_err(|e| PytorchError::Weights {
        message: e.to_string(),
    })?;
    let mut tensors = Vec::with_capacity(parsed.len());
    for (name, view) in parsed.iter() {
        if view.dtype() != Dtype::F32 {
            return Err(PytorchError::Weights {
                message: format!("{name}: {:?} is not F32", view.dtype()),
            });
        }
        let values = view
            .data()
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        tensors.push(NamedTensor {
            name: name.to_owned(),
            shape: view.shape().to_vec(),
            values,
        });
    }
    tensors.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(tensors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::{Activation, Architecture};

    #[test]
    fn parameters_survive_the_file_bit_for_bit() {
        let architecture = Architecture::of(3, &[(4, Activation::Tanh), (2, Activation::Softmax)]);
        let network = Network::new(&architecture, 7).unwrap();
        let tensors = named_tensors(&network);
        let bytes = to_safetensors(&tensors).unwrap();
        let mut back = from_safetensors(&bytes).unwrap();
        back.sort_by(|a, b| a.name.cmp(&b.name));
        let mut expected = tensors.clone();
        expected.sort_by(|a, b| a.name.cmp(&b.name));
        assert_eq!(back, expected, "names, shapes and values round-trip");
        let first = back.iter().find(|t| t.name == "layers.0.weight").unwrap();
        assert_eq!(first.shape, vec![4, 3], "weights are [out, in]");
        assert_eq!(
            first.values[3].to_bits(),
            network.layers[0].weights[[1, 0]].to_bits(),
            "row-major: element [1][0] is the fourth value"
        );
    }

    #[test]
    fn a_corrupt_file_is_an_error_not_a_panic() {
        assert!(
            from_safetensors(&[1, 2, 3]).is_err(),
            "three bytes are no header"
        );
        assert!(
            from_safetensors(&u64::MAX.to_le_bytes()).is_err(),
            "a huge header length is refused"
        );
    }
}
