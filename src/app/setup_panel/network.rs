//! The Network section: each hidden layer's width and activation, the output activation,
//! adding and removing layers, and how many values the model learns. An edit becomes the same
//! command as an edit in the graph (`SetArchitecture`), built by the same rules
//! (`network_edit`).

use egui::{DragValue, Grid, RichText};

use super::super::command::{CommandQueue, SetupCommand};
use super::super::concepts::Concept;
use super::super::frame_data::FrameData;
use super::super::network_edit::{
    HIDDEN_ACTIVATIONS, MAX_EDIT_WIDTH, with_activation, with_added_layer, with_width,
    without_layer,
};
use super::{choice, concept_row, row};
use crate::nn::{Activation, Architecture, LayerSpec, Optimizer};

/// Output activations on offer.
const OUTPUT_ACTIVATIONS: [Activation; 4] = [
    Activation::Softmax,
    Activation::Sigmoid,
    Activation::Identity,
    Activation::Step,
];

/// One change the user made in the section.
enum Edit {
    Width(usize, usize),
    Activation(usize, Activation),
    Remove(usize),
}

/// Draws the section; an edit asks the app for the new architecture.
pub fn ui(ui: &mut egui::Ui, frame: &FrameData<'_>, commands: &mut CommandQueue) {
    let (setup, text) = (&frame.session.setup, frame.text);
    let network = frame.trainer.network();
    let mut edit = None;
    let perceptron = setup.config.optimizer == Optimizer::Perceptron;
    Grid::new("network_grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            for (i, layer) in setup.hidden.iter().enumerate() {
                ui.label(RichText::new(text.hidden_layer(i + 1)).strong());
                if ui.small_button(text.remove_layer).clicked() {
                    edit = Some(Edit::Remove(i));
                }
                ui.end_row();
                let mut width = layer.width;
                if row(ui, text.neurons, text.hover_neurons, |ui| {
                    ui.add(DragValue::new(&mut width).range(1..=MAX_EDIT_WIDTH))
                }) && width != layer.width
                {
                    edit = Some(Edit::Width(i, width));
                }
                let label = (text.activation, text.hover_activation);
                concept_row(
                    ui,
                    label,
                    (Concept::ActivationFunction, text),
                    commands,
                    |ui| {
                        let (response, picked) = choice(
                            ui,
                            ("hidden_activation", i),
                            layer.activation,
                            &HIDDEN_ACTIVATIONS,
                            |a| text.activation_name(a),
                        );
                        if let Some(activation) = picked {
                            edit = Some(Edit::Activation(i, activation));
                        }
                        response
                    },
                );
            }
            let heading = text.output_layer(network.outputs());
            ui.label(RichText::new(heading).strong());
            ui.end_row();
            let label = (text.output_activation, text.hover_output_activation);
            concept_row(ui, label, (Concept::Softmax, text), commands, |ui| {
                let (response, picked) = choice(
                    ui,
                    "output_activation",
                    setup.output_activation,
                    &OUTPUT_ACTIVATIONS,
                    |a| text.activation_name(a),
                );
                if let Some(activation) = picked {
                    edit = Some(Edit::Activation(setup.hidden.len(), activation));
                }
                response
            });
        });
    // The setup's layers, with the output's width as the network has it (a build recomputes it).
    let architecture = || {
        let mut layers = setup.hidden.clone();
        layers.push(LayerSpec {
            width: network.outputs(),
            activation: setup.output_activation,
        });
        Architecture {
            inputs: network.inputs(),
            layers,
        }
    };
    if !perceptron
        && let Some(grown) = with_added_layer(&architecture())
        && ui
            .button(text.add_layer)
            .on_hover_text(text.hover_add_layer)
            .clicked()
    {
        commands.push(SetupCommand::SetArchitecture(grown));
    }
    let edited = edit.and_then(|edit| match edit {
        Edit::Width(layer, width) => with_width(&architecture(), layer, width),
        Edit::Activation(layer, activation) => with_activation(&architecture(), layer, activation),
        Edit::Remove(layer) => without_layer(&architecture(), layer),
    });
    if let Some(edited) = edited {
        commands.push(SetupCommand::SetArchitecture(edited));
    }
    learned_ui(ui, frame, commands);
}

fn learned_ui(ui: &mut egui::Ui, frame: &FrameData<'_>, commands: &mut CommandQueue) {
    let text = frame.text;
    let learned = egui::Frame::group(ui.style())
        .fill(ui.visuals().faint_bg_color)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(
                        text.learned_parameters(frame.trainer.network().parameter_count()),
                    )
                    .italics(),
                )
                .on_hover_text(text.hover_learned);
                super::super::concepts::hint_ui(ui, Concept::WeightsAndBiases, text, commands);
            });
        });
    super::super::concepts::spotlight(ui, text.hover_learned, learned.response.rect);
}
