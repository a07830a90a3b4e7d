//! The Data section: one list of every dataset, the generator's settings or the table's
//! columns, the test fraction, and a one-line summary of the data in use.

use egui::{ComboBox, DragValue, Grid, RichText, Slider};

use super::super::command::{CommandQueue, SetupCommand};
use super::super::frame_data::FrameData;
use super::super::strings::Strings;
use super::columns::ColumnsView;
use super::row;
use crate::data::builtin::{DEFAULT_SAMPLES, Generator};
use crate::data::{Bundled, DataSource, Dataset};

/// Rows of the XOR truth table, what the XOR generator gives without a sample count.
const XOR_TRUTH_TABLE_ROWS: usize = 4;

/// Draws the section; a change rebuilds the experiment on the new data.
pub fn ui(
    ui: &mut egui::Ui,
    columns: &mut ColumnsView,
    frame: &FrameData<'_>,
    commands: &mut CommandQueue,
) {
    let (setup, text) = (&frame.session.setup, frame.text);
    let mut data = None;
    let mut test_fraction = setup.test_fraction;
    Grid::new("data_grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            row(ui, text.dataset, text.hover_dataset, |ui| {
                let (response, picked) = dataset_picker(ui, &setup.data, text);
                data = picked;
                response
            });
            if let DataSource::Generator {
                kind,
                samples,
                noise,
                seed,
            } = &setup.data
            {
                // No count is the generator's default size: XOR's four-row truth table, or
                // DEFAULT_SAMPLES points (see `Generator::generate`).
                let default_count = if *kind == Generator::Xor {
                    XOR_TRUTH_TABLE_ROWS
                } else {
                    DEFAULT_SAMPLES
                };
                let (mut count, mut noise, mut seed) =
                    (samples.unwrap_or(default_count), *noise, *seed);
                let mut changed = row(ui, text.samples, text.hover_samples, |ui| {
                    ui.add(DragValue::new(&mut count).range(4..=5000).speed(2.0))
                });
                changed |= row(ui, text.noise, text.hover_noise, |ui| {
                    ui.add(Slider::new(&mut noise, 0.0..=1.0).fixed_decimals(2))
                });
                row(ui, text.test_fraction, text.hover_test_fraction, |ui| {
                    ui.add(Slider::new(&mut test_fraction, 0.0..=0.5).fixed_decimals(2))
                });
                changed |= row(ui, text.data_seed, text.hover_data_seed, |ui| {
                    ui.add(DragValue::new(&mut seed))
                });
                if changed && data.is_none() {
                    data = Some(DataSource::Generator {
                        kind: *kind,
                        // An untouched default stays the default (the truth table stays one).
                        samples: (samples.is_some() || count != default_count).then_some(count),
                        noise,
                        seed,
                    });
                }
            } else {
                row(ui, text.test_fraction, text.hover_test_fraction, |ui| {
                    ui.add(Slider::new(&mut test_fraction, 0.0..=0.5).fixed_decimals(2))
                });
            }
        });
    // A new dataset starts with its own columns: edit the options of an unchanged source only.
    if data.is_none() {
        data = columns.ui(ui, &setup.data, text, commands);
    }
    if data.is_some() || test_fraction.to_bits() != setup.test_fraction.to_bits() {
        let mut next = setup.clone();
        if let Some(data) = data {
            next.data = data;
        }
        next.test_fraction = test_fraction;
        commands.push(SetupCommand::Rebuild {
            setup: Box::new(next),
            section: text.data,
        });
    }
    let train = frame.trainer.train_data();
    ui.label(
        RichText::new(text.data_summary(
            train.len(),
            frame.trainer.test_data().map_or(0, Dataset::len),
            train.num_features(),
            train.class_names().map_or(0, <[String]>::len),
        ))
        .small(),
    );
}

/// One list of every dataset: the 2-D generators, then the bundled real tables. Returns the
/// newly picked source, if the user picked another one.
fn dataset_picker(
    ui: &mut egui::Ui,
    data: &DataSource,
    text: &Strings,
) -> (egui::Response, Option<DataSource>) {
    let current = match data {
        DataSource::Generator { kind, .. } => text.generator_name(*kind).to_owned(),
        DataSource::Bundled { name, .. } => text.bundled_name(*name).to_owned(),
        DataSource::Csv { path, .. } => path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
    };
    let mut picked: Option<DataSource> = None;
    let mut response = ComboBox::from_id_salt("dataset")
        .selected_text(current.as_str())
        .show_ui(ui, |ui| {
            for g in Generator::ALL {
                let name = text.generator_name(g);
                if ui.selectable_label(current == name, name).clicked() {
                    picked = Some(DataSource::Generator {
                        kind: g,
                        samples: Some(DEFAULT_SAMPLES),
                        noise: 0.1,
                        seed: 1,
                    });
                }
            }
            ui.separator();
            for b in Bundled::ALL {
                let name = text.bundled_name(b);
                if ui.selectable_label(current == name, name).clicked() {
                    picked = Some(DataSource::Bundled {
                        name: b,
                        options: b.default_options(),
                        preprocessing: None,
                    });
                }
            }
        })
        .response;
    // Picking the generator already in use keeps its settings.
    let picked = picked.filter(|new| {
        let same_generator = matches!(
            (new, data),
            (DataSource::Generator { kind: a, .. }, DataSource::Generator { kind: b, .. }) if a == b
        );
        !same_generator && new.to_string() != data.to_string()
    });
    if picked.is_some() {
        response.mark_changed();
    }
    (response, picked)
}
