//! The live confusion matrix (rows = true class, columns = predicted) with per-class
//! precision, recall and F1 beside it, and the "wrong-answer notebook": the samples of a
//! clicked cell.

use egui::{Align2, FontId, Grid, RichText, Role, Sense, Stroke, WidgetInfo, vec2};

use crate::data::Dataset;
use crate::nn::{ClassificationMetrics, Evaluation};

use super::command::{Command, CommandQueue, PanelCommand};
use super::concepts::Concept;
use super::frame_data::FrameData;
use super::sample_view;
use super::strings::Strings;
use super::{colormap, numbers};

/// Most rows the notebook lists.
const NOTEBOOK_ROWS: usize = 200;

/// The confusion-matrix panel's own state.
#[derive(Debug, Default)]
pub struct ConfusionPanel {
    /// Show the test set instead of the training set.
    use_test: bool,
    /// Show each row as fractions of its true class.
    row_normalised: bool,
    /// The clicked cell (true, predicted).
    selected: Option<(usize, usize)>,
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
            PanelCommand::ExperimentReplaced => self.selected = None,
            PanelCommand::SampleStepBegins
            | PanelCommand::SampleStepEnds
            | PanelCommand::ShowPhase(_) => {}
        }
    }

    /// Draws the matrix of the training or test set's latest evaluation; a click on a
    /// notebook row puts that training sample in focus.
    pub fn ui(&mut self, ui: &mut egui::Ui, frame: &FrameData<'_>, commands: &mut CommandQueue) {
        let text = frame.text;
        let trainer = frame.trainer;
        let sets = (trainer.train_data(), trainer.test_data());
        let evaluations = (&frame.evaluations.train, frame.evaluations.test.as_ref());
        ui.horizontal(|ui| {
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
        ui.horizontal_top(|ui| {
            self.matrix_ui(ui, names, metrics, text);
            ui.add_space(8.0);
            ui.vertical(|ui| metrics_ui(ui, names, metrics, text));
        });
        ui.label(RichText::new(text.total(metrics.total())).monospace());
        self.notebook_ui(ui, (data, evaluation), names, text, commands);
    }

    fn matrix_ui(
        &mut self,
        ui: &mut egui::Ui,
        names: &[String],
        metrics: &ClassificationMetrics,
        text: &Strings,
    ) {
        let k = names.len();
        let label_width = 64.0;
        let cell = ((ui.available_width() * 0.55 - label_width) / k as f32).clamp(18.0, 44.0);
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
                }
                response.on_hover_text(format!("{cell_name}: {count}"));
            }
        }
    }

    fn notebook_ui(
        &self,
        ui: &mut egui::Ui,
        (data, evaluation): (&Dataset, &Evaluation),
        names: &[String],
        text: &Strings,
        commands: &mut CommandQueue,
    ) {
        let Some((t, p)) = self
            .selected
            .filter(|&(t, p)| t < names.len() && p < names.len())
        else {
            ui.label(RichText::new(text.notebook_hint).small().weak());
            return;
        };
        let labels = data.labels().unwrap_or_default();
        let members: Vec<usize> = (0..data.len())
            .filter(|&i| labels.get(i) == Some(&t) && evaluation.predicted.get(i) == Some(&p))
            .collect();
        ui.label(
            RichText::new(text.notebook(names[t].as_str(), names[p].as_str(), members.len()))
                .strong(),
        );
        if members.is_empty() {
            ui.label(text.notebook_empty);
            return;
        }
        egui::ScrollArea::vertical()
            .id_salt("notebook")
            .max_height(220.0)
            .show(ui, |ui| {
                Grid::new("notebook_grid")
                    .striped(true)
                    .spacing([10.0, 4.0])
                    .show(ui, |ui| {
                        ui.strong(text.index);
                        ui.strong(text.true_class);
                        ui.strong(text.predicted_class);
                        ui.strong(text.probabilities);
                        ui.strong(text.features);
                        ui.end_row();
                        for &i in members.iter().take(NOTEBOOK_ROWS) {
                            let row_label = format!("{i}");
                            if ui.link(RichText::new(row_label).monospace()).clicked()
                                && !self.use_test
                            {
                                commands.push(Command::Focus(i));
                            }
                            ui.colored_label(colormap::class_color(t), &names[t]);
                            ui.colored_label(colormap::class_color(p), &names[p]);
                            let probabilities: Vec<String> = evaluation
                                .outputs
                                .row(i)
                                .iter()
                                .map(|&v| numbers::sig3(v))
                                .collect();
                            ui.monospace(probabilities.join(" "));
                            if let Some(shape) = data.image_shape {
                                sample_view::image_ui(ui, data.sample(i), shape, 40.0);
                            } else {
                                let features: Vec<String> = data
                                    .sample(i)
                                    .iter()
                                    .take(8)
                                    .map(|&v| numbers::sig3(v))
                                    .collect();
                                let more = if data.num_features() > 8 { " …" } else { "" };
                                ui.monospace(format!("{}{more}", features.join(", ")));
                            }
                            ui.end_row();
                        }
                    });
            });
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
