//! Validation of a loaded experiment: every size, shape and number is checked before
//! anything is allocated or trained from the file.

use super::{Experiment, ExperimentError, SavedOptimizer};
use crate::data::Dataset;
use crate::nn::{ConfigError, OptimizerState};

impl Experiment {
    /// Checks every size, shape and number before anything is built from the file.
    #[expect(
        clippy::too_many_lines,
        reason = "one check per field of the file, in the file's order; hardening adds more"
    )]
    pub fn validate(&self, path: &str) -> Result<(), ExperimentError> {
        let invalid = |field: String, message: String| ExperimentError::Invalid {
            path: path.to_owned(),
            field,
            message,
        };
        if self.format_version == 0 {
            return Err(invalid("format_version".into(), "must be 1 or more".into()));
        }
        self.architecture()
            .validate()
            .map_err(|e| invalid(config_field(&e, "layers"), e.to_string()))?;
        let mut fan_in = self.inputs;
        let all_empty = self
            .layers
            .iter()
            .all(|l| l.weights.is_empty() && l.biases.is_empty());
        for (i, layer) in self.layers.iter().enumerate() {
            let field = |name: &str| format!("layers[{i}].{name}");
            if !all_empty {
                if layer.weights.len() != layer.width {
                    return Err(invalid(
                        field("weights"),
                        format!(
                            "has {} rows, but the layer has {} neurons",
                            layer.weights.len(),
                            layer.width
                        ),
                    ));
                }
                if let Some((j, row)) = layer
                    .weights
                    .iter()
                    .enumerate()
                    .find(|(_, r)| r.len() != fan_in)
                {
                    return Err(invalid(
                        format!("layers[{i}].weights[{j}]"),
                        format!(
                            "has {} values, but the layer has {fan_in} inputs",
                            row.len()
                        ),
                    ));
                }
                if layer.biases.len() != layer.width {
                    return Err(invalid(
                        field("biases"),
                        format!(
                            "has {} values, but the layer has {} neurons",
                            layer.biases.len(),
                            layer.width
                        ),
                    ));
                }
                if layer
                    .weights
                    .iter()
                    .flatten()
                    .chain(&layer.biases)
                    .any(|v| !v.is_finite())
                {
                    return Err(invalid(
                        field("weights"),
                        "contains NaN or infinite values".into(),
                    ));
                }
            }
            fan_in = layer.width;
        }
        let network = self.network_unchecked();
        self.training
            .validate(&network)
            .map_err(|e| invalid(config_field(&e, "training"), e.to_string()))?;
        if !all_empty {
            let fresh = OptimizerState::new(self.training.optimizer, &network);
            let finite = self.optimizer_state.moments.iter().all(|m| {
                m.weights
                    .iter()
                    .chain(&m.biases)
                    .chain(&m.weights_sq)
                    .chain(&m.biases_sq)
                    .all(|v| v.is_finite())
            });
            if !moments_fit(&fresh, &self.optimizer_state) {
                return Err(invalid(
                    "optimizer_state".into(),
                    format!(
                        "does not match a {} optimizer on this network",
                        self.training.optimizer
                    ),
                ));
            }
            if !finite {
                return Err(invalid(
                    "optimizer_state".into(),
                    "contains NaN or infinite values".into(),
                ));
            }
        }
        if let Some(prep) = self.data.source.preprocessing() {
            let width: usize = prep
                .features
                .iter()
                .map(crate::data::preprocess::FeatureEncoding::width)
                .sum();
            if width != self.inputs {
                return Err(invalid(
                    "data.source.preprocessing.features".into(),
                    format!("encode {width} inputs, but the network has {}", self.inputs),
                ));
            }
            if let Some(names) = prep.class_names() {
                let outputs = self.layers.last().map_or(0, |l| l.width);
                if !(outputs == names.len() || (outputs == 1 && names.len() == 2)) {
                    return Err(invalid(
                        "data.source.preprocessing.target".into(),
                        format!(
                            "lists {} classes, but the output layer has {outputs} neurons",
                            names.len()
                        ),
                    ));
                }
            }
        }
        for (i, record) in self.history.iter().enumerate() {
            let values = [
                Some(record.train_loss),
                record.train_accuracy,
                record.test_loss,
                record.test_accuracy,
            ];
            if values.iter().flatten().any(|v| !v.is_finite()) {
                return Err(invalid(
                    format!("history[{i}]"),
                    "contains NaN or infinite values".into(),
                ));
            }
        }
        if let Some(embedded) = &self.embedded_data {
            check_embedded(&embedded.train, self.inputs, "embedded_data.train")
                .map_err(|(f, m)| invalid(f, m))?;
            if let Some(test) = &embedded.test {
                check_embedded(test, self.inputs, "embedded_data.test")
                    .map_err(|(f, m)| invalid(f, m))?;
            }
        }
        Ok(())
    }
}

/// True when every saved moment has the size of the fresh one.
fn moments_fit(fresh: &OptimizerState, saved: &SavedOptimizer) -> bool {
    fresh.moments.len() == saved.moments.len()
        && fresh.moments.iter().zip(&saved.moments).all(|(m, s)| {
            m.weights.len() == s.weights.len()
                && m.biases.len() == s.biases.len()
                && m.weights_sq.len() == s.weights_sq.len()
                && m.biases_sq.len() == s.biases_sq.len()
        })
}

/// The file field a configuration error points at, e.g. `training.learning_rate`.
fn config_field(error: &ConfigError, prefix: &str) -> String {
    match error {
        ConfigError::Invalid { setting, .. } => format!("{prefix}.{}", setting.replace(' ', "_")),
        ConfigError::UnknownName { what, .. } => format!("{prefix}.{what}"),
    }
}

fn check_embedded(data: &Dataset, inputs: usize, field: &str) -> Result<(), (String, String)> {
    if data.num_features() != inputs {
        return Err((
            format!("{field}.features"),
            format!(
                "has {} columns, but the network has {inputs} inputs",
                data.num_features()
            ),
        ));
    }
    if data.source_rows.len() != data.len() {
        return Err((
            format!("{field}.source_rows"),
            "does not have one entry per sample".into(),
        ));
    }
    if data.features.iter().any(|v| !v.is_finite()) {
        return Err((
            format!("{field}.features"),
            "contains NaN or infinite values".into(),
        ));
    }
    match &data.target {
        crate::data::Target::Classes { names, labels } => {
            if labels.len() != data.len() {
                return Err((
                    format!("{field}.target.labels"),
                    "does not have one label per sample".into(),
                ));
            }
            if let Some(bad) = labels.iter().find(|&&l| l >= names.len()) {
                return Err((
                    format!("{field}.target.labels"),
                    format!("label {bad} is not one of the {} classes", names.len()),
                ));
            }
        }
        crate::data::Target::Values { values, .. } => {
            if values.nrows() != data.len() || values.iter().any(|v| !v.is_finite()) {
                return Err((
                    format!("{field}.target.values"),
                    "must be one finite row per sample".into(),
                ));
            }
        }
    }
    Ok(())
}
