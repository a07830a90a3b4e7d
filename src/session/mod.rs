//! A running experiment without a UI: the setup that builds a trainer, opening and saving
//! experiment files and datasets, the training thread, the evaluation jobs, the 2-D
//! plane/decision-grid extraction, the rule that calls a run diverged, the snapshots to rewind
//! to and the animation of them. The app, the command
//! line, the benchmarks and the server are its clients; nothing here names egui or words
//! advice for a particular client.

mod animation;
mod divergence;
mod files;
mod lock;
mod numbers;
mod observer;
mod plane;
pub mod pytorch;
mod run;
mod setup;
mod snapshots;
pub mod tables;
mod worker;

use std::path::PathBuf;

use thiserror::Error;

use crate::data::DatasetError;
use crate::experiment::ExperimentError;
use crate::nn::{ConfigError, TrainError};

pub use animation::{FRAME_SIZE, MAX_FRAMES, boundary_frames, export_boundary_gif, write_gif};
pub use divergence::{BlowUp, DivergenceGuard, LOSS_GROWTH_LIMIT, MAX_PARAMETER};
pub use files::{
    Opened, experiment_of, open_path, open_path_with, open_shipped_example, restore, save,
};
pub use lock::{TrainingLock, check_not_in_training};
pub use numbers::shortest_f32;
pub use observer::EpochObserver;
pub use plane::{CLASS_COLORS, DecisionGrid, PlaneBounds, decision_grid, plane_trace};
pub use run::{Evaluations, FRAME_BUDGET, MAX_FRAME_BUDGET, MAX_SPEED, Rewound, Session, Stop};
pub use setup::{Choices, Setup};
pub use snapshots::{DEFAULT_SNAPSHOT_BUDGET, KEEP_RECENT, SnapshotStore};

/// Why a session could not be set up, opened or saved.
#[derive(Debug, Error)]
pub enum SessionError {
    /// The data could not be read or imported.
    #[error(transparent)]
    Data(#[from] DatasetError),
    /// The network or training configuration is not valid.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The trainer could not be built on this data.
    #[error(transparent)]
    Train(#[from] TrainError),
    /// The experiment file could not be read, validated or written.
    #[error(transparent)]
    Experiment(#[from] ExperimentError),
    /// The experiment file names data that is not available (moved, changed, missing).
    #[error("{0}")]
    DataUnavailable(String),
    /// A training run holds the experiment file (see [`TrainingLock`]).
    #[error("{}: another training run is using this experiment", path.display())]
    InTraining {
        /// The experiment file.
        path: PathBuf,
    },
    /// The file could not be opened.
    #[error("{}: {message}", path.display())]
    File {
        /// The file.
        path: PathBuf,
        /// Why not.
        message: String,
    },
    /// An animation of training could not be made.
    #[error("cannot animate: {message}")]
    Animation {
        /// Why not.
        message: String,
    },
    /// No snapshot of that epoch is kept (thinned, or never reached).
    #[error("no snapshot of epoch {epoch} is kept")]
    NoSnapshot {
        /// The epoch asked for.
        epoch: usize,
    },
    /// A file that is neither an experiment (.ron) nor a dataset (.csv).
    #[error("{}: not an experiment (.ron) or a dataset (.csv)", path.display())]
    UnsupportedFile {
        /// The file.
        path: PathBuf,
    },
    /// A table (CSV) could not be written.
    #[error("the table could not be written: {message}")]
    Table {
        /// Why not.
        message: String,
    },
}
