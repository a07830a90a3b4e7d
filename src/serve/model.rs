//! One served model: the network with its weights, how request rows become its inputs (the
//! saved preprocessing, or named raw inputs for generated 2-D data), what its outputs mean
//! (classes or values), and its card. Built once at start and shared immutably; a new
//! [`Model`] replaces it whole (see `ServerHandle::swap_model`).

use ndarray::Array2;

use super::card;
use super::error::ApiError;
use super::predict::{self, Prediction};
use crate::data::preprocess::TargetEncoding;
use crate::data::{DataSource, Preprocessing};
use crate::experiment::Experiment;
use crate::nn::{Activation, EpochRecord, Network};

/// How request rows become network inputs.
#[derive(Debug, Clone, PartialEq)]
pub enum Inputs {
    /// Raw feature values, as in the CSV, through the preprocessing fitted on the training split.
    Preprocessed(Preprocessing),
    /// The network inputs themselves, one per name (generated 2-D data: `x1`, `x2`).
    Raw(Vec<String>),
}

/// What the network's outputs mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outputs {
    /// Classification: class `i` is `names[i]`. One sigmoid output means two classes.
    Classes(Vec<String>),
    /// Regression: one value per name.
    Values(Vec<String>),
}

/// Facts about the model shown on its card.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelInfo {
    /// The experiment's title.
    pub title: String,
    /// The experiment file as written (`training` block: loss, optimizer, rates).
    pub training: crate::nn::TrainConfig,
    /// Epochs trained.
    pub epochs: usize,
    /// The last epoch's metrics, if any.
    pub last_epoch: Option<EpochRecord>,
    /// Fingerprint of the file the model came from (or of its text when served from memory).
    pub file_hash: String,
}

/// A model ready to answer requests.
#[derive(Debug, Clone)]
pub struct Model {
    name: String,
    network: Network,
    inputs: Inputs,
    outputs: Outputs,
    info: ModelInfo,
    /// The card as JSON text, built once.
    card: String,
}

impl Model {
    /// Builds a model from a loaded (validated) experiment. A bundled or CSV source saved
    /// without its fitted preprocessing gets it refitted from its training split, exactly as
    /// the trainer's data was; this may read the CSV once, here and never per request.
    pub fn from_experiment(
        name: &str,
        experiment: &Experiment,
        file_hash: String,
    ) -> Result<Self, String> {
        let network = experiment.network();
        let source = &experiment.data.source;
        let mut loaded = None;
        let preprocessing = match source.preprocessing() {
            Some(p) => Some(p.clone()),
            None if matches!(source, DataSource::Generator { .. }) => None,
            None => {
                let data = experiment.data.load().map_err(|e| e.to_string())?;
                let fitted = data.preprocessing.clone();
                loaded = Some(data);
                fitted
            }
        };
        let (inputs, outputs) = if let Some(p) = preprocessing {
            let outputs = match &p.target {
                TargetEncoding::Classes { names, .. } => Outputs::Classes(names.clone()),
                TargetEncoding::Values { column } => Outputs::Values(vec![column.clone()]),
            };
            (Inputs::Preprocessed(p), outputs)
        } else {
            // Generated data: the features are the network inputs.
            let data = match (loaded, &experiment.embedded_data) {
                (_, Some(embedded)) => Some(embedded.train.clone()),
                (Some(d), None) => Some(d.train),
                (None, None) => experiment.data.load().ok().map(|d| d.train),
            };
            let names = data
                .as_ref()
                .map(|d| d.feature_names.clone())
                .filter(|n| n.len() == network.inputs())
                .unwrap_or_else(|| numbered("x", network.inputs()));
            let outputs = match data.as_ref().and_then(|d| d.class_names()) {
                Some(classes) => Outputs::Classes(classes.to_vec()),
                None => default_outputs(&network),
            };
            (Inputs::Raw(names), outputs)
        };
        let info = ModelInfo {
            title: experiment.name.clone(),
            training: experiment.training,
            epochs: experiment.cursor.epoch,
            last_epoch: experiment.history.last().copied(),
            file_hash,
        };
        Self::new(name, network, inputs, outputs, info)
    }

