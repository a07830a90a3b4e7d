//! Where a dataset comes from (`builtin:NAME` or a CSV file), and loading it into a
//! train/test pair ready for the network.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::builtin::Generator;
use super::{Dataset, DatasetError, split_train_test};

/// The recipe for a dataset: enough to produce the same samples again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum DataSource {
    /// One of the 2-D generators.
    Generator {
        /// Which problem.
        kind: Generator,
        /// Sample count; `None` is the generator's default (XOR: the truth table).
        samples: Option<usize>,
        /// Standard deviation of the Gaussian jitter.
        noise: f32,
        /// Seed of the generator.
        seed: u64,
    },
}

/// A data source plus how it is split: everything needed to reproduce the train/test sets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataSpec {
    /// Where the samples come from.
    pub source: DataSource,
    /// Fraction of samples held out for testing (0 = no test set).
    pub test_fraction: f32,
    /// Seed of the train/test split.
    pub split_seed: u64,
}

impl DataSpec {
    /// Produces the train/test sets.
    pub fn load(&self) -> Result<LoadedData, DatasetError> {
        self.source.load(self.test_fraction, self.split_seed)
    }
}

/// A dataset split and ready for training.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedData {
    /// Samples the network learns from.
    pub train: Dataset,
    /// Held-out samples, never trained on; `None` when the test fraction is 0.
    pub test: Option<Dataset>,
}

impl DataSource {
    /// Parses the `--data` argument: `builtin:NAME`.
    pub fn parse(
        spec: &str,
        samples: Option<usize>,
        noise: f32,
        seed: u64,
    ) -> Result<Self, DatasetError> {
        let Some(name) = spec.strip_prefix("builtin:") else {
            return Err(DatasetError::InvalidParameter {
                name: "data",
                message: format!(
                    "'{spec}' is not a dataset; use builtin:NAME (for example builtin:xor)"
                ),
            });
        };
        let kind: Generator = name.parse()?;
        Ok(Self::Generator {
            kind,
            samples,
            noise,
            seed,
        })
    }

    /// The test fraction a user gets when they do not choose one: none for tiny sets such
    /// as the XOR truth table, 20% otherwise.
    pub fn default_test_fraction(&self) -> f32 {
        match self {
            Self::Generator {
                kind: Generator::Xor,
                samples: None,
                ..
            } => 0.0,
            Self::Generator { .. } => 0.2,
        }
    }

    /// Produces the whole dataset, before any split.
    pub fn dataset(&self) -> Result<Dataset, DatasetError> {
        match self {
            Self::Generator {
                kind,
                samples,
                noise,
                seed,
            } => kind.generate(*samples, *noise, *seed),
        }
    }

    /// Produces the dataset and splits it with `test_fraction`, seeded by `split_seed`.
    pub fn load(&self, test_fraction: f32, split_seed: u64) -> Result<LoadedData, DatasetError> {
        let data = self.dataset()?;
        let (train, test) = split_train_test(&data, test_fraction, split_seed)?;
        Ok(LoadedData { train, test })
    }
}

impl fmt::Display for DataSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Generator { kind, .. } => write!(f, "builtin:{kind}"),
        }
    }
}
