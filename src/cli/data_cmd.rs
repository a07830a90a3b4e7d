//! The data side of the command line: the CSV import flags of `train`, `eval MODEL --data FILE`
//! (a saved model on another file, through its saved preprocessing), `data describe FILE` (the
//! inferred schema) and the raw-value input of `inspect`.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde_json::json;

use super::{Failure, evaluate_json, metrics_json, parse_numbers, print_json, print_out};
use crate::data::{
    Bundled, DataSource, Dataset, ImportOptions, Preprocessing, RawTable, Schema, Target, Task,
    apply_preprocessing, infer_schema,
};
use crate::experiment::Experiment;
use crate::nn::{Loss, Network, evaluate};
use crate::serve::{Outputs, predictions};

/// Import flags shared by `train` and `data describe`.
#[derive(Debug, Args, Default)]
pub struct ImportFlags {
    /// CSV: the target column (default: the last column).
    #[arg(long)]
    pub target: Option<String>,
    /// CSV: the feature columns, comma-separated (default: every usable column but the target).
    #[arg(long)]
    pub features: Option<String>,
    /// CSV: rows with missing values (empty, NA, NaN, ?): drop or impute (default: impute).
    #[arg(long)]
    pub missing: Option<String>,
    /// CSV: numeric feature scaling: standard, minmax or none (default: standard; digits: minmax).
    #[arg(long)]
    pub scale: Option<String>,
    /// CSV: classification or regression (default: inferred from the target column).
    #[arg(long)]
    pub task: Option<String>,
}

impl ImportFlags {
    /// Applies the flags given on top of `options`.
    pub fn apply(&self, options: &mut ImportOptions) -> Result<(), Failure> {
        if let Some(t) = &self.target {
            options.target = Some(t.trim().to_owned());
        }
        if let Some(f) = &self.features {
            let names: Vec<String> = f
                .split(',')
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty())
                .collect();
            options.features = Some(names);
        }
        if let Some(m) = &self.missing {
            options.missing = m.parse().map_err(Failure::usage)?;
        }
        if let Some(s) = &self.scale {
            options.scale = s.parse().map_err(Failure::usage)?;
        }
        if let Some(t) = &self.task {
            options.task = Some(t.parse().map_err(Failure::usage)?);
        }
        Ok(())
    }

    fn any(&self) -> bool {
        self.target.is_some()
            || self.features.is_some()
            || self.missing.is_some()
            || self.scale.is_some()
            || self.task.is_some()
    }

    /// Applies the flags to a bundled or CSV source; refuses them for a generator.
    pub fn apply_to(&self, source: &mut DataSource) -> Result<(), Failure> {
        match source.options_mut() {
            Some(options) => self.apply(options),
            None if self.any() => Err(Failure::usage(format!(
                "--target, --features, --missing, --scale and --task apply to CSV and bundled data, not {source}"
            ))),
            None => Ok(()),
        }
    }
}

/// `eval MODEL --data FILE`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// A saved experiment (.ron).
    model: PathBuf,
    /// The data to evaluate on: a CSV file with the model's columns, or builtin:NAME.
    #[arg(long)]
    data: OsString,
    /// Print the metrics as one JSON object (the same shape as `train --json`'s "test").
    #[arg(long)]
    json: bool,
    /// With --json, also every row's prediction ("predictions", as `serve` answers them) and
    /// its row in the file ("rows").
    #[arg(long, requires = "json")]
    predictions: bool,
    /// No report on stderr.
    #[arg(long, short)]
    quiet: bool,
}

/// `data ...`.
#[derive(Debug, Args)]
pub struct DataArgs {
    #[command(subcommand)]
    command: DataCommand,
}

#[derive(Debug, Subcommand)]
enum DataCommand {
    /// Show how a CSV is understood: each column's kind, role, missing and distinct values.
    Describe(DescribeArgs),
}

