//! A predict request's body turned into network inputs, and network outputs turned into
//! predictions.
//!
//! `{"rows": [{"feature": value, ...}]}` carries raw values as in the CSV: each row goes
//! through [`Preprocessing::encode`], the one function that also encodes `eval`'s CSV rows, so
//! the numbers are the same bit for bit. JSON numbers are taken by their text, parsed exactly
//! as a CSV cell is. Only `null` and `""` are missing values (imputed, or refused for a column
//! whose rows were dropped in training); any other value must be a finite number (numeric
//! columns) or one of the training categories (categorical columns). A key for the target
//! column is ignored, so a CSV row can be sent as it is; any other unknown key is an error.
//! `{"inputs": [[...]]}` carries the network inputs themselves.

use std::borrow::Cow;
use std::collections::HashMap;

use ndarray::{Array2, ArrayView1, ArrayView2, Axis};
use serde::ser::SerializeMap as _;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;

use super::MAX_ROWS_PER_REQUEST;
use super::error::ApiError;
use super::model::{Inputs, Model, Outputs};
use crate::data::preprocess::{Encoding, FeatureEncoding};
use crate::data::schema::parse_number;
use crate::data::{MissingPolicy, Preprocessing};

/// The documented shape of a predict body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Body<'a> {
    #[serde(borrow, default)]
    rows: Option<Vec<HashMap<String, &'a RawValue>>>,
    #[serde(borrow, default)]
    inputs: Option<Vec<Vec<&'a RawValue>>>,
}

/// One JSON value as a CSV cell would be.
enum Cell<'a> {
    /// `null` or `""`.
    Missing,
    /// A string or the text of a number.
    Text(Cow<'a, str>),
}

/// Parses and checks a predict body for `model`: the network inputs, `[rows, inputs]`.
pub fn parse_body(model: &Model, body: &[u8]) -> Result<Array2<f32>, ApiError> {
    let text = std::str::from_utf8(body)
        .map_err(|_| ApiError::bad_request("the body is not UTF-8 text"))?;
    let body: Body<'_> = serde_json::from_str(text).map_err(|e| {
        ApiError::bad_request(format!(
            "the body is not {{\"rows\": [{{...}}]}} or {{\"inputs\": [[...]]}}: {e}"
        ))
    })?;
    let width = model.network().inputs();
    let (count, field) = match (&body.rows, &body.inputs) {
        (Some(rows), None) => (rows.len(), "rows"),
        (None, Some(inputs)) => (inputs.len(), "inputs"),
        (Some(_), Some(_)) => {
            return Err(ApiError::bad_request(
                "give either \"rows\" or \"inputs\", not both",
            ));
        }
        (None, None) => {
            return Err(ApiError::bad_request(
                "the body needs \"rows\" (raw feature values) or \"inputs\" (network inputs)",
            ));
        }
    };
    if count == 0 {
        return Err(ApiError::invalid(field, "no rows to predict"));
    }
    if count > MAX_ROWS_PER_REQUEST {
        return Err(ApiError::invalid(
            field,
            format!("{count} rows is more than {MAX_ROWS_PER_REQUEST} in one request"),
        ));
    }
    let mut features = Array2::zeros((count, width));
    if let Some(inputs) = &body.inputs {
        for (r, values) in inputs.iter().enumerate() {
            if values.len() != width {
                return Err(ApiError::invalid(
                    format!("inputs[{r}]"),
                    format!(
                        "has {} values but the model has {width} inputs",
                        values.len()
                    ),
                ));
            }
            for (k, value) in values.iter().enumerate() {
                features[(r, k)] = raw_number(value, &format!("inputs[{r}][{k}]"))?;
            }
        }
        return Ok(features);
    }
    let rows = body.rows.unwrap_or_default();
    for (r, row) in rows.iter().enumerate() {
        let encoded = match model.inputs() {
            Inputs::Preprocessed(p) => encode_row(p, row, r)?,
            Inputs::Raw(names) => raw_row(names, row, r)?,
        };
        features
            .row_mut(r)
            .assign(&ArrayView1::from(encoded.as_slice()));
    }
    Ok(features)
}

