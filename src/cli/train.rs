//! `train`: a new experiment from the options, or `--resume` of a saved one; progress lines,
//! the final metrics and the save.

use std::fmt::Write as _;

use serde_json::json;

use super::args::TrainArgs;
use super::report::metrics_json;
use super::{EXIT_FAILED, Failure, load_model, print_json};
use crate::data::{DataSource, DataSpec};
use crate::experiment::Experiment;
use crate::nn::{Evaluation, LayerSpec, Trainer};
use crate::session::{Choices, Setup};

/// Everything `train` needs, resolved from the arguments and the data.
struct Plan {
    trainer: Trainer,
    spec: DataSpec,
}

/// Parses an optional option value, naming the option in the error.
fn parse<T>(flag: &str, value: Option<&str>) -> Result<Option<T>, Failure>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    value
        .map(str::parse)
        .transpose()
        .map_err(|e| Failure::usage(format!("{flag}: {e}")))
}

fn plan_from_args(a: &TrainArgs) -> Result<Plan, Failure> {
    let mut source =
        DataSource::parse(&a.data, a.samples, a.noise, a.seed).map_err(Failure::usage)?;
    a.import.apply_to(&mut source)?;
    let choices = Choices {
        hidden: a
            .hidden
            .as_deref()
            .map(LayerSpec::parse_list)
            .transpose()
            .map_err(|e| Failure::usage(format!("--hidden: {e}")))?,
        output: parse("--output", a.output.as_deref())?,
        loss: parse("--loss", a.loss.as_deref())?,
        optimizer: parse("--optimizer", a.optimizer.as_deref())?,
        learning_rate: a.lr,
        l2: a.l2,
        batch_size: a.batch,
        seed: a.seed,
        test_fraction: a.test_fraction,
    };
    let spec = DataSpec {
        test_fraction: a
            .test_fraction
            .unwrap_or_else(|| source.default_test_fraction()),
        source: source.clone(),
        split_seed: a.seed,
    };
    let data = spec.load().map_err(Failure::usage)?;
    if let (Some(report), false) = (&data.report, a.quiet) {
        eprintln!("{}: {report}", spec.source);
    }
    let mut setup = Setup::for_task(source, &data, &choices);
    // Saved models preprocess new data exactly as the training data was.
    setup.data.set_preprocessing(data.preprocessing.clone());
    let spec = setup.data_spec();
    let trainer = setup.build_with(data).map_err(Failure::usage)?;
    Ok(Plan { trainer, spec })
}

pub fn train(a: &TrainArgs) -> Result<(), Failure> {
    if a.epochs > 1_000_000 {
        return Err(Failure::usage(format!(
            "--epochs {} is more than 1000000",
            a.epochs
        )));
    }
    let mut resumed = None;
    let (mut trainer, spec, save_to) = if let Some(path) = &a.resume {
        let experiment = load_model(path)?;
        let restored = experiment.restore().map_err(Failure::usage)?;
        let Some(mut trainer) = restored.trainer else {
            return Err(Failure::usage(restored.data_problem.unwrap_or_default()));
        };
        if let Some(lr) = a.lr {
            trainer.set_learning_rate(lr).map_err(Failure::usage)?;
        }
        let is_example = path
            .to_str()
            .is_some_and(|p| p.starts_with(crate::experiment::EXAMPLE_PREFIX));
        let save_to = match (&a.save, is_example) {
            (Some(save), _) => save.clone(),
            (None, false) => path.clone(),
            (None, true) => {
                return Err(Failure::usage(format!(
                    "--resume {}: a shipped example is not overwritten; add --save FILE.ron",
                    path.display()
                )));
            }
        };
        let spec = experiment.data.clone();
        resumed = Some(experiment);
        (trainer, spec, Some(save_to))
    } else {
        let plan = plan_from_args(a)?;
        (plan.trainer, plan.spec, a.save.clone())
    };
    let every = a.epochs.div_ceil(50).max(1);
    for i in 0..a.epochs {
        let record = trainer.step_epoch().map_err(|e| Failure {
            code: EXIT_FAILED,
            message: format!("{e}. Lower --lr and train again."),
        })?;
        if !a.quiet && ((i + 1) % every == 0 || i + 1 == a.epochs) {
            eprintln!("{}", progress_line(&record, trainer.history().len()));
        }
    }
    if let Some(path) = &save_to {
        let mut experiment = Experiment::from_trainer(&trainer, spec, a.embed_data);
        if let Some(old) = resumed {
            experiment.name = old.name;
            experiment.notes = old.notes;
            experiment.notes_ko = old.notes_ko;
        }
        experiment.save(path).map_err(Failure::usage)?;
        if !a.quiet {
            eprintln!("saved {}", path.display());
        }
    }
    let train_eval = trainer.evaluate_train();
    let test_eval = trainer.evaluate_test();
    let classes = trainer.train_data().class_names().map(<[String]>::to_vec);
    let report = json!({
        "epochs": trainer.history().len(),
        "train": metrics_json(&train_eval, classes.as_deref()),
        "test": test_eval.as_ref().map(|e| metrics_json(e, classes.as_deref())),
    });
    if a.json {
        print_json(&report);
    } else {
        print_summary(&train_eval, test_eval.as_ref());
    }
    Ok(())
}

fn progress_line(record: &crate::nn::EpochRecord, epoch: usize) -> String {
    let pct = |v: Option<f32>| v.map_or_else(|| "—".to_owned(), |v| format!("{:.1}%", v * 100.0));
    let mut line = format!(
        "epoch {epoch:>5}  train loss {:.4} acc {}",
        record.train_loss,
        pct(record.train_accuracy)
    );
    if let Some(test_loss) = record.test_loss {
        let _ = write!(
            line,
            "  test loss {test_loss:.4} acc {}",
            pct(record.test_accuracy)
        );
    }
    line
}

fn print_summary(train: &Evaluation, test: Option<&Evaluation>) {
    let show = |name: &str, e: &Evaluation| {
        let acc = e
            .accuracy()
            .map_or_else(String::new, |a| format!(", accuracy {:.1}%", a * 100.0));
        println!("{name}: loss {:.4}{acc}", e.loss);
    };
    show("train", train);
    if let Some(t) = test {
        show("test", t);
    }
}
