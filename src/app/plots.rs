//! Loss and accuracy per epoch, train and test, drawn live with `egui_plot`; a log-scale toggle
//! for the loss.

use egui_plot::{Legend, Line, Plot, PlotPoints};

use crate::nn::EpochRecord;

use super::strings::{Strings, fill};
use super::{colormap, numbers};

/// The plots panel. Remembers the log-scale choice and how many points it last drew.
#[derive(Debug, Default)]
pub struct PlotsPanel {
    /// Show the loss on a log10 axis.
    log_scale: bool,
    drawn_loss_points: usize,
}

impl PlotsPanel {
    /// Train-loss points drawn in the last frame (one per completed epoch).
    pub fn loss_point_count(&self) -> usize {
        self.drawn_loss_points
    }

    /// Draws both plots for `history`, each `height` points tall.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        history: &[EpochRecord],
        height: f32,
        text: &'static Strings,
    ) {
        self.loss_plot_ui(ui, history, height, text);
        Self::accuracy_plot_ui(ui, history, height, text);
    }

    /// The train and test loss per epoch, on a linear or log scale.
    fn loss_plot_ui(
        &mut self,
        ui: &mut egui::Ui,
        history: &[EpochRecord],
        height: f32,
        text: &'static Strings,
    ) {
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(text.loss_plot).strong())
                .on_hover_text(text.hover_loss_plot);
            ui.checkbox(&mut self.log_scale, text.log_scale)
                .on_hover_text(text.hover_log_scale);
        });
        let log = self.log_scale;
        let transform = move |v: f32| {
            if log {
                f64::from(v.max(1e-12)).log10()
            } else {
                f64::from(v)
            }
        };
        let train: Vec<[f64; 2]> = history
            .iter()
            .map(|r| [r.epoch as f64, transform(r.train_loss)])
            .collect();
        let test: Vec<[f64; 2]> = history
            .iter()
            .filter_map(|r| r.test_loss.map(|l| [r.epoch as f64, transform(l)]))
            .collect();
        self.drawn_loss_points = train.len();
        let unlog = move |y: f64| if log { 10f64.powf(y) } else { y };
        Plot::new("loss_plot")
            .height(height)
            .y_axis_min_width(40.0)
            // Steps of 5^k (…, 0.04, 0.2, 1, …) leave room for labels on a short plot.
            .y_grid_spacer(egui_plot::log_grid_spacer(5))
            .legend(Legend::default())
            .x_axis_label(text.epoch_axis)
            .allow_scroll(false)
            .include_y(if log { -1.0 } else { 0.0 })
            .y_axis_formatter(move |mark, _| numbers::sig3(unlog(mark.value) as f32))
            .label_formatter(move |pos| match pos {
                egui_plot::HoverPosition::NearDataPoint {
                    plot_name,
                    position,
                    ..
                } => Some(fill(
                    text.plot_point,
                    &[
                        &plot_name,
                        &position.x.round(),
                        &numbers::sig3(unlog(position.y) as f32),
                    ],
                )),
                egui_plot::HoverPosition::Elsewhere { .. } => None,
            })
            .show(ui, |plot| {
                plot.line(
                    Line::new(text.train_loss, PlotPoints::from(train))
                        .color(colormap::class_color(0))
                        .width(2.0),
                );
                if !test.is_empty() {
                    plot.line(
                        Line::new(text.test_loss, PlotPoints::from(test))
                            .color(colormap::class_color(1))
                            .width(2.0),
                    );
                }
            });
        if history.is_empty() {
            ui.label(egui::RichText::new(text.no_epochs_yet).small().weak());
        }
    }

    /// The train and test accuracy per epoch, in percent.
    fn accuracy_plot_ui(
        ui: &mut egui::Ui,
        history: &[EpochRecord],
        height: f32,
        text: &'static Strings,
    ) {
        ui.label(egui::RichText::new(text.accuracy_plot).strong())
            .on_hover_text(text.hover_accuracy_plot);
        let train: Vec<[f64; 2]> = history
            .iter()
            .filter_map(|r| {
                r.train_accuracy
                    .map(|a| [r.epoch as f64, f64::from(a) * 100.0])
            })
            .collect();
        let test: Vec<[f64; 2]> = history
            .iter()
            .filter_map(|r| {
                r.test_accuracy
                    .map(|a| [r.epoch as f64, f64::from(a) * 100.0])
            })
            .collect();
        Plot::new("accuracy_plot")
            .height(height)
            .y_axis_min_width(40.0)
            .legend(Legend::default())
            .x_axis_label(text.epoch_axis)
            .allow_scroll(false)
            .include_y(0.0)
            .include_y(100.0)
            .y_axis_formatter(|mark, _| format!("{:.0}%", mark.value))
            .label_formatter(move |pos| match pos {
                egui_plot::HoverPosition::NearDataPoint {
                    plot_name,
                    position,
                    ..
                } => Some(fill(
                    text.plot_point,
                    &[
                        &plot_name,
                        &position.x.round(),
                        &format!("{}%", numbers::sig3(position.y as f32)),
                    ],
                )),
                egui_plot::HoverPosition::Elsewhere { .. } => None,
            })
            .show(ui, |plot| {
                plot.line(
                    Line::new(text.train_accuracy, PlotPoints::from(train))
                        .color(colormap::class_color(0))
                        .width(2.0),
                );
                if !test.is_empty() {
                    plot.line(
                        Line::new(text.test_accuracy, PlotPoints::from(test))
                            .color(colormap::class_color(1))
                            .width(2.0),
                    );
                }
            });
    }
}
