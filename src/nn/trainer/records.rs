//! What the trainer reports: where it is in the data, each epoch's record, and what one step
//! or one sample's pass computed.

use ndarray::Array2;
use serde::{Deserialize, Serialize};

use crate::nn::{ForwardTrace, Gradients};

/// Where the trainer is within the data.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    /// Epochs completed.
    pub epoch: usize,
    /// Updates (mini-batches) completed in the current epoch.
    pub batch: usize,
    /// Samples of the current epoch already used (a position in the shuffled order).
    pub sample: usize,
    /// Where the current mini-batch began; below `sample` while a batch is being stepped
    /// through sample by sample.
    pub batch_start: usize,
}

/// The numbers recorded at the end of one epoch.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EpochRecord {
    /// 1-based epoch number.
    pub epoch: usize,
    /// Mean loss over the training set after the epoch.
    pub train_loss: f32,
    /// Training accuracy (classification only).
    pub train_accuracy: Option<f32>,
    /// Mean loss over the test set (if there is one).
    pub test_loss: Option<f32>,
    /// Test accuracy (classification with a test set only).
    pub test_accuracy: Option<f32>,
}

/// What one sample step did.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SampleStep {
    /// Index of the sample in the training set.
    pub index: usize,
    /// Its loss before the step.
    pub loss: f32,
    /// True when this sample completed a mini-batch and the weights were updated.
    pub updated: bool,
    /// The record of the epoch this step completed, if it did.
    pub epoch_end: Option<EpochRecord>,
}

/// What one batch step did.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BatchStep {
    /// Mean loss of the batch before the update.
    pub loss: f32,
    /// Samples in the batch.
    pub samples: usize,
    /// The record of the epoch this step completed, if it did.
    pub epoch_end: Option<EpochRecord>,
}

/// Every number of one sample's forward and backward pass (see [`Trainer::inspect_sample`]).
#[derive(Debug, Clone, PartialEq)]
pub struct SamplePass {
    /// z and a of every layer.
    pub trace: ForwardTrace,
    /// δ, ∂L/∂W and ∂L/∂b of every layer, and the loss.
    pub grads: Gradients,
    /// The target row the output was compared with. `[1, outputs]`
    pub target: Array2<f32>,
}
