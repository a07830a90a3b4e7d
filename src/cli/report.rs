//! What the command line prints about a model: the metrics object of `train --json` and
//! `eval --json`, the plain summary, and `export`.

use std::io::Write as _;

use serde_json::{Value, json};

use super::args::{ExportArgs, Split};
use super::{Failure, load_model, print_out};
use crate::data::Dataset;
use crate::experiment::Experiment;
use crate::nn::{ClassificationMetrics, Evaluation, Loss, Network, evaluate};
use crate::session::{pytorch, tables};

/// The metrics object of `train --json` and `eval --json`.
pub fn metrics_json(e: &Evaluation, classes: Option<&[String]>) -> Value {
    match (&e.classification, &e.regression) {
        (Some(m), _) => classification_json(e.loss, m, classes.unwrap_or_default()),
        (None, Some(r)) => {
            json!({"loss": e.loss, "accuracy": Value::Null, "mse": r.mse, "mae": r.mae, "r2": r.r2})
        }
        (None, None) => json!({"loss": e.loss}),
    }
}

fn classification_json(loss: f32, m: &ClassificationMetrics, classes: &[String]) -> Value {
    json!({
        "loss": loss,
        "accuracy": m.accuracy,
        "classes": classes,
        "confusion": m.confusion,
        "precision": m.precision,
        "recall": m.recall,
        "f1": m.f1,
        "macro_precision": m.macro_precision,
        "macro_recall": m.macro_recall,
        "macro_f1": m.macro_f1,
    })
}

/// Re-evaluates `network` on `data` (shared by `eval` and tests).
pub fn evaluate_json(network: &Network, data: &Dataset, loss: Loss) -> Value {
    metrics_json(&evaluate(network, data, loss), data.class_names())
}

/// Runs `export`: the experiment as JSON, or with `--pytorch DIR` a PyTorch folder. The JSON
/// is streamed: no copy of a large model is built in memory first. f32 values are written as
/// f32s (the shortest decimal that reads back as the same f32), as [`super::print_json`]
/// writes them.
pub fn export(a: &ExportArgs) -> Result<(), Failure> {
    if let Some(out) = &a.gif {
        return super::animate::export_gif(&a.model, out);
    }
    let experiment = load_model(&a.model)?;
    if a.history_csv.is_some() || a.confusion_csv.is_some() {
        return export_tables(&experiment, a);
    }
    if let Some(out_dir) = &a.pytorch {
        let summary = pytorch::export(&experiment, out_dir).map_err(Failure::usage)?;
        print_out(&summary.to_string());
        return Ok(());
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = serde_json::to_writer(&mut out, &experiment)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush());
    match written {
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure::usage(e)),
        _ => Ok(()),
    }
}

/// `export --history-csv OUT` and `--confusion-csv OUT [--split train|test]`: the app's
/// File ▸ Export tables, from a saved experiment.
fn export_tables(experiment: &Experiment, a: &ExportArgs) -> Result<(), Failure> {
    let opened = crate::session::restore(experiment).map_err(Failure::usage)?;
    let trainer = &opened.trainer;
    if let Some(out) = &a.history_csv {
        let csv = tables::history_csv(trainer.history()).map_err(Failure::usage)?;
        tables::write_table(out, &csv).map_err(Failure::usage)?;
        print_out(&format!(
            "wrote {} ({} epochs)",
            out.display(),
            trainer.history().iter().filter(|r| r.epoch > 0).count()
        ));
    }
    if let Some(out) = &a.confusion_csv {
        let (data, evaluation) = match a.split {
            Split::Train => (trainer.train_data(), trainer.evaluate_train()),
            Split::Test => match (trainer.test_data(), trainer.evaluate_test()) {
                (Some(data), Some(evaluation)) => (data, evaluation),
                _ => {
                    return Err(Failure::usage(
                        "--split test: this experiment has no test set (use --split train)",
                    ));
                }
            },
        };
        let (Some(names), Some(metrics)) = (data.class_names(), &evaluation.classification) else {
            return Err(Failure::usage(
                "--confusion-csv: a regression experiment has no confusion matrix",
            ));
        };
        let csv = tables::confusion_csv(names, metrics).map_err(Failure::usage)?;
        tables::write_table(out, &csv).map_err(Failure::usage)?;
        print_out(&format!(
            "wrote {} ({} samples)",
            out.display(),
            metrics.total()
        ));
    }
    Ok(())
}
