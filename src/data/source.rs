//! Where a dataset comes from (`builtin:NAME` generator or bundled CSV, or the user's CSV
//! file), and loading it into a train/test pair ready for the network.

use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::nn::{Activation, LayerSpec};

use super::builtin::Generator;
use super::bundled::Bundled;
use super::csv_read::RawTable;
use super::csv_scan::ReadProgress;
use super::import::{ImportReport, Imported, import_owned, import_table};
use super::preprocess::Preprocessing;
use super::schema::ImportOptions;
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
    /// One of the real datasets embedded in the binary.
    Bundled {
        /// Which dataset.
        name: Bundled,
        /// Column roles and preprocessing choices.
        #[serde(default)]
        options: ImportOptions,
        /// The preprocessing fitted on the training split (stored once trained).
        #[serde(default)]
        preprocessing: Option<Preprocessing>,
    },
    /// A CSV file of the user's.
    Csv {
        /// The file: absolute in memory, relative to the experiment file when saved.
        path: PathBuf,
        /// [`content_hash`] of the file when it was imported ("" = not checked).
        #[serde(default)]
        content_hash: String,
        /// Column roles and preprocessing choices.
        #[serde(default)]
        options: ImportOptions,
        /// The preprocessing fitted on the training split (stored once trained).
        #[serde(default)]
        preprocessing: Option<Preprocessing>,
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

    /// Produces the train/test sets from `table`, this source's table already read, which it
    /// consumes: a table of numbers becomes the training matrix in its own memory (see
    /// [`import_owned`]).
    pub fn load_owned(&self, table: RawTable) -> Result<LoadedData, DatasetError> {
        let (options, stored, image_shape) = self.source.import_choices()?;
        let imported = import_owned(
            table,
            options,
            stored.as_ref(),
            self.test_fraction,
            self.split_seed,
        )?;
        Ok(LoadedData::imported(imported, image_shape))
    }

    /// Produces the train/test sets from `table` when given (read by
    /// [`DataSource::parse_with_table`], so a CSV, even a pipe, is read once), else as
    /// [`DataSpec::load`].
    pub fn load_with(&self, table: Option<&RawTable>) -> Result<LoadedData, DatasetError> {
        self.source
            .load_with(table, self.test_fraction, self.split_seed)
    }
}

/// The import options, stored preprocessing and picture shape of a bundled or CSV source.
type ImportChoices<'a> = (
    &'a ImportOptions,
    &'a Option<Preprocessing>,
    Option<(usize, usize)>,
);

/// A dataset split and ready for training.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedData {
    /// Samples the network learns from.
    pub train: Dataset,
    /// Held-out samples, never trained on; `None` when the test fraction is 0.
    pub test: Option<Dataset>,
    /// The preprocessing that turned the table into numbers (bundled and CSV sources only).
    pub preprocessing: Option<Preprocessing>,
    /// What the import did about missing values (bundled and CSV sources only).
    pub report: Option<ImportReport>,
}

impl LoadedData {
    /// Data imported from a table; a bundled dataset's own picture shape, if any, overrides
    /// the one inferred from the column names.
    fn imported(mut imported: Imported, image_shape: Option<(usize, usize)>) -> Self {
        if image_shape.is_some() {
            imported.preprocessing.image_shape = image_shape;
            imported.train.image_shape = image_shape;
            if let Some(test) = &mut imported.test {
                test.image_shape = image_shape;
            }
        }
        Self {
            train: imported.train,
            test: imported.test,
            preprocessing: Some(imported.preprocessing),
            report: Some(imported.report),
        }
    }

    /// Data that needed no preprocessing (generated, or embedded in an experiment file).
    pub fn plain(train: Dataset, test: Option<Dataset>) -> Self {
        Self {
            train,
            test,
            preprocessing: None,
            report: None,
        }
    }
}

impl DataSource {
    /// Parses the `--data` argument: `builtin:NAME` (a generator or a bundled dataset) or the
    /// path of a CSV file, which is read once to record its content hash.
    /// Bundled and CSV sources start with their default import options (see
    /// [`Self::options_mut`]).
    pub fn parse(
        spec: &str,
        samples: Option<usize>,
        noise: f32,
        seed: u64,
    ) -> Result<Self, DatasetError> {
        Self::parse_with_table(spec, samples, noise, seed).map(|(source, _)| source)
    }

    /// [`Self::parse`] of any OS string (a path need not be UTF-8), also returning the table a
    /// CSV file was read into, to load from with [`DataSpec::load_with`] instead of reading the
    /// file again (a pipe can be read once).
    pub fn parse_with_table(
        spec: impl AsRef<OsStr>,
        samples: Option<usize>,
        noise: f32,
        seed: u64,
    ) -> Result<(Self, Option<RawTable>), DatasetError> {
        let spec = spec.as_ref();
        if let Some(name) = spec.to_str().and_then(|s| s.strip_prefix("builtin:")) {
            if let Ok(name) = name.parse::<Bundled>() {
                let source = Self::Bundled {
                    name,
                    options: name.default_options(),
                    preprocessing: None,
                };
                return Ok((source, None));
            }
            let kind: Generator = name.parse()?;
            let source = Self::Generator {
                kind,
                samples,
                noise,
                seed,
            };
            return Ok((source, None));
        }
        if spec.to_string_lossy().trim().is_empty() {
            return Err(DatasetError::InvalidParameter {
                name: "data",
                message: "give a CSV file or builtin:NAME (for example builtin:iris)".into(),
            });
        }
        let (source, table) = Self::parse_csv(Path::new(spec), &ReadProgress::default())?;
        Ok((source, Some(table)))
    }

