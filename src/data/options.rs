//! The user's import choices: column kinds and roles, the task, the missing-value policy and
//! the scaling of numbers, as plain serializable enums and [`ImportOptions`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::DatasetError;
/// How a column's cells are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ColumnKind {
    /// Numbers.
    Numeric,
    /// Text labels from a small set (one-hot encoded as a feature).
    Categorical,
    /// Not used (ids, free text, empty columns).
    Ignored,
}

/// What a column is used for: the course notes' independent and dependent variables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// An input of the network (x).
    Feature,
    /// The value to predict (y).
    Target,
    /// Not used.
    Ignored,
}

/// Whether the target is classes or numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Task {
    /// Predict one of a set of class names.
    Classification,
    /// Predict a number.
    Regression,
}

/// What to do with a missing cell (empty, `NA`, `NaN` or `?`) in a column.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MissingPolicy {
    /// Leave out the whole row.
    Drop,
    /// Fill in the training mean (numeric) or most frequent value (categorical).
    #[default]
    Impute,
}

/// How numeric features are rescaled (statistics from the training split).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scale {
    /// `(x − mean) / standard deviation`.
    #[default]
    Standard,
    /// `(x − min) / (max − min)`, into 0..1.
    MinMax,
    /// Values as they are.
    None,
}

/// The user's choices for an import; every field defaults to "infer".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOptions {
    /// The target column (default: the last column).
    #[serde(default)]
    pub target: Option<String>,
    /// The feature columns (default: every usable column but the target).
    #[serde(default)]
    pub features: Option<Vec<String>>,
    /// Columns never to use.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Kind overrides by column name.
    #[serde(default)]
    pub kinds: BTreeMap<String, ColumnKind>,
    /// What to do with missing cells in feature columns (rows with a missing target are always dropped).
    #[serde(default)]
    pub missing: MissingPolicy,
    /// Per-column exceptions to `missing`.
    #[serde(default)]
    pub missing_by_column: BTreeMap<String, MissingPolicy>,
    /// Rescaling of numeric features.
    #[serde(default)]
    pub scale: Scale,
    /// Classification or regression (default: inferred from the target column).
    #[serde(default)]
    pub task: Option<Task>,
}

impl ImportOptions {
    /// The missing-value policy of column `name`.
    pub fn missing_for(&self, name: &str) -> MissingPolicy {
        self.missing_by_column
            .get(name)
            .copied()
            .unwrap_or(self.missing)
    }
}

fn unknown_choice(name: &'static str, given: &str, choices: &str) -> DatasetError {
    DatasetError::InvalidParameter {
        name,
        message: format!("'{given}' is not one of {choices}"),
    }
}

impl std::str::FromStr for MissingPolicy {
    type Err = DatasetError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "drop" => Ok(Self::Drop),
            "impute" => Ok(Self::Impute),
            _ => Err(unknown_choice("--missing", s, "drop, impute")),
        }
    }
}

impl std::str::FromStr for Scale {
    type Err = DatasetError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "standard" => Ok(Self::Standard),
            "minmax" | "min-max" => Ok(Self::MinMax),
            "none" => Ok(Self::None),
            _ => Err(unknown_choice("--scale", s, "standard, minmax, none")),
        }
    }
}

impl std::str::FromStr for Task {
    type Err = DatasetError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "classification" => Ok(Self::Classification),
            "regression" => Ok(Self::Regression),
            _ => Err(unknown_choice("--task", s, "classification, regression")),
        }
    }
}

impl ColumnKind {
    /// The lowercase name shown by `data describe`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Numeric => "numeric",
            Self::Categorical => "categorical",
            Self::Ignored => "ignored",
        }
    }
}

impl Role {
    /// The lowercase name shown by `data describe`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Feature => "feature",
            Self::Target => "target",
            Self::Ignored => "ignored",
        }
    }
}
