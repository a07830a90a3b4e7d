//! The network: dense layers of neurons, the forward pass (z = W·x + b, a = f(z)) and
//! backpropagation (δ, ∂L/∂W, ∂L/∂b), computed for whole mini-batches as matrix products.

use ndarray::{Array1, Array2, ArrayView2, Axis, Zip};
use rand::SeedableRng as _;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

mod chunked;

use super::init::init_layer;
use super::linalg;
use super::{Activation, ConfigError, Loss};

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
