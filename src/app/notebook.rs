//! The "wrong-answer notebook": the samples of a clicked confusion-matrix cell, in a window of
//! its own (so it never widens the output column), with rows of a comfortable height, picture
//! thumbnails of 64 points, one probability column per class headed by the class name, and
//! a click on any row bringing that sample into focus (a training sample in every panel; a
//! test sample large in the notebook and ringed on the decision boundary).

use egui::{Grid, RichText};

use crate::data::Dataset;
use crate::nn::Evaluation;

use super::command::{Command, CommandQueue};
use super::sample_view;
use super::strings::Strings;
use super::{colormap, numbers};

/// Rows of one notebook page: the notebook lists at most this many at a time.
const NOTEBOOK_PAGE_ROWS: usize = 25;
/// Side of a picture thumbnail (points).
const THUMBNAIL: f32 = 64.0;
/// Side of the picture of the sample in focus (points).
const FOCUS_PICTURE: f32 = 128.0;

/// The set the notebook lists and its latest evaluation.
#[derive(Debug, Clone, Copy)]
pub struct Notebook<'a> {
    /// The training or test set.
    pub data: &'a Dataset,
    /// Its latest evaluation.
    pub evaluation: &'a Evaluation,
    /// Class names.
    pub names: &'a [String],
    /// True for the test set.
    pub is_test: bool,
}

impl Notebook<'_> {
    /// The notebook window of cell `selected` (closing it clears the cell); `shown` is the
    /// row clicked last, `page` the page of rows listed.
    pub fn window_ui(
        &self,
        ctx: &egui::Context,
        selected: &mut Option<(usize, usize)>,
        (shown, page): (&mut Option<usize>, &mut usize),
        text: &Strings,
        commands: &mut CommandQueue,
    ) {
        let names = self.names;
        let Some((t, p)) = selected.filter(|&(t, p)| t < names.len() && p < names.len()) else {
            return;
        };
        let labels = self.data.labels().unwrap_or_default();
        let members: Vec<usize> = (0..self.data.len())
            .filter(|&i| labels.get(i) == Some(&t) && self.evaluation.predicted.get(i) == Some(&p))
            .collect();
        let title = text.notebook(names[t].as_str(), names[p].as_str(), members.len());
        let mut open = true;
        egui::Window::new(RichText::new(title).strong())
            .id(egui::Id::unique("notebook_window"))
            .open(&mut open)
            .default_size([720.0, 460.0])
            .resizable(true)
            .show(ctx, |ui| {
                if members.is_empty() {
                    ui.label(text.notebook_empty);
                    return;
                }
                if let Some(i) = shown.filter(|&i| i < self.data.len()) {
                    self.focus_card_ui(ui, i, text);
                    ui.separator();
                }
                let pages = members.len().div_ceil(NOTEBOOK_PAGE_ROWS);
                *page = (*page).min(pages - 1);
                if pages > 1 {
                    ui.horizontal(|ui| {
                        if ui
                            .add_enabled(*page > 0, egui::Button::new(text.previous_page))
                            .clicked()
                        {
                            *page -= 1;
                        }
                        ui.label(text.notebook_page(*page + 1, pages, members.len()));
                        if ui
                            .add_enabled(*page + 1 < pages, egui::Button::new(text.next_page))
                            .clicked()
                        {
                            *page += 1;
                        }
                    });
                }
                let rows = &members[*page * NOTEBOOK_PAGE_ROWS..]
                    [..NOTEBOOK_PAGE_ROWS.min(members.len() - *page * NOTEBOOK_PAGE_ROWS)];
                egui::ScrollArea::both()
                    .id_salt("notebook")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        self.rows_ui(ui, (t, p), rows, shown, text, commands);
                    });
            });
        if !open {
            *selected = None;
            *shown = None;
        }
    }

    fn rows_ui(
        &self,
        ui: &mut egui::Ui,
        (t, p): (usize, usize),
        members: &[usize],
        shown: &mut Option<usize>,
        text: &Strings,
        commands: &mut CommandQueue,
    ) {
        let names = self.names;
        let row_height = if self.data.image_shape.is_some() {
            THUMBNAIL
        } else {
            ui.spacing().interact_size.y * 1.4
        };
        Grid::new("notebook_grid")
            .striped(true)
            .spacing([10.0, 6.0])
            .min_row_height(row_height)
            .show(ui, |ui| {
                ui.strong(text.index);
                ui.strong(text.true_class);
                ui.strong(text.predicted_class);
                for (c, name) in names.iter().enumerate() {
                    ui.label(RichText::new(name).strong().color(colormap::class_color(c)))
                        .on_hover_text(text.probability_of(name.as_str()));
                }
                ui.strong(text.features);
                ui.end_row();
                for &i in members {
                    let mut label = RichText::new(format!("{i}")).monospace();
                    if *shown == Some(i) {
                        label = label.strong().underline();
                    }
                    if ui.link(label).clicked() {
                        *shown = Some(i);
                        commands.push(if self.is_test {
                            Command::FocusTest(i)
                        } else {
                            Command::Focus(i)
                        });
                    }
                    ui.colored_label(colormap::class_color(t), &names[t]);
                    ui.colored_label(colormap::class_color(p), &names[p]);
                    for &v in self.evaluation.outputs.row(i) {
                        ui.monospace(numbers::sig3(v));
                    }
                    self.features_ui(ui, i, THUMBNAIL);
                    ui.end_row();
                }
            });
    }

    /// The sample of row `i` large, with its probabilities per class.
    fn focus_card_ui(&self, ui: &mut egui::Ui, i: usize, text: &Strings) {
        let set = if self.is_test {
            text.test_set
        } else {
            text.train_set
        };
        ui.horizontal(|ui| {
            self.features_ui(ui, i, FOCUS_PICTURE);
            ui.vertical(|ui| {
                ui.label(RichText::new(format!("{set} · {} {i}", text.index)).strong());
                for (c, (name, &v)) in self
                    .names
                    .iter()
                    .zip(self.evaluation.outputs.row(i))
                    .enumerate()
                {
                    ui.horizontal(|ui| {
                        ui.colored_label(colormap::class_color(c), name);
                        ui.monospace(numbers::sig3(v));
                    });
                }
            });
        });
    }

    /// Sample `i`'s picture, `size` points wide, or its first feature values.
    fn features_ui(&self, ui: &mut egui::Ui, i: usize, size: f32) {
        if let Some(shape) = self.data.image_shape {
            sample_view::image_ui(ui, self.data.sample(i), shape, size);
        } else {
            let features: Vec<String> = self
                .data
                .sample(i)
                .iter()
                .take(8)
                .map(|&v| numbers::sig3(v))
                .collect();
            let more = if self.data.num_features() > 8 {
                " …"
            } else {
                ""
            };
            ui.monospace(format!("{}{more}", features.join(", ")));
        }
    }
}
