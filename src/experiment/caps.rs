//! Caps on the parts of an experiment file that hold the model, applied while it is parsed:
//! no more layers, rows or values than any valid network has. A file with one endless row or a
//! million layers is refused after the first value too many, not after it has been read into
//! memory (the validation that follows checks the exact shapes).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, SeqAccess, Visitor};

use crate::nn::{MAX_INPUTS, MAX_LAYERS, MAX_NEURONS, MAX_PARAMETERS};

/// A list of at most `max` values of `T`, each `what` in the refusal.
struct Capped<T> {
    max: usize,
    what: &'static str,
    item: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Capped<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of at most {} {}", self.max, self.what)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            if items.len() == self.max {
                return Err(de::Error::custom(format!(
                    "more than {} {}",
                    self.max, self.what
                )));
            }
            items.push(item);
        }
        Ok(items)
    }
}

fn capped<'de, D, T>(deserializer: D, max: usize, what: &'static str) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_seq(Capped {
        max,
        what,
        item: PhantomData,
    })
}

/// One row of weights: at most [`MAX_INPUTS`] values.
struct Row(Vec<f32>);

impl<'de> Deserialize<'de> for Row {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        capped(
            deserializer,
            MAX_INPUTS,
            "weights in a row (a neuron has at most that many inputs)",
        )
        .map(Row)
    }
}

/// The layers of a network: at most [`MAX_LAYERS`].
pub fn layers<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    capped(deserializer, MAX_LAYERS, "layers")
}

/// The snapshots of a file: at most [`MAX_SNAPSHOTS`](super::format::MAX_SNAPSHOTS).
pub fn snapshots<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    capped(deserializer, super::format::MAX_SNAPSHOTS, "snapshots")
}

/// A layer's weights: at most [`MAX_NEURONS`] rows of at most [`MAX_INPUTS`] values.
pub fn weight_rows<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Vec<f32>>, D::Error> {
    let rows: Vec<Row> = capped(
        deserializer,
        MAX_NEURONS,
        "rows of weights (a layer has at most that many neurons)",
    )?;
    Ok(rows.into_iter().map(|Row(row)| row).collect())
}

/// A layer's biases: at most [`MAX_NEURONS`].
pub fn biases<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<f32>, D::Error> {
    capped(
        deserializer,
        MAX_NEURONS,
        "biases (a layer has at most that many neurons)",
    )
}

/// One layer's optimizer moments for its weights: at most [`MAX_PARAMETERS`] values.
pub fn moment_values<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<f32>, D::Error> {
    capped(
        deserializer,
        MAX_PARAMETERS,
        "moments (a network has at most that many weights)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Layer {
        #[serde(deserialize_with = "weight_rows")]
        weights: Vec<Vec<f32>>,
    }

    #[test]
    fn a_row_longer_than_any_layer_is_refused_at_the_first_value_too_many() {
        let row = format!("(weights: [[{}]])", "0,".repeat(MAX_INPUTS + 1));
        let error = ron::from_str::<Layer>(&row).unwrap_err().to_string();
        assert!(error.contains("more than 100000 weights"), "{error}");
        let rows = format!("(weights: [{}])", "[],".repeat(MAX_NEURONS + 1));
        let error = ron::from_str::<Layer>(&rows).unwrap_err().to_string();
        assert!(error.contains("more than 4096 rows"), "{error}");
        let fine = ron::from_str::<Layer>("(weights: [[1.0, 2.0], [3.0, 4.0]])").unwrap();
        assert_eq!(
            fine.weights,
            vec![vec![1.0, 2.0], vec![3.0, 4.0]],
            "within the caps nothing changes"
        );
    }
}