#[derive(Debug, Args)]
struct DescribeArgs {
    /// A CSV file, or builtin:NAME for a bundled dataset.
    file: OsString,
    #[command(flatten)]
    flags: ImportFlags,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

/// The table behind `--data`: a bundled dataset or a CSV file.
fn read_table(spec: &OsStr) -> Result<RawTable, Failure> {
    if let Some(name) = spec.to_str().and_then(|s| s.strip_prefix("builtin:")) {
        let bundled: Bundled = name.parse().map_err(Failure::usage)?;
        return RawTable::from_bytes(bundled.csv().as_bytes(), &spec.to_string_lossy())
            .map_err(Failure::usage);
    }
    RawTable::from_file(Path::new(spec)).map_err(Failure::usage)
}

/// Runs `eval`.
pub fn eval(a: &EvalArgs) -> Result<(), Failure> {
    let experiment = Experiment::load(&a.model).map_err(Failure::usage)?;
    let network = experiment.network();
    let data: Dataset = if let Some(preprocessing) = experiment.data.source.preprocessing() {
        let table = read_table(&a.data)?;
        let (data, report) = apply_preprocessing(&table, preprocessing).map_err(Failure::usage)?;
        if !a.quiet {
            eprintln!("{}: {report}", table.path);
        }
        data
    } else {
        // Read once: the file may be a pipe.
        DataSource::parse_with_table(&a.data, None, 0.0, experiment.training.seed)
            .and_then(|(source, table)| source.load_with(table.as_ref(), 0.0, 0))
            .map(|loaded| loaded.train)
            .map_err(Failure::usage)?
    };
    if data.num_features() != network.inputs() {
        return Err(Failure::usage(format!(
            "{} gives {} inputs but the model has {}",
            a.data.to_string_lossy(),
            data.num_features(),
            network.inputs()
        )));
    }
    if a.predictions {
        return print_predictions(&network, &data, experiment.training.loss);
    }
    let metrics = evaluate_json(&network, &data, experiment.training.loss);
    if a.json {
        print_json(&metrics);
    } else {
        let accuracy = metrics["accuracy"]
            .as_f64()
            .map_or_else(String::new, |v| format!(", accuracy {:.1}%", v * 100.0));
        print_out(&format!(
            "{}: {} samples, loss {}{accuracy}",
            a.data.to_string_lossy(),
            data.len(),
            metrics["loss"]
        ));
    }
    Ok(())
}

/// `eval --json --predictions`: the metrics plus each row's prediction, written by the same
/// code as the server's answers.
fn print_predictions(network: &Network, data: &Dataset, loss: Loss) -> Result<(), Failure> {
    let evaluation = evaluate(network, data, loss);
    let outputs = match &data.target {
        Target::Classes { names, .. } => Outputs::Classes(names.clone()),
        Target::Values { names, .. } => Outputs::Values(names.clone()),
    };
    let rows = predictions(&outputs, evaluation.outputs.view(), &evaluation.predicted);
    let mut report = metrics_json(&evaluation, data.class_names());
    report["predictions"] = serde_json::to_value(&rows).map_err(Failure::usage)?;
    report["rows"] = json!(data.source_rows);
    print_json(&report);
    Ok(())
}

/// Runs `data ...`.
pub fn data(a: &DataArgs) -> Result<(), Failure> {
    match &a.command {
        DataCommand::Describe(d) => describe(d),
    }
}

fn describe(a: &DescribeArgs) -> Result<(), Failure> {
    let table = read_table(&a.file)?;
    let mut options = match a
        .file
        .to_str()
        .and_then(|f| f.strip_prefix("builtin:"))
        .and_then(|n| n.parse::<Bundled>().ok())
    {
        Some(b) => b.default_options(),
        None => ImportOptions::default(),
    };
    a.flags.apply(&mut options)?;
    let schema = infer_schema(&table, &options).map_err(Failure::usage)?;
    if a.json {
        print_json(&schema_json(&schema));
    } else {
        print_schema(&table, &schema);
    }
    Ok(())
}

/// The `data describe --json` object.
pub fn schema_json(schema: &Schema) -> serde_json::Value {
    let columns: Vec<serde_json::Value> = schema
        .columns
        .iter()
        .map(|c| {
            json!({
                "name": c.name,
                "kind": c.kind.name(),
                "role": c.role.name(),
                "missing": c.missing,
                "distinct": c.distinct,
            })
        })
        .collect();
    json!({
        "rows": schema.rows,
        "target": schema.columns.get(schema.target).map(|c| c.name.clone()),
        "classes": schema.classes,
        "image_shape": schema.image_shape.map(|(rows, columns)| [rows, columns]),
        "columns": columns,
    })
}

fn print_schema(table: &RawTable, schema: &Schema) {
    let delimiter = match table.delimiter {
        b'\t' => "tab".to_owned(),
        d => format!("'{}'", char::from(d)),
    };
    print_out(&format!(
        "{}: {} rows, {} columns, delimiter {delimiter}",
        table.path,
        schema.rows,
        schema.columns.len()
    ));
    let width = schema
        .columns
        .iter()
        .map(|c| c.name.chars().count())
        .max()
        .unwrap_or(4)
        .max(6);
    print_out(&format!(
        "{:<width$}  {:<11}  {:<7}  {:>7}  {:>8}",
        "column", "kind", "role", "missing", "distinct"
    ));
    for c in &schema.columns {
        print_out(&format!(
            "{:<width$}  {:<11}  {:<7}  {:>7}  {:>8}",
            c.name,
            c.kind.name(),
            c.role.name(),
            c.missing,
            c.distinct
        ));
    }
    match schema.task {
        Task::Classification => print_out(&format!(
            "classification, {} classes: {}",
            schema.classes.len(),
            schema.classes.join(", ")
        )),
        Task::Regression => print_out("regression"),
    }
}

/// The network input for `inspect --input`: raw feature values (one per column, text allowed)
/// passed through the saved preprocessing when the model has one, else the numbers as given.
pub fn model_input(
    preprocessing: Option<&Preprocessing>,
    text: &str,
    inputs: usize,
) -> Result<Vec<f32>, Failure> {
    let Some(p) = preprocessing else {
        return parse_numbers(text, "--input");
    };
    let cells: Vec<&str> = text.split(',').map(str::trim).collect();
    if cells.len() == p.features.len() {
        return p.encode(&cells).map_err(|(k, message)| {
            let column = p.features.get(k).map_or("?", |f| f.column.as_str());
            Failure::usage(format!("--input, column '{column}': {message}"))
        });
    }
    if cells.len() == inputs {
        // Already preprocessed numbers.
        return parse_numbers(text, "--input");
    }
    let columns: Vec<&str> = p.features.iter().map(|f| f.column.as_str()).collect();
    Err(Failure::usage(format!(
        "--input has {} values but the model reads {} columns ({})",
        cells.len(),
        columns.len(),
        columns.join(", ")
    )))
}
