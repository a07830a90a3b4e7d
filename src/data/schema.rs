//! What the columns of a CSV mean: their kind (numeric, categorical, ignored), their role
//! (feature, target, ignored) and the task (classification or regression), inferred from the
//! cells and overridable through [`ImportOptions`] (defined in `options.rs`).

use std::cmp::Ordering;
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

pub use super::options::{ColumnKind, ImportOptions, MissingPolicy, Role, Scale, Task};

use super::DatasetError;
use super::csv_read::RawTable;

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

/// True for the spellings of a missing value: empty, `NA`, `NaN`, `?` (any case for NA/NaN).
pub fn is_missing(cell: &str) -> bool {
    let cell = cell.trim();
    cell.is_empty()
        || cell == "?"
        || cell.eq_ignore_ascii_case("na")
        || cell.eq_ignore_ascii_case("nan")
}

/// The cell as a finite number, if it is one.
pub fn parse_number(cell: &str) -> Option<f64> {
    cell.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && v.abs() <= f64::from(f32::MAX))
}

/// Orders class or category names: numbers by value (so "2" < "10") before text, text by
/// its characters; a stable order that does not depend on the file.
pub fn compare_names(a: &str, b: &str) -> Ordering {
    match (parse_number(a), parse_number(b)) {
        (Some(x), Some(y)) => x.total_cmp(&y).then_with(|| a.cmp(b)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp(b),
    }
}

/// Per-column facts gathered in one pass.
struct Stats {
    missing: usize,
    distinct: BTreeSet<String>,
    /// Row of the first non-numeric, non-missing cell.
    first_text: Option<usize>,
    integers: bool,
}

fn column_stats(table: &RawTable, column: usize) -> Stats {
    let mut stats = Stats {
        missing: 0,
        distinct: BTreeSet::new(),
        first_text: None,
        integers: true,
    };
    for (r, row) in table.rows.iter().enumerate() {
        let cell = row[column].as_str();
        if is_missing(cell) {
            stats.missing += 1;
            continue;
        }
        match parse_number(cell) {
            Some(v) => stats.integers &= v.fract() == 0.0,
            None => {
                stats.first_text.get_or_insert(r);
            }
        }
        if !stats.distinct.contains(cell) {
            stats.distinct.insert(cell.to_owned());
        }
    }
    stats
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
    let distinct = s.distinct.len();
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
                "{what} '{name}' is not a column; the columns are {}",
                table.headers.join(", ")
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
        None => table.headers.len() - 1,
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
                table.headers[target]
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
    let mut all_stats = Vec::with_capacity(table.headers.len());
    for (c, name) in table.headers.iter().enumerate() {
        let stats = column_stats(table, c);
        let mut kind = options
            .kinds
            .get(name)
            .copied()
            .unwrap_or_else(|| inferred_kind(name, &stats, table.rows.len()));
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
                    "'{}' is not a number, but the column is numeric",
                    table.rows[r][c]
                ),
            ));
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
            distinct: stats.distinct.len(),
        });
        all_stats.push(stats);
    }
    let (task, classes) = target_task(
        table,
        target,
        &columns[target],
        &all_stats[target],
        options.task,
    )?;
    let schema = Schema {
        rows: table.rows.len(),
        columns,
        target,
        task,
        classes,
    };
    if schema.feature_columns().is_empty() {
        return Err(table.error_at(
            None,
            None,
            format!(
                "no feature columns: every column other than the target '{}' is ignored (ids, free text or empty); choose some with --features",
                table.headers[target]
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
    if stats.distinct.is_empty() {
        return Err(table.error_at(None, Some(target), "the target column has no values"));
    }
    if stats.distinct.len() == 1 {
        let only = stats.distinct.iter().next().map_or("", String::as_str);
        return Err(table.error_at(
            None,
            Some(target),
            format!("the target is constant (every row is '{only}'); there is nothing to learn"),
        ));
    }
    let numeric = stats.first_text.is_none();
    let task = forced.unwrap_or(
        if numeric && !(stats.integers && stats.distinct.len() <= MAX_NUMERIC_CLASSES) {
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
                        "'{}' is not a number; regression needs a numeric target",
                        table.rows[r][target]
                    ),
                ));
            }
            Ok((task, Vec::new()))
        }
        Task::Classification => {
            if stats.distinct.len() > MAX_CLASSES {
                return Err(table.error_at(
                    None,
                    Some(target),
                    format!(
                        "{} distinct values is more than {MAX_CLASSES} classes; is '{name}' the right target column? (choose one with --target{})",
                        stats.distinct.len(),
                        if numeric { ", or --task regression" } else { "" }
                    ),
                ));
            }
            let mut classes: Vec<String> = stats.distinct.iter().cloned().collect();
            classes.sort_by(|a, b| compare_names(a, b));
            Ok((task, classes))
        }
    }
}
