//! An input node's value in the units the student knows: when the preprocessing scales a
//! number, the node shows the raw value from the data (5.1 cm) beside the scaled one that
//! enters z = w·x + b (−0.882), both for the sample in focus.

use ndarray::ArrayView1;

use super::frame_data::FrameData;
use super::numbers::sig3;
use super::strings::Strings;
use crate::data::raw_values::{RawFeature, RawValue, raw_values, unit_of};

/// The raw values behind the network inputs `input` (one sample), when the session knows the
/// preprocessing that made them (not for image pixels, whose labels stay short).
pub fn raw_inputs(frame: &FrameData<'_>, input: ArrayView1<'_, f32>) -> Option<Vec<RawFeature>> {
    let preprocessing = frame.session.preprocessing()?;
    if preprocessing.image_shape.is_some() {
        return None;
    }
    raw_values(preprocessing, input)
}

/// The label of input `i` named `name` with network value `scaled`: `name = 5.1 cm (scaled:
/// −0.882)` when it is a rescaled number, else `name = scaled`.
pub fn input_label(
    text: &Strings,
    name: &str,
    scaled: f32,
    raw: Option<&[RawFeature]>,
    i: usize,
) -> String {
    let number = raw
        .and_then(|raw| raw.iter().find(|f| f.first_input == i && f.transformed))
        .and_then(|f| match f.value {
            RawValue::Number(x) => Some((x, unit_of(&f.column))),
            RawValue::Category(_) => None,
        });
    match number {
        Some((x, unit)) => {
            let raw = match unit {
                Some(unit) => format!("{} {unit}", sig3(x)),
                None => sig3(x),
            };
            text.input_raw_scaled(name, raw, sig3(scaled))
        }
        None => format!("{name} = {}", sig3(scaled)),
    }
}
