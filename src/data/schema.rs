//! What the columns of a CSV mean: their kind (numeric, categorical, ignored), their role
//! (feature, target, ignored) and the task (classification or regression), inferred from the
//! cells and overridable through [`ImportOptions`] (defined in `options.rs`).

use serde::{Deserialize, Serialize};

pub use super::cells::{
    compare_names, is_missing, is_out_of_range_number, not_a_number, parse_number,
};
pub use super::options::{ColumnKind, ImportOptions, MissingPolicy, Role, Scale, Task};

use super::column_stats::{Stats, all_stats, distinct_names};
use super::csv_read::RawTable;
pub use super::pictures::image_shape;
use super::pictures::image_target;
use super::{DatasetError, excerpt, name_list};

/// Most classes a classification target may have; more suggests the wrong column.
pub const MAX_CLASSES: usize = 100;
/// A numeric target with at most this many distinct integer values is taken as classes.
const MAX_NUMERIC_CLASSES: usize = 20;
/// A text column with more distinct values than this (and mostly unique) is free text.
const MAX_CATEGORIES: usize = 50;

/// One column as the import understood it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnInfo {
    /// The header name.
    pub name: String,
    /// How its cells are read.
    pub kind: ColumnKind,
    /// What it is used for.
    pub role: Role,
    /// Missing cells.
    pub missing: usize,
    /// Distinct non-missing values.
    pub distinct: usize,
}

/// The inferred meaning of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schema {
    /// Data records read (before any row is dropped).
    pub rows: usize,
    /// Every column, in file order.
    pub columns: Vec<ColumnInfo>,
    /// Index of the target column.
    pub target: usize,
    /// Classification or regression.
    pub task: Task,
    /// Class names in their stable order (empty for regression).
    pub classes: Vec<String>,
    /// `(rows, columns)` of a picture when the features are its pixels: every feature is a
    /// number and they are named `pixel0`… or `p0`… in order, a square count of them.
    #[serde(default)]
    pub image_shape: Option<(usize, usize)>,
}

impl Schema {
    /// Indices of the feature columns, in file order.
    pub fn feature_columns(&self) -> Vec<usize> {
        (0..self.columns.len())
            .filter(|&i| self.columns[i].role == Role::Feature)
            .collect()
    }
}

impl ImportOptions {
    /// Gives column `name` the role `role`, starting from the roles in `schema` (inferred
    /// under these options). The old target becomes a feature when another column becomes
    /// the target. Choices that leave no usable table (no features, the target ignored) are
    /// refused later by [`infer_schema`], with a message that says why.
    pub fn set_role(&mut self, schema: &Schema, name: &str, role: Role) {
        let old_target = schema.columns.get(schema.target).map(|c| c.name.clone());
        self.ignore.retain(|n| n != name);
        if let Some(features) = &mut self.features {
            features.retain(|n| n != name);
        }
        match role {
            Role::Target => {
                if let (Some(features), Some(old)) = (&mut self.features, &old_target)
                    && old != name
                {
                    features.push(old.clone());
                }
                self.target = Some(name.to_owned());
                self.task = None;
            }
            Role::Feature => {
                let inferred_ignored = schema
                    .columns
                    .iter()
                    .any(|c| c.name == name && c.kind == ColumnKind::Ignored);
                if self.kinds.get(name) == Some(&ColumnKind::Ignored) {
                    self.kinds.remove(name);
                }
                match &mut self.features {
                    Some(features) => features.push(name.to_owned()),
                    // A column the import left out (ids, free text) is only used when listed.
                    None if inferred_ignored => {
                        let mut features: Vec<String> = schema
                            .feature_columns()
                            .into_iter()
                            .map(|c| schema.columns[c].name.clone())
                            .collect();
                        features.push(name.to_owned());
                        self.features = Some(features);
                    }
                    None => {}
                }
                if old_target.as_deref() == Some(name) && self.features.is_none() {
                    // The target stays until another is chosen: listing it makes the import
                    // say so.
                    self.features = Some(vec![name.to_owned()]);
                }
            }
            Role::Ignored => self.ignore.push(name.to_owned()),
        }
    }
}

fn looks_like_id(name: &str) -> bool {
    let name = name.to_lowercase();
    name == "id"
        || name == "index"
        || name.ends_with("_id")
        || name.ends_with(" id")
        || name.starts_with("column_")
}

fn inferred_kind(name: &str, s: &Stats, rows: usize) -> ColumnKind {
    let present = rows - s.missing;
    let distinct = s.distinct;
    if present == 0 {
        ColumnKind::Ignored
    } else if s.first_text.is_none() {
        let all_unique = distinct == present && present >= 20;
        if s.integers && all_unique && looks_like_id(name) {
            ColumnKind::Ignored
        } else {
            ColumnKind::Numeric
        }
    } else if (distinct > MAX_CATEGORIES && distinct * 2 > present)
        || (distinct == present && present >= 20)
    {
        ColumnKind::Ignored
    } else {
        ColumnKind::Categorical
    }
}