    /// A model from its parts, checked to fit together.
    pub fn new(
        name: &str,
        network: Network,
        inputs: Inputs,
        outputs: Outputs,
        info: ModelInfo,
    ) -> Result<Self, String> {
        let width = match &inputs {
            Inputs::Preprocessed(p) => p.input_names().len(),
            Inputs::Raw(names) => names.len(),
        };
        if width != network.inputs() {
            return Err(format!(
                "the inputs give {width} values but the network has {} inputs",
                network.inputs()
            ));
        }
        let expected = match &outputs {
            Outputs::Classes(names) if names.len() == 2 && network.outputs() == 1 => 1,
            Outputs::Classes(names) | Outputs::Values(names) => names.len(),
        };
        if expected != network.outputs() {
            return Err(format!(
                "the network has {} outputs for {expected} classes or values",
                network.outputs()
            ));
        }
        let mut model = Self {
            name: name.to_owned(),
            network,
            inputs,
            outputs,
            info,
            card: String::new(),
        };
        model.card = card::card_json(&model).to_string();
        Ok(model)
    }

    /// The same model with other weights (a later epoch of the same training): the shapes
    /// must be the same.
    pub fn with_network(
        &self,
        network: Network,
        last_epoch: Option<EpochRecord>,
    ) -> Result<Self, String> {
        if network.architecture() != self.network.architecture() {
            return Err("the new network has another shape than the served one".to_owned());
        }
        let info = ModelInfo {
            epochs: last_epoch.map_or(self.info.epochs, |r| r.epoch),
            last_epoch: last_epoch.or(self.info.last_epoch),
            ..self.info.clone()
        };
        Self::new(
            &self.name,
            network,
            self.inputs.clone(),
            self.outputs.clone(),
            info,
        )
    }

    /// The name it is served under.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The network.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// How rows become inputs.
    pub fn inputs(&self) -> &Inputs {
        &self.inputs
    }

    /// What the outputs mean.
    pub fn outputs(&self) -> &Outputs {
        &self.outputs
    }

    /// Facts shown on the card.
    pub fn info(&self) -> &ModelInfo {
        &self.info
    }

    /// The card (`GET /ai/v1/{model}`) as JSON text.
    pub fn card(&self) -> &str {
        &self.card
    }

    /// "classification" or "regression".
    pub fn task(&self) -> &'static str {
        match self.outputs {
            Outputs::Classes(_) => "classification",
            Outputs::Values(_) => "regression",
        }
    }

    /// Answers a predict request body with the predictions as JSON text: all its rows go
    /// through the network as one batch, by the same forward pass `eval` uses.
    pub fn predict_json(&self, body: &[u8]) -> Result<String, ApiError> {
        let features = predict::parse_body(self, body)?;
        Ok(self.predict_rows_json(&features))
    }

    /// The predictions for a batch of network inputs, as the JSON text of a predict answer.
    /// # Shapes
    /// `features`: `[rows, inputs]`
    pub fn predict_rows_json(&self, features: &Array2<f32>) -> String {
        let out = self.network.forward_output(features.view());
        let mut classes = Vec::new();
        if matches!(self.outputs, Outputs::Classes(_)) {
            out.classes(&mut classes);
        }
        let answer = Answer {
            predictions: predict::predictions(&self.outputs, out.a.view(), &classes),
        };
        serde_json::to_string(&answer).unwrap_or_else(|_| r#"{"predictions":[]}"#.to_owned())
    }
}

/// The body of a predict answer.
#[derive(serde::Serialize)]
struct Answer<'a> {
    predictions: Vec<Prediction<'a>>,
}

/// `prefix1`, `prefix2`, … `prefixN`.
fn numbered(prefix: &str, n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("{prefix}{i}")).collect()
}

/// Outputs of a model whose data is not available: classes `0`, `1`, … unless the output is
/// the identity (values `y1`, …).
fn default_outputs(network: &Network) -> Outputs {
    match network.output_activation() {
        Activation::Identity => Outputs::Values(numbered("y", network.outputs())),
        _ => Outputs::Classes(
            (0..network.outputs().max(2))
                .map(|i| i.to_string())
                .collect(),
        ),
    }
}
