//! The live confusion matrix (rows = true class, columns = predicted) with per-class
//! precision, recall and F1 beside it; a clicked cell opens the "wrong-answer notebook"
//! (`notebook.rs`) in its own window.

use egui::{Align2, FontId, Grid, RichText, Role, Sense, Stroke, WidgetInfo, vec2};

use crate::nn::ClassificationMetrics;

use super::command::{CommandQueue, PanelCommand};
use super::concepts::Concept;
use super::frame_data::FrameData;
use super::notebook::Notebook;
use super::strings::Strings;
use super::{colormap, numbers};

/// Width of the matrix's row labels (points).
const MATRIX_LABEL_WIDTH: f32 = 64.0;
/// Smallest and largest side of a matrix cell (points).
const MIN_CELL: f32 = 18.0;
const MAX_CELL: f32 = 44.0;
/// Room the per-class metrics need beside the matrix (points).
const METRICS_WIDTH: f32 = 230.0;
/// Height of a row of the metrics table (points).
const METRICS_ROW: f32 = 21.0;
/// The title row, the axis names, the total and the hint around the matrix (points).
const MATRIX_CHROME: f32 = 120.0;

/// The confusion-matrix panel's own state.
#[derive(Debug, Default)]
pub struct ConfusionPanel {
    /// Show the test set instead of the training set.
    use_test: bool,
    /// Show each row as fractions of its true class.
    row_normalised: bool,
    /// The clicked cell (true, predicted).
    selected: Option<(usize, usize)>,
    /// The notebook row clicked last (an index into the shown set).
    shown: Option<usize>,
    /// The notebook page shown (0-based), of the selected cell's samples.
    page: usize,
    last_total: u64,
}

impl ConfusionPanel {
    /// The number of samples the matrix counted in the last frame.
    pub fn last_total(&self) -> u64 {
        self.last_total
    }

    /// True while the matrix shows the test set.
    pub fn shows_test(&self) -> bool {
        self.use_test
    }

    /// Takes what the app tells the panel: a new experiment clears the selected cell.
    pub fn apply(&mut self, command: PanelCommand) {
        match command {
            PanelCommand::ExperimentReplaced => {
                self.selected = None;
                self.shown = None;
                self.page = 0;
            }
            PanelCommand::SampleStepBegins
            | PanelCommand::SampleStepEnds
            | PanelCommand::ShowPhase(_) => {}
        }
    }

