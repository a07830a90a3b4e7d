//! Advisory locks on experiment files, so two runs never train the same file at once (the
//! second would silently drop the first one's epochs): a training run holds an exclusive lock
//! for its whole length, and opening a file some run holds is refused. The locks are the
//! operating system's (`flock` on Unix): a killed process releases its lock.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

use crate::data::user_file::{PIPE_OPEN_TIMEOUT, ReadError, is_pipe, open_for_reading};

use super::SessionError;

/// Attempts at taking the lock when the file is replaced (saved) in between.
const ATTEMPTS: usize = 3;

/// An experiment file held by a training run; other runs and the app refuse the file until
/// this is dropped.
#[derive(Debug)]
pub struct TrainingLock {
    /// The open file that holds the lock.
    _file: File,
    /// The file locked.
    path: PathBuf,
}

impl TrainingLock {
    /// Takes the exclusive lock on the experiment file `path` for a training run, or refuses
    /// if another run (or the app, while it opens the file) has it.
    pub fn take(path: &Path) -> Result<Self, SessionError> {
        if is_pipe(path) {
            return Err(SessionError::File {
                path: path.to_owned(),
                message: "this is a pipe, not a file that a training run can hold and update"
                    .into(),
            });
        }
        for _ in 0..ATTEMPTS {
            let file = open(path)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => return Err(busy(path)),
                Err(TryLockError::Error(e)) => return Err(failed(path, &e.into())),
            }
            // A save renames a new file over the path: the lock must be on the current one.
            if same_file(&file, path) {
                return Ok(Self {
                    _file: file,
                    path: path.to_owned(),
                });
            }
        }
        Err(busy(path))
    }

    /// The file locked.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Refuses `path` if a training run holds it (a shared lock, taken and let go at once).
pub fn check_not_in_training(path: &Path) -> Result<(), SessionError> {
    // No run holds a pipe; opening it here would take its one writer from the real reader.
    if is_pipe(path) {
        return Ok(());
    }
    let file = open(path)?;
    match file.try_lock_shared() {
        Err(TryLockError::WouldBlock) => Err(busy(path)),
        // Free, or a file system without locks (which no run can hold either).
        Ok(()) | Err(TryLockError::Error(_)) => Ok(()),
    }
}

fn open(path: &Path) -> Result<File, SessionError> {
    open_for_reading(path, PIPE_OPEN_TIMEOUT).map_err(|e| failed(path, &e))
}

fn busy(path: &Path) -> SessionError {
    SessionError::InTraining {
        path: path.to_owned(),
    }
}

fn failed(path: &Path, error: &ReadError) -> SessionError {
    SessionError::File {
        path: path.to_owned(),
        message: error.to_string(),
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, _: &Path) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_file_is_refused_until_released() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.ron");
        std::fs::write(&path, "()").unwrap();
        let held = TrainingLock::take(&path).unwrap();
        assert!(
            matches!(
                TrainingLock::take(&path),
                Err(SessionError::InTraining { .. })
            ),
            "a second run is refused"
        );
        assert!(
            matches!(
                check_not_in_training(&path),
                Err(SessionError::InTraining { .. })
            ),
            "opening is refused"
        );
        drop(held);
        assert!(check_not_in_training(&path).is_ok(), "free again");
        assert!(TrainingLock::take(&path).is_ok(), "free again");
    }
}
