//! The inspectors' text: a neuron's equation with its real numbers (z, a, δ) and an edge's
//! weight, gradient and update, read from the engine's own forward and backward passes.

use std::fmt::Write as _;

use super::numbers::sig3;
use super::strings::Strings;
use crate::nn::{Activation, ForwardTrace, Gradients, Network};

/// Most terms of z = Σ w·x + b written out before the rest is summarised.
const MAX_TERMS: usize = 6;

/// `₁₂₃` for 123.
pub fn subscript(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(0x2080 + c.to_digit(10).unwrap_or(0)).unwrap_or(c))
        .collect()
}

/// The name of input `i` of layer `layer` in equations: `x₁` for features, `a₁` for the
/// previous layer's activations (1-based, as on the blackboard).
pub fn input_symbol(layer: usize, i: usize) -> String {
    if layer == 0 {
        format!("x{}", subscript(i + 1))
    } else {
        format!("a{}", subscript(i + 1))
    }
}

/// "hidden layer 1, neuron 3" (1-based).
pub fn neuron_name(network: &Network, layer: usize, neuron: usize, text: &Strings) -> String {
    let layer_name = if layer + 1 >= network.layers.len() {
        text.layer_output.to_owned()
    } else {
        text.layer_hidden(layer + 1)
    };
    text.neuron_of_layer(layer_name, neuron + 1)
}

fn signed_term(out: &mut String, first: bool, value: f32, symbol: &str) {
    let text = sig3(value.abs());
    let sep = if value < 0.0 {
        if first { "\u{2212}" } else { " \u{2212} " }
    } else if first {
        ""
    } else {
        " + "
    };
    let _ = write!(out, "{sep}{text}{symbol}");
}

/// `a = tanh(z)` and friends, for neuron `neuron` of a layer.
fn activation_formula(activation: Activation, neuron: usize) -> String {
    match activation {
        Activation::Identity => "a = z".to_owned(),
        Activation::Sigmoid => "a = σ(z)".to_owned(),
        Activation::Softmax => format!("a = softmax(z){}", subscript(neuron + 1)),
        other => format!("a = {}(z)", other.name()),
    }
}

/// The inspector lines of neuron `neuron` of layer `layer` for the one sample in `trace`
/// (`[1, …]`): its weighted sum written out with the real weights, its activation, and δ
/// when `grads` is given.
pub fn neuron_lines(
    network: &Network,
    trace: &ForwardTrace,
    grads: Option<&Gradients>,
    (layer, neuron): (usize, usize),
    text: &Strings,
) -> Vec<String> {
    let (Some(l), Some(t)) = (network.layers.get(layer), trace.layers.get(layer)) else {
        return Vec::new();
    };
    if neuron >= l.width() {
        return Vec::new();
    }
    let inputs = if layer == 0 {
        &trace.input
    } else {
        &trace.layers[layer - 1].a
    };
    let mut z_line = "z = ".to_owned();
    let mut values = String::new();
    for (i, &w) in l.weights.row(neuron).iter().enumerate().take(MAX_TERMS) {
        signed_term(
            &mut z_line,
            i == 0,
            w,
            &format!("·{}", input_symbol(layer, i)),
        );
        let sep = if i == 0 { "" } else { ", " };
        let _ = write!(
            values,
            "{sep}{} = {}",
            input_symbol(layer, i),
            sig3(inputs[[0, i]])
        );
    }
    if l.fan_in() > MAX_TERMS {
        z_line.push_str(&text.inspector_more(l.fan_in() - MAX_TERMS));
        values.push_str(", …");
    }
    signed_term(&mut z_line, false, l.biases[neuron], "");
    let _ = write!(z_line, " = {}", sig3(t.z[[0, neuron]]));
    let mut lines = vec![
        format!(
            "{} ({})",
            neuron_name(network, layer, neuron, text),
            l.activation
        ),
        z_line,
        text.inspector_with(values),
        format!(
            "{} = {}",
            activation_formula(l.activation, neuron),
            sig3(t.a[[0, neuron]])
        ),
    ];
    if let Some(d) = grads.and_then(|g| g.layers.get(layer)) {
        lines.push(format!("δ = ∂L/∂z = {}", sig3(d.delta[[0, neuron]])));
    }
    lines
}

/// The inspector lines of the edge from input `input` to neuron `neuron` of layer `layer`:
/// w and ∂L/∂w = δ·a for the sample in `trace` (the update is written by `update_rule`).
pub fn edge_lines(
    network: &Network,
    (trace, grads): (&ForwardTrace, &Gradients),
    (layer, neuron, input): (usize, usize, usize),
    text: &Strings,
) -> Vec<String> {
    let (Some(l), Some(g)) = (network.layers.get(layer), grads.layers.get(layer)) else {
        return Vec::new();
    };
    if neuron >= l.width() || input >= l.fan_in() {
        return Vec::new();
    }
    let source = if layer == 0 {
        &trace.input
    } else {
        &trace.layers[layer - 1].a
    };
    let a = source[[0, input]];
    let delta = g.delta[[0, neuron]];
    let grad = g.weights[[neuron, input]];
    vec![
        text.inspector_edge(
            input_symbol(layer, input),
            neuron_name(network, layer, neuron, text),
        ),
        format!("w = {}", sig3(l.weights[[neuron, input]])),
        format!(
            "∂L/∂w = δ·{} = {}·{} = {}",
            input_symbol(layer, input),
            sig3(delta),
            sig3(a),
            sig3(grad)
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subscripts_are_unicode_digits() {
        assert_eq!(subscript(12), "₁₂", "each digit maps to its subscript");
        assert_eq!(input_symbol(0, 0), "x₁", "features are x, 1-based");
        assert_eq!(input_symbol(2, 3), "a₄", "hidden inputs are a, 1-based");
    }
}
