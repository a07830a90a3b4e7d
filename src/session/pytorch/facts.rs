//! The plain facts an export needs, extracted once from an experiment: how each raw column
//! becomes network inputs (the fitted preprocessing, with the exact offsets and divisors the
//! engine divides by), the target, and the raw rows of the training and test splits.

use crate::data::preprocess::Encoding;
use crate::data::{DataSource, Dataset, LoadedData, MissingPolicy, Preprocessing, Scale, Target};
use crate::experiment::Experiment;

use super::PytorchError;

/// The target column of a generated dataset, which has no file and so no column name.
pub const GENERATED_TARGET: &str = "class";

/// How one raw column becomes network inputs: what `preprocess` in model.py does to it.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnRecipe {
    /// A number: `(x − offset) / divisor`, computed in f64 and rounded to f32 once.
    Numeric {
        /// The column's name.
        column: String,
        /// `standard`, `minmax` or `none`: where the offset and divisor come from.
        scale: &'static str,
        /// Subtracted first (training mean, minimum, or 0).
        offset: f64,
        /// Divided by next (training standard deviation, max − min, or 1; 1 when not positive).
        divisor: f64,
        /// Filled in for a missing cell (the training mean); `None`: a missing cell is an error.
        impute: Option<f64>,
        /// True when training left out rows missing this cell.
        drop_missing: bool,
    },
    /// A category, one-hot over the training categories (an unseen one is all zeros).
    Categorical {
        /// The column's name.
        column: String,
        /// The training categories, one input each, in this order.
        categories: Vec<String>,
        /// Filled in for a missing cell (the most frequent training category).
        impute: String,
        /// True when training left out rows missing this cell.
        drop_missing: bool,
    },
}

impl ColumnRecipe {
    /// The column's name.
    pub fn column(&self) -> &str {
        match self {
            Self::Numeric { column, .. } | Self::Categorical { column, .. } => column,
        }
    }
}

/// Everything about the data that the generated files need.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportData {
    /// The feature columns in input order.
    pub columns: Vec<ColumnRecipe>,
    /// The target column's name.
    pub target: String,
    /// The class names in output order, or `None` for regression.
    pub classes: Option<Vec<String>>,
    /// The raw training rows, one cell per feature column then the target.
    pub train_rows: Vec<Vec<String>>,
    /// The raw test rows, same layout.
    pub test_rows: Vec<Vec<String>>,
    /// Why there are no rows (the data could not be read), when there are none.
    pub data_problem: Option<String>,
}

impl ExportData {
    /// The header of the CSV files and example rows: the feature columns, then the target.
    pub fn header(&self) -> Vec<String> {
        self.columns
            .iter()
            .map(|c| c.column().to_owned())
            .chain(std::iter::once(self.target.clone()))
            .collect()
    }

    /// How many network inputs the columns become.
    pub fn input_width(&self) -> usize {
        self.columns
            .iter()
            .map(|c| match c {
                ColumnRecipe::Numeric { .. } => 1,
                ColumnRecipe::Categorical { categories, .. } => categories.len(),
            })
            .sum()
    }
}

/// Extracts the data facts of `experiment`. The data is read (or generated) for the raw rows;
/// when it cannot be, a table source with a stored preprocessing still exports, without rows.
pub fn extract(experiment: &Experiment) -> Result<ExportData, PytorchError> {
    let loaded = experiment.data.load();
    match &experiment.data.source {
        DataSource::Generator { .. } => {
            let loaded = loaded.map_err(|e| PytorchError::Data {
                message: e.to_string(),
            })?;
            Ok(generated(&loaded))
        }
        source => {
            let (preprocessing, rows, problem) = match loaded {
                Ok(loaded) => {
                    let Some(fitted) = loaded.preprocessing.clone() else {
                        return Err(PytorchError::Data {
                            message: "the data has no preprocessing".into(),
                        });
                    };
                    let rows = table_rows(source, &fitted, &loaded)?;
                    (fitted, Some(rows), None)
                }
                Err(e) => match source.preprocessing() {
                    Some(stored) => (stored.clone(), None, Some(e.to_string())),
                    None => {
                        return Err(PytorchError::Data {
                            message: e.to_string(),
                        });
                    }
                },
            };
            let (train_rows, test_rows) = rows.unwrap_or_default();
            Ok(ExportData {
                columns: recipes(&preprocessing),
                target: preprocessing.target_column().to_owned(),
                classes: preprocessing.class_names().map(<[String]>::to_vec),
                train_rows,
                test_rows,
                data_problem: problem,
            })
        }
    }
}

/// The recipe of every feature column of `preprocessing`, with the offset and divisor that
/// `Preprocessing::encode` uses.
fn recipes(preprocessing: &Preprocessing) -> Vec<ColumnRecipe> {
    preprocessing
        .features
        .iter()
        .map(|f| {
            let drop_missing = f.missing == MissingPolicy::Drop;
            match &f.encoding {
                Encoding::Numeric { scale, mean, .. } => {
                    let (offset, divisor) = f.encoding.rescaling().unwrap_or((0.0, 1.0));
                    ColumnRecipe::Numeric {
                        column: f.column.clone(),
                        scale: match scale {
                            Scale::Standard => "standard",
                            Scale::MinMax => "minmax",
                            Scale::None => "none",
                        },
                        offset,
                        divisor,
                        impute: Some(f64::from(*mean)),
                        drop_missing,
                    }
                }
                Encoding::Categorical {
                    categories,
                    most_frequent,
                } => ColumnRecipe::Categorical {
                    column: f.column.clone(),
                    categories: categories.clone(),
                    impute: most_frequent.clone(),
                    drop_missing,
                },
            }
        })
        .collect()
}

