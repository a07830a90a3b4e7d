//! The saved experiment: one RON file with the architecture, hyperparameters, data source,
//! weights, optimizer state, trainer cursor and history. Loading validates everything before
//! it is used; saving is atomic (temporary file, sync, rename).
//!
//! - `format.rs`: the serde structs of the file and its version;
//! - `io.rs`: reading (with a size limit), the shipped examples, the atomic write;
//! - `validate.rs`: every size, shape and number checked before anything is built;
//! - `restore.rs`: a trainer captured into a file, a file turned back into a trainer;
//! - `error.rs`: [`ExperimentError`].

mod error;
mod format;
mod io;
mod restore;
mod validate;

pub use error::ExperimentError;
pub use format::{
    EmbeddedData, Experiment, FORMAT_VERSION, SavedLayer, SavedMoments, SavedOptimizer,
};
pub use io::{EXAMPLE_PREFIX, EXAMPLES, MAX_FILE_BYTES, write_atomically};
pub use restore::Restored;
