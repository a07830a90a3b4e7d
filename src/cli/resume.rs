//! `train --resume FILE`: continues a saved experiment exactly where it stopped. The file is
//! locked for the whole run; the options that can change on resume (`--lr`, `--batch`,
//! `--l2`, `--epochs`) are validated as for a new run, and those that cannot (the data, the
//! network, the loss, the optimizer, the seed) are refused by name instead of ignored.

use std::path::Path;

use super::args::TrainArgs;
use super::train::Run;
use super::{Failure, load_model};
use crate::experiment::EXAMPLE_PREFIX;
use crate::nn::ConfigError;
use crate::session::{DEFAULT_SNAPSHOT_BUDGET, SnapshotStore, TrainingLock};

/// The options of a new run that a resumed experiment already has, and whether each was given.
fn fixed_options(a: &TrainArgs) -> [(&'static str, bool); 14] {
    [
        ("--data", a.data.is_some()),
        ("--target", a.import.target.is_some()),
        ("--features", a.import.features.is_some()),
        ("--missing", a.import.missing.is_some()),
        ("--scale", a.import.scale.is_some()),
        ("--task", a.import.task.is_some()),
        ("--samples", a.samples.is_some()),
        ("--noise", a.noise.is_some()),
        ("--test-fraction", a.test_fraction.is_some()),
        ("--hidden", a.hidden.is_some()),
        ("--output", a.output.is_some()),
        ("--loss", a.loss.is_some()),
        ("--optimizer", a.optimizer.is_some()),
        ("--seed", a.seed.is_some()),
    ]
}

/// Locks and loads the experiment at `path` and applies the options that may change.
pub(super) fn prepare(a: &TrainArgs, path: &Path) -> Result<Run, Failure> {
    let fixed: Vec<&str> = fixed_options(a)
        .into_iter()
        .filter_map(|(flag, given)| given.then_some(flag))
        .collect();
    if !fixed.is_empty() {
        return Err(Failure::usage(format!(
            "--resume continues {} as it was saved: {} cannot change on resume (only --lr, --batch, --l2 and --epochs can)",
            path.display(),
            fixed.join(", ")
        )));
    }
    // A shipped example is not a file: nothing to lock, and never overwritten.
    let example = path.to_str().is_some_and(|p| p.starts_with(EXAMPLE_PREFIX));
    if example && a.save.is_none() {
        return Err(Failure::usage(format!(
            "--resume {}: a shipped example is not overwritten; add --save FILE.ron",
            path.display()
        )));
    }
    // Held until the run ends: a second run on the same file is refused, not interleaved.
    let lock = if example {
        None
    } else {
        Some(TrainingLock::take(path).map_err(Failure::usage)?)
    };
    let experiment = load_model(path)?;
    let restored = experiment.restore().map_err(Failure::usage)?;
    let Some(mut trainer) = restored.trainer else {
        return Err(Failure::usage(restored.data_problem.unwrap_or_default()));
    };
    let setting = |flag: &'static str| move |e: ConfigError| Failure::usage(format!("{flag}: {e}"));
    if let Some(lr) = a.lr {
        trainer.set_learning_rate(lr).map_err(setting("--lr"))?;
    }
    if let Some(batch) = a.batch {
        trainer.set_batch_size(batch).map_err(setting("--batch"))?;
    }
    if let Some(l2) = a.l2 {
        trainer.set_l2(l2).map_err(setting("--l2"))?;
    }
    // Like the samples, the snapshots a file has stay in it.
    let snapshots = (a.history || !experiment.snapshots.is_empty()).then(|| {
        SnapshotStore::from_snapshots(DEFAULT_SNAPSHOT_BUDGET, experiment.restored_snapshots())
    });
    Ok(Run {
        trainer,
        snapshots,
        save_to: Some(a.save.clone().unwrap_or_else(|| path.to_owned())),
        // The file's samples stay in it: resuming never drops what the file had.
        embed_data: a.embed_data || experiment.embedded_data.is_some(),
        notes: Some((experiment.name, experiment.notes, experiment.notes_ko)),
        spec: experiment.data,
        _lock: lock,
    })
}
