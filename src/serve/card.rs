//! A model's card (`GET /ai/v1/{model}`): its input features with their kinds, categories and
//! fitted preprocessing, its classes, architecture, training metrics and file hash — what a
//! caller needs to write a request without opening the experiment file.

use serde_json::{Value, json};

use super::model::{Inputs, Model, Outputs};
use crate::data::MissingPolicy;
use crate::data::preprocess::Encoding;

/// The card of `model` as a JSON object.
pub fn card_json(model: &Model) -> Value {
    let network = model.network();
    let features: Vec<Value> = match model.inputs() {
        Inputs::Preprocessed(p) => p
            .features
            .iter()
            .map(|f| {
                let missing = match f.missing {
                    MissingPolicy::Drop => "refused",
                    MissingPolicy::Impute => "imputed",
                };
                match &f.encoding {
                    Encoding::Numeric {
                        scale,
                        mean,
                        std,
                        min,
                        max,
                    } => json!({
                        "name": f.column,
                        "kind": "numeric",
                        "missing": missing,
                        "scale": scale_name(*scale),
                        "mean": short(*mean),
                        "std": short(*std),
                        "min": short(*min),
                        "max": short(*max),
                    }),
                    Encoding::Categorical {
                        categories,
                        most_frequent,
                    } => json!({
                        "name": f.column,
                        "kind": "categorical",
                        "missing": missing,
                        "categories": categories,
                        "most_frequent": most_frequent,
                    }),
                }
            })
            .collect(),
        Inputs::Raw(names) => names
            .iter()
            .map(|n| json!({"name": n, "kind": "numeric", "missing": "refused", "scale": "none"}))
            .collect(),
    };
    let input_names = match model.inputs() {
        Inputs::Preprocessed(p) => p.input_names(),
        Inputs::Raw(names) => names.clone(),
    };
    let target = match model.inputs() {
        Inputs::Preprocessed(p) => Value::from(p.target_column()),
        Inputs::Raw(_) => Value::Null,
    };
    let (classes, values) = match model.outputs() {
        Outputs::Classes(names) => (json!(names), Value::Null),
        Outputs::Values(names) => (Value::Null, json!(names)),
    };
    let layers: Vec<Value> = network
        .layers
        .iter()
        .map(|l| json!({"width": l.width(), "activation": l.activation.name()}))
        .collect();
    let info = model.info();
    let last = info.last_epoch.map_or(Value::Null, |r| {
        json!({
            "epoch": r.epoch,
            "train_loss": short(r.train_loss),
            "train_accuracy": r.train_accuracy.map(short),
            "test_loss": r.test_loss.map(short),
            "test_accuracy": r.test_accuracy.map(short),
        })
    });
    let name = model.name();
    json!({
        "name": name,
        "title": info.title,
        "task": model.task(),
        "features": features,
        "target": target,
        "classes": classes,
        "values": values,
        "inputs": input_names,
        "architecture": {
            "inputs": network.inputs(),
            "layers": layers,
            "parameters": network.parameter_count(),
        },
        "training": {
            "epochs": info.epochs,
            "loss": info.training.loss.name(),
            "optimizer": info.training.optimizer.name(),
            "learning_rate": short(info.training.learning_rate),
            "batch_size": info.training.batch_size,
            "last_epoch": last,
        },
        "file_hash": info.file_hash,
        "predict": format!("/ai/v1/{name}/predict"),
    })
}

fn scale_name(scale: crate::data::Scale) -> &'static str {
    match scale {
        crate::data::Scale::Standard => "standard",
        crate::data::Scale::MinMax => "minmax",
        crate::data::Scale::None => "none",
    }
}

/// An `f32` as the JSON number of its shortest decimal (0.1, not 0.10000000149011612).
fn short(x: f32) -> Value {
    crate::session::shortest_f32(x).map_or(Value::Null, Value::Number)
}
