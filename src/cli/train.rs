//! `train`: a new experiment from the options, or `--resume` of a saved one (see
//! `resume.rs`); progress lines, the divergence check, the final metrics and the save.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde_json::json;

use super::args::TrainArgs;
use super::report::metrics_json;
use super::{EXIT_FAILED, Failure, print_json, resume};
use crate::data::{DataSource, DataSpec};
use crate::experiment::{Experiment, FileLimits};
use crate::nn::{Evaluation, LayerSpec, Trainer};
use crate::session::{Choices, DivergenceGuard, Setup, SnapshotStore};

/// A run ready to train: the trainer and what its save needs.
pub(super) struct Run {
    pub(super) trainer: Trainer,
    /// The data, as the experiment file records it.
    pub(super) spec: DataSpec,
    /// Where the experiment is saved at the end, if anywhere.
    pub(super) save_to: Option<PathBuf>,
    /// Store the samples in the saved file.
    pub(super) embed_data: bool,
    /// The title and notes kept from a resumed file: (name, notes, notes_ko).
    pub(super) notes: Option<(String, String, String)>,
    /// Held for the whole run: the lock on a resumed experiment file.
    pub(super) _lock: Option<crate::session::TrainingLock>,
    /// Snapshots saved with the file (`--history`, or a resumed file that has them).
    pub(super) snapshots: Option<SnapshotStore>,
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

fn new_run(a: &TrainArgs) -> Result<Run, Failure> {
    let defaults = Choices::default();
    let seed = a.seed.unwrap_or(defaults.seed);
    let data_arg = a.data.clone().unwrap_or_else(|| "builtin:xor".into());
    // A CSV is read here, once: `--data <(cat file.csv)` is a pipe.
    let (mut source, table) =
        DataSource::parse_with_table(&data_arg, a.samples, a.noise.unwrap_or(0.0), seed)
            .map_err(Failure::usage)?;
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
        l2: a.l2.unwrap_or(defaults.l2),
        batch_size: a.batch.unwrap_or(defaults.batch_size),
        seed,
        test_fraction: a.test_fraction,
    };
    let spec = DataSpec {
        test_fraction: a
            .test_fraction
            .unwrap_or_else(|| source.default_test_fraction()),
        source: source.clone(),
        split_seed: seed,
    };
    let data = spec.load_with(table.as_ref()).map_err(Failure::usage)?;
    if let (Some(report), false) = (&data.report, a.quiet) {
        eprintln!("{}: {report}", spec.source);
    }
    let mut setup = Setup::for_task(source, &data, &choices);
    // Saved models preprocess new data exactly as the training data was.
    setup.data.set_preprocessing(data.preprocessing.clone());
    let spec = setup.data_spec();
    let trainer = setup.build_with(data).map_err(Failure::usage)?;
    Ok(Run {
        trainer,
        spec,
        save_to: a.save.clone(),
        embed_data: a.embed_data,
        notes: None,
        _lock: None,
        snapshots: None,
    })
}

pub fn train(a: &TrainArgs) -> Result<(), Failure> {
    let mut run = match &a.resume {
        Some(path) => resume::prepare(a, path)?,
        None => new_run(a)?,
    };
    if let (Some(save_to), DataSource::Csv { path, .. }) = (&run.save_to, &run.spec.source)
        && path.to_str().is_none()
    {
        // Refused before training, not after: the file could not be written.
        return Err(Failure::usage(format!(
            "{}: cannot save an experiment that names {}: a CSV path in an experiment file must be UTF-8 text; rename the CSV",
            save_to.display(),
            path.display()
        )));
    }
    if a.history && run.save_to.is_none() {
        return Err(Failure::usage(
            "--history stores the snapshots in the saved file: add --save FILE.ron",
        ));
    }
    if a.history && run.snapshots.is_none() {
        run.snapshots = Some(SnapshotStore::default());
    }
    let diverged = train_epochs(&mut run.trainer, a.epochs, a.quiet, run.snapshots.as_mut());
    let saved = match &run.save_to {
        Some(path) if diverged.is_none() || a.save_diverged => {
            save(&run, path)?;
            if !a.quiet {
                eprintln!("saved {}", path.display());
                if let Some(store) = &run.snapshots {
                    eprintln!("{}", history_line(store));
                }
            }
            Some(path)
        }
        _ => None,
    };
    if let Some(reason) = diverged {
        let learning_rate = run.trainer.config().learning_rate;
        let mut message = format!("{reason}. Lower --lr (it is {learning_rate}) and train again");
        match (&run.save_to, saved) {
            (Some(path), None) => {
                let _ = write!(
                    message,
                    "; {} was not saved (--save-diverged saves it anyway)",
                    path.display()
                );
            }
            (Some(path), Some(_)) => {
                let _ = write!(message, "; saved to {} anyway", path.display());
            }
            (None, _) => {}
        }
        return Err(Failure {
            code: EXIT_FAILED,
            message,
        });
    }
    report(&run.trainer, a.json);
    Ok(())
}

