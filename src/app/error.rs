//! What can go wrong in the app, as one `thiserror` enum: every error is shown once, in the
//! notice bar (worded for the user by [`AppError::message`]), and never both stored and
//! returned.

use std::path::PathBuf;

use thiserror::Error;

use crate::data::DatasetError;
use crate::session::pytorch::PytorchError;
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
    /// A picture (File ▸ Export ▸ Picture) could not be encoded.
    #[error("the picture could not be taken: {reason}")]
    Picture {
        /// Why.
        reason: String,
    },
    /// The view to take a picture of is not on screen (or outside the window).
    #[error("{view:?} is not on screen")]
    PictureNotShown {
        /// The view.
        view: super::shell::View,
    },
    /// The window answered the screenshot request with nothing.
    #[error("the window sent no screenshot")]
    PictureNotTaken,
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
                fill(text.unsupported_file, &[&path.display()])
            }
            Self::Setting(error) => fill(text.cannot_apply, &[error]),
            Self::Write { path, source } => fill(text.cannot_write, &[&path.display(), source]),
            Self::LoadStopped { path } => fill(text.load_stopped, &[&path.display()]),
            Self::Columns { source } => fill(text.columns_unreadable, &[source]),
            Self::NoConfusionMatrix => text.regression_only.to_owned(),
            Self::Window { source } => fill(text.window_failed, &[source]),
            Self::Picture { reason } => fill(text.picture_failed, &[reason]),
            Self::PictureNotShown { view } => fill(
                text.picture_not_shown,
                &[&super::picture::view_name(*view, text)],
            ),
            Self::PictureNotTaken => text.picture_no_screenshot.to_owned(),
            Self::Session(other) => other.to_string(),
            Self::Pytorch(error) => fill(text.export_pytorch_failed, &[error]),
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
