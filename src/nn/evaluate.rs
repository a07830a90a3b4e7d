//! Evaluation: the network's loss, predictions and metrics over a whole dataset. The forward
//! pass runs in chunks on two threads and keeps only the output layer.

use ndarray::{Array2, Axis, Slice};

use super::{ClassificationMetrics, Loss, Network, RegressionMetrics};
use super::{Dataset, Target};

/// Rows per partial loss sum.
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
    let out = network.forward_output(data.features.view());
    // The loss is summed a chunk at a time in f64, so a large set loses no precision.
    let mut loss_sum = 0.0f64;
    let mut start = 0;
    while start < n {
        let rows = Slice::from(start..(start + CHUNK).min(n));
        loss_sum += f64::from(loss.batch_loss_sum(
            out.z.slice_axis(Axis(0), rows),
            out.a.slice_axis(Axis(0), rows),
            targets.slice_axis(Axis(0), rows),
        ));
        start += CHUNK;
    }
    let mut predicted = Vec::with_capacity(n);
    if matches!(data.target, Target::Classes { .. }) {
        out.classes(&mut predicted);
    }
    let outputs = out.a;
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
