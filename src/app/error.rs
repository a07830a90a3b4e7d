//! What can go wrong in the app, as one `thiserror` enum: every error is shown once, in the
//! notice bar (worded for the user by [`AppError::message`]), and never both stored and
//! returned.

use std::path::PathBuf;

use thiserror::Error;

use crate::data::DatasetError;
use crate::nn::TrainError;
use crate::session::pytorch::PytorchError;
use crate::session::{SessionError, Stop};

use super::strings::Strings;

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
    /// The columns of the dataset's table could not be read or inferred.
    #[error("can't read the columns: {source}")]
    Columns {
        /// Why.
        source: DatasetError,
    },
    /// The PyTorch export failed.
    #[error(transparent)]
    Pytorch(#[from] PytorchError),
    /// A confusion matrix was asked of data with numeric targets.
    #[error("this dataset has numeric targets, so there is no confusion matrix")]
    NoConfusionMatrix,
    /// The window could not be opened.
    #[error("could not open the window: {source}")]
    Window {
        /// Why.
        source: eframe::Error,
    },
}

impl AppError {
    /// The message for the notice bar, in the interface language.
    pub fn message(&self, text: &Strings) -> String {
        match self {
            Self::Session(SessionError::UnsupportedFile { path }) => {
                text.unsupported_file(path.display().to_string())
            }
            Self::Setting(error) => text.cannot_apply(error.to_string()),
            Self::Write { path, source } => {
                text.cannot_write(path.display().to_string(), source.to_string())
            }
            Self::LoadStopped { path } => text.load_stopped(path.display().to_string()),
            Self::Columns { source } => text.columns_unreadable(source.to_string()),
            Self::NoConfusionMatrix => text.regression_only.to_owned(),
            Self::Window { source } => text.window_failed(source.to_string()),
            Self::Session(other) => text.session_problem(other.to_string()),
            Self::Pytorch(error) => text.export_pytorch_failed(error.to_string()),
        }
    }
}

/// Why training stopped, with the app's advice, in the interface language.
pub fn stop_message(stop: &Stop, text: &Strings) -> String {
    match stop {
        Stop::Diverged(TrainError::Diverged {
            epoch,
            batch,
            what,
            learning_rate,
        }) => text.diverged(*epoch, *batch, learning_rate.to_string(), what.as_str()),
        Stop::Diverged(error) => text.diverged_advice(error.to_string()),
        Stop::Crashed(bug) => text.crashed(bug.as_str()),
    }
}
