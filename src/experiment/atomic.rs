//! Writing a file atomically: a temporary file beside the target is written, synced and
//! renamed over it, so a reader never sees half a file and a failure leaves the old one. The
//! temporary's name is short (a target with a 255-byte name can still be saved) and derived
//! from the target's, and the writer holds a lock on it while it writes: so the temporaries
//! that a killed save left behind are recognised, and removed by the next save of the target.

use std::ffi::OsStr;
use std::fs::{self, File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Bytes of the target's name kept at the start of a temporary's name (for a person reading
/// the folder; the hash is what tells targets apart).
const NAME_PREFIX_BYTES: usize = 24;
/// A temporary nobody holds is left alone this long after its last change, in case its writer
/// has created it but not yet locked it.
const STALE_AFTER: Duration = Duration::from_secs(5);

/// The start of the name of every temporary for a target called `file_name`.
fn temporary_stem(file_name: &OsStr) -> String {
    let name = file_name.to_string_lossy();
    let mut prefix = String::new();
    for c in name.chars() {
        if prefix.len() + c.len_utf8() > NAME_PREFIX_BYTES {
            break;
        }
        prefix.push(c);
    }
    // FNV-1a of the whole name: two targets with the same prefix get different temporaries.
    let hash = file_name
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
    format!(".{prefix}~{hash:016x}.")
}

/// The temporary file this process writes before renaming it over `path`.
pub fn temporary_path(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or(OsStr::new("experiment"));
    folder_of(path).join(format!(
        "{}{}.tmp",
        temporary_stem(name),
        std::process::id()
    ))
}

/// The folder holding `path` (`.` for a bare file name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a
/// reader never sees a half-written file and a failure leaves the old one in place. Stale
/// temporaries of the same target (from a save that was killed) are removed first.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = folder_of(path);
    let tmp = temporary_path(path);
    remove_stale_temporaries(&dir, path, &tmp);
    let result = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)?;
        // Held until the file is closed: marks the temporary as being written.
        let _ = file.try_lock();
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)?;
        // Make the rename itself durable where the platform allows it.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Removes the temporaries of `path` in `dir` that no process is writing (not locked, and
/// unchanged for [`STALE_AFTER`]), except `ours`.
fn remove_stale_temporaries(dir: &Path, path: &Path, ours: &Path) {
    let Some(name) = path.file_name() else {
        return;
    };
    let stem = temporary_stem(name);
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(text) = file_name.to_str() else {
            continue;
        };
        let candidate = entry.path();
        let ours_alike =
            text.starts_with(&stem) && candidate.extension() == Some(OsStr::new("tmp"));
        if !ours_alike || candidate == ours {
            continue;
        }
        if is_abandoned(&candidate) {
            let _ = fs::remove_file(&candidate);
        }
    }
}

/// True for a regular file that nobody holds a lock on and that has not changed lately.
fn is_abandoned(candidate: &Path) -> bool {
    let Ok(meta) = fs::symlink_metadata(candidate) else {
        return false;
    };
    let quiet = meta
        .modified()
        .ok()
        .and_then(|m| SystemTime::now().duration_since(m).ok())
        .is_some_and(|age| age >= STALE_AFTER);
    if !meta.is_file() || !quiet {
        return false;
    }
    File::open(candidate).is_ok_and(|f| f.try_lock().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_short_and_tell_targets_apart() {
        let long = "x".repeat(254);
        let tmp = temporary_path(Path::new(&long));
        let name = tmp.file_name().unwrap().len();
        assert!(name < 80, "a 254-byte name gets a {name}-byte temporary");
        let a = temporary_path(Path::new(&format!("{long}a")));
        let b = temporary_path(Path::new(&format!("{long}b")));
        assert_ne!(a, b, "same prefix, different targets");
        assert_eq!(
            temporary_path(Path::new("dir/m.ron")).parent(),
            Some(Path::new("dir")),
            "beside the target"
        );
    }
}
