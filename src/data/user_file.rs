//! Reading a path the user named — a CSV, an experiment, the CSV an experiment names — the one
//! way every such path is opened: regular files and pipes only (a device such as `/dev/zero`
//! is refused, not read until memory runs out), a pipe that nothing writes to is given up
//! after a few seconds instead of blocking forever, and every read stops at a byte limit.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use thiserror::Error;

/// How long opening a pipe (FIFO) waits for a writer before giving up.
pub const PIPE_OPEN_TIMEOUT: Duration = Duration::from_secs(3);

/// Why a user's path could not be read. The messages do not name the path: the caller's
/// error says which file it was.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The operating system refused (missing file, no permission, ...).
    #[error("{message}")]
    Io {
        /// What the operating system said.
        message: String,
    },
    /// A folder, device or socket: nothing to read as a file.
    #[error("this is a {kind}, not a file")]
    NotAFile {
        /// What it is instead ("folder", "character device", ...).
        kind: &'static str,
    },
    /// A pipe that no process opened for writing within [`PIPE_OPEN_TIMEOUT`].
    #[error(
        "this is a pipe and nothing wrote to it within {seconds} s; give a file, or start the program that writes to the pipe first"
    )]
    PipeTimeout {
        /// Seconds waited.
        seconds: u64,
    },
    /// More bytes than the caller's limit; reading stopped there.
    #[error("the file is larger than the {limit}-byte limit")]
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        Self::Io {
            message: e.to_string(),
        }
    }
}

/// Opens `path` for reading if it is a regular file or a pipe. A pipe is opened on a helper
/// thread that waits at most `pipe_timeout` for a writer (a pipe with a writer, such as
/// `<(cat data.csv)`, opens at once; the helper of one that never gets a writer stays
/// blocked, detached, until the process ends).
pub fn open_for_reading(path: &Path, pipe_timeout: Duration) -> Result<File, ReadError> {
    let kind = std::fs::metadata(path)?.file_type();
    refuse_non_files(kind)?;
    let file = if is_pipe_type(kind) {
        open_pipe(path, pipe_timeout)?
    } else {
        File::open(path)?
    };
    // The path may have been swapped between the check and the open: check what was opened.
    refuse_non_files(file.metadata()?.file_type())?;
    Ok(file)
}

/// Reads everything from `reader`, refusing more than `limit` bytes (at most `limit + 1` are
/// read). `size_hint` (the file's reported length, if any) sizes the buffer once.
pub fn read_to_limit(
    reader: impl Read,
    limit: u64,
    size_hint: Option<u64>,
) -> Result<Vec<u8>, ReadError> {
    let capacity = size_hint.unwrap_or(0).min(limit.saturating_add(1));
    let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// Opens `path` (see [`open_for_reading`], waiting [`PIPE_OPEN_TIMEOUT`] for a pipe's
/// writer) and reads it whole, refusing more than `limit` bytes.
pub fn read_user_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    read_open_file(&open_for_reading(path, PIPE_OPEN_TIMEOUT)?, limit)
}

/// Reads an already opened file whole from its current position, refusing more than
/// `limit` bytes.
pub fn read_open_file(file: &File, limit: u64) -> Result<Vec<u8>, ReadError> {
    let hint = file.metadata().ok().map(|m| m.len());
    read_to_limit(file, limit, hint)
}

fn open_pipe(path: &Path, timeout: Duration) -> Result<File, ReadError> {
    let (sender, receiver) = mpsc::channel();
    let owned = path.to_owned();
    std::thread::Builder::new()
        .name("open-pipe".into())
        .spawn(move || {
            // Nobody listens any more if the wait timed out: the file is dropped.
            let _ = sender.send(File::open(owned));
        })?;
    match receiver.recv_timeout(timeout) {
        Ok(opened) => Ok(opened?),
        Err(_) => Err(ReadError::PipeTimeout {
            seconds: timeout.as_secs_f64().ceil() as u64,
        }),
    }
}

/// True if `path` is a named pipe (FIFO): it can be read once, and not locked.
pub fn is_pipe(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| is_pipe_type(m.file_type()))
}

#[cfg(unix)]
fn is_pipe_type(kind: std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt as _;
    kind.is_fifo()
}

#[cfg(not(unix))]
fn is_pipe_type(_: std::fs::FileType) -> bool {
    false
}

fn refuse_non_files(kind: std::fs::FileType) -> Result<(), ReadError> {
    if kind.is_dir() {
        return Err(ReadError::NotAFile { kind: "folder" });
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let special = if kind.is_char_device() {
            Some("character device")
        } else if kind.is_block_device() {
            Some("block device")
        } else if kind.is_socket() {
            Some("socket")
        } else {
            None
        };
        if let Some(kind) = special {
            return Err(ReadError::NotAFile { kind });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limit_stops_reading_at_one_byte_more() {
        let big = std::io::repeat(b'x');
        assert_eq!(
            read_to_limit(big, 1000, Some(0)),
            Err(ReadError::TooLarge { limit: 1000 }),
            "an endless reader is refused after limit + 1 bytes"
        );
        assert_eq!(
            read_to_limit(&b"abc"[..], 3, Some(3)).unwrap(),
            b"abc",
            "exactly the limit is fine"
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_folders_are_not_files() {
        for (path, kind) in [
            ("/dev/zero", "character device"),
            ("/dev/urandom", "character device"),
            ("/", "folder"),
        ] {
            assert_eq!(
                read_user_file(Path::new(path), 1 << 20),
                Err(ReadError::NotAFile { kind }),
                "{path} is refused without reading"
            );
        }
    }

    #[cfg(unix)]
    fn mkfifo(path: &Path) {
        let made = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .unwrap();
        assert!(made.success(), "mkfifo");
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_without_a_writer_is_given_up() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("p.csv");
        mkfifo(&fifo);
        let timeout = Duration::from_millis(200);
        assert_eq!(
            open_for_reading(&fifo, timeout).map(|_| ()),
            Err(ReadError::PipeTimeout { seconds: 1 }),
            "no writer: give up"
        );
        // With a writer the pipe opens and is read to the end (a second pipe: the helper of
        // the first attempt still waits on the first).
        let fifo = dir.path().join("q.csv");
        mkfifo(&fifo);
        let writer_path = fifo.clone();
        let writer = std::thread::spawn(move || {
            std::fs::write(writer_path, b"a,b\n1,2\n").unwrap();
        });
        let file = open_for_reading(&fifo, Duration::from_secs(30)).unwrap();
        assert_eq!(
            read_open_file(&file, 100).unwrap(),
            b"a,b\n1,2\n",
            "the writer's bytes"
        );
        writer.join().unwrap();
    }
}
