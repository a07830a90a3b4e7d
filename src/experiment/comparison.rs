//! Shipped comparisons: two experiments (A and B) to run side by side on A's data, with a
//! title, notes in English and Korean and a suggested number of epochs. One RON file each in
//! `assets/examples/comparisons`, opened as `builtin-comparison:NAME`.

use serde::{Deserialize, Serialize};

use super::{Experiment, ExperimentError};

/// The comparisons shipped with the app: (name, RON text).
pub const COMPARISONS: &[(&str, &str)] = &[
    (
        "xor-single-vs-multi",
        include_str!("../../assets/examples/comparisons/xor-single-vs-multi.ron"),
    ),
    (
        "spiral-learning-rate",
        include_str!("../../assets/examples/comparisons/spiral-learning-rate.ron"),
    ),
    (
        "spiral-activation",
        include_str!("../../assets/examples/comparisons/spiral-activation.ron"),
    ),
];

/// Prefix that names a shipped comparison.
pub const COMPARISON_PREFIX: &str = "builtin-comparison:";

/// Two experiments to run side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    /// Version of this format (1).
    pub format_version: u32,
    /// A short title.
    pub name: String,
    /// The title in Korean.
    #[serde(default)]
    pub name_ko: String,
    /// What to watch for (English).
    #[serde(default)]
    pub notes: String,
    /// The same in Korean.
    #[serde(default)]
    pub notes_ko: String,
    /// Epochs that show the difference.
    pub epochs: usize,
    /// Experiment A: its data and split are used for both.
    pub a: Experiment,
    /// Experiment B.
    pub b: Experiment,
}

impl Comparison {
    /// Opens the shipped comparison `spec` (`builtin-comparison:NAME` or just `NAME`), both
    /// experiments validated.
    pub fn shipped(spec: &str) -> Result<Self, ExperimentError> {
        let name = spec.strip_prefix(COMPARISON_PREFIX).unwrap_or(spec);
        let Some((_, text)) = COMPARISONS.iter().find(|(n, _)| *n == name) else {
            let names: Vec<&str> = COMPARISONS.iter().map(|(n, _)| *n).collect();
            return Err(ExperimentError::Io {
                path: spec.to_owned(),
                message: format!(
                    "no such comparison; the comparisons are {}",
                    names.join(", ")
                ),
            });
        };
        let mut comparison: Self = ron::from_str(text).map_err(|e| ExperimentError::Syntax {
            path: spec.to_owned(),
            message: e.to_string(),
        })?;
        for (side, experiment) in [("a", &mut comparison.a), ("b", &mut comparison.b)] {
            experiment.validate(&format!("{spec} ({side})"))?;
            experiment.fit_missing_preprocessing();
        }
        Ok(comparison)
    }
}
