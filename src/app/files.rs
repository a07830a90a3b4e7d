//! Files in the app: opening experiments and datasets off the UI thread (through the session
//! layer's one code path), the native dialogs, run off the UI thread too, and the CSV tables
//! of File ▸ Export.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::nn::EpochRecord;
use crate::session::{Opened, SessionError, open_path};

use super::error::AppError;
use super::strings::Strings;

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    crate::experiment::write_atomically(path, bytes).map_err(|source| AppError::Write {
        path: path.to_owned(),
        source,
    })
}

/// An experiment or dataset being opened on its own thread, so a large file never freezes
/// the window. Dropping it cancels: the result is thrown away when it arrives.
#[derive(Debug)]
pub struct FileLoad {
    path: PathBuf,
    /// The frame in which the load started (its result is applied in a later one).
    started_frame: u64,
    receiver: Receiver<Result<Opened, SessionError>>,
}

impl FileLoad {
    /// Starts opening `path` (see [`open_path`]); `ctx`, if any, is repainted when done.
    pub fn spawn(path: PathBuf, ctx: Option<egui::Context>, started_frame: u64) -> Self {
        let (sender, receiver) = channel();
        let thread_path = path.clone();
        std::thread::spawn(move || {
            // A closed channel means the user cancelled: nobody wants the result.
            let _ = sender.send(open_path(&thread_path));
            if let Some(ctx) = ctx {
                ctx.request_repaint();
            }
        });
        Self {
            path,
            started_frame,
            receiver,
        }
    }

    /// The file being opened.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The frame in which the load started.
    pub fn started_frame(&self) -> u64 {
        self.started_frame
    }

    /// The result once the load finished, `None` while it runs.
    pub fn poll(&self) -> Option<Result<Opened, AppError>> {
        match self.receiver.try_recv() {
            Ok(result) => Some(result.map_err(AppError::from)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(self.stopped())),
        }
    }

    /// Blocks until the load finished (for tests and scripted runs).
    pub fn wait(self) -> Result<Opened, AppError> {
        match self.receiver.recv() {
            Ok(result) => result.map_err(AppError::from),
            Err(_) => Err(self.stopped()),
        }
    }

    fn stopped(&self) -> AppError {
        AppError::LoadStopped {
            path: self.path.clone(),
        }
    }
}

/// What a file dialog was opened for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogPurpose {
    /// Open an experiment or dataset.
    Open,
    /// Import a CSV dataset.
    ImportCsv,
    /// Save the experiment to a new path.
    SaveAs,
    /// Export the loss/accuracy history as CSV.
    ExportHistory,
    /// Export the confusion matrix as CSV.
    ExportConfusion,
    /// Export a PyTorch script and its weights into a folder.
    ExportPytorch,
    /// Export the decision boundary over the kept epochs as an animated GIF.
    ExportAnimation,
}

/// A native file dialog running on its own thread, so the frame loop never blocks.
#[derive(Debug)]
pub struct FileDialog {
    purpose: DialogPurpose,
    receiver: Receiver<Option<PathBuf>>,
}

impl FileDialog {
    /// Opens the dialog for `purpose`, its filters named in `text`'s language; `ctx` is
    /// repainted when the user is done.
    pub fn spawn(purpose: DialogPurpose, ctx: &egui::Context, text: &'static Strings) -> Self {
        let (sender, receiver) = channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let dialog = rfd::FileDialog::new();
            let picked = match purpose {
                DialogPurpose::Open => dialog
                    .add_filter(text.filter_experiment_or_dataset, &["ron", "csv"])
                    .pick_file(),
                DialogPurpose::ImportCsv => dialog
                    .add_filter(text.filter_csv_dataset, &["csv"])
                    .pick_file(),
                DialogPurpose::SaveAs => dialog
                    .add_filter(text.filter_experiment, &["ron"])
                    .set_file_name("experiment.ron")
                    .save_file(),
                DialogPurpose::ExportHistory => dialog
                    .add_filter(text.filter_csv, &["csv"])
                    .set_file_name("history.csv")
                    .save_file(),
                DialogPurpose::ExportConfusion => dialog
                    .add_filter(text.filter_csv, &["csv"])
                    .set_file_name("confusion.csv")
                    .save_file(),
                DialogPurpose::ExportPytorch => dialog.pick_folder(),
                DialogPurpose::ExportAnimation => dialog
                    .add_filter(text.filter_gif, &["gif"])
                    .set_file_name("training.gif")
                    .save_file(),
            };
            let _ = sender.send(picked);
            ctx.request_repaint();
        });
        Self { purpose, receiver }
    }

    /// The chosen path once the dialog closed: `Some(Some(path))`, `Some(None)` if cancelled,
    /// `None` while still open.
    #[expect(
        clippy::option_option,
        reason = "outer: has the dialog closed; inner: was a path chosen"
    )]
    pub fn poll(&self) -> Option<Option<PathBuf>> {
        match self.receiver.try_recv() {
            Ok(path) => Some(path),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(None),
        }
    }

    /// What the dialog is for.
    pub fn purpose(&self) -> DialogPurpose {
        self.purpose
    }
}

/// The training history as CSV: epoch, train loss, train accuracy, test loss, test accuracy.
pub fn history_csv(history: &[EpochRecord]) -> String {
    let cell = |v: Option<f32>| v.map_or_else(String::new, |v| v.to_string());
    let mut out = String::from("epoch,train_loss,train_accuracy,test_loss,test_accuracy\n");
    for r in history {
        let _ = writeln!(
            out,
            "{},{},{},{},{}",
            r.epoch,
            r.train_loss,
            cell(r.train_accuracy),
            cell(r.test_loss),
            cell(r.test_accuracy)
        );
    }
    out
}

/// A confusion matrix as CSV with class names on both axes (rows true, columns predicted).
pub fn confusion_csv(names: &[String], confusion: &[Vec<u64>]) -> String {
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut out = String::from("true\\predicted");
    for name in names {
        out.push(',');
        out.push_str(&quote(name));
    }
    out.push('\n');
    for (name, row) in names.iter().zip(confusion) {
        out.push_str(&quote(name));
        for count in row {
            let _ = write!(out, ",{count}");
        }
        out.push('\n');
    }
    out
}
