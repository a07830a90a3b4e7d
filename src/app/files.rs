//! Files in the app: opening experiments and datasets off the UI thread (through the session
//! layer's one code path) and the native dialogs, run off the UI thread too (the CSV tables
//! of File ▸ Export are written by `session::tables`).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::data::ReadProgress;
use crate::session::{Opened, SessionError, open_path_with};

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
/// the window. Dropping it cancels: a CSV stops being read at its next block, and any result
/// is thrown away when it arrives.
#[derive(Debug)]
pub struct FileLoad {
    path: PathBuf,
    /// The frame in which the load started (its result is applied in a later one).
    started_frame: u64,
    receiver: Receiver<Result<Opened, SessionError>>,
    /// How much of a CSV has been read; cancelled when the load is dropped.
    progress: Arc<ReadProgress>,
}

impl Drop for FileLoad {
    fn drop(&mut self) {
        self.progress.cancel();
    }
}

impl FileLoad {
    /// Starts opening `path` (see [`open_path_with`]); `ctx`, if any, is repainted when done.
    pub fn spawn(path: PathBuf, ctx: Option<egui::Context>, started_frame: u64) -> Self {
        let (sender, receiver) = channel();
        let thread_path = path.clone();
        let progress = ReadProgress::shared();
        let thread_progress = Arc::clone(&progress);
        std::thread::spawn(move || {
            // A closed channel means the user cancelled: nobody wants the result.
            let _ = sender.send(open_path_with(&thread_path, &thread_progress));
            if let Some(ctx) = ctx {
                ctx.request_repaint();
            }
        });
        Self {
            path,
            started_frame,
            receiver,
            progress,
        }
    }

    /// The fraction of the file read so far (0 to 1), `None` while unknown (an experiment
    /// file, a pipe).
    pub fn fraction(&self) -> Option<f32> {
        self.progress.fraction()
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
    /// Export a picture of a view as PNG.
    ExportPicture,
    /// Export the decision boundary over the kept epochs as an animated GIF.
    ExportAnimation,
}

/// A dialog that closes with nothing faster than this could not have been seen by anyone:
/// no dialog could be shown (rfd returns nothing when the desktop portal is missing).
const UNSEEN_DIALOG_SECS: f64 = 0.25;

/// How a file dialog ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogOutcome {
    /// The user chose this path.
    Chosen(PathBuf),
    /// The user cancelled.
    Cancelled,
    /// No dialog could be shown.
    Unavailable,
}

/// A native file dialog running on its own thread, so the frame loop never blocks.
#[derive(Debug)]
pub struct FileDialog {
    purpose: DialogPurpose,
    receiver: Receiver<DialogOutcome>,
}

impl FileDialog {
    /// Opens the dialog for `purpose`, its filters named in `text`'s language; `ctx` is
    /// repainted when the user is done.
    pub fn spawn(purpose: DialogPurpose, ctx: &egui::Context, text: &'static Strings) -> Self {
        let (sender, receiver) = channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let started = std::time::Instant::now();
            let dialog = rfd::FileDialog::new();
            let picked = match purpose {
                DialogPurpose::Open => dialog
                    .add_filter(text.filter_experiment_or_dataset, &["ron", "csv"])
                    .pick_file(),
                DialogPurpose::ImportCsv => dialog
                    .add_filter(text.filter_csv_dataset, &["csv"])
                    .pick_file(),
                DialogPurpose::ExportPytorch => dialog.pick_folder(),
                _ => {
                    let (filter, extension) = save_filter(purpose, text);
                    dialog
                        .add_filter(filter, &[extension])
                        .set_file_name(default_file_name(purpose))
                        .save_file()
                }
            };
            let outcome = match picked {
                Some(path) => DialogOutcome::Chosen(path),
                None if started.elapsed().as_secs_f64() < UNSEEN_DIALOG_SECS => {
                    DialogOutcome::Unavailable
                }
                None => DialogOutcome::Cancelled,
            };
            let _ = sender.send(outcome);
            ctx.request_repaint();
        });
        Self { purpose, receiver }
    }

    /// How the dialog ended, once it closed; `None` while still open.
    pub fn poll(&self) -> Option<DialogOutcome> {
        match self.receiver.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(DialogOutcome::Cancelled),
        }
    }

    /// What the dialog is for.
    pub fn purpose(&self) -> DialogPurpose {
        self.purpose
    }
}

/// The save dialog's filter name and extension for `purpose`.
fn save_filter(purpose: DialogPurpose, text: &'static Strings) -> (&'static str, &'static str) {
    match purpose {
        DialogPurpose::SaveAs => (text.filter_experiment, "ron"),
        DialogPurpose::ExportPicture => ("PNG", "png"),
        DialogPurpose::ExportAnimation => (text.filter_gif, "gif"),
        _ => (text.filter_csv, "csv"),
    }
}

/// The file (or folder) name a save offers for `purpose`.
pub fn default_file_name(purpose: DialogPurpose) -> &'static str {
    match purpose {
        DialogPurpose::Open | DialogPurpose::ImportCsv | DialogPurpose::SaveAs => "experiment.ron",
        DialogPurpose::ExportHistory => "history.csv",
        DialogPurpose::ExportConfusion => "confusion.csv",
        DialogPurpose::ExportPytorch => "pytorch-export",
        DialogPurpose::ExportPicture => "picture.png",
        DialogPurpose::ExportAnimation => "training.gif",
    }
}

/// True unless this platform's dialogs are known to be impossible here: on Linux and the
/// BSDs they go through the desktop portal over the session's D-Bus, so without a session
/// bus no dialog can show. (A dialog that still fails is caught when it returns nothing at
/// once, see [`DialogOutcome::Unavailable`].)
pub fn native_dialogs_available() -> bool {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return true;
    }
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        || std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|dir| Path::new(&dir).join("bus").exists())
}

/// Where files go when no dialog can ask: the folder "Perceptron Lab" in the home folder
/// ($HOME, or %USERPROFILE% on Windows), or the current folder when there is no home.
pub fn fallback_folder() -> PathBuf {
    let home = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .filter(|h| !h.is_empty());
    match home {
        Some(home) => PathBuf::from(home).join("Perceptron Lab"),
        None => std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
    }
}

/// A path in `folder` for `purpose` that names no existing file: `history.csv`, else
/// `history-2.csv`, `history-3.csv`, …; the folder is created. `None` when it can't be.
pub fn fallback_path(folder: &Path, purpose: DialogPurpose) -> Result<PathBuf, AppError> {
    std::fs::create_dir_all(folder).map_err(|source| AppError::Write {
        path: folder.to_owned(),
        source,
    })?;
    let name = Path::new(default_file_name(purpose));
    let stem = name
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let extension = name
        .extension()
        .map_or_else(String::new, |e| format!(".{}", e.to_string_lossy()));
    (1..10_000)
        .map(|n| {
            let file = if n == 1 {
                format!("{stem}{extension}")
            } else {
                format!("{stem}-{n}{extension}")
            };
            folder.join(file)
        })
        .find(|path| !path.exists())
        .ok_or_else(|| AppError::Write {
            path: folder.to_owned(),
            source: std::io::Error::new(std::io::ErrorKind::AlreadyExists, "no free file name"),
        })
}
