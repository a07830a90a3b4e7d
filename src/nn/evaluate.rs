//! Evaluation: the network's loss, predictions and metrics over a whole dataset, computed in
//! chunks so memory stays bounded on large sets.

use ndarray::{Array2, s};

use super::{ClassificationMetrics, Loss, Network, RegressionMetrics};
use crate::data::{Dataset, Target};

/// Rows per forward pass during evaluation.
const CHUNK: usize = 1024;

/// The network's results on one dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Mean loss per sample.
    pub loss: f32,
    /// Output activations of every sample (probabilities for sigmoid/softmax). `[samples, outputs]`
    pub outputs: Array2<f32>,
    /// Predicted class of every sample (classification only; empty for regression).
    pub predicted: Vec<usize>,
    /// Classification metrics, when the target is classes.
    pub classification: Option<ClassificationMetrics>,
    /// Regression metrics, when the target is values.
    pub regression: Option<RegressionMetrics>,
}

impl Evaluation {
    /// Accuracy, for classification.
    pub fn accuracy(&self) -> Option<f32> {
        self.classification.as_ref().map(|m| m.accuracy)
    }
}

/// Runs `network` over all of `data` and scores it with `loss`.
pub fn evaluate(network: &Network, data: &Dataset, loss: Loss) -> Evaluation {
    let n = data.len();
    let targets = data.target_matrix(network.outputs());
    let mut outputs = Array2::zeros((n, network.outputs()));
    let mut predicted = Vec::with_capacity(n);
    let mut chunk_predictions = Vec::with_capacity(CHUNK);
    let mut loss_sum = 0.0f64;
    let mut trace = network.trace_for(CHUNK.min(n));
    let mut start = 0;
    while start < n {
        let end = (start + CHUNK).min(n);
        if end - start != trace.batch_size() {
            trace = network.trace_for(end - start);
        }
        trace.input.assign(&data.features.slice(s![start..end, ..]));
        network.forward_in_place(&mut trace);
        let out = &trace.layers[trace.layers.len() - 1];
        loss_sum += f64::from(loss.batch_loss_sum(
            out.z.view(),
            out.a.view(),
            targets.slice(s![start..end, ..]),
        ));
        outputs.slice_mut(s![start..end, ..]).assign(&out.a);
        if matches!(data.target, Target::Classes { .. }) {
            Network::predict_classes(&trace, &mut chunk_predictions);
            predicted.extend_from_slice(&chunk_predictions);
        }
        start = end;
    }
    let (classification, regression) = match &data.target {
        Target::Classes { names, labels } => (
            Some(ClassificationMetrics::new(labels, &predicted, names.len())),
            None,
        ),
        Target::Values { values, .. } => {
            let truth: Vec<f32> = values.iter().copied().collect();
            let guess: Vec<f32> = outputs.iter().copied().collect();
            (None, Some(RegressionMetrics::new(&truth, &guess)))
        }
    };
    Evaluation {
        loss: (loss_sum / n.max(1) as f64) as f32,
        outputs,
        predicted,
        classification,
        regression,
    }
}
