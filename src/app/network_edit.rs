//! Editing the architecture, the one set of rules behind both editors (the setup panel's
//! Network section and the graph): the limits, the hidden activations on offer, and each edit
//! as a function from one [`Architecture`] to the next. Also the graph's in-place controls
//! (add or remove a neuron, and an activation picker, above each hidden layer). The app applies
//! an edit through one command (resetting the weights, asking first about unsaved changes).

use egui::{Rect, UiBuilder, pos2, vec2};

use super::strings::Strings;
use crate::nn::{Activation, Architecture, LayerSpec, MAX_LAYERS, MAX_NEURONS};

/// Most neurons either editor (the setup panel or the graph) lets a hidden layer have: the
/// graph stays readable up to here. Within the engine's own [`MAX_NEURONS`].
pub const MAX_EDIT_WIDTH: usize = 64;
/// Most hidden layers either editor lets a network have. Within the engine's own
/// [`MAX_LAYERS`] (hidden layers and the output).
pub const MAX_EDIT_HIDDEN: usize = 8;
const _: () = assert!(
    MAX_EDIT_WIDTH <= MAX_NEURONS && MAX_EDIT_HIDDEN < MAX_LAYERS,
    "the editors stay within the engine's limits"
);
/// Activations offered for hidden layers (step cannot learn by backpropagation; softmax is
/// for the output only).
pub const HIDDEN_ACTIVATIONS: [Activation; 5] = [
    Activation::Tanh,
    Activation::Relu,
    Activation::LeakyRelu,
    Activation::Sigmoid,
    Activation::Identity,
];

/// `architecture` with hidden layer `layer` `change` neurons wider (or narrower); `None` when
/// that would leave the editor's limits or `layer` is not a hidden layer.
pub fn resized(architecture: &Architecture, layer: usize, change: isize) -> Option<Architecture> {
    let width = architecture
        .layers
        .get(layer)?
        .width
        .checked_add_signed(change)?;
    with_width(architecture, layer, width)
}

/// `architecture` with hidden layer `layer` `width` neurons wide; `None` when that would
/// leave the editor's limits or `layer` is not a hidden layer.
pub fn with_width(architecture: &Architecture, layer: usize, width: usize) -> Option<Architecture> {
    if layer + 1 >= architecture.layers.len() || !(1..=MAX_EDIT_WIDTH).contains(&width) {
        return None;
    }
    let mut next = architecture.clone();
    next.layers[layer].width = width;
    Some(next)
}

/// `architecture` with `activation` on layer `layer` (hidden or output); `None` when `layer`
/// does not exist.
pub fn with_activation(
    architecture: &Architecture,
    layer: usize,
    activation: Activation,
) -> Option<Architecture> {
    let mut next = architecture.clone();
    next.layers.get_mut(layer)?.activation = activation;
    Some(next)
}

/// `architecture` with a new hidden layer just before the output, shaped like the last
/// hidden layer (or 4 tanh neurons); `None` at the editor's limit.
pub fn with_added_layer(architecture: &Architecture) -> Option<Architecture> {
    let hidden = architecture.layers.len().checked_sub(1)?;
    if hidden >= MAX_EDIT_HIDDEN {
        return None;
    }
    let spec = architecture.layers[..hidden]
        .last()
        .copied()
        .unwrap_or(LayerSpec {
            width: 4,
            activation: Activation::Tanh,
        });
    let mut next = architecture.clone();
    next.layers.insert(hidden, spec);
    Some(next)
}

/// `architecture` without hidden layer `layer`; `None` when it is not a hidden layer.
pub fn without_layer(architecture: &Architecture, layer: usize) -> Option<Architecture> {
    if layer + 1 >= architecture.layers.len() {
        return None;
    }
    let mut next = architecture.clone();
    next.layers.remove(layer);
    Some(next)
}

/// `architecture` without its last hidden layer; `None` when it has none.
pub fn with_removed_layer(architecture: &Architecture) -> Option<Architecture> {
    let hidden = architecture.layers.len().checked_sub(1)?;
    without_layer(architecture, hidden.checked_sub(1)?)
}

/// The + / − buttons and activation picker above hidden layer `layer`, centred on `x` below
/// `top`; returns the edited architecture if the user changed something.
pub fn layer_controls_ui(
    ui: &mut egui::Ui,
    architecture: &Architecture,
    layer: usize,
    [x, top]: [f32; 2],
    text: &Strings,
) -> Option<Architecture> {
    let spec = architecture.layers.get(layer)?;
    let mut edited = None;
    let number = layer + 1;
    let minus = ui
        .put(
            Rect::from_center_size(pos2(x - 13.0, top + 9.0), vec2(22.0, 18.0)),
            egui::Button::new("−").small(),
        )
        .on_hover_text(text.hover_remove_neuron(number));
    if minus.clicked() {
        edited = resized(architecture, layer, -1);
    }
    let plus = ui
        .put(
            Rect::from_center_size(pos2(x + 13.0, top + 9.0), vec2(22.0, 18.0)),
            egui::Button::new("+").small(),
        )
        .on_hover_text(text.hover_add_neuron(number));
    if plus.clicked() {
        edited = resized(architecture, layer, 1);
    }
    let picker = Rect::from_center_size(pos2(x, top + 30.0), vec2(84.0, 20.0));
    ui.scope_builder(UiBuilder::new().max_rect(picker), |ui| {
        egui::ComboBox::from_id_salt(("hidden activation", layer))
            .width(78.0)
            .selected_text(text.activation_name(spec.activation))
            .show_ui(ui, |ui| {
                for activation in HIDDEN_ACTIVATIONS {
                    if ui
                        .selectable_label(
                            spec.activation == activation,
                            text.activation_name(activation),
                        )
                        .clicked()
                        && activation != spec.activation
                    {
                        edited = with_activation(architecture, layer, activation);
                    }
                }
            })
            .response
            .on_hover_text(text.hover_layer_activation(number));
    });
    edited
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arch(widths: &[usize]) -> Architecture {
        Architecture {
            inputs: 2,
            layers: widths
                .iter()
                .map(|&width| LayerSpec {
                    width,
                    activation: Activation::Tanh,
                })
                .collect(),
        }
    }

    #[test]
    fn only_hidden_layers_resize_within_limits() {
        assert_eq!(
            resized(&arch(&[3, 1]), 0, 1).map(|a| a.layers[0].width),
            Some(4),
            "one wider"
        );
        assert_eq!(
            resized(&arch(&[3, 1]), 1, 1),
            None,
            "the output width follows the data"
        );
        assert_eq!(
            resized(&arch(&[1, 1]), 0, -1),
            None,
            "a layer keeps at least one neuron"
        );
    }

    #[test]
    fn layers_are_added_and_removed_before_the_output() {
        let added = with_added_layer(&arch(&[3, 1])).unwrap();
        assert_eq!(
            added.layers.iter().map(|l| l.width).collect::<Vec<_>>(),
            [3, 3, 1],
            "copies the last hidden"
        );
        assert_eq!(
            with_removed_layer(&arch(&[1])),
            None,
            "no hidden layer to remove"
        );
        assert_eq!(
            with_removed_layer(&added).unwrap(),
            arch(&[3, 1]),
            "remove undoes add"
        );
    }
}
