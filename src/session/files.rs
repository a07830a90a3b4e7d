//! Opening and saving experiments (.ron) and datasets (.csv) by path — the one code path
//! behind the command line, drag and drop and the app's dialogs.

use std::path::Path;

use crate::data::{DataSource, DataSpec, LoadedData, Preprocessing, ReadProgress};
use crate::experiment::{EXAMPLE_PREFIX, Experiment};
use crate::nn::{Snapshot, Trainer};

use super::{SessionError, Setup};

/// An experiment opened from a file, a dataset or a shipped example.
#[derive(Debug)]
pub struct Opened {
    /// What the user set.
    pub setup: Setup,
    /// A trainer that continues where the file left off.
    pub trainer: Trainer,
    /// The experiment's title (empty for a dataset or an untitled file).
    pub title: String,
    /// The experiment's notes in English (data of the file, shown as they are).
    pub notes: String,
    /// The experiment's notes in Korean, if the file has them.
    pub notes_ko: String,
    /// The preprocessing fitted when the data was loaded, when the setup does not hold it
    /// (a CSV opened as a dataset): what turned its rows into the trainer's numbers.
    pub fitted: Option<Preprocessing>,
    /// The snapshots saved with the file's history (`train --history`), oldest first.
    pub snapshots: Vec<Snapshot>,
}

impl Opened {
    /// The title and the notes in one line, the Korean notes if `korean` and present.
    pub fn summary(&self, korean: bool) -> String {
        let notes = if korean && !self.notes_ko.trim().is_empty() {
            self.notes_ko.trim()
        } else {
            self.notes.trim()
        };
        match (self.title.is_empty(), notes.is_empty()) {
            (false, false) => format!("{} — {notes}", self.title),
            (false, true) => self.title.clone(),
            (true, _) => notes.to_owned(),
        }
    }
}

/// Reads an experiment (.ron) or dataset (.csv).
pub fn open_path(path: &Path) -> Result<Opened, SessionError> {
    open_path_with(path, &ReadProgress::default())
}

/// [`open_path`], reporting how much of a CSV has been read to `progress` and stopping when
/// it is cancelled.
pub fn open_path_with(path: &Path, progress: &ReadProgress) -> Result<Opened, SessionError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "ron" => {
            // A file that a training run is writing would be stale the moment it opens.
            super::check_not_in_training(path)?;
            restore(&Experiment::load(path)?)
        }
        "csv" => open_csv(path, progress),
        _ => Err(SessionError::UnsupportedFile {
            path: path.to_owned(),
        }),
    }
}

/// Rows from which an opened CSV is imported in its own memory (see `DataSpec::load_owned`).
const LARGE_TABLE_ROWS: usize = 10_000;

/// Opens a CSV file as the data of a fresh experiment: the columns' roles and encodings are
/// inferred (target: the last column), everything else follows the task's defaults.
fn open_csv(path: &Path, progress: &ReadProgress) -> Result<Opened, SessionError> {
    // Read once: the path may be a pipe.
    let (source, table) = DataSource::parse_csv(path, progress)?;
    let choices = super::Choices::default();
    let spec = |test_fraction: f32| DataSpec {
        source: source.clone(),
        test_fraction,
        split_seed: choices.seed,
    };
    let build = |test_fraction: f32,
                 loaded: LoadedData|
     -> Result<(Setup, Trainer, Option<Preprocessing>), SessionError> {
        let setup = Setup {
            test_fraction,
            ..Setup::for_task(source.clone(), &loaded, &choices)
        };
        let fitted = loaded.preprocessing.clone();
        let trainer = setup.build_with(loaded)?;
        Ok((setup, trainer, fitted))
    };
    let test_fraction = source.default_test_fraction();
    let (setup, trainer, fitted) = if table.row_count() >= LARGE_TABLE_ROWS {
        // A large table becomes its training matrix in its own memory; it always has room
        // for a test split.
        build(test_fraction, spec(test_fraction).load_owned(table)?)?
    } else {
        let attempt =
            |test_fraction: f32| build(test_fraction, spec(test_fraction).load_with(Some(&table))?);
        // A file too small to hold out a test sample of every class trains on all its rows.
        match attempt(test_fraction) {
            Ok(built) => built,
            Err(first) => attempt(0.0).map_err(|_| first)?,
        }
    };
    Ok(Opened {
        setup,
        trainer,
        title: String::new(),
        notes: String::new(),
        notes_ko: String::new(),
        fitted,
        snapshots: Vec::new(),
    })
}

/// Opens the experiment shipped with the app under `name` (see `crate::experiment::EXAMPLES`).
pub fn open_shipped_example(name: &str) -> Result<Opened, SessionError> {
    restore(&Experiment::open(&format!("{EXAMPLE_PREFIX}{name}"))?)
}

/// A trainer that continues `experiment` where it left off, with its setup and notes.
pub fn restore(experiment: &Experiment) -> Result<Opened, SessionError> {
    let restored = experiment.restore()?;
    let Some(trainer) = restored.trainer else {
        return Err(SessionError::DataUnavailable(
            restored
                .data_problem
                .unwrap_or_else(|| "the experiment's data is not available".to_owned()),
        ));
    };
    Ok(Opened {
        setup: Setup::from_experiment(experiment),
        trainer,
        title: experiment.name.clone(),
        notes: experiment.notes.clone(),
        notes_ko: experiment.notes_ko.clone(),
        fitted: None,
        snapshots: experiment.restored_snapshots(),
    })
}

/// Writes the experiment to `path` atomically (see [`experiment_of`]).
pub fn save(path: &Path, setup: &Setup, trainer: &Trainer) -> Result<(), SessionError> {
    experiment_of(setup, trainer)?.save(path)?;
    Ok(())
}

/// The experiment a setup and its trainer make, as it would be saved. A bundled or CSV source
/// carries the preprocessing fitted on its training split (refitted here exactly as the
/// trainer's data was, if the setup does not hold it yet), so the saved model preprocesses new
/// data the same.
pub fn experiment_of(setup: &Setup, trainer: &Trainer) -> Result<Experiment, SessionError> {
    let mut spec = setup.data_spec();
    if spec.source.preprocessing().is_none() && !matches!(spec.source, DataSource::Generator { .. })
    {
        let fitted = spec.load()?.preprocessing;
        spec.source.set_preprocessing(fitted);
    }
    Ok(Experiment::from_trainer(trainer, spec, false))
}
