//! The saved experiment: one RON file with the architecture, hyperparameters, data source,
//! weights, optimizer state, trainer cursor and history. Loading validates everything before
//! it is used; saving is atomic (temporary file, sync, rename).
//!
//! - `format.rs`: the serde structs of the file and its version;
//! - `io.rs`: reading (with a size limit) and writing files, the shipped examples;
//! - `comparison.rs`: the shipped comparisons (two experiments side by side);
//! - `parse.rs`: the text parsed, version first, within `budget.rs`'s memory budget and
//!   `caps.rs`'s caps on the model's parts;
//! - `limits.rs`: the file size limit and the largest file a network can need;
//! - `atomic.rs`: the atomic write (temporary file, sync, rename; stale temporaries removed);
//! - `validate.rs`: every size, shape and number checked before anything is built;
//! - `restore.rs`: a trainer captured into a file, a file turned back into a trainer;
//! - `snapshots.rs`: the snapshots of `train --history`: written, checked, read back;
//! - `error.rs`: [`ExperimentError`].

mod atomic;
mod budget;
mod caps;
mod comparison;
mod error;
mod format;
mod io;
mod limits;
mod parse;
mod restore;
mod snapshots;
mod validate;

pub use atomic::{temporary_path, write_atomically};
pub use comparison::{COMPARISON_PREFIX, COMPARISONS, Comparison};
pub use error::ExperimentError;
pub use format::{
    EmbeddedData, Experiment, FORMAT_VERSION, MAX_SNAPSHOTS, SNAPSHOTS_FORMAT_VERSION, SavedLayer,
    SavedMoments, SavedOptimizer, SavedParameters, SavedSnapshot,
};
pub use io::{EXAMPLE_PREFIX, EXAMPLES};
pub use limits::{FileLimits, MAX_FILE_BYTES, model_file_bytes};
pub use restore::Restored;
pub use validate::MAX_COUNTER;
