//! Reading and writing experiment files: RON text in and out, the size limit on reading, the
//! shipped examples, and the atomic write (temporary file, sync, rename).

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{Experiment, ExperimentError, FORMAT_VERSION};

/// Largest experiment file read (bounds memory before parsing).
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// The experiments shipped with the app: (name, RON text). Open one as `builtin-example:NAME`.
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "xor-perceptron",
        include_str!("../../assets/examples/xor-perceptron.ron"),
    ),
    ("xor-mlp", include_str!("../../assets/examples/xor-mlp.ron")),
    (
        "spiral-deep",
        include_str!("../../assets/examples/spiral-deep.ron"),
    ),
    (
        "iris-softmax",
        include_str!("../../assets/examples/iris-softmax.ron"),
    ),
    (
        "digits-confusion",
        include_str!("../../assets/examples/digits-confusion.ron"),
    ),
];

/// Prefix that names a shipped example instead of a file.
pub const EXAMPLE_PREFIX: &str = "builtin-example:";

impl Experiment {
    /// Parses and validates experiment text; `path` names the file in messages.
    pub fn from_ron(text: &str, path: &str) -> Result<Self, ExperimentError> {
        // Read the version first, so a newer file is refused as such, not as a syntax error.
        #[derive(Deserialize)]
        struct VersionOnly {
            format_version: u32,
        }
        let version = ron::Options::default()
            .from_str::<ron::Value>(text)
            .ok()
            .and_then(|v| v.into_rust::<VersionOnly>().ok());
        if let Some(v) = version
            && v.format_version > FORMAT_VERSION
        {
            return Err(ExperimentError::TooNew {
                path: path.to_owned(),
                found: v.format_version,
            });
        }
        let experiment: Self =
            ron::Options::default()
                .from_str(text)
                .map_err(|e| ExperimentError::Syntax {
                    path: path.to_owned(),
                    message: e.to_string(),
                })?;
        experiment.validate(path)?;
        Ok(experiment)
    }

    /// Reads and validates an experiment file.
    pub fn load(path: &Path) -> Result<Self, ExperimentError> {
        let name = path.display().to_string();
        let io = |e: std::io::Error| ExperimentError::Io {
            path: name.clone(),
            message: e.to_string(),
        };
        let size = fs::metadata(path).map_err(io)?.len();
        if size > MAX_FILE_BYTES {
            return Err(ExperimentError::Invalid {
                path: name,
                field: "(file)".into(),
                message: format!("{size} bytes is more than the {MAX_FILE_BYTES}-byte limit"),
            });
        }
        let bytes = fs::read(path).map_err(io)?;
        let text = String::from_utf8(bytes).map_err(|e| ExperimentError::Syntax {
            path: name.clone(),
            message: format!("not UTF-8 text ({e})"),
        })?;
        let mut experiment = Self::from_ron(&text, &name)?;
        // A CSV path is stored relative to the experiment file.
        experiment.data.source = experiment.data.source.resolved_from(&folder_of(path));
        Ok(experiment)
    }

    /// Opens `spec`: `builtin-example:NAME` for a shipped example, otherwise a file path.
    pub fn open(spec: &str) -> Result<Self, ExperimentError> {
        let Some(name) = spec.strip_prefix(EXAMPLE_PREFIX) else {
            return Self::load(Path::new(spec));
        };
        let Some((_, text)) = EXAMPLES.iter().find(|(n, _)| *n == name) else {
            let names: Vec<&str> = EXAMPLES.iter().map(|(n, _)| *n).collect();
            return Err(ExperimentError::Io {
                path: spec.to_owned(),
                message: format!("no such example; the examples are {}", names.join(", ")),
            });
        };
        let mut experiment = Self::from_ron(text, spec)?;
        experiment.fit_missing_preprocessing();
        Ok(experiment)
    }

    /// The experiment as pretty-printed RON.
    pub fn to_ron(&self) -> Result<String, ExperimentError> {
        let config = ron::ser::PrettyConfig::new()
            .depth_limit(4)
            .struct_names(false);
        ron::ser::to_string_pretty(self, config).map_err(|e| ExperimentError::Syntax {
            path: "(memory)".into(),
            message: e.to_string(),
        })
    }

    /// Writes the experiment atomically: a temporary file in the same folder is written,
    /// flushed and synced, then renamed over `path`. On any failure the old file is untouched.
    pub fn save(&self, path: &Path) -> Result<(), ExperimentError> {
        let saved_source = self.data.source.relative_to(&folder_of(path));
        let text = if saved_source == self.data.source {
            self.to_ron()?
        } else {
            let mut copy = self.clone();
            copy.data.source = saved_source;
            copy.to_ron()?
        };
        write_atomically(path, text.as_bytes()).map_err(|e| ExperimentError::Io {
            path: path.display().to_string(),
            message: format!("could not save ({e}); the previous file, if any, is unchanged"),
        })
    }
}

/// The folder holding `path` (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a
/// reader never sees a half-written file and a failure leaves the old one in place.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = folder_of(path);
    let file_name = path
        .file_name()
        .map_or_else(|| "experiment".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)?;
        // Make the rename itself durable where the platform allows it.
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}