    /// The source of the CSV file at `path` and its table, read once (a pipe works),
    /// reporting to `progress` and stopping when it is cancelled.
    pub fn parse_csv(
        path: &Path,
        progress: &ReadProgress,
    ) -> Result<(Self, RawTable), DatasetError> {
        let table = RawTable::from_file_with(path, progress)?;
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let source = Self::Csv {
            path: canonical,
            content_hash: table.content_hash.clone(),
            options: ImportOptions::default(),
            preprocessing: None,
        };
        Ok((source, table))
    }

    /// The import options of a bundled or CSV source, to adjust before loading.
    pub fn options_mut(&mut self) -> Option<&mut ImportOptions> {
        match self {
            Self::Generator { .. } => None,
            Self::Bundled { options, .. } | Self::Csv { options, .. } => Some(options),
        }
    }

    /// The stored preprocessing, if any.
    pub fn preprocessing(&self) -> Option<&Preprocessing> {
        match self {
            Self::Generator { .. } => None,
            Self::Bundled { preprocessing, .. } | Self::Csv { preprocessing, .. } => {
                preprocessing.as_ref()
            }
        }
    }

    /// Stores the fitted preprocessing, so later loads (and saved models) reuse it exactly.
    pub fn set_preprocessing(&mut self, fitted: Option<Preprocessing>) {
        match self {
            Self::Generator { .. } => {}
            Self::Bundled { preprocessing, .. } | Self::Csv { preprocessing, .. } => {
                *preprocessing = fitted;
            }
        }
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
            _ => 0.2,
        }
    }

    /// Hidden layers that suit this data when the user gives none.
    pub fn default_hidden(&self) -> Vec<LayerSpec> {
        match self {
            Self::Bundled { name, .. } => name.default_hidden(),
            Self::Generator { .. } => vec![LayerSpec {
                width: 8,
                activation: Activation::Tanh,
            }],
            Self::Csv { .. } => vec![LayerSpec {
                width: 16,
                activation: Activation::Tanh,
            }],
        }
    }

    /// The table of a bundled or CSV source; for a CSV, checks that the file is unchanged.
    pub fn table(&self) -> Result<Option<RawTable>, DatasetError> {
        match self {
            Self::Generator { .. } => Ok(None),
            Self::Bundled { name, .. } => {
                RawTable::from_bytes(name.csv().as_bytes(), &self.to_string()).map(Some)
            }
            Self::Csv {
                path,
                content_hash: expected,
                ..
            } => {
                let shown = path.display().to_string();
                let table = RawTable::from_file(path).map_err(|e| match e {
                    DatasetError::Io { path, message } => DatasetError::Io {
                        path,
                        message: format!("{message} (has the CSV been moved or renamed?)"),
                    },
                    other => other,
                })?;
                let found = &table.content_hash;
                if !expected.is_empty() && expected != found {
                    return Err(DatasetError::Invalid {
                        path: shown,
                        line: None,
                        column: None,
                        message: format!(
                            "the file has changed since the model was trained (content hash {found}, expected {expected})"
                        ),
                    });
                }
                Ok(Some(table))
            }
        }
    }

    /// Produces the whole dataset, before any split (for a table, preprocessed with statistics
    /// of all rows, or the stored preprocessing).
    pub fn dataset(&self) -> Result<Dataset, DatasetError> {
        Ok(self.load(0.0, 0)?.train)
    }

    /// Produces the dataset and splits it with `test_fraction`, seeded by `split_seed`. For a
    /// table the preprocessing is fitted on the training split only, unless one is stored.
    pub fn load(&self, test_fraction: f32, split_seed: u64) -> Result<LoadedData, DatasetError> {
        self.load_with(None, test_fraction, split_seed)
    }

    /// [`Self::load`] from `table` when given (this source's table, already read), else from
    /// the table the source reads.
    pub fn load_with(
        &self,
        table: Option<&RawTable>,
        test_fraction: f32,
        split_seed: u64,
    ) -> Result<LoadedData, DatasetError> {
        if let Self::Generator {
            kind,
            samples,
            noise,
            seed,
        } = self
        {
            let data = kind.generate(*samples, *noise, *seed)?;
            let (train, test) = split_train_test(&data, test_fraction, split_seed)?;
            return Ok(LoadedData::plain(train, test));
        }
        let (options, stored, image_shape) = self.import_choices()?;
        let read;
        let table = if let Some(table) = table {
            table
        } else {
            let Some(table) = self.table()? else {
                return Err(DatasetError::InvalidParameter {
                    name: "data",
                    message: "no table".into(),
                });
            };
            read = table;
            &read
        };
        let imported = import_table(table, options, stored.as_ref(), test_fraction, split_seed)?;
        Ok(LoadedData::imported(imported, image_shape))
    }

    /// The import options, stored preprocessing and picture shape of a bundled or CSV source.
    fn import_choices(&self) -> Result<ImportChoices<'_>, DatasetError> {
        match self {
            Self::Generator { .. } => Err(DatasetError::InvalidParameter {
                name: "data",
                message: "a generator has no table".into(),
            }),
            Self::Bundled {
                name,
                options,
                preprocessing,
            } => Ok((options, preprocessing, name.image_shape())),
            Self::Csv {
                options,
                preprocessing,
                ..
            } => Ok((options, preprocessing, None)),
        }
    }
}

impl fmt::Display for DataSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Generator { kind, .. } => write!(f, "builtin:{kind}"),
            Self::Bundled { name, .. } => write!(f, "builtin:{name}"),
            Self::Csv { path, .. } => write!(f, "{}", path.display()),
        }
    }
}
