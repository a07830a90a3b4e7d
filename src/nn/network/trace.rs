//! The forward pass and what it leaves behind: [`LayerTrace`] (each layer's z and a),
//! [`ForwardTrace`] (the whole pass), the in-place pass over a reused trace, and the class
//! predictions read from an output layer.

use ndarray::{Array2, Axis};

use super::Network;
use crate::nn::linalg;

/// What one layer computed in a forward pass.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerTrace {
    /// Weighted sums z = a_prev·Wᵀ + b (pre-activations). `[batch, neurons]`
    pub z: Array2<f32>,
    /// Activations a = f(z). `[batch, neurons]`
    pub a: Array2<f32>,
}

impl LayerTrace {
    /// A zeroed trace for `batch` samples through `neurons` neurons.
    pub fn zeros(batch: usize, neurons: usize) -> Self {
        Self {
            z: Array2::zeros((batch, neurons)),
            a: Array2::zeros((batch, neurons)),
        }
    }

    /// Class predictions from an output layer: with one output, class 1 when a ≥ 0.5; with
    /// several, the neuron with the largest z (the same as the largest a, with ties broken).
    pub fn classes(&self, into: &mut Vec<usize>) {
        into.clear();
        if self.a.ncols() == 1 {
            into.extend(self.a.column(0).iter().map(|&a| usize::from(a >= 0.5)));
        } else {
            into.extend(
                self.z
                    .axis_iter(Axis(0))
                    .map(|row| argmax(row.iter().copied())),
            );
        }
    }
}

/// Every intermediate number of a forward pass.
#[derive(Debug, Clone, PartialEq)]
pub struct ForwardTrace {
    /// What entered the first layer. `[batch, inputs]`
    pub input: Array2<f32>,
    /// One entry per layer, input side first.
    pub layers: Vec<LayerTrace>,
}

impl ForwardTrace {
    /// The network's output (the last layer's activations). `[batch, outputs]`
    pub fn output(&self) -> &Array2<f32> {
        &self.layers[self.layers.len() - 1].a
    }

    /// Number of samples in the batch.
    pub fn batch_size(&self) -> usize {
        self.input.nrows()
    }
}

impl Network {
    /// An empty trace shaped for batches of `batch` samples, to reuse with
    /// [`Network::forward_in_place`].
    pub fn trace_for(&self, batch: usize) -> ForwardTrace {
        ForwardTrace {
            input: Array2::zeros((batch, self.inputs())),
            layers: self
                .layers
                .iter()
                .map(|l| LayerTrace {
                    z: Array2::zeros((batch, l.width())),
                    a: Array2::zeros((batch, l.width())),
                })
                .collect(),
        }
    }

    /// Forward pass of `trace.input`, overwriting the trace's z and a without allocating
    /// (the trace must come from [`Network::trace_for`] with the same batch size).
    pub fn forward_in_place(&self, trace: &mut ForwardTrace) {
        let ForwardTrace { input, layers } = trace;
        let mut previous: &Array2<f32> = input;
        for (layer, out) in self.layers.iter().zip(layers.iter_mut()) {
            // z = a_prev · Wᵀ + b   [batch, in]·[in, out] → [batch, out]
            linalg::affine(previous, &layer.weights, &layer.biases, &mut out.z);
            layer.activation.apply(out.z.view(), out.a.view_mut());
            previous = &out.a;
        }
    }

    /// Class predictions from a trace's output: with one output, class 1 when a ≥ 0.5; with
    /// several, the neuron with the largest z (the same as the largest a, with ties broken).
    pub fn predict_classes(trace: &ForwardTrace, into: &mut Vec<usize>) {
        trace.layers[trace.layers.len() - 1].classes(into);
    }
}

/// Index of the largest value (the first one on ties; NaN never wins).
pub fn argmax(values: impl Iterator<Item = f32>) -> usize {
    let mut best = (0, f32::NEG_INFINITY);
    for (i, v) in values.enumerate() {
        if v > best.1 {
            best = (i, v);
        }
    }
    best.0
}
