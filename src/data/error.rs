//! Everything that can go wrong while reading or generating a dataset.

use thiserror::Error;

/// A dataset could not be produced; the message says what and where.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum DatasetError {
    /// A `builtin:` name that does not exist.
    #[error(
        "unknown built-in dataset '{name}' (try xor, circle, gauss, spiral, moons, linear, iris, wine, breast_cancer, digits, titanic, penguins or spambase)"
    )]
    UnknownBuiltin {
        /// The name given.
        name: String,
    },
    /// A generator or split parameter out of range.
    #[error("invalid {name}: {message}")]
    InvalidParameter {
        /// Which parameter.
        name: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// A file could not be read.
    #[error("cannot read {path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// The operating system's message.
        message: String,
    },
    /// The user stopped the read.
    #[error("reading {path} was cancelled")]
    Cancelled {
        /// The file.
        path: String,
    },
    /// The file was read but its contents are unusable.
    #[error("{path}{}: {message}", location(*line, column.as_deref()))]
    Invalid {
        /// The file (or built-in name).
        path: String,
        /// 1-based line in the file, when one applies.
        line: Option<u64>,
        /// Column name, when one applies.
        column: Option<String>,
        /// What is wrong.
        message: String,
    },
}

/// Most characters of file content quoted in one message.
const EXCERPT_CHARS: usize = 60;
/// Most names listed in one message.
const LISTED_NAMES: usize = 20;

/// File content as quoted in a message: its first line, at most [`EXCERPT_CHARS`]
/// characters, `…` where anything was cut. A message never carries more than this of a file.
pub fn excerpt(text: &str) -> String {
    let first = text.lines().next().unwrap_or_default();
    let mut shown: String = first.chars().take(EXCERPT_CHARS).collect();
    if shown.len() < text.len() {
        shown.push('…');
    }
    shown
}

/// Names from a file (columns, classes) as listed in a message: each an [`excerpt`], at
/// most [`LISTED_NAMES`] of them, then how many more there are.
pub fn name_list<S: AsRef<str>>(names: &[S]) -> String {
    let mut list: Vec<String> = names
        .iter()
        .take(LISTED_NAMES)
        .map(|n| excerpt(n.as_ref()))
        .collect();
    if names.len() > LISTED_NAMES {
        list.push(format!("… ({} more)", names.len() - LISTED_NAMES));
    }
    list.join(", ")
}

fn location(line: Option<u64>, column: Option<&str>) -> String {
    let column = column.map(excerpt);
    let column = column.as_deref();
    match (line, column) {
        (Some(l), Some(c)) => format!(", line {l}, column '{c}'"),
        (Some(l), None) => format!(", line {l}"),
        (None, Some(c)) => format!(", column '{c}'"),
        (None, None) => String::new(),
    }
}