/// One raw row through the saved preprocessing.
fn encode_row(
    p: &Preprocessing,
    row: &HashMap<String, &RawValue>,
    r: usize,
) -> Result<Vec<f32>, ApiError> {
    check_keys(
        row,
        r,
        p.features.iter().map(|f| f.column.as_str()),
        Some(p.target_column()),
    )?;
    let mut cells = Vec::with_capacity(p.features.len());
    for f in &p.features {
        let field = format!("rows[{r}].{}", f.column);
        let Some(value) = row.get(&f.column) else {
            return Err(missing_key(&field, &f.column));
        };
        cells.push(checked_cell(f, value, &field)?);
    }
    let cells: Vec<&str> = cells.iter().map(AsRef::as_ref).collect();
    p.encode(&cells).map_err(|(k, message)| {
        let column = p.features.get(k).map_or("?", |f| f.column.as_str());
        ApiError::invalid(format!("rows[{r}].{column}"), message)
    })
}

/// One row of named raw network inputs.
fn raw_row(
    names: &[String],
    row: &HashMap<String, &RawValue>,
    r: usize,
) -> Result<Vec<f32>, ApiError> {
    check_keys(row, r, names.iter().map(String::as_str), None)?;
    names
        .iter()
        .map(|name| {
            let field = format!("rows[{r}].{name}");
            let value = row.get(name).ok_or_else(|| missing_key(&field, name))?;
            raw_number(value, &field)
        })
        .collect()
}

/// Refuses a key that names no feature (the target's is allowed and ignored).
fn check_keys<'a>(
    row: &HashMap<String, &RawValue>,
    r: usize,
    features: impl Iterator<Item = &'a str> + Clone,
    target: Option<&str>,
) -> Result<(), ApiError> {
    let mut unknown: Vec<&String> = row
        .keys()
        .filter(|k| Some(k.as_str()) != target && !features.clone().any(|f| f == k.as_str()))
        .collect();
    unknown.sort();
    match unknown.first() {
        Some(key) => Err(ApiError::invalid(
            format!("rows[{r}].{key}"),
            format!(
                "unknown feature '{key}'; the features are {}",
                features.collect::<Vec<_>>().join(", ")
            ),
        )),
        None => Ok(()),
    }
}

fn missing_key(field: &str, column: &str) -> ApiError {
    ApiError::invalid(
        field,
        format!("the row has no '{column}'; every feature is needed (null for a missing value)"),
    )
}

/// A JSON value as the cell `Preprocessing::encode` expects, refusing what it would
/// silently accept: a non-finite or non-numeric value in a numeric column, an unseen category,
/// a missing value in a column whose missing rows were dropped in training.
fn checked_cell<'a>(
    f: &FeatureEncoding,
    value: &'a RawValue,
    field: &str,
) -> Result<Cow<'a, str>, ApiError> {
    let text = match cell(value, field)? {
        Cell::Missing if f.missing == MissingPolicy::Drop => {
            return Err(ApiError::invalid(
                field,
                format!(
                    "a missing '{}' cannot be predicted: the model was trained without rows missing it",
                    f.column
                ),
            ));
        }
        Cell::Missing => return Ok(Cow::Borrowed("")),
        Cell::Text(text) => text,
    };
    match &f.encoding {
        Encoding::Numeric { .. } if parse_number(&text).is_none() => Err(ApiError::invalid(
            field,
            format!("'{text}' is not a finite number"),
        )),
        Encoding::Categorical { categories, .. }
            if !categories.iter().any(|c| c == text.trim()) =>
        {
            Err(ApiError::invalid(
                field,
                format!(
                    "unknown category '{text}'; the model knows {}",
                    categories.join(", ")
                ),
            ))
        }
        _ => Ok(text),
    }
}

