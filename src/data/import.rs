//! The import pipeline: raw table → schema → rows with usable values → seeded split → fit the
//! preprocessing on the training rows only → transform both sides. Also applies a saved
//! preprocessing to a new file (for `eval`).

use serde::{Deserialize, Serialize};

use super::csv_read::RawTable;
use super::preprocess::Preprocessing;
use super::schema::{ImportOptions, MissingPolicy, Role, Schema, Task, infer_schema};
use super::{Dataset, DatasetError, split_indices};

/// What the import did about missing values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// Data records in the file.
    pub rows_read: usize,
    /// Rows left out (missing target, or a missing cell in a column whose policy is to drop).
    pub rows_dropped: usize,
    /// Missing cells filled in with a training statistic.
    pub cells_imputed: usize,
}

impl std::fmt::Display for ImportReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} rows read, {} dropped for missing values, {} missing cells imputed",
            self.rows_read, self.rows_dropped, self.cells_imputed
        )
    }
}

/// A table turned into train/test sets, with the preprocessing that was used.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// Training samples.
    pub train: Dataset,
    /// Test samples (`None` when the test fraction is 0).
    pub test: Option<Dataset>,
    /// The preprocessing (fitted on `train`, or the stored one).
    pub preprocessing: Preprocessing,
    /// What happened to missing values.
    pub report: ImportReport,
}

/// The split of a table and its preprocessing, before any row is encoded.
struct Plan {
    train_rows: Vec<usize>,
    test_rows: Option<Vec<usize>>,
    preprocessing: Preprocessing,
    report: ImportReport,
}

/// Imports `table`: splits it with `test_fraction` and `seed` (stratified for classification)
/// and fits the preprocessing on the training rows, or uses `stored` when given.
pub fn import_table(
    table: &RawTable,
    options: &ImportOptions,
    stored: Option<&Preprocessing>,
    test_fraction: f32,
    seed: u64,
) -> Result<Imported, DatasetError> {
    let plan = plan(table, options, stored, test_fraction, seed)?;
    let train = plan.preprocessing.transform(table, &plan.train_rows)?;
    let test = plan
        .test_rows
        .map(|t| plan.preprocessing.transform(table, &t))
        .transpose()?;
    Ok(Imported {
        train,
        test,
        preprocessing: plan.preprocessing,
        report: plan.report,
    })
}

/// [`import_table`] of a table it consumes: a table of numbers whose features are all numbers
/// becomes its training matrix in its own memory (the test rows are encoded first), so the
/// import never holds the raw matrix and both encoded ones at once.
pub fn import_owned(
    table: RawTable,
    options: &ImportOptions,
    stored: Option<&Preprocessing>,
    test_fraction: f32,
    seed: u64,
) -> Result<Imported, DatasetError> {
    let plan = plan(&table, options, stored, test_fraction, seed)?;
    let test = plan
        .test_rows
        .map(|t| plan.preprocessing.transform(&table, &t))
        .transpose()?;
    let train = plan
        .preprocessing
        .transform_owned(table, &plan.train_rows)?;
    Ok(Imported {
        train,
        test,
        preprocessing: plan.preprocessing,
        report: plan.report,
    })
}

/// The usable rows of `table`, their seeded split and the preprocessing (fitted on the
/// training rows, or `stored`).
fn plan(
    table: &RawTable,
    options: &ImportOptions,
    stored: Option<&Preprocessing>,
    test_fraction: f32,
    seed: u64,
) -> Result<Plan, DatasetError> {
    let schema = infer_schema(table, options)?;
    let rows = usable_rows(table, &schema, options);
    if rows.is_empty() {
        return Err(table.error_at(
            None,
            None,
            "no rows are left after dropping the rows with missing values; try --missing impute",
        ));
    }
    let labels: Vec<usize> = match schema.task {
        Task::Classification => rows
            .iter()
            .map(|&r| {
                let cell = table.cell(r, schema.target).text();
                schema.classes.iter().position(|c| *c == cell).unwrap_or(0)
            })
            .collect(),
        Task::Regression => Vec::new(),
    };
    let strata =
        (schema.task == Task::Classification).then_some((labels.as_slice(), schema.classes.len()));
    let (train_pos, test_pos) = split_indices(rows.len(), strata, test_fraction, seed)?;
    let train_rows: Vec<usize> = train_pos.iter().map(|&i| rows[i]).collect();
    let test_rows: Option<Vec<usize>> = test_pos.map(|t| t.iter().map(|&i| rows[i]).collect());
    let preprocessing = match stored {
        Some(p) => {
            if p.class_names().map(<[String]>::to_vec).unwrap_or_default() != schema.classes {
                return Err(table.error_at(
                    None,
                    Some(schema.target),
                    "the classes in the file differ from the saved preprocessing",
                ));
            }
            p.clone()
        }
        None => Preprocessing::fit(table, &schema, options, &train_rows)?,
    };
    let imputed = count_imputed(table, &preprocessing, &rows);
    Ok(Plan {
        train_rows,
        test_rows,
        preprocessing,
        report: ImportReport {
            rows_read: table.row_count(),
            rows_dropped: table.row_count() - rows.len(),
            cells_imputed: imputed,
        },
    })
}

/// Applies a saved preprocessing to every usable row of `table` (for evaluating a model on
/// another file).
pub fn apply_preprocessing(
    table: &RawTable,
    preprocessing: &Preprocessing,
) -> Result<(Dataset, ImportReport), DatasetError> {
    let (rows, dropped) = preprocessing.usable_rows(table)?;
    if rows.is_empty() {
        return Err(table.error_at(
            None,
            None,
            "no rows are left after dropping the rows with missing values",
        ));
    }
    let data = preprocessing.transform(table, &rows)?;
    let report = ImportReport {
        rows_read: table.row_count(),
        rows_dropped: dropped,
        cells_imputed: count_imputed(table, preprocessing, &rows),
    };
    Ok((data, report))
}

/// Rows whose target is present and whose drop-policy feature columns have no missing cell.
fn usable_rows(table: &RawTable, schema: &Schema, options: &ImportOptions) -> Vec<usize> {
    let drop: Vec<usize> = schema
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.role == Role::Feature && options.missing_for(&c.name) == MissingPolicy::Drop
        })
        .map(|(i, _)| i)
        .collect();
    (0..table.row_count())
        .filter(|&r| {
            !table.cell(r, schema.target).is_missing()
                && drop.iter().all(|&c| !table.cell(r, c).is_missing())
        })
        .collect()
}

fn count_imputed(table: &RawTable, preprocessing: &Preprocessing, rows: &[usize]) -> usize {
    let columns: Vec<usize> = preprocessing
        .features
        .iter()
        .filter_map(|f| table.column_index(&f.column))
        .collect();
    rows.iter()
        .map(|&r| {
            columns
                .iter()
                .filter(|&&c| table.cell(r, c).is_missing())
                .count()
        })
        .sum()
}
