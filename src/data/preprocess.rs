//! Turning text cells into the network's numbers: imputation, one-hot encoding of categories,
//! standardisation or min-max scaling of numbers, and the target's class indices. The
//! statistics are fitted on the training rows only and kept in a serializable
//! [`Preprocessing`], so a saved model treats new data exactly as it treated its training data.

use std::borrow::Cow;
use std::collections::BTreeMap;

use ndarray::Array2;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::csv_read::{Cell, RawTable};
use super::moments::column_moments;
use super::schema::{
    ColumnKind, ImportOptions, MissingPolicy, Scale, Schema, Task, compare_names, not_a_number,
};
use super::{Dataset, DatasetError, Target, excerpt, name_list};
use crate::nn::MAX_INPUTS;

/// How one input column becomes one or more network inputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Encoding {
    /// A number, rescaled by `scale` with the training statistics.
    Numeric {
        /// Rescaling applied.
        scale: Scale,
        /// Training mean (also the value imputed for a missing cell).
        mean: f32,
        /// Training standard deviation (population).
        std: f32,
        /// Training minimum.
        min: f32,
        /// Training maximum.
        max: f32,
    },
    /// A category, one-hot over the training categories; an unseen category is all zeros.
    Categorical {
        /// The categories seen in training, in their stable order (one input each).
        categories: Vec<String>,
        /// The most frequent training category (imputed for a missing cell).
        most_frequent: String,
    },
}

/// One feature column of the file and how it is encoded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureEncoding {
    /// The column name in the file.
    pub column: String,
    /// What a missing cell does.
    pub missing: MissingPolicy,
    /// The fitted encoding.
    pub encoding: Encoding,
}

impl FeatureEncoding {
    /// How many network inputs this column becomes.
    pub fn width(&self) -> usize {
        match &self.encoding {
            Encoding::Numeric { .. } => 1,
            Encoding::Categorical { categories, .. } => categories.len(),
        }
    }
}

/// The target column and how it is encoded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TargetEncoding {
    /// Class names in order; class `i` is the `i`-th name.
    Classes {
        /// The column name in the file.
        column: String,
        /// The class names.
        names: Vec<String>,
    },
    /// A number, used as it is.
    Values {
        /// The column name in the file.
        column: String,
    },
}

/// Everything needed to turn rows of a file into network inputs and targets, as fitted on a
/// training split.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preprocessing {
    /// The feature columns, in input order.
    pub features: Vec<FeatureEncoding>,
    /// The target.
    pub target: TargetEncoding,
    /// Shape of an image when the features are its pixels (digits: 8×8).
    #[serde(default)]
    pub image_shape: Option<(usize, usize)>,
}

impl Preprocessing {
    /// Fits the encoding of `schema`'s features on the table rows `train` only.
    pub fn fit(
        table: &RawTable,
        schema: &Schema,
        options: &ImportOptions,
        train: &[usize],
    ) -> Result<Self, DatasetError> {
        let columns = schema.feature_columns();
        let numeric: Vec<usize> = columns
            .iter()
            .copied()
            .filter(|&c| schema.columns[c].kind != ColumnKind::Categorical)
            .collect();
        let mut moments = column_moments(table, train, &numeric).into_iter();
        let mut features = Vec::new();
        for c in columns {
            let name = &schema.columns[c].name;
            let encoding = match schema.columns[c].kind {
                ColumnKind::Categorical => fit_categories(
                    train
                        .iter()
                        .map(|&r| table.cell(r, c))
                        .filter(|v| !v.is_missing())
                        .map(Cell::text),
                ),
                _ => moments.next().unwrap_or_default().encoding(options.scale),
            };
            features.push(FeatureEncoding {
                column: name.clone(),
                missing: options.missing_for(name),
                encoding,
            });
        }
        let width: usize = features.iter().map(FeatureEncoding::width).sum();
        if width > MAX_INPUTS {
            return Err(table.error_at(
                None,
                None,
                format!("the features encode to {width} inputs, more than {MAX_INPUTS}"),
            ));
        }
        let column = schema.columns[schema.target].name.clone();
        let target = match schema.task {
            Task::Classification => TargetEncoding::Classes {
                column,
                names: schema.classes.clone(),
            },
            Task::Regression => TargetEncoding::Values { column },
        };
        Ok(Self {
            features,
            target,
            image_shape: schema.image_shape,
        })
    }

    /// The class names, or `None` for regression.
    pub fn class_names(&self) -> Option<&[String]> {
        match &self.target {
            TargetEncoding::Classes { names, .. } => Some(names),
            TargetEncoding::Values { .. } => None,
        }
    }

