//! Validation of a loaded experiment: every size, shape and number is checked before
//! anything is allocated or trained from the file.

use super::{Experiment, ExperimentError, SavedOptimizer};
use crate::data::{Dataset, Target};
use crate::nn::{ConfigError, EpochRecord, OptimizerState};

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
            let finite = moments_finite(&self.optimizer_state);
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
            check_second_moments(&self.optimizer_state).map_err(|(f, m)| invalid(f, m))?;
        }
        check_counters(self).map_err(|(f, m)| invalid(f, m))?;
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
        check_history(&self.history).map_err(|(f, m)| invalid(f, m))?;
        self.check_snapshots().map_err(|(f, m)| invalid(f, m))?;
        if let Some(embedded) = &self.embedded_data {
            let outputs = self.layers.last().map_or(0, |l| l.width);
            check_embedded(&embedded.train, self.inputs, outputs, "embedded_data.train")
                .map_err(|(f, m)| invalid(f, m))?;
            if let Some(test) = &embedded.test {
                check_embedded(test, self.inputs, outputs, "embedded_data.test")
                    .map_err(|(f, m)| invalid(f, m))?;
                check_same_columns(&embedded.train, test).map_err(|(f, m)| invalid(f, m))?;
            }
        }
        Ok(())
    }
}

/// True when every saved moment is a finite number.
pub(super) fn moments_finite(saved: &SavedOptimizer) -> bool {
    saved.moments.iter().all(|m| {
        m.weights
            .iter()
            .chain(&m.biases)
            .chain(&m.weights_sq)
            .chain(&m.biases_sq)
            .all(|v| v.is_finite())
    })
}

/// True when every saved moment has the size of the fresh one.
pub(super) fn moments_fit(fresh: &OptimizerState, saved: &SavedOptimizer) -> bool {
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

/// A field (dotted path) and what is wrong with it.
pub(super) type Problem = (String, String);

/// Largest value of a counter (epochs, batches, optimizer steps): far beyond any real run,
/// far below where adding one could overflow.
pub const MAX_COUNTER: u64 = 1 << 48;

/// Adam's second moments are means of squares: never negative.
pub(super) fn check_second_moments(state: &SavedOptimizer) -> Result<(), Problem> {
    for (i, m) in state.moments.iter().enumerate() {
        for (name, values) in [("weights_sq", &m.weights_sq), ("biases_sq", &m.biases_sq)] {
            if let Some(v) = values.iter().find(|v| **v < 0.0) {
                return Err((
                    format!("optimizer_state.moments[{i}].{name}"),
                    format!("{v} is negative, but a second moment is a mean of squares"),
                ));
            }
        }
    }
    Ok(())
}

/// The optimizer's step and the cursor's counters: in range and in order.
fn check_counters(experiment: &Experiment) -> Result<(), Problem> {
    let cursor = &experiment.cursor;
    let counters = [
        ("optimizer_state.step", experiment.optimizer_state.step),
        ("cursor.epoch", cursor.epoch as u64),
        ("cursor.batch", cursor.batch as u64),
        ("cursor.sample", cursor.sample as u64),
    ];
    for (field, value) in counters {
        if value > MAX_COUNTER {
            return Err((
                field.to_owned(),
                format!("{value} is more than {MAX_COUNTER}"),
            ));
        }
    }
    if cursor.batch_start > cursor.sample {
        return Err((
            "cursor.batch_start".to_owned(),
            format!(
                "{} is after cursor.sample ({}): a batch cannot start after the next sample",
                cursor.batch_start, cursor.sample
            ),
        ));
    }
    Ok(())
}

/// Every record: finite, losses not negative, accuracies from 0 to 1, epochs counted from 1.
fn check_history(history: &[EpochRecord]) -> Result<(), Problem> {
    for (i, record) in history.iter().enumerate() {
        let field = |name: &str| format!("history[{i}].{name}");
        let values = [
            ("train_loss", Some(record.train_loss), false),
            ("train_accuracy", record.train_accuracy, true),
            ("test_loss", record.test_loss, false),
            ("test_accuracy", record.test_accuracy, true),
        ];
        for (name, value, accuracy) in values {
            let Some(v) = value else { continue };
            if !v.is_finite() {
                return Err((field(name), "contains NaN or infinite values".into()));
            }
            if v < 0.0 || (accuracy && v > 1.0) {
                let range = if accuracy {
                    "from 0 to 1"
                } else {
                    "at least 0"
                };
                return Err((field(name), format!("{v} is not {range}")));
            }
        }
        if record.epoch == 0 || record.epoch as u64 > MAX_COUNTER {
            return Err((
                field("epoch"),
                format!("{} is not from 1 to {MAX_COUNTER}", record.epoch),
            ));
        }
    }
    Ok(())
}

/// The test set has the training set's columns and classes (the app shows both alike).
fn check_same_columns(train: &Dataset, test: &Dataset) -> Result<(), Problem> {
    if test.feature_names != train.feature_names {
        return Err((
            "embedded_data.test.feature_names".into(),
            "differ from the training set's".into(),
        ));
    }
    if test.class_names() != train.class_names() {
        return Err((
            "embedded_data.test.target".into(),
            "has other classes than the training set".into(),
        ));
    }
    Ok(())
}

/// One embedded set: its columns fit the network's inputs, its names fit its columns, its
/// target fits the output layer, every number is finite.
fn check_embedded(
    data: &Dataset,
    inputs: usize,
    outputs: usize,
    field: &str,
) -> Result<(), Problem> {
    if data.num_features() != inputs {
        return Err((
            format!("{field}.features"),
            format!(
                "has {} columns, but the network has {inputs} inputs",
                data.num_features()
            ),
        ));
    }
    if data.feature_names.len() != data.num_features() {
        return Err((
            format!("{field}.feature_names"),
            format!(
                "has {} names, but the samples have {} features",
                data.feature_names.len(),
                data.num_features()
            ),
        ));
    }
    if let Some((rows, columns)) = data.image_shape
        && rows.checked_mul(columns) != Some(data.num_features())
    {
        return Err((
            format!("{field}.image_shape"),
            format!(
                "{rows}×{columns} pixels, but the samples have {} features",
                data.num_features()
            ),
        ));
    }
    check_target_width(data, outputs, field)?;
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
        Target::Classes { names, labels } => {
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
        Target::Values { values, .. } => {
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

/// The target has one column per output neuron (two classes may share one sigmoid output).
fn check_target_width(data: &Dataset, outputs: usize, field: &str) -> Result<(), Problem> {
    match &data.target {
        Target::Classes { names, .. } => {
            if !(outputs == names.len() || (outputs == 1 && names.len() == 2)) {
                return Err((
                    format!("{field}.target.names"),
                    format!(
                        "lists {} classes, but the output layer has {outputs} neurons",
                        names.len()
                    ),
                ));
            }
        }
        Target::Values { names, values } => {
            if values.ncols() != outputs || names.len() != values.ncols() {
                return Err((
                    format!("{field}.target.values"),
                    format!(
                        "has {} columns and {} names, but the output layer has {outputs} neurons",
                        values.ncols(),
                        names.len()
                    ),
                ));
            }
        }
    }
    Ok(())
}
