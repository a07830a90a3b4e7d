//! How large an experiment file may be, and what follows from it: the largest file read or
//! written, the memory its text may stand for once parsed, and the largest file a network's
//! weights and optimizer state can take — so that a network the app or the command line
//! builds can always be saved, and every file saved can be loaded again.

use crate::nn::{Architecture, Optimizer};

use super::ExperimentError;

/// Largest experiment file read or written (bounds memory before parsing).
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// The longest a finite `f32` is written (`-6302718000000000.0`), plus the `, ` after it.
const VALUE_BYTES: u64 = 19 + 2;
/// A value on a line of its own (a bias): the value, `,`, the newline and the indentation.
const LINE_VALUE_BYTES: u64 = VALUE_BYTES + 20;
/// Brackets, indentation and newline around one row of weights.
const ROW_BYTES: u64 = 24;
/// Field names, brackets and indentation of one layer and of its optimizer moments.
const LAYER_BYTES: u64 = 512;

/// Bytes the parsed values of a file may take: this many times its text ... (files this
/// program writes need 0.3–0.8 × their text; a file of `0.0,` with no spaces needs 1 ×) ...
const PARSED_PER_TEXT_BYTE: usize = 5;
/// ... divided by this ...
const PARSED_PER_TEXT_DIVISOR: usize = 4;
/// ... plus this (a small file may stand for some fixed-size structures).
const PARSED_SLACK: usize = 1 << 20;

/// The limits an experiment file is read and written within.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileLimits {
    /// Largest file read or written, in bytes.
    pub max_file_bytes: u64,
}

impl Default for FileLimits {
    fn default() -> Self {
        Self {
            max_file_bytes: MAX_FILE_BYTES,
        }
    }
}

impl FileLimits {
    /// Bytes of a file the weights and optimizer state may take at most: three quarters of a
    /// file, the rest is room for the data description, the history and embedded samples.
    pub fn max_model_bytes(&self) -> u64 {
        self.max_file_bytes / 4 * 3
    }

    /// Refuses a network whose weights and optimizer state, each value written at its
    /// longest, could not fit in [`Self::max_model_bytes`].
    pub fn check_model(
        &self,
        architecture: &Architecture,
        optimizer: Optimizer,
    ) -> Result<(), ExperimentError> {
        let bytes = model_file_bytes(architecture, optimizer);
        if bytes > self.max_model_bytes() {
            return Err(ExperimentError::ModelTooLarge {
                bytes,
                limit: self.max_model_bytes(),
                optimizer,
            });
        }
        Ok(())
    }
}

/// The most bytes the weights, biases and optimizer state of `architecture` trained with
/// `optimizer` take in an experiment file (every value written at its longest).
pub fn model_file_bytes(architecture: &Architecture, optimizer: Optimizer) -> u64 {
    // Copies of every parameter the optimizer keeps: momentum's velocity, Adam's two means.
    let copies: u64 = match optimizer {
        Optimizer::Sgd | Optimizer::Perceptron => 0,
        Optimizer::Momentum { .. } => 1,
        Optimizer::Adam { .. } => 2,
    };
    let mut fan_in = architecture.inputs as u64;
    let mut bytes = 0u64;
    for layer in &architecture.layers {
        let width = layer.width as u64;
        let weights = width.saturating_mul(fan_in);
        let layer_bytes = width
            .saturating_mul(ROW_BYTES.saturating_add(fan_in.saturating_mul(VALUE_BYTES)))
            .saturating_add(width.saturating_mul(LINE_VALUE_BYTES));
        let state_bytes =
            copies.saturating_mul(weights.saturating_add(width).saturating_mul(VALUE_BYTES));
        bytes = bytes
            .saturating_add(LAYER_BYTES)
            .saturating_add(layer_bytes)
            .saturating_add(state_bytes);
        fan_in = width;
    }
    bytes
}

/// Bytes the values parsed from `text_bytes` of text may take before the parse is stopped
/// (every file this program writes needs well under this).
pub fn parse_budget(text_bytes: usize) -> usize {
    (text_bytes / PARSED_PER_TEXT_DIVISOR)
        .saturating_mul(PARSED_PER_TEXT_BYTE)
        .saturating_add(PARSED_SLACK)
}