    /// The target column's name.
    pub fn target_column(&self) -> &str {
        match &self.target {
            TargetEncoding::Classes { column, .. } | TargetEncoding::Values { column } => column,
        }
    }

    /// Names of the network inputs: the column, or `column=category` for one-hot inputs.
    pub fn input_names(&self) -> Vec<String> {
        let mut names = Vec::new();
        for f in &self.features {
            match &f.encoding {
                Encoding::Numeric { .. } => names.push(f.column.clone()),
                Encoding::Categorical { categories, .. } => {
                    names.extend(categories.iter().map(|c| format!("{}={c}", f.column)));
                }
            }
        }
        names
    }

    /// The positions of this encoding's feature columns and target column in `table`.
    pub(super) fn locate(&self, table: &RawTable) -> Result<(Vec<usize>, usize), DatasetError> {
        let find = |name: &str| {
            table
                .column_index(name)
                .ok_or_else(|| DatasetError::Invalid {
                    path: table.path.clone(),
                    line: Some(1),
                    column: Some(name.to_owned()),
                    message: "the model was trained with this column, but the file has none".into(),
                })
        };
        let features = self
            .features
            .iter()
            .map(|f| find(&f.column))
            .collect::<Result<_, _>>()?;
        Ok((features, find(self.target_column())?))
    }

    /// The rows of `table` this encoding can use: not those with a missing target or a missing
    /// cell in a column whose policy is to drop. Returns the rows and how many were dropped.
    pub fn usable_rows(&self, table: &RawTable) -> Result<(Vec<usize>, usize), DatasetError> {
        let (features, target) = self.locate(table)?;
        let drop: Vec<usize> = self
            .features
            .iter()
            .zip(&features)
            .filter(|(f, _)| f.missing == MissingPolicy::Drop)
            .map(|(_, &c)| c)
            .collect();
        let rows: Vec<usize> = (0..table.row_count())
            .filter(|&r| {
                !table.cell(r, target).is_missing()
                    && drop.iter().all(|&c| !table.cell(r, c).is_missing())
            })
            .collect();
        let dropped = table.row_count() - rows.len();
        Ok((rows, dropped))
    }

    /// Encodes the table rows `rows` (which must be usable, see [`Self::usable_rows`]).
    pub fn transform(&self, table: &RawTable, rows: &[usize]) -> Result<Dataset, DatasetError> {
        let (columns, target) = self.locate(table)?;
        let width: usize = self.features.iter().map(FeatureEncoding::width).sum();
        let mut values = vec![0.0_f32; rows.len() * width];
        // Rows are encoded on every core; the first failing row (in file order) is reported.
        let failure = values
            .par_chunks_mut(width.max(1))
            .zip(rows.par_iter())
            .filter_map(|(out, &r)| {
                let cells = columns.iter().map(|&c| table.cell(r, c));
                self.encode_into(cells, out)
                    .err()
                    .map(|(k, message)| (r, k, message))
            })
            .min_by_key(|(r, _, _)| *r);
        if let Some((r, k, message)) = failure {
            return Err(table.error_at(Some(r), columns.get(k).copied(), message));
        }
        let features = Array2::from_shape_vec((rows.len(), width), values)
            .map_err(|e| table.error_at(None, None, e.to_string()))?;
        Ok(Dataset {
            feature_names: self.input_names(),
            features,
            target: self.encode_target(table, target, rows)?,
            source_rows: rows.to_vec(),
            image_shape: self.image_shape,
        })
    }

