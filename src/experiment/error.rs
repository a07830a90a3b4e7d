//! [`ExperimentError`]: why an experiment file could not be loaded, saved or used.

use thiserror::Error;

use super::SNAPSHOTS_FORMAT_VERSION;
use crate::data::DatasetError;
use crate::nn::{Optimizer, TrainError};

/// Why an experiment could not be loaded, saved or used.
#[derive(Debug, Error)]
pub enum ExperimentError {
    /// Reading or writing the file failed.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// What the operating system said.
        message: String,
    },
    /// The text is not a valid experiment (syntax, missing field, wrong type).
    #[error("{path}: not a valid experiment file: {message}")]
    Syntax {
        /// The file.
        path: String,
        /// The parser's message, with line and column.
        message: String,
    },
    /// A field has a value that cannot be right.
    #[error("{path}: field `{field}`: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// Which field (dotted path).
        field: String,
        /// What is wrong.
        message: String,
    },
    /// The file is from a newer Perceptron Lab.
    #[error(
        "{path}: format version {found} is newer than this Perceptron Lab understands ({SNAPSHOTS_FORMAT_VERSION}); update the app"
    )]
    TooNew {
        /// The file.
        path: String,
        /// The version in the file.
        found: u32,
    },
    /// A network too large for an experiment file to hold (so it could not be saved).
    #[error(
        "the network's weights and {optimizer} state can take up to {bytes} bytes in an experiment file, more than the {limit} bytes a file has for them"
    )]
    ModelTooLarge {
        /// The most bytes the model can take (see `model_file_bytes`).
        bytes: u64,
        /// The bytes a file has for the model.
        limit: u64,
        /// The optimizer (its state is saved too).
        optimizer: Optimizer,
    },
    /// The data the experiment refers to could not be produced.
    #[error("data: {0}")]
    Data(#[from] DatasetError),
    /// The saved training state does not fit together.
    #[error("{0}")]
    Train(#[from] TrainError),
}
