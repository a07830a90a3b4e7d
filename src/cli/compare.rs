//! `compare A.ron B.ron --epochs N`: continues two saved experiments from where each stopped
//! for N more epochs, both on A's data and split, and prints their histories side by side and
//! their final metrics (`--json`: `{"a": …, "b": …}`, each the object of `train --json`). B's
//! network must fit A's data (exit 2 otherwise). `compare builtin-comparison:NAME` runs a
//! shipped pair.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;
use serde_json::json;

use super::train::{progress_every, report_json};
use super::{EXIT_FAILED, Failure, load_model, print_json, print_out};
use crate::experiment::{COMPARISON_PREFIX, Comparison, Experiment};
use crate::nn::{EpochRecord, Evaluation, Trainer};
use crate::session::DivergenceGuard;

/// Epochs run when neither `--epochs` nor a shipped comparison says.
const DEFAULT_EPOCHS: usize = 100;

/// Most epochs one `compare` runs.
const MAX_COMPARE_EPOCHS: u64 = 1_000_000;

/// `compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Experiment A (.ron or builtin-example:NAME): its data and split are used for both.
    /// Or builtin-comparison:NAME (xor-single-vs-multi, spiral-learning-rate,
    /// spiral-activation) without B: a shipped pair.
    a: PathBuf,
    /// Experiment B (.ron or builtin-example:NAME): its network must fit A's data.
    b: Option<PathBuf>,
    /// Epochs each trains on from where it was saved, 0 to 1000000 (default 100, or the
    /// shipped comparison's).
    #[arg(long, value_parser = epochs)]
    epochs: Option<usize>,
    /// Print {"a": …, "b": …} on stdout, each the object `train --json` prints.
    #[arg(long)]
    json: bool,
}

fn epochs(text: &str) -> Result<usize, String> {
    match text.trim().parse::<u64>() {
        Ok(n) if n <= MAX_COMPARE_EPOCHS => usize::try_from(n).map_err(|e| e.to_string()),
        _ => Err(format!(
            "must be a whole number from 0 to {MAX_COMPARE_EPOCHS}, got {text}"
        )),
    }
}

/// One side of the comparison while it trains.
struct Side {
    trainer: Trainer,
    /// The records of the epochs trained here.
    records: Vec<EpochRecord>,
    /// Why it stopped early, if it diverged.
    diverged: Option<String>,
}

impl Side {
    fn new(trainer: Trainer) -> Self {
        Self {
            trainer,
            records: Vec::new(),
            diverged: None,
        }
    }

    /// One more epoch, unless it has diverged.
    fn step(&mut self, guard: DivergenceGuard) {
        if self.diverged.is_some() {
            return;
        }
        match self.trainer.step_epoch() {
            Ok(record) => {
                if let Err(blow_up) = guard.check(&self.trainer, &record) {
                    self.diverged = Some(blow_up.to_string());
                }
                self.records.push(record);
            }
            Err(e) => self.diverged = Some(e.to_string()),
        }
    }
}

/// Runs `compare`.
pub fn compare(args: &CompareArgs) -> Result<(), Failure> {
    let (a, b, names, suggested) = load_pair(args)?;
    let epochs = args.epochs.unwrap_or(suggested);
    let restored = a.restore().map_err(Failure::usage)?;
    let Some(trainer_a) = restored.trainer else {
        return Err(Failure::usage(format!(
            "{}: {}",
            names[0],
            restored.data_problem.unwrap_or_default()
        )));
    };
    let trainer_b = b
        .restore_on(
            trainer_a.train_data().clone(),
            trainer_a.test_data().cloned(),
        )
        .map_err(|e| {
            Failure::usage(format!(
                "{} does not fit the data of {}: {e}",
                names[1], names[0]
            ))
        })?;
    let mut sides = [Side::new(trainer_a), Side::new(trainer_b)];
    let guards = sides.each_ref().map(|s| DivergenceGuard::new(&s.trainer));
    // Lockstep: epoch by epoch, A then B.
    for _ in 0..epochs {
        for (side, guard) in sides.iter_mut().zip(&guards) {
            side.step(*guard);
        }
    }
    let [side_a, side_b] = &sides;
    if args.json {
        print_json(&json!({
            "a": report_json(&side_a.trainer),
            "b": report_json(&side_b.trainer),
        }));
    } else {
        print_side_by_side([&a, &b], &names, &sides);
    }
    let diverged: Vec<String> = [("A", side_a), ("B", side_b)]
        .into_iter()
        .filter_map(|(name, side)| side.diverged.as_ref().map(|d| format!("{name}: {d}")))
        .collect();
    if diverged.is_empty() {
        Ok(())
    } else {
        Err(Failure {
            code: EXIT_FAILED,
            message: format!(
                "{}. Lower the learning rate in that file and compare again",
                diverged.join("; ")
            ),
        })
    }
}

