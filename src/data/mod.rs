//! Datasets: the in-memory table the trainer consumes, where it comes from (built-in generators,
//! bundled CSVs, the user's own CSV) and how it is split and preprocessed.

pub mod builtin;
pub mod bundled;
mod cells;
mod column_stats;
pub mod csv_read;
mod csv_scan;
mod csv_stream;
mod error;
pub mod import;
mod in_place;
mod moments;
mod options;
mod pictures;
pub mod preprocess;
pub mod raw_values;
pub mod schema;
mod source;
mod source_paths;
mod split;
pub mod user_file;

pub use bundled::Bundled;
pub use csv_read::{Cell, Cells, RawTable};
pub use csv_scan::ReadProgress;
pub use error::{DatasetError, excerpt, name_list};
pub use import::{ImportReport, apply_preprocessing, import_table};
pub use preprocess::Preprocessing;
pub use schema::{
    ColumnKind, ImportOptions, MissingPolicy, Role, Scale, Schema, Task, infer_schema,
};
pub use source::{DataSource, DataSpec, LoadedData};
pub use split::{MAX_TEST_FRACTION, split_indices, split_train_test};

// The samples the engine trains on are the engine's type; this layer makes them.
pub use crate::nn::{Dataset, Target};