/// Trains `epochs` epochs, printing progress; the reason if the run diverged.
fn train_epochs(
    trainer: &mut Trainer,
    epochs: usize,
    quiet: bool,
    mut snapshots: Option<&mut SnapshotStore>,
) -> Option<String> {
    let guard = DivergenceGuard::new(trainer);
    if let Some(store) = snapshots.as_deref_mut() {
        store.record(trainer);
    }
    let every = progress_every(epochs);
    for i in 0..epochs {
        let record = match trainer.step_epoch() {
            Ok(record) => record,
            Err(e) => return Some(e.to_string()),
        };
        if let Some(store) = snapshots.as_deref_mut() {
            store.record(trainer);
        }
        if !quiet && ((i + 1) % every == 0 || i + 1 == epochs) {
            eprintln!("{}", progress_line(&record, trainer.history().len()));
        }
        if let Err(blow_up) = guard.check(trainer, &record) {
            return Some(blow_up.to_string());
        }
    }
    None
}

fn save(run: &Run, path: &std::path::Path) -> Result<(), Failure> {
    let mut experiment = Experiment::from_trainer(&run.trainer, run.spec.clone(), run.embed_data);
    if let Some((name, notes, notes_ko)) = &run.notes {
        experiment.name.clone_from(name);
        experiment.notes.clone_from(notes);
        experiment.notes_ko.clone_from(notes_ko);
    }
    if let Some(store) = &run.snapshots {
        experiment.set_snapshots(&store.fitting_a_file(&FileLimits::default()));
    }
    experiment.save(path).map_err(Failure::usage)
}

/// What the snapshot store holds: how many, which epochs, its bytes against the budget.
fn history_line(store: &SnapshotStore) -> String {
    let mib = |bytes: usize| bytes as f64 / (1024.0 * 1024.0);
    let (first, last) = (
        store.epochs().next().unwrap_or(0),
        store.newest_epoch().unwrap_or(0),
    );
    format!(
        "history: {} snapshots of epochs {first}–{last}, {:.1} MiB of the {:.0} MiB budget",
        store.len(),
        mib(store.bytes()),
        mib(store.budget_bytes())
    )
}

/// Every how many epochs a progress line is printed: about 50 lines in all.
pub(super) fn progress_every(epochs: usize) -> usize {
    epochs.div_ceil(50).max(1)
}

fn report(trainer: &Trainer, as_json: bool) {
    if as_json {
        print_json(&report_json(trainer));
    } else {
        let train_eval = trainer.evaluate_train();
        let test_eval = trainer.evaluate_test();
        print_summary(&train_eval, test_eval.as_ref());
    }
}

/// The object `train --json` prints: epochs trained and the final metrics.
pub(super) fn report_json(trainer: &Trainer) -> serde_json::Value {
    let train_eval = trainer.evaluate_train();
    let test_eval = trainer.evaluate_test();
    let classes = trainer.train_data().class_names().map(<[String]>::to_vec);
    json!({
        "epochs": trainer.history().len(),
        "train": metrics_json(&train_eval, classes.as_deref()),
        "test": test_eval.as_ref().map(|e| metrics_json(e, classes.as_deref())),
    })
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
