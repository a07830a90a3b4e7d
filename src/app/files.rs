//! Files: opening and saving experiments (.ron) and datasets (.csv) by path — the one code
//! path behind the command line, drag and drop and the native dialogs — and the dialogs
//! themselves, run off the UI thread.
//!
//! The experiment format here is the seam to `crate::experiment`: until that module lands,
//! [`ExperimentFile`] keeps the setup and the learned state in RON so Open/Save work end to end.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use serde::{Deserialize, Serialize};

use crate::nn::{Cursor, EpochRecord, Network, OptimizerState, Trainer};

use super::setup::Setup;
use super::strings::{Strings, fill};

/// Version of [`ExperimentFile`]'s layout.
const FORMAT_VERSION: u32 = 1;

/// An experiment on disk: the recipe and everything learned so far.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct ExperimentFile {
    format_version: u32,
    setup: Setup,
    network: Network,
    optimizer_state: OptimizerState,
    cursor: Cursor,
    history: Vec<EpochRecord>,
}

/// Reads an experiment (.ron) or dataset (.csv) and returns the setup and a trainer ready to
/// continue where the file left off.
pub fn open_path(path: &Path, text: &Strings) -> Result<(Setup, Trainer), String> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "ron" => open_experiment(path),
        "csv" => Err(fill(text.csv_not_yet, &[&path.display()])),
        _ => Err(fill(text.unsupported_file, &[&path.display()])),
    }
}

fn open_experiment(path: &Path) -> Result<(Setup, Trainer), String> {
    let source = std::fs::read_to_string(path).map_err(|e| format!("Can't read {}: {e}", path.display()))?;
    let file: ExperimentFile =
        ron::from_str(&source).map_err(|e| format!("{} is not a Perceptron Lab experiment: {e}", path.display()))?;
    if file.format_version > FORMAT_VERSION {
        return Err(format!(
            "{} was written by a newer Perceptron Lab (format {}); this one reads format {FORMAT_VERSION}.",
            path.display(),
            file.format_version
        ));
    }
    let fresh = file.setup.build()?;
    let trainer = Trainer::resume(
        file.network,
        file.setup.config,
        file.optimizer_state,
        fresh.train_data().clone(),
        fresh.test_data().cloned(),
        file.cursor,
        file.history,
    )
    .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((file.setup, trainer))
}

/// Writes the experiment to `path` atomically (a temporary file renamed over the target).
pub fn save_path(path: &Path, setup: &Setup, trainer: &Trainer) -> Result<(), String> {
    let file = ExperimentFile {
        format_version: FORMAT_VERSION,
        setup: setup.clone(),
        network: trainer.network().clone(),
        optimizer_state: trainer.optimizer_state().clone(),
        cursor: trainer.cursor(),
        history: trainer.history().to_vec(),
    };
    let text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default())
        .map_err(|e| format!("Can't write the experiment: {e}"))?;
    write_atomically(path, text.as_bytes())
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let temporary = PathBuf::from(temporary);
    std::fs::write(&temporary, bytes).map_err(|e| format!("Can't write {}: {e}", temporary.display()))?;
    std::fs::rename(&temporary, path).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        format!("Can't write {}: {e}", path.display())
    })
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
}

/// A native file dialog running on its own thread, so the frame loop never blocks.
#[derive(Debug)]
pub struct PendingDialog {
    purpose: DialogPurpose,
    receiver: Receiver<Option<PathBuf>>,
}

impl PendingDialog {
    /// Opens the dialog for `purpose`; `ctx` is repainted when the user is done.
    pub fn spawn(purpose: DialogPurpose, ctx: &egui::Context, suggested_name: &str) -> Self {
        let (sender, receiver) = channel();
        let ctx = ctx.clone();
        let suggested_name = suggested_name.to_owned();
        std::thread::spawn(move || {
            let dialog = rfd::FileDialog::new();
            let picked = match purpose {
                DialogPurpose::Open => dialog
                    .add_filter("Experiment or dataset", &["ron", "csv"])
                    .pick_file(),
                DialogPurpose::ImportCsv => dialog.add_filter("CSV dataset", &["csv"]).pick_file(),
                DialogPurpose::SaveAs => dialog
                    .add_filter("Experiment", &["ron"])
                    .set_file_name(&suggested_name)
                    .save_file(),
                DialogPurpose::ExportHistory | DialogPurpose::ExportConfusion => dialog
                    .add_filter("CSV", &["csv"])
                    .set_file_name(&suggested_name)
                    .save_file(),
            };
            let _ = sender.send(picked);
            ctx.request_repaint();
        });
        Self { purpose, receiver }
    }

    /// The chosen path once the dialog closed: `Some(Some(path))`, `Some(None)` if cancelled,
    /// `None` while still open.
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
        out.push_str(&format!(
            "{},{},{},{},{}\n",
            r.epoch,
            r.train_loss,
            cell(r.train_accuracy),
            cell(r.test_loss),
            cell(r.test_accuracy)
        ));
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
            out.push_str(&format!(",{count}"));
        }
        out.push('\n');
    }
    out
}