    /// The targets of the table rows `rows`, from column `target`.
    pub(super) fn encode_target(
        &self,
        table: &RawTable,
        target: usize,
        rows: &[usize],
    ) -> Result<Target, DatasetError> {
        Ok(match &self.target {
            TargetEncoding::Classes { names, .. } => {
                let index: BTreeMap<&str, usize> = names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (n.as_str(), i))
                    .collect();
                let labels = rows
                    .iter()
                    .map(|&r| {
                        let cell = table.cell(r, target).text();
                        index.get(cell.as_ref()).copied().ok_or_else(|| {
                            table.error_at(
                                Some(r),
                                Some(target),
                                format!(
                                    "class '{}' is not one the model knows ({})",
                                    excerpt(&cell),
                                    name_list(names)
                                ),
                            )
                        })
                    })
                    .collect::<Result<_, _>>()?;
                Target::Classes {
                    names: names.clone(),
                    labels,
                }
            }
            TargetEncoding::Values { column } => {
                let values = rows
                    .iter()
                    .map(|&r| {
                        let cell = table.cell(r, target);
                        cell.number().map(|v| v as f32).ok_or_else(|| {
                            table.error_at(Some(r), Some(target), not_a_number(&cell.text()))
                        })
                    })
                    .collect::<Result<Vec<f32>, _>>()?;
                Target::Values {
                    names: vec![column.clone()],
                    values: Array2::from_shape_vec((rows.len(), 1), values)
                        .map_err(|e| table.error_at(None, None, e.to_string()))?,
                }
            }
        })
    }

    /// Encodes one row of raw feature cells (one per feature column, in order). A missing cell
    /// is imputed (also under the drop policy, since one sample cannot be dropped). On error,
    /// returns the index of the offending cell and a message.
    pub fn encode(&self, cells: &[&str]) -> Result<Vec<f32>, (usize, String)> {
        if cells.len() != self.features.len() {
            return Err((
                0,
                format!(
                    "expected {} feature values, got {}",
                    self.features.len(),
                    cells.len()
                ),
            ));
        }
        let mut out = vec![0.0; self.features.iter().map(FeatureEncoding::width).sum()];
        self.encode_into(cells.iter().map(|&cell| Cell::Text(cell)), &mut out)?;
        Ok(out)
    }

    /// [`Self::encode`] of one row's cells (one per feature column, in order) into `out`
    /// (one value per network input).
    pub(super) fn encode_into<'a>(
        &self,
        cells: impl Iterator<Item = Cell<'a>>,
        out: &mut [f32],
    ) -> Result<(), (usize, String)> {
        let mut at = 0;
        for (k, (f, cell)) in self.features.iter().zip(cells).enumerate() {
            match &f.encoding {
                Encoding::Numeric {
                    scale,
                    mean,
                    std,
                    min,
                    max,
                } => {
                    let x = if cell.is_missing() {
                        f64::from(*mean)
                    } else {
                        cell.number()
                            .ok_or_else(|| (k, not_a_number(&cell.text())))?
                    };
                    let (offset, divisor) = rescaling(*scale, *mean, *std, *min, *max);
                    out[at] = ((x - offset) / divisor) as f32;
                    at += 1;
                }
                Encoding::Categorical {
                    categories,
                    most_frequent,
                } => {
                    let text = cell.text();
                    let value = if cell.is_missing() {
                        most_frequent.as_str()
                    } else {
                        text.trim()
                    };
                    for (slot, c) in out[at..at + categories.len()].iter_mut().zip(categories) {
                        *slot = if c == value { 1.0 } else { 0.0 };
                    }
                    at += categories.len();
                }
            }
        }
        Ok(())
    }
}

impl Encoding {
    /// For a number, what [`Preprocessing::encode`] subtracts and then divides by (in f64,
    /// before the one rounding to f32): (mean, std), (min, max − min) or (0, 1), with a
    /// divisor that is not positive taken as 1. `None` for a category.
    pub fn rescaling(&self) -> Option<(f64, f64)> {
        match self {
            Self::Numeric {
                scale,
                mean,
                std,
                min,
                max,
            } => Some(rescaling(*scale, *mean, *std, *min, *max)),
            Self::Categorical { .. } => None,
        }
    }
}

/// See [`Encoding::rescaling`]; `max − min` is an f32 subtraction.
fn rescaling(scale: Scale, mean: f32, std: f32, min: f32, max: f32) -> (f64, f64) {
    let (offset, divisor) = match scale {
        Scale::Standard => (mean, std),
        Scale::MinMax => (min, max - min),
        Scale::None => (0.0, 1.0),
    };
    let divisor = if divisor > 0.0 {
        f64::from(divisor)
    } else {
        1.0
    };
    (f64::from(offset), divisor)
}

/// The categories in their stable order and the most frequent one (ties: the first in order).
fn fit_categories<'a>(values: impl Iterator<Item = Cow<'a, str>>) -> Encoding {
    let mut counts: BTreeMap<Cow<'a, str>, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_insert(0) += 1;
    }
    let mut categories: Vec<String> = counts.keys().map(|s| s.clone().into_owned()).collect();
    categories.sort_by(|a, b| compare_names(a, b));
    let most_frequent = categories
        .iter()
        .max_by(|a, b| {
            let (ca, cb) = (counts.get(a.as_str()), counts.get(b.as_str()));
            ca.cmp(&cb).then_with(|| compare_names(b, a))
        })
        .cloned()
        .unwrap_or_default();
    Encoding::Categorical {
        categories,
        most_frequent,
    }
}
