//! The sample in focus, for data that is not 2-D: its feature row (or its 8×8 picture for
//! digit images), its true class and the network's predicted probabilities.

use egui::{Grid, RichText, Sense, vec2};
use ndarray::ArrayView1;

use crate::data::Dataset;
use crate::nn::Evaluation;

use super::strings::{Strings, fill};
use super::{colormap, numbers};

/// Feature count of an 8×8 image (the digits dataset).
pub const DIGIT_FEATURES: usize = 64;

/// Most feature rows listed before "…".
const MAX_ROWS: usize = 24;

/// Draws `values` (64 of them) as an 8×8 grey picture `size` points wide, dark = high.
pub fn digit_image(ui: &mut egui::Ui, values: ArrayView1<'_, f32>, size: f32) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(vec2(size, size), Sense::hover());
    let (low, high) = values
        .iter()
        .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    let span = if high > low { high - low } else { 1.0 };
    let pixel = size / 8.0;
    let painter = ui.painter_at(rect);
    for (i, &v) in values.iter().take(DIGIT_FEATURES).enumerate() {
        let shade = 255 - (((v - low) / span).clamp(0.0, 1.0) * 255.0) as u8;
        let min = rect.min + vec2((i % 8) as f32 * pixel, (i / 8) as f32 * pixel);
        painter.rect_filled(
            egui::Rect::from_min_size(min, vec2(pixel, pixel)),
            0.0,
            egui::Color32::from_gray(shade),
        );
    }
    response
}

/// Draws training sample `focus`; returns a new focus when the user steps to another sample.
pub fn ui(
    ui: &mut egui::Ui,
    train: &Dataset,
    evaluation: &Evaluation,
    focus: usize,
    text: &Strings,
) -> Option<usize> {
    let mut new_focus = None;
    if train.is_empty() {
        return None;
    }
    let focus = focus.min(train.len() - 1);
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(fill(
                text.sample_in_focus,
                &[&focus, &train.source_rows[focus]],
            ))
            .strong(),
        )
        .on_hover_text(text.hover_sample);
        if ui
            .small_button("◀")
            .on_hover_text(text.previous_sample)
            .clicked()
        {
            new_focus = Some(focus.checked_sub(1).unwrap_or(train.len() - 1));
        }
        if ui
            .small_button("▶")
            .on_hover_text(text.next_sample)
            .clicked()
        {
            new_focus = Some((focus + 1) % train.len());
        }
    });
    ui.horizontal_top(|ui| {
        if train.num_features() == DIGIT_FEATURES {
            digit_image(ui, train.sample(focus), 96.0);
        } else {
            Grid::new("sample_rows").striped(true).show(ui, |ui| {
                ui.strong(text.feature);
                ui.strong(text.value);
                ui.end_row();
                for (name, &v) in train
                    .feature_names
                    .iter()
                    .zip(train.sample(focus))
                    .take(MAX_ROWS)
                {
                    ui.label(name);
                    ui.monospace(numbers::sig3(v));
                    ui.end_row();
                }
                if train.num_features() > MAX_ROWS {
                    ui.label("…");
                    ui.end_row();
                }
            });
        }
        ui.add_space(12.0);
        ui.vertical(|ui| {
            let names = train.class_names().unwrap_or_default();
            if let Some(&label) = train.labels().and_then(|l| l.get(focus)) {
                ui.horizontal(|ui| {
                    ui.label(format!("{}:", text.true_class));
                    ui.colored_label(
                        colormap::class_color(label),
                        names.get(label).map_or("?", String::as_str),
                    );
                });
            }
            if let Some(&predicted) = evaluation.predicted.get(focus) {
                ui.horizontal(|ui| {
                    ui.label(format!("{}:", text.predicted_class));
                    ui.colored_label(
                        colormap::class_color(predicted),
                        names.get(predicted).map_or("?", String::as_str),
                    );
                });
            }
            if focus < evaluation.outputs.nrows() {
                Grid::new("sample_probabilities").show(ui, |ui| {
                    for (j, &p) in evaluation.outputs.row(focus).iter().enumerate() {
                        let name = names
                            .get(j)
                            .map_or_else(|| format!("output {j}"), Clone::clone);
                        ui.colored_label(colormap::class_color(j), name);
                        ui.monospace(numbers::sig3(p));
                        ui.end_row();
                    }
                });
            }
        });
    });
    new_focus
}
