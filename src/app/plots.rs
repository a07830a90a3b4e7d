//! Loss and accuracy per epoch, train and test, drawn live with `egui_plot`; a log-scale toggle
//! for the loss.

use egui::RichText;
use egui_plot::{GridInput, GridMark, Line, Plot, PlotPoints};

use crate::nn::EpochRecord;

use super::strings::Strings;
use super::{colormap, numbers};

/// The plots panel. Remembers the log-scale choice and how many points it last drew.
#[derive(Debug, Default)]
pub struct PlotsPanel {
    /// Show the loss on a log10 axis.
    log_scale: bool,
    drawn_loss_points: usize,
    /// The loss axis's shown range in the last frame (in plot units: log10 when the flag,
    /// the log scale, is set).
    loss_axis: Option<(bool, [f64; 2])>,
}

/// Grid marks on the log loss axis at whole decades only (plot value k is 10^k: 1, 0.1,
/// 0.01, …), so every tick reads as a power of ten.
pub fn decade_marks(input: GridInput) -> Vec<GridMark> {
    let (low, high) = input.bounds;
    if !(low.is_finite() && high.is_finite()) || high - low > 400.0 {
        return Vec::new();
    }
    (low.ceil() as i64..=high.floor() as i64)
        .map(|k| GridMark {
            value: k as f64,
            step_size: 1.0,
        })
        .collect()
}

/// Grid marks on the epoch axis: whole epochs, about five of them, at steps of 1, 2 or 5
/// times a power of ten, so the axis always reads (not only "0").
pub fn epoch_marks(input: GridInput) -> Vec<GridMark> {
    let (low, high) = input.bounds;
    if !(low.is_finite() && high.is_finite()) || high <= low {
        return Vec::new();
    }
    let rough = ((high - low) / 5.0).max(1.0);
    let decade = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * decade)
        .find(|&s| s >= rough)
        .unwrap_or(10.0 * decade);
    let first = (low / step).ceil() as i64;
    let last = (high / step).floor() as i64;
    (first..=last)
        .map(|k| GridMark {
            value: k as f64 * step,
            step_size: step,
        })
        .collect()
}

/// The plot's lines by colour and name, in the title row above the plot so no key covers
/// data.
fn legend_ui(ui: &mut egui::Ui, lines: &[(&str, usize)]) {
    for &(name, class) in lines {
        ui.label(RichText::new("━━").color(colormap::class_color(class)));
        ui.label(RichText::new(name).small());
    }
}

impl PlotsPanel {
    /// Train-loss points drawn in the last frame (one per completed epoch).
    pub fn loss_point_count(&self) -> usize {
        self.drawn_loss_points
    }

    /// The loss axis's shown range (bottom, top) in the last frame, in loss units.
    pub fn loss_axis(&self) -> Option<[f64; 2]> {
        let (log, [low, high]) = self.loss_axis?;
        Some(if log {
            [10f64.powf(low), 10f64.powf(high)]
        } else {
            [low, high]
        })
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
        let mut keys = vec![(text.train_loss, 0)];
        if !test.is_empty() {
            keys.push((text.test_loss, 1));
        }
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(text.loss_plot).strong())
                .on_hover_text(text.hover_loss_plot);
            ui.checkbox(&mut self.log_scale, text.log_scale)
                .on_hover_text(text.hover_log_scale);
            legend_ui(ui, &keys);
        });
        let plot = Plot::new("loss_plot")
            .height(height)
            .y_axis_min_width(40.0)
            .x_axis_label(text.epoch_axis)
            .x_grid_spacer(epoch_marks)
            .x_axis_formatter(|mark, _| format!("{:.0}", mark.value))
            .allow_scroll(false)
            // A loss is never negative: the linear axis starts at 0 (no margin below it) and
            // shows 0 to 1 before any epoch; the log axis always spans 0.1 to 1.
            .set_margin_fraction(egui::vec2(0.05, 0.0))
            .include_y(if log { -1.0 } else { 0.0 })
            .include_y(if !log && history.is_empty() { 1.0 } else { 0.0 });
        let plot = if log {
            plot.y_grid_spacer(decade_marks)
        } else {
            // Steps of 5^k (…, 0.04, 0.2, 1, …) leave room for labels on a short plot.
            plot.y_grid_spacer(egui_plot::log_grid_spacer(5))
        };
        let shown = plot
            .y_axis_formatter(move |mark, _| numbers::sig3(unlog(mark.value) as f32))
            .label_formatter(move |pos| match pos {
                egui_plot::HoverPosition::NearDataPoint {
                    plot_name,
                    position,
                    ..
                } => Some(text.plot_point(
                    *plot_name,
                    position.x.round(),
                    numbers::sig3(unlog(position.y) as f32),
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
        let bounds = shown.transform.bounds();
        self.loss_axis = Some((log, [bounds.min()[1], bounds.max()[1]]));
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
        let mut keys = vec![(text.train_accuracy, 0)];
        if !test.is_empty() {
            keys.push((text.test_accuracy, 1));
        }
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(text.accuracy_plot).strong())
                .on_hover_text(text.hover_accuracy_plot);
            legend_ui(ui, &keys);
        });
        Plot::new("accuracy_plot")
            .height(height)
            .y_axis_min_width(40.0)
            .x_grid_spacer(epoch_marks)
            .x_axis_formatter(|mark, _| format!("{:.0}", mark.value))
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
                } => Some(text.plot_point(
                    *plot_name,
                    position.x.round(),
                    format!("{}%", numbers::sig3(position.y as f32)),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn epochs(low: f64, high: f64) -> Vec<f64> {
        epoch_marks(GridInput {
            bounds: (low, high),
            base_step_size: 0.01,
        })
        .iter()
        .map(|m| m.value)
        .collect()
    }

    #[test]
    fn the_epoch_axis_always_has_readable_ticks() {
        assert_eq!(
            epochs(-4.0, 83.0),
            [0.0, 20.0, 40.0, 60.0, 80.0],
            "79 epochs"
        );
        assert_eq!(
            epochs(-45.0, 955.0),
            [0.0, 200.0, 400.0, 600.0, 800.0],
            "910 epochs"
        );
        assert_eq!(epochs(-0.1, 2.1), [0.0, 1.0, 2.0], "whole epochs only");
    }

    #[test]
    fn the_log_axis_ticks_at_decades() {
        let marks = decade_marks(GridInput {
            bounds: (-2.3, 0.4),
            base_step_size: 0.01,
        });
        let values: Vec<f64> = marks.iter().map(|m| m.value).collect();
        assert_eq!(
            values,
            [-2.0, -1.0, 0.0],
            "0.01, 0.1 and 1, nothing between"
        );
    }
}
