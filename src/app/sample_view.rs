//! The sample in focus, for data that is not 2-D: its feature row (or its picture, for data
//! whose features are an image's pixels), its true class and the predicted probabilities.

use egui::{Grid, RichText, Sense, vec2};
use ndarray::ArrayView1;

use super::command::{Command, CommandQueue};
use super::frame_data::FrameData;
use super::{colormap, numbers};

/// Most feature rows listed before "…".
const MAX_ROWS: usize = 24;

/// Draws `values`, the pixels of a `(rows, columns)` image in row-major order, as a grey
/// picture `size` points wide, dark = high.
pub fn image_ui(
    ui: &mut egui::Ui,
    values: ArrayView1<'_, f32>,
    (rows, columns): (usize, usize),
    size: f32,
) -> egui::Response {
    let pixel = size / rows.max(columns).max(1) as f32;
    let (rect, response) = ui.allocate_exact_size(
        vec2(pixel * columns as f32, pixel * rows as f32),
        Sense::hover(),
    );
    let (low, high) = values
        .iter()
        .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    let span = if high > low { high - low } else { 1.0 };
    let painter = ui.painter_at(rect);
    for (i, &v) in values.iter().take(rows * columns).enumerate() {
        let shade = 255 - (((v - low) / span).clamp(0.0, 1.0) * 255.0) as u8;
        let min = rect.min + vec2((i % columns) as f32 * pixel, (i / columns) as f32 * pixel);
        painter.rect_filled(
            egui::Rect::from_min_size(min, vec2(pixel, pixel)),
            0.0,
            egui::Color32::from_gray(shade),
        );
    }
    response
}

/// Draws the training sample in focus; ◀ and ▶ step the focus to another sample.
pub fn ui(ui: &mut egui::Ui, frame: &FrameData<'_>, commands: &mut CommandQueue) {
    let (train, evaluation, text) = (
        frame.trainer.train_data(),
        &frame.evaluations.train,
        frame.text,
    );
    if train.is_empty() {
        return;
    }
    let focus = frame.focus;
    ui.horizontal(|ui| {
        let heading = ui
            .label(RichText::new(text.sample_in_focus(focus, train.source_rows[focus])).strong())
            .on_hover_text(text.hover_sample);
        super::concepts::spotlight(ui, text.hover_sample, heading.rect);
        super::concepts::hint_ui(ui, super::concepts::Concept::Sample, text, commands);
        if ui
            .small_button("◀")
            .on_hover_text(text.previous_sample)
            .clicked()
        {
            commands.push(Command::Focus(
                focus.checked_sub(1).unwrap_or(train.len() - 1),
            ));
        }
        if ui
            .small_button("▶")
            .on_hover_text(text.next_sample)
            .clicked()
        {
            commands.push(Command::Focus((focus + 1) % train.len()));
        }
    });
    ui.horizontal_top(|ui| {
        if let Some(shape) = train.image_shape {
            image_ui(ui, train.sample(focus), shape, 96.0);
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
                            .map_or_else(|| text.output_n(j + 1), Clone::clone);
                        ui.colored_label(colormap::class_color(j), name);
                        ui.monospace(numbers::sig3(p));
                        ui.end_row();
                    }
                });
            }
        });
    });
}
