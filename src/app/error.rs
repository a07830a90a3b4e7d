//! What can go wrong in the app, as one `thiserror` enum: every error is shown once, in the
//! notice bar (worded for the user by [`AppError::message`]), and never both stored and
//! returned.

use std::path::PathBuf;

use thiserror::Error;

use crate::session::{SessionError, Stop};

use super::strings::{Strings, fill};

/// An error the app shows in its notice bar.
#[derive(Debug, Error)]
pub enum AppError {
    /// Opening, building or saving an experiment failed.
    #[error(transparent)]
    Session(#[from] SessionError),
    /// A file (an export) could not be written.
    #[error("Can't write {}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The thread opening a file ended without an answer.
    #[error("opening {} stopped unexpectedly", path.display())]
    LoadStopped {
        /// The file.
        path: PathBuf,
    },
    /// A setting from a panel could not be applied.
    #[error("{0}")]
    Setting(SessionError),
}

impl AppError {
    /// The message for the notice bar, in the interface language.
    pub fn message(&self, text: &Strings) -> String {
        match self {
            Self::Session(SessionError::UnsupportedFile { path }) => {
                fill(text.unsupported_file, &[&path.display()])
            }
            Self::Setting(error) => fill(text.cannot_apply, &[error]),
            other => other.to_string(),
        }
    }
}

/// Why training stopped, with the app's advice, in the interface language.
pub fn stop_message(stop: &Stop, text: &Strings) -> String {
    match stop {
        Stop::Diverged(error) => fill(text.diverged_advice, &[error]),
        Stop::Crashed(bug) => fill(text.crashed, &[bug]),
    }
}
