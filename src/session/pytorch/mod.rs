//! The way out to PyTorch: an experiment exported as a folder with `model.py` (a readable
//! `torch.nn.Module`, the fitted preprocessing, `load()`, `predict(model, rows)` and a training
//! loop with the same loss and optimizer), `weights.safetensors` (the parameters under
//! PyTorch's names), a README for the student, and the raw training and test rows as CSV.
//! UI-free: the command line and the app call [`export`] or [`export_session`].

mod facts;
mod render;
mod weights;

use std::fmt;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::experiment::{Experiment, write_atomically};
use crate::nn::{Network, Trainer};

use super::{Setup, experiment_of};

pub use facts::GENERATED_TARGET;
pub use weights::{NamedTensor, bias_name, from_safetensors, named_tensors, weight_name};

/// The generated script.
pub const MODEL_FILE: &str = "model.py";
/// The parameters.
pub const WEIGHTS_FILE: &str = "weights.safetensors";
/// The student's instructions.
pub const README_FILE: &str = "README.md";
/// The raw rows of the training split.
pub const TRAIN_FILE: &str = "train.csv";
/// The raw rows of the test split.
pub const TEST_FILE: &str = "test.csv";

/// Why an export failed.
#[derive(Debug, Error)]
pub enum PytorchError {
    /// A file or the folder could not be written.
    #[error("{}: {message}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        message: String,
    },
    /// The experiment's data (needed for the preprocessing) could not be produced.
    #[error("the experiment's data: {message}")]
    Data {
        /// What went wrong.
        message: String,
    },
    /// The network does not fit its data (inputs or outputs), so no script could match it.
    #[error("the network does not fit its data: {message}")]
    Mismatch {
        /// Which sizes disagree.
        message: String,
    },
    /// The safetensors file could not be built or read.
    #[error("weights: {message}")]
    Weights {
        /// The safetensors library's message.
        message: String,
    },
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportSummary {
    /// The folder.
    pub out_dir: PathBuf,
    /// The files written, in the folder.
    pub files: Vec<PathBuf>,
    /// Parameter tensors in the safetensors file.
    pub tensors: usize,
    /// Parameters (weights and biases) in all.
    pub parameters: usize,
    /// Rows written to train.csv.
    pub train_rows: usize,
    /// Rows written to test.csv.
    pub test_rows: usize,
    /// Why no data rows were written (the data could not be read), if so.
    pub data_problem: Option<String>,
}

impl fmt::Display for ExportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<String> = self
            .files
            .iter()
            .filter_map(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .collect();
        write!(
            f,
            "{}: wrote {} ({} tensors, {} parameters",
            self.out_dir.display(),
            names.join(", "),
            self.tensors,
            self.parameters
        )?;
        if !self.files.iter().any(|p| p.ends_with(TRAIN_FILE)) {
            write!(f, "; no data rows")?;
        }
        write!(f, ")")?;
        if let Some(problem) = &self.data_problem {
            write!(f, "; the data could not be read ({problem})")?;
        }
        Ok(())
    }
}

/// Exports `experiment` into the folder `out_dir` (created if needed; files of the same names
/// are replaced, each atomically, and a train.csv or test.csv this export has no rows for is
/// removed).
pub fn export(experiment: &Experiment, out_dir: &Path) -> Result<ExportSummary, PytorchError> {
    let network = experiment.network();
    let data = facts::extract(experiment)?;
    check_fit(&network, &data)?;
    let tensors = named_tensors(&network);
    let parameters = tensors.iter().map(|t| t.values.len()).sum();
    let weight_bytes = weights::to_safetensors(&tensors)?;

    let mut data_files = Vec::new();
    let mut outputs: Vec<(&str, Vec<u8>)> = Vec::new();
    for (name, rows, what) in [
        (TRAIN_FILE, &data.train_rows, "the training rows"),
        (
            TEST_FILE,
            &data.test_rows,
            "the test rows, never trained on",
        ),
    ] {
        if !rows.is_empty() {
            outputs.push((name, csv_bytes(&data.header(), rows)?));
            data_files.push(format!(
                "- `{name}`: {what} ({} rows), as they are in the data.",
                rows.len()
            ));
        }
    }
    let readme = render::readme(experiment, &network, &data, &data_files.join("\n"));
    let model = render::model_py(experiment, &network, &data);
    outputs.splice(
        0..0,
        [
            (MODEL_FILE, model.into_bytes()),
            (WEIGHTS_FILE, weight_bytes),
            (README_FILE, readme.into_bytes()),
        ],
    );

    std::fs::create_dir_all(out_dir).map_err(|e| PytorchError::Io {
        path: out_dir.to_owned(),
        message: e.to_string(),
    })?;
    let mut files = Vec::with_capacity(outputs.len());
    for (name, bytes) in outputs {
        let path = out_dir.join(name);
        write_atomically(&path, &bytes).map_err(|e| PytorchError::Io {
            path: path.clone(),
            message: e.to_string(),
        })?;
        files.push(path);
    }
    // A data file of an earlier export that this one has no rows for would mislead.
    for name in [TRAIN_FILE, TEST_FILE] {
        let path = out_dir.join(name);
        if !files.contains(&path) && path.is_file() {
            std::fs::remove_file(&path).map_err(|e| PytorchError::Io {
                path: path.clone(),
                message: e.to_string(),
            })?;
        }
    }
    Ok(ExportSummary {
        out_dir: out_dir.to_owned(),
        files,
        tensors: tensors.len(),
        parameters,
        train_rows: data.train_rows.len(),
        test_rows: data.test_rows.len(),
        data_problem: data.data_problem,
    })
}

/// Exports what a running session holds: the experiment it would save (see
/// [`experiment_of`]), for the app's File ▸ Export ▸ PyTorch….
pub fn export_session(
    setup: &Setup,
    trainer: &Trainer,
    out_dir: &Path,
) -> Result<ExportSummary, PytorchError> {
    let experiment = experiment_of(setup, trainer).map_err(|e| PytorchError::Data {
        message: e.to_string(),
    })?;
    export(&experiment, out_dir)
}

/// Refuses a network whose inputs or outputs the data cannot explain.
fn check_fit(network: &Network, data: &facts::ExportData) -> Result<(), PytorchError> {
    let inputs = data.input_width();
    if network.inputs() != inputs {
        return Err(PytorchError::Mismatch {
            message: format!(
                "the columns give {inputs} inputs but the network reads {}",
                network.inputs()
            ),
        });
    }
    let outputs = network.outputs();
    let fits = match &data.classes {
        Some(classes) => outputs == classes.len() || (classes.len() == 2 && outputs == 1),
        None => outputs >= 1,
    };
    if fits {
        Ok(())
    } else {
        Err(PytorchError::Mismatch {
            message: format!(
                "{outputs} outputs for {} classes",
                data.classes.as_ref().map_or(0, Vec::len)
            ),
        })
    }
}

/// The rows as a CSV file with `header`.
fn csv_bytes(header: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>, PytorchError> {
    let io = |e: &dyn fmt::Display| PytorchError::Io {
        path: PathBuf::from(TRAIN_FILE),
        message: e.to_string(),
    };
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(header).map_err(|e| io(&e))?;
    for row in rows {
        writer.write_record(row).map_err(|e| io(&e))?;
    }
    writer.into_inner().map_err(|e| io(&e))
}
