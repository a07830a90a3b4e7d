//! Backpropagation: from a forward trace and the targets to every δ, ∂L/∂W and ∂L/∂b
//! ([`Gradients`]), for a loss's true gradient or for Rosenblatt's perceptron rule
//! ([`ErrorSignal`]).

use ndarray::{Array1, Array2, ArrayView2, Zip};

use super::{ForwardTrace, Network};
use crate::nn::{Loss, linalg};

/// One layer's share of backpropagation.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerGradients {
    /// δ = ∂L_s/∂z: the error derivative with respect to each neuron's weighted sum, for each
    /// sample s of the batch (its own loss, not divided by the batch size). `[batch, neurons]`
    pub delta: Array2<f32>,
    /// ∂L/∂W of the batch's mean loss: (1/B)·Σ_s δ_sᵀ·a_prev,s. `[outputs, inputs]`
    pub weights: Array2<f32>,
    /// ∂L/∂b of the batch's mean loss: the mean of δ over the batch. `[outputs]`
    pub biases: Array1<f32>,
}

/// Every derivative of one backward pass.
#[derive(Debug, Clone, PartialEq)]
pub struct Gradients {
    /// The batch's mean loss (without the L2 term).
    pub loss: f32,
    /// One entry per layer, input side first.
    pub layers: Vec<LayerGradients>,
}

/// What the output layer's error signal is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorSignal {
    /// The true gradient of a loss (backpropagation).
    Gradient(Loss),
    /// Rosenblatt's perceptron rule: δ = ŷ − y, ignoring the step's zero derivative, so the
    /// update is w ← w + lr·(y − ŷ)·x. The loss reported is MSE.
    Perceptron,
}

impl Network {
    /// Empty gradients shaped for batches of `batch` samples, to reuse with
    /// [`Network::backward_in_place`].
    pub fn gradients_for(&self, batch: usize) -> Gradients {
        Gradients {
            loss: 0.0,
            layers: self
                .layers
                .iter()
                .map(|l| LayerGradients {
                    delta: Array2::zeros((batch, l.width())),
                    weights: Array2::zeros(l.weights.raw_dim()),
                    biases: Array1::zeros(l.width()),
                })
                .collect(),
        }
    }

    /// Backpropagation of the batch mean of `loss` through a forward trace.
    /// # Shapes
    /// `targets`: `[batch, outputs]`
    pub fn backward(
        &self,
        trace: &ForwardTrace,
        targets: ArrayView2<'_, f32>,
        loss: Loss,
    ) -> Gradients {
        let mut grads = self.gradients_for(trace.batch_size());
        self.backward_in_place(trace, targets, ErrorSignal::Gradient(loss), &mut grads);
        grads
    }

    /// Backpropagation into preallocated gradients (see [`Network::gradients_for`]).
    ///
    /// From the output back: δ_L from the loss; then for each layer ∂L/∂W = δᵀ·a_prev / B,
    /// ∂L/∂b = mean(δ), and the previous layer's δ = (δ·W) ⊙ f′(z_prev).
    pub fn backward_in_place(
        &self,
        trace: &ForwardTrace,
        targets: ArrayView2<'_, f32>,
        signal: ErrorSignal,
        grads: &mut Gradients,
    ) {
        let last = self.layers.len() - 1;
        let out = &trace.layers[last];
        let loss = match signal {
            ErrorSignal::Gradient(loss) => loss,
            ErrorSignal::Perceptron => Loss::Mse,
        };
        let batch = trace.batch_size();
        grads.loss = loss.batch_loss_sum(out.z.view(), out.a.view(), targets) / batch.max(1) as f32;
        match signal {
            ErrorSignal::Gradient(loss) => loss.output_delta(
                self.layers[last].activation,
                out.z.view(),
                out.a.view(),
                targets,
                grads.layers[last].delta.view_mut(),
            ),
            ErrorSignal::Perceptron => Zip::from(&mut grads.layers[last].delta)
                .and(&out.a)
                .and(&targets)
                .for_each(|d, &a, &y| *d = a - y),
        }
        let scale = 1.0 / batch.max(1) as f32;
        for l in (0..=last).rev() {
            let (before, rest) = grads.layers.split_at_mut(l);
            let here = &mut rest[0];
            let previous_a = if l == 0 {
                &trace.input
            } else {
                &trace.layers[l - 1].a
            };
            // ∂L/∂W = (1/B)·δᵀ·a_prev   [out, batch]·[batch, in] → [out, in]
            linalg::outer_sum(scale, &here.delta, previous_a, &mut here.weights);
            // ∂L/∂b = (1/B)·Σ_s δ_s
            here.biases.fill(0.0);
            for row in here.delta.rows() {
                here.biases += &row;
            }
            here.biases *= scale;
            if l > 0 {
                let below = &mut before[l - 1];
                // ∂L/∂a_prev = δ·W   [batch, out]·[out, in] → [batch, in]
                linalg::back(&here.delta, &self.layers[l].weights, &mut below.delta);
                let prev = &trace.layers[l - 1];
                self.layers[l - 1].activation.backprop(
                    prev.z.view(),
                    prev.a.view(),
                    below.delta.view_mut(),
                );
            }
        }
    }
}