    /// Draws the matrix of the training or test set's latest evaluation and returns where;
    /// a clicked cell opens the notebook in its own window.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        frame: &FrameData<'_>,
        commands: &mut CommandQueue,
    ) -> egui::Rect {
        ui.scope(|ui| self.content_ui(ui, frame, commands))
            .response
            .rect
    }

    fn content_ui(
        &mut self,
        ui: &mut egui::Ui,
        frame: &FrameData<'_>,
        commands: &mut CommandQueue,
    ) {
        let text = frame.text;
        let trainer = frame.trainer;
        let sets = (trainer.train_data(), trainer.test_data());
        let evaluations = (&frame.evaluations.train, frame.evaluations.test.as_ref());
        ui.horizontal_wrapped(|ui| {
            let heading = ui
                .label(RichText::new(text.confusion_matrix).strong())
                .on_hover_text(text.hover_confusion);
            super::concepts::spotlight(ui, text.confusion_matrix, heading.rect);
            super::concepts::hint_ui(ui, Concept::ConfusionMatrix, text, commands);
            let has_test = sets.1.is_some();
            if !has_test {
                self.use_test = false;
            }
            let before = self.use_test;
            ui.selectable_value(&mut self.use_test, false, text.train_set)
                .on_hover_text(text.hover_train_test);
            ui.add_enabled_ui(has_test, |ui| {
                ui.selectable_value(&mut self.use_test, true, text.test_set)
                    .on_hover_text(text.hover_train_test);
            });
            if before != self.use_test {
                self.selected = None;
                self.shown = None;
                self.page = 0;
            }
            ui.checkbox(&mut self.row_normalised, text.row_normalised)
                .on_hover_text(text.hover_row_normalised);
        });
        let (data, evaluation) = match (self.use_test, sets.1, evaluations.1) {
            (true, Some(data), Some(evaluation)) => (data, evaluation),
            _ => (sets.0, evaluations.0),
        };
        let (Some(names), Some(metrics)) = (data.class_names(), evaluation.classification.as_ref())
        else {
            ui.label(text.regression_only);
            self.last_total = 0;
            return;
        };
        self.last_total = metrics.total();
        // The metrics beside the matrix when both fit the width, else under it.
        let beside = ui.available_width()
            >= MATRIX_LABEL_WIDTH + MIN_CELL * names.len() as f32 + 8.0 + METRICS_WIDTH;
        // Cells small enough that the matrix, the metrics and the notes fit the height.
        let metrics_height = if beside {
            0.0
        } else {
            (names.len() + 2) as f32 * METRICS_ROW
        };
        let max_cell =
            (ui.available_height() - metrics_height - MATRIX_CHROME) / names.len() as f32;
        let fit = (MIN_CELL, max_cell.clamp(MIN_CELL, MAX_CELL));
        if beside {
            ui.horizontal_top(|ui| {
                self.matrix_ui(ui, names, metrics, text, (0.55, fit));
                ui.add_space(8.0);
                ui.vertical(|ui| metrics_ui(ui, names, metrics, text));
            });
        } else {
            self.matrix_ui(ui, names, metrics, text, (1.0, fit));
            metrics_ui(ui, names, metrics, text);
        }
        ui.label(RichText::new(text.total(metrics.total())).monospace());
        if self.selected.is_none() {
            ui.label(RichText::new(text.notebook_hint).small().weak());
        }
        let notebook = Notebook {
            data,
            evaluation,
            names,
            is_test: self.use_test,
        };
        notebook.window_ui(
            ui.ctx(),
            &mut self.selected,
            (&mut self.shown, &mut self.page),
            text,
            commands,
        );
    }

    fn matrix_ui(
        &mut self,
        ui: &mut egui::Ui,
        names: &[String],
        metrics: &ClassificationMetrics,
        text: &Strings,
        (width_share, (min_cell, max_cell)): (f32, (f32, f32)),
    ) {
        let k = names.len();
        let label_width = MATRIX_LABEL_WIDTH;
        let cell = ((ui.available_width() * width_share - label_width) / k as f32)
            .clamp(min_cell, max_cell);
        let header = 18.0;
        let size = vec2(
            label_width + cell * k as f32,
            header * 2.0 + cell * k as f32,
        );
        let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
        let painter = ui.painter_at(rect.expand(2.0));
        let font = FontId::monospace((cell * 0.36).clamp(9.0, 13.0));
        let small = FontId::proportional(11.0);
        let weak = ui.visuals().weak_text_color();
        painter.text(
            rect.left_top(),
            Align2::LEFT_TOP,
            text.true_axis,
            small.clone(),
            weak,
        );
        painter.text(
            rect.left_top() + vec2(label_width, 0.0),
            Align2::LEFT_TOP,
            text.predicted_axis,
            small.clone(),
            weak,
        );
        let origin = rect.left_top() + vec2(label_width, header * 2.0);
        for (j, name) in names.iter().enumerate() {
            let x = origin.x + cell * (j as f32 + 0.5);
            painter.text(
                egui::pos2(x, origin.y - 2.0),
                Align2::CENTER_BOTTOM,
                short(name, cell),
                small.clone(),
                colormap::class_color(j),
            );
        }
        for (t, row) in metrics.confusion.iter().enumerate() {
            let y = origin.y + cell * t as f32;
            painter.text(
                egui::pos2(origin.x - 4.0, y + cell * 0.5),
                Align2::RIGHT_CENTER,
                short(&names[t], label_width),
                small.clone(),
                colormap::class_color(t),
            );
            let row_total: u64 = row.iter().sum();
            let row_max = row.iter().copied().max().unwrap_or(0).max(1);
            for (p, &count) in row.iter().enumerate() {
                let cell_rect = egui::Rect::from_min_size(
                    egui::pos2(origin.x + cell * p as f32, y),
                    vec2(cell, cell),
                );
                let (strength, label) = cell_shade(count, row_total, row_max, self.row_normalised);
                let colour = colormap::sequential(strength);
                painter.rect_filled(cell_rect.shrink(1.0), 2.0, colour);
                if self.selected == Some((t, p)) {
                    painter.rect_stroke(
                        cell_rect.shrink(1.0),
                        2.0,
                        Stroke::new(2.5, ui.visuals().strong_text_color()),
                        egui::StrokeKind::Inside,
                    );
                }
                painter.text(
                    cell_rect.center(),
                    Align2::CENTER_CENTER,
                    label,
                    font.clone(),
                    colormap::text_on(colour),
                );
                let id = ui.scope_id().with(("confusion_cell", t, p));
                let response = ui.interact(cell_rect, id, Sense::click());
                let cell_name = text.confusion_cell(names[t].as_str(), names[p].as_str());
                response.widget_info(|| WidgetInfo::labeled(Role::Button, true, cell_name.clone()));
                if response.clicked() {
                    self.selected = if self.selected == Some((t, p)) {
                        None
                    } else {
                        Some((t, p))
                    };
                    self.shown = None;
                    self.page = 0;
                }
                response.on_hover_text(format!("{cell_name}: {count}"));
            }
        }
    }
}

fn metrics_ui(
    ui: &mut egui::Ui,
    names: &[String],
    metrics: &ClassificationMetrics,
    text: &Strings,
) {
    Grid::new("metrics_grid")
        .striped(true)
        .spacing([8.0, 2.0])
        .show(ui, |ui| {
            ui.strong(text.class);
            ui.strong(text.precision)
                .on_hover_text(text.hover_precision);
            ui.strong(text.recall).on_hover_text(text.hover_recall);
            ui.strong(text.f1).on_hover_text(text.hover_f1);
            ui.end_row();
            for (c, name) in names.iter().enumerate() {
                ui.colored_label(colormap::class_color(c), short(name, 80.0));
                for value in [metrics.precision[c], metrics.recall[c], metrics.f1[c]] {
                    ui.monospace(numbers::percent(value));
                }
                ui.end_row();
            }
        });
    ui.label(
        RichText::new(format!(
            "{}: {}",
            text.accuracy,
            numbers::percent(Some(metrics.accuracy))
        ))
        .monospace()
        .strong(),
    )
    .on_hover_text(text.hover_accuracy);
}

/// A class name cut to fit about `width` points.
fn short(name: &str, width: f32) -> String {
    let max_chars = ((width / 7.0) as usize).max(2);
    if name.chars().count() <= max_chars {
        name.to_owned()
    } else {
        let cut: String = name.chars().take(max_chars.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// A cell's colour strength (0..=1) and its label: the share of its row when `normalised`
/// ("—" for an empty row), else the count against the row's largest count.
fn cell_shade(count: u64, row_total: u64, row_max: u64, normalised: bool) -> (f32, String) {
    if !normalised {
        return (count as f32 / row_max as f32, count.to_string());
    }
    if row_total == 0 {
        return (0.0, "—".to_owned());
    }
    let fraction = count as f32 / row_total as f32;
    (fraction, numbers::sig3(fraction))
}