/// The two histories as one table (at most about 50 rows), then each side's final metrics.
fn print_side_by_side(files: [&Experiment; 2], names: &[String; 2], sides: &[Side; 2]) {
    let title = |file: &Experiment, name: &str| {
        if file.name.is_empty() {
            name.to_owned()
        } else {
            format!("{} ({name})", file.name)
        }
    };
    print_out(&format!("A: {}", title(files[0], &names[0])));
    print_out(&format!("B: {}", title(files[1], &names[1])));
    let rows = sides[0].records.len().max(sides[1].records.len());
    let every = progress_every(rows);
    print_out("epoch (A, B)   A loss    A acc  |  B loss    B acc");
    for i in 0..rows {
        if (i + 1) % every != 0 && i + 1 != rows {
            continue;
        }
        let cell = |side: &Side| match side.records.get(i) {
            Some(r) => format!(
                "{:>8.4} {:>8}",
                r.train_loss,
                r.train_accuracy
                    .map_or_else(|| "—".to_owned(), |a| format!("{:.1}%", a * 100.0))
            ),
            None => format!("{:>8} {:>8}", "—", "—"),
        };
        let epoch = |side: &Side| side.records.get(i).map_or(0, |r| r.epoch);
        print_out(&format!(
            "{:>5}, {:<5}  {}  | {}",
            epoch(&sides[0]),
            epoch(&sides[1]),
            cell(&sides[0]),
            cell(&sides[1])
        ));
    }
    for (name, side) in [("A", &sides[0]), ("B", &sides[1])] {
        let train = side.trainer.evaluate_train();
        let test = side.trainer.evaluate_test();
        let mut line = format!(
            "{name}: epoch {}, train {}",
            side.trainer.cursor().epoch,
            summary(&train)
        );
        if let Some(test) = &test {
            let _ = write!(line, ", test {}", summary(test));
        }
        if let Some(reason) = &side.diverged {
            let _ = write!(line, " (stopped: {reason})");
        }
        print_out(&line);
    }
}

/// A and B, their names in messages and the epochs to run by default: two files, or a
/// shipped comparison.
fn load_pair(args: &CompareArgs) -> Result<(Experiment, Experiment, [String; 2], usize), Failure> {
    let shipped = args.a.to_str().filter(|a| a.starts_with(COMPARISON_PREFIX));
    match (&args.b, shipped) {
        (Some(b), _) => {
            let names = [args.a.display().to_string(), b.display().to_string()];
            Ok((load_model(&args.a)?, load_model(b)?, names, DEFAULT_EPOCHS))
        }
        (None, Some(spec)) => {
            let pair = Comparison::shipped(spec).map_err(Failure::usage)?;
            let names = [format!("{spec}, A"), format!("{spec}, B")];
            Ok((pair.a, pair.b, names, pair.epochs))
        }
        (None, None) => Err(Failure::usage(format!(
            "compare {}: name experiment B too (compare A.ron B.ron), or give a shipped pair as {COMPARISON_PREFIX}NAME",
            args.a.display()
        ))),
    }
}

/// Loss and accuracy in a few characters.
fn summary(e: &Evaluation) -> String {
    match e.accuracy() {
        Some(a) => format!("loss {:.4} accuracy {:.1}%", e.loss, a * 100.0),
        None => format!("loss {:.4}", e.loss),
    }
}