/// Infers the schema of `table` under `options`, refusing tables that cannot be learned from.
#[expect(
    clippy::too_many_lines,
    reason = "one pass of checks in the order a user reads the errors; being reworked for streaming import"
)]
pub fn infer_schema(table: &RawTable, options: &ImportOptions) -> Result<Schema, DatasetError> {
    let unknown = |name: &str, what: &str| {
        table.error_at(
            None,
            None,
            format!(
                "{what} '{}' is not a column; the columns are {}",
                excerpt(name),
                name_list(&table.headers)
            ),
        )
    };
    for name in options
        .kinds
        .keys()
        .chain(&options.ignore)
        .chain(options.missing_by_column.keys())
    {
        if table.column_index(name).is_none() {
            return Err(unknown(name, "column"));
        }
    }
    let target = match &options.target {
        Some(name) => table
            .column_index(name)
            .ok_or_else(|| unknown(name, "target"))?,
        None => image_target(&table.headers).unwrap_or(table.headers.len() - 1),
    };
    let wanted: Option<Vec<usize>> = match &options.features {
        Some(names) => Some(
            names
                .iter()
                .map(|n| table.column_index(n).ok_or_else(|| unknown(n, "feature")))
                .collect::<Result<_, _>>()?,
        ),
        None => None,
    };
    if options.ignore.contains(&table.headers[target]) {
        return Err(table.error_at(
            None,
            Some(target),
            format!(
                "the target column '{}' cannot be ignored; choose another target first",
                excerpt(&table.headers[target])
            ),
        ));
    }
    if let Some(&t) = wanted
        .as_ref()
        .and_then(|w| w.iter().find(|&&c| c == target))
    {
        return Err(table.error_at(None, Some(t), "the target column cannot also be a feature"));
    }
    let mut columns = Vec::with_capacity(table.headers.len());
    let all_stats = all_stats(table);
    for ((c, name), stats) in table.headers.iter().enumerate().zip(&all_stats) {
        let mut kind = options
            .kinds
            .get(name)
            .copied()
            .unwrap_or_else(|| inferred_kind(name, stats, table.row_count()));
        let listed = wanted.as_ref().is_some_and(|w| w.contains(&c));
        if kind == ColumnKind::Ignored
            && (c == target || listed)
            && !options.kinds.contains_key(name)
        {
            kind = if stats.first_text.is_none() {
                ColumnKind::Numeric
            } else {
                ColumnKind::Categorical
            };
        }
        if kind == ColumnKind::Numeric
            && let Some(r) = stats.first_text
        {
            return Err(table.error_at(
                Some(r),
                Some(c),
                format!(
                    "{}, but the column is numeric",
                    not_a_number(&table.cell(r, c).text())
                ),
            ));
        }
        // A column of numbers with an infinite or out-of-range one is refused, never read
        // as categories (one-hot of every distinct value) or with the number dropped.
        if kind == ColumnKind::Numeric
            && let Some(r) = stats.first_out_of_range
        {
            return Err(table.error_at(Some(r), Some(c), not_a_number(&table.cell(r, c).text())));
        }
        let role = if c == target {
            Role::Target
        } else if kind == ColumnKind::Ignored
            || options.ignore.contains(name)
            || (wanted.is_some() && !listed)
        {
            Role::Ignored
        } else {
            Role::Feature
        };
        columns.push(ColumnInfo {
            name: name.clone(),
            kind,
            role,
            missing: stats.missing,
            distinct: stats.distinct,
        });
    }
    let (task, classes) = target_task(
        table,
        target,
        &columns[target],
        &all_stats[target],
        options.task,
    )?;
    let features: Vec<&ColumnInfo> = columns.iter().filter(|c| c.role == Role::Feature).collect();
    let image_shape = features
        .iter()
        .all(|c| c.kind == ColumnKind::Numeric)
        .then(|| image_shape(&features.iter().map(|c| c.name.as_str()).collect::<Vec<_>>()))
        .flatten();
    let schema = Schema {
        rows: table.row_count(),
        columns,
        target,
        task,
        classes,
        image_shape,
    };
    if schema.feature_columns().is_empty() {
        return Err(table.error_at(
            None,
            None,
            format!(
                "no feature columns: every column other than the target '{}' is ignored (ids, free text or empty); choose some with --features",
                excerpt(&table.headers[target])
            ),
        ));
    }
    Ok(schema)
}

/// Decides classification or regression for the target column and lists the classes.
fn target_task(
    table: &RawTable,
    target: usize,
    info: &ColumnInfo,
    stats: &Stats,
    forced: Option<Task>,
) -> Result<(Task, Vec<String>), DatasetError> {
    let name = &info.name;
    if stats.distinct == 0 {
        return Err(table.error_at(None, Some(target), "the target column has no values"));
    }
    if stats.distinct == 1 {
        let names = distinct_names(table, target);
        let only = names.first().map_or("", String::as_str);
        return Err(table.error_at(
            None,
            Some(target),
            format!(
                "the target is constant (every row is '{}'); there is nothing to learn",
                excerpt(only)
            ),
        ));
    }
    let numeric = stats.first_text.is_none() && stats.first_out_of_range.is_none();
    let task = forced.unwrap_or(
        if numeric && !(stats.integers && stats.distinct <= MAX_NUMERIC_CLASSES) {
            Task::Regression
        } else {
            Task::Classification
        },
    );
    match task {
        Task::Regression => {
            if let Some(r) = stats.first_text {
                return Err(table.error_at(
                    Some(r),
                    Some(target),
                    format!(
                        "{}; regression needs a numeric target",
                        not_a_number(&table.cell(r, target).text())
                    ),
                ));
            }
            Ok((task, Vec::new()))
        }
        Task::Classification => {
            if stats.distinct > MAX_CLASSES {
                return Err(table.error_at(
                    None,
                    Some(target),
                    format!(
                        "{} distinct values is more than {MAX_CLASSES} classes; is '{}' the right target column? (choose one with --target{})",
                        stats.distinct,
                        excerpt(name),
                        if numeric { ", or --task regression" } else { "" }
                    ),
                ));
            }
            Ok((task, distinct_names(table, target)))
        }
    }
}
