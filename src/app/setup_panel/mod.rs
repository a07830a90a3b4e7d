//! The left side: the data, the network's shape and the hyperparameters — everything the
//! user sets, one file per section. Learned values are drawn elsewhere; this panel only says
//! how many there are. Each section reads the session's setup and, only when the user changed
//! something, pushes the command that applies it.

mod columns;
mod data;
mod hyperparameters;
mod network;

use egui::RichText;

use super::command::CommandQueue;
use super::concepts::{self, Concept};
use super::frame_data::FrameData;
use super::strings::Strings;

use columns::ColumnsView;

/// The setup panel's own state: the column table of a bundled or CSV dataset.
#[derive(Debug, Default)]
pub struct SetupPanel {
    columns: ColumnsView,
}

impl SetupPanel {
    /// Draws the Data, Network and Hyperparameters sections.
    pub fn ui(&mut self, ui: &mut egui::Ui, frame: &FrameData<'_>, commands: &mut CommandQueue) {
        let text = frame.text;
        let (supervised, deep) = (Concept::SupervisedLearning, Concept::DeepNetwork);
        section_ui(
            ui,
            text.data,
            text.hover_dataset,
            supervised,
            text,
            commands,
        );
        data::ui(ui, &mut self.columns, frame, commands);

        ui.add_space(8.0);
        section_ui(ui, text.network, text.hover_network, deep, text, commands);
        network::ui(ui, frame, commands);

        ui.add_space(8.0);
        let (title, hover) = (text.hyperparameters, text.hover_hyperparameters);
        section_ui(ui, title, hover, Concept::Hyperparameter, text, commands);
        hyperparameters::ui(ui, frame, commands);
    }
}

/// A section's heading, with the "?" of its concept.
fn section_ui(
    ui: &mut egui::Ui,
    title: &str,
    hover: &str,
    concept: Concept,
    text: &Strings,
    commands: &mut CommandQueue,
) {
    ui.horizontal(|ui| {
        let heading = ui
            .label(RichText::new(title).heading().strong())
            .on_hover_text(hover);
        concepts::spotlight(ui, title, heading.rect);
        concepts::hint_ui(ui, concept, text, commands);
    });
    ui.separator();
}

/// A label in the first grid column and `add` in the second, labelled by it for
/// screen readers and tests. Returns whether the widget changed.
fn row(
    ui: &mut egui::Ui,
    label: &str,
    hover: &str,
    add: impl FnOnce(&mut egui::Ui) -> egui::Response,
) -> bool {
    let label_response = ui.label(label).on_hover_text(hover);
    finish_row(ui, label, hover, &label_response, add)
}

/// A [`row`] whose label has the "?" of its concept beside it.
fn concept_row(
    ui: &mut egui::Ui,
    (label, hover): (&str, &str),
    (concept, text): (Concept, &Strings),
    commands: &mut CommandQueue,
    add: impl FnOnce(&mut egui::Ui) -> egui::Response,
) -> bool {
    let label_response = ui
        .horizontal(|ui| {
            let label_response = ui.label(label).on_hover_text(hover);
            concepts::hint_ui(ui, concept, text, commands);
            label_response
        })
        .inner;
    finish_row(ui, label, hover, &label_response, add)
}

/// The widget of a row, labelled by `label_response`, and the row's end.
fn finish_row(
    ui: &mut egui::Ui,
    label: &str,
    hover: &str,
    label_response: &egui::Response,
    add: impl FnOnce(&mut egui::Ui) -> egui::Response,
) -> bool {
    let response = add(ui).labelled_by(label_response.id).on_hover_text(hover);
    concepts::spotlight(ui, label, label_response.rect.union(response.rect));
    ui.end_row();
    response.changed()
}

/// A combo box of `choices` named by `name`; returns the new choice when the user picked
/// another one (the response is marked changed then).
fn choice<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    current: T,
    choices: &[T],
    name: impl Fn(T) -> &'static str,
) -> (egui::Response, Option<T>) {
    let mut picked = current;
    let mut response = egui::ComboBox::from_id_salt(id)
        .selected_text(name(current))
        .show_ui(ui, |ui| {
            for &option in choices {
                ui.selectable_value(&mut picked, option, name(option));
            }
        })
        .response;
    let changed = picked != current;
    if changed {
        response.mark_changed();
    }
    (response, changed.then_some(picked))
}
