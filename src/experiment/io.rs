//! Reading and writing experiment files: RON text in and out, the size limit on reading, the
//! shipped examples, and the atomic write (temporary file, sync, rename).

use std::path::Path;

use super::atomic::{folder_of, write_atomically};
use super::limits::FileLimits;
use super::{Experiment, ExperimentError};
use crate::data::user_file::{ReadError, read_user_file};

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
        super::parse::parse(text, path)
    }

    /// Reads and validates an experiment file.
    pub fn load(path: &Path) -> Result<Self, ExperimentError> {
        Self::load_within(path, &FileLimits::default())
    }

    /// Reads and validates an experiment file of at most `limits.max_file_bytes`: a path the
    /// user named is read as such (no devices, no endless wait on a pipe, never past the limit).
    pub fn load_within(path: &Path, limits: &FileLimits) -> Result<Self, ExperimentError> {
        let name = path.display().to_string();
        let bytes = read_user_file(path, limits.max_file_bytes).map_err(|e| match e {
            ReadError::TooLarge { limit } => ExperimentError::Invalid {
                path: name.clone(),
                field: "(file)".into(),
                message: format!("more than the {limit}-byte limit of an experiment file"),
            },
            other => ExperimentError::Io {
                path: name.clone(),
                message: other.to_string(),
            },
        })?;
        let text = String::from_utf8(bytes).map_err(|e| ExperimentError::Syntax {
            path: name.clone(),
            message: format!("not UTF-8 text ({})", e.utf8_error()),
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
        self.save_within(path, &FileLimits::default())
    }

    /// [`Self::save`], refusing a file larger than `limits.max_file_bytes` (one that could not
    /// be loaded again).
    pub fn save_within(&self, path: &Path, limits: &FileLimits) -> Result<(), ExperimentError> {
        let failed = |message: String| ExperimentError::Io {
            path: path.display().to_string(),
            message: format!("could not save ({message}); the previous file, if any, is unchanged"),
        };
        let saved_source = self.data.source.relative_to(&folder_of(path));
        let text = if saved_source == self.data.source {
            self.to_ron()
        } else {
            let mut copy = self.clone();
            copy.data.source = saved_source;
            copy.to_ron()
        }
        .map_err(|e| match e {
            ExperimentError::Syntax { message, .. } => failed(message),
            other => other,
        })?;
        if text.len() as u64 > limits.max_file_bytes {
            return Err(failed(format!(
                "it would be {} bytes, more than the {}-byte limit of an experiment file",
                text.len(),
                limits.max_file_bytes
            )));
        }
        write_atomically(path, text.as_bytes()).map_err(|e| failed(e.to_string()))
    }
}
