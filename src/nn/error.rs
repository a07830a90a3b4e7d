//! Errors of the engine: a configuration that cannot be built, and training that failed.

use thiserror::Error;

/// A network or training configuration that is not valid; the message says which setting.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum ConfigError {
    /// A name (activation, loss, optimizer) that is not known.
    #[error("unknown {what} '{name}' (expected one of: {expected})")]
    UnknownName {
        /// What kind of name.
        what: &'static str,
        /// The name given.
        name: String,
        /// The names accepted.
        expected: &'static str,
    },
    /// A setting outside its allowed range or in conflict with another.
    #[error("{setting}: {message}")]
    Invalid {
        /// The setting (e.g. "learning rate", "layer 2").
        setting: String,
        /// What is wrong and what would be right.
        message: String,
    },
}

impl ConfigError {
    /// Shorthand for [`ConfigError::Invalid`].
    pub fn invalid(setting: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid {
            setting: setting.into(),
            message: message.into(),
        }
    }
}

/// Training stopped.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum TrainError {
    /// The loss or the weights stopped being finite numbers.
    #[error(
        "training diverged at epoch {epoch}, batch {batch} with learning rate {learning_rate}: {what}; the last good weights are kept"
    )]
    Diverged {
        /// Epoch (1-based) in which it happened.
        epoch: usize,
        /// Batch (1-based) within that epoch.
        batch: usize,
        /// What stopped being finite.
        what: String,
        /// The learning rate in use.
        learning_rate: f32,
    },
    /// The dataset does not fit the network.
    #[error("the data does not fit the network: {0}")]
    Mismatch(String),
}
