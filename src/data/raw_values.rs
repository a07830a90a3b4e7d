//! The way back from network inputs to the data's own values: a sample's scaled numbers and
//! one-hot columns read as the raw cells they came from (5.1 cm, not −0.882), through the
//! preprocessing fitted on the training split. For showing a sample in the units the student
//! knows and for writing a row an API accepts; the engine only ever sees the scaled values.

use ndarray::ArrayView1;

use super::preprocess::{Encoding, FeatureEncoding, Preprocessing};

/// One feature column's raw value.
#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    /// A number in the column's own units.
    Number(f32),
    /// A category (none when every one-hot input is 0: a category unseen in training).
    Category(Option<String>),
}

/// One feature column of a sample: its name, its raw value, and where its inputs start.
#[derive(Debug, Clone, PartialEq)]
pub struct RawFeature {
    /// The column name in the file.
    pub column: String,
    /// The value as in the file.
    pub value: RawValue,
    /// Index of the column's first network input.
    pub first_input: usize,
    /// True when the network input differs from the raw value (scaled or one-hot).
    pub transformed: bool,
}

/// The raw feature values behind the network inputs `input` (one sample, `[inputs]`): the
/// inverse of [`Preprocessing::encode`], x = scaled · divisor + offset, written with the
/// fewest significant digits that encode back to the same input (1.4, not 1.3999999).
/// `None` when `input` does not have the preprocessing's width.
pub fn raw_values(p: &Preprocessing, input: ArrayView1<'_, f32>) -> Option<Vec<RawFeature>> {
    let width: usize = p.features.iter().map(FeatureEncoding::width).sum();
    if input.len() != width {
        return None;
    }
    let mut at = 0;
    let mut out = Vec::with_capacity(p.features.len());
    for feature in &p.features {
        let (value, transformed) = match &feature.encoding {
            Encoding::Numeric { .. } => {
                let (offset, divisor) = feature.encoding.rescaling().unwrap_or((0.0, 1.0));
                let raw = shortest_preimage(input[at], offset, divisor);
                let scaled = offset.abs() > 0.0 || (divisor - 1.0).abs() > 0.0;
                (RawValue::Number(raw), scaled)
            }
            Encoding::Categorical { categories, .. } => {
                let hot = (0..categories.len()).find(|&k| input[at + k] > 0.5);
                (RawValue::Category(hot.map(|k| categories[k].clone())), true)
            }
        };
        out.push(RawFeature {
            column: feature.column.clone(),
            value,
            first_input: at,
            transformed,
        });
        at += feature.width();
    }
    Some(out)
}

/// The number with the fewest significant digits (up to 9) that [`Preprocessing::encode`]
/// turns into `scaled` exactly, as f32; the plain inverse when none does.
fn shortest_preimage(scaled: f32, offset: f64, divisor: f64) -> f32 {
    let raw = f64::from(scaled) * divisor + offset;
    if raw == 0.0 || !raw.is_finite() {
        return raw as f32;
    }
    let magnitude = raw.abs().log10().floor() as i32;
    for digits in 1..=9 {
        let scale = 10f64.powi(digits - 1 - magnitude);
        let candidate = (raw * scale).round() / scale;
        if (((candidate - offset) / divisor) as f32).to_bits() == scaled.to_bits() {
            return candidate as f32;
        }
    }
    raw as f32
}

/// The unit a column's name ends in (`sepal_length_cm` → `cm`), from a short list of common
/// suffixes; `None` when the name names none.
pub fn unit_of(column: &str) -> Option<&str> {
    const UNITS: [&str; 14] = [
        "cm", "mm", "m", "km", "kg", "g", "s", "ms", "min", "h", "px", "pct", "usd", "krw",
    ];
    let (_, suffix) = column.rsplit_once(['_', ' '])?;
    UNITS
        .iter()
        .find(|u| u.eq_ignore_ascii_case(suffix))
        .map(|_| suffix)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::MissingPolicy;
    use crate::data::preprocess::TargetEncoding;
    use crate::data::schema::Scale;

    fn iris_like() -> Preprocessing {
        Preprocessing {
            features: vec![
                FeatureEncoding {
                    column: "sepal_length_cm".into(),
                    missing: MissingPolicy::Impute,
                    encoding: Encoding::Numeric {
                        scale: Scale::Standard,
                        mean: 5.8,
                        std: 0.8,
                        min: 4.3,
                        max: 7.9,
                    },
                },
                FeatureEncoding {
                    column: "colour".into(),
                    missing: MissingPolicy::Impute,
                    encoding: Encoding::Categorical {
                        categories: vec!["blue".into(), "red".into()],
                        most_frequent: "red".into(),
                    },
                },
            ],
            target: TargetEncoding::Classes {
                column: "species".into(),
                names: vec!["a".into(), "b".into()],
            },
            image_shape: None,
        }
    }

    #[test]
    fn raw_values_invert_the_encoding() {
        let p = iris_like();
        let encoded = p.encode(&["5.1", "blue"]).unwrap();
        let raw = raw_values(&p, ArrayView1::from(encoded.as_slice())).unwrap();
        assert_eq!(
            raw[0].value,
            RawValue::Number(5.1),
            "the standardized length reads back as the centimetres in the file"
        );
        assert!(raw[0].transformed, "a standardized number is transformed");
        assert_eq!(
            raw[1].value,
            RawValue::Category(Some("blue".into())),
            "the one-hot inputs read back as the category"
        );
        assert_eq!(
            raw[1].first_input, 1,
            "the category's inputs follow the number"
        );
        assert!(
            raw_values(&p, ArrayView1::from(&[0.0_f32][..])).is_none(),
            "a row of the wrong width has no raw values"
        );
    }

    #[test]
    fn units_come_from_the_name() {
        assert_eq!(unit_of("sepal_length_cm"), Some("cm"), "a known suffix");
        assert_eq!(unit_of("petal width"), None, "no unit named");
        assert_eq!(unit_of("x1"), None, "no separator");
    }
}