/// The raw cells of the training and test rows of a bundled or CSV source.
type RawRows = (Vec<Vec<String>>, Vec<Vec<String>>);

fn table_rows(
    source: &DataSource,
    preprocessing: &Preprocessing,
    loaded: &LoadedData,
) -> Result<RawRows, PytorchError> {
    let data_error = |message: String| PytorchError::Data { message };
    let table = source
        .table()
        .map_err(|e| data_error(e.to_string()))?
        .ok_or_else(|| data_error("the source has no table".into()))?;
    let names = preprocessing
        .features
        .iter()
        .map(|f| f.column.as_str())
        .chain(std::iter::once(preprocessing.target_column()));
    let columns = names
        .map(|name| {
            table
                .column_index(name)
                .ok_or_else(|| data_error(format!("the table has no column '{name}'")))
        })
        .collect::<Result<Vec<usize>, _>>()?;
    let cells = |data: &Dataset| -> Vec<Vec<String>> {
        data.source_rows
            .iter()
            .filter(|&&r| r < table.row_count())
            .map(|&r| {
                columns
                    .iter()
                    .map(|&c| table.cell(r, c).text().into_owned())
                    .collect()
            })
            .collect()
    };
    let test = loaded.test.as_ref().map(&cells).unwrap_or_default();
    Ok((cells(&loaded.train), test))
}

/// A generated dataset: its numbers are the inputs as they are (no file, no preprocessing).
fn generated(loaded: &LoadedData) -> ExportData {
    let train = &loaded.train;
    let columns = train
        .feature_names
        .iter()
        .map(|name| ColumnRecipe::Numeric {
            column: name.clone(),
            scale: "none",
            offset: 0.0,
            divisor: 1.0,
            impute: None,
            drop_missing: false,
        })
        .collect();
    ExportData {
        columns,
        target: GENERATED_TARGET.to_owned(),
        classes: train.class_names().map(<[String]>::to_vec),
        train_rows: generated_rows(train),
        test_rows: loaded.test.as_ref().map(generated_rows).unwrap_or_default(),
        data_problem: None,
    }
}

/// Each sample's numbers written exactly (the f32 value's shortest f64 decimal, which Python's
/// `float` reads back to the same value), then its class name or target value.
fn generated_rows(data: &Dataset) -> Vec<Vec<String>> {
    (0..data.len())
        .map(|i| {
            let mut row: Vec<String> = data.sample(i).iter().map(|&v| exact(v)).collect();
            row.push(match &data.target {
                Target::Classes { names, labels } => names[labels[i]].clone(),
                Target::Values { values, .. } => exact(values[[i, 0]]),
            });
            row
        })
        .collect()
}

/// An f32 as the decimal of its exact f64 value.
pub fn exact(value: f32) -> String {
    format!("{:?}", f64::from(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::preprocess::TargetEncoding;

    #[test]
    fn exact_decimals_read_back_to_the_same_f32() {
        for v in [0.1_f32, -1.0 / 3.0, 1e-30, 3.4e38, 0.0] {
            let text = exact(v);
            let back: f64 = text.parse().unwrap();
            assert_eq!(
                (back as f32).to_bits(),
                v.to_bits(),
                "{text} reads back as {v}"
            );
        }
    }

    #[test]
    fn min_max_divides_by_the_f32_difference() {
        let p = Preprocessing {
            features: vec![crate::data::preprocess::FeatureEncoding {
                column: "x".into(),
                missing: MissingPolicy::Drop,
                encoding: Encoding::Numeric {
                    scale: Scale::MinMax,
                    mean: 0.5,
                    std: 2.0,
                    min: 0.1,
                    max: 16.3,
                },
            }],
            target: TargetEncoding::Values { column: "y".into() },
            image_shape: None,
        };
        let [
            ColumnRecipe::Numeric {
                offset,
                divisor,
                impute,
                drop_missing,
                ..
            },
        ] = recipes(&p)[..]
        else {
            panic!("one numeric recipe");
        };
        assert_eq!(
            offset.to_bits(),
            f64::from(0.1_f32).to_bits(),
            "offset is the minimum"
        );
        assert_eq!(
            divisor.to_bits(),
            f64::from(16.3_f32 - 0.1_f32).to_bits(),
            "f32 max − min"
        );
        assert_eq!(
            impute.map(f64::to_bits),
            Some(0.5f64.to_bits()),
            "missing cells get the mean"
        );
        assert!(drop_missing, "the policy is carried");
        // The recipe gives the engine's encoding exactly.
        let engine = p.encode(&["7.25"]).unwrap()[0];
        let recipe = ((7.25 - offset) / divisor) as f32;
        assert_eq!(engine.to_bits(), recipe.to_bits(), "same f32 as encode");
    }
}