/// Reads a JSON value as a cell: strings as they are, numbers by their text.
fn cell<'a>(value: &'a RawValue, field: &str) -> Result<Cell<'a>, ApiError> {
    let text = value.get().trim();
    match text.as_bytes().first() {
        Some(b'n') => Ok(Cell::Missing),
        Some(b'"') => {
            let s: Cow<'a, str> = serde_json::from_str(text)
                .map_err(|e| ApiError::invalid(field, format!("not a string: {e}")))?;
            if s.is_empty() {
                Ok(Cell::Missing)
            } else {
                Ok(Cell::Text(s))
            }
        }
        Some(b'-' | b'0'..=b'9') => Ok(Cell::Text(Cow::Borrowed(text))),
        _ => Err(ApiError::invalid(
            field,
            format!("expected a number, a string or null, not {text}"),
        )),
    }
}

/// A finite network input: a JSON number, parsed from its text as `inspect --input` does.
fn raw_number(value: &RawValue, field: &str) -> Result<f32, ApiError> {
    let text = value.get().trim();
    let number = match text.as_bytes().first() {
        Some(b'-' | b'0'..=b'9') => text.parse::<f32>().ok(),
        _ => {
            return Err(ApiError::invalid(
                field,
                format!("expected a number, not {text}"),
            ));
        }
    };
    number
        .filter(|v| v.is_finite())
        .ok_or_else(|| ApiError::invalid(field, format!("{text} is not a finite 32-bit number")))
}

/// One row's prediction, as answered by `predict` and printed by `eval --predictions`.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Prediction<'a> {
    /// A class with the probability of every class.
    Class {
        /// The predicted class's name.
        class: &'a str,
        /// Its index.
        index: usize,
        /// Each class's probability (the output activations), in class order.
        probabilities: Probabilities<'a>,
    },
    /// A regression value (one output).
    Value {
        /// The output.
        value: f32,
    },
    /// Regression values (several outputs).
    Values {
        /// The outputs.
        values: Vec<f32>,
    },
}

/// Class name → probability, written as a JSON object in class order. With one sigmoid
/// output `a`, the two classes have 1 − a and a.
#[derive(Debug)]
pub struct Probabilities<'a> {
    names: &'a [String],
    outputs: ArrayView1<'a, f32>,
}

impl Serialize for Probabilities<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.names.len()))?;
        if self.outputs.len() == 1 && self.names.len() == 2 {
            let a = self.outputs[0];
            map.serialize_entry(&self.names[0], &(1.0 - a))?;
            map.serialize_entry(&self.names[1], &a)?;
        } else {
            for (name, p) in self.names.iter().zip(self.outputs.iter()) {
                map.serialize_entry(name, p)?;
            }
        }
        map.end()
    }
}

/// The predictions for output activations `a` (`[rows, outputs]`) and, for classes, the
/// predicted class of each row (as `LayerTrace::classes` gives it).
pub fn predictions<'a>(
    outputs: &'a Outputs,
    a: ArrayView2<'a, f32>,
    classes: &[usize],
) -> Vec<Prediction<'a>> {
    match outputs {
        Outputs::Classes(names) => (0..a.nrows())
            .map(|i| a.index_axis_move(Axis(0), i))
            .zip(classes)
            .map(|(row, &index)| Prediction::Class {
                class: names.get(index).map_or("?", String::as_str),
                index,
                probabilities: Probabilities {
                    names,
                    outputs: row,
                },
            })
            .collect(),
        Outputs::Values(_) if a.ncols() == 1 => a
            .column(0)
            .iter()
            .map(|&value| Prediction::Value { value })
            .collect(),
        Outputs::Values(_) => a
            .rows()
            .into_iter()
            .map(|row| Prediction::Values {
                values: row.to_vec(),
            })
            .collect(),
    }
}
