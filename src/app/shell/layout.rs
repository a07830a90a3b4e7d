//! How the window is shared between the panels: widths computed from the window every frame
//! (never restored from the last session, never following the content), so the network view
//! keeps at least a third of the window; a narrow strip of setup tabs when the setup does not
//! fit; the output column's heights split so the output, the curves and the confusion matrix
//! fit without scrolling (the curves and the matrix as tabs when the column is short).

use egui::{Rect, RichText};

use super::super::command::CommandQueue;
use super::super::frame_data::FrameData;
use super::super::sample_view;
use super::super::setup_panel::SetupSection;
use super::Panels;

/// The network view's least width (points): its controls need about this much; it also
/// keeps a third of the window.
const NETWORK_MIN: f32 = 320.0;
/// Width of the left column when the window has room, as a share of the window…
const LEFT_SHARE: f32 = 0.2;
/// …within these bounds (points).
const LEFT_RANGE: (f32, f32) = (250.0, 340.0);
/// Width of the right column as a share of the window…
const RIGHT_SHARE: f32 = 0.33;
/// …within these bounds (points).
const RIGHT_RANGE: (f32, f32) = (290.0, 560.0);
/// Width of the strip of setup tabs that replaces the left column when it does not fit.
pub const STRIP_WIDTH: f32 = 112.0;
/// The smallest height of each of the loss and accuracy plots.
const PLOT_MIN: f32 = 90.0;
/// The largest height of each of the loss and accuracy plots.
const PLOT_MAX: f32 = 220.0;
/// The room the titles, legends and separators around the two plots take.
const PLOT_CHROME: f32 = 64.0;
/// What the output column keeps for the confusion matrix and its metrics when it stacks it
/// under the curves (more than this per class: it becomes a tab).
const CONFUSION_ROW: f32 = 24.0;
/// The confusion matrix's title row, axis names and total.
const CONFUSION_CHROME: f32 = 110.0;
/// Room kept free at the column's foot, for rounding and spacing the estimates miss.
const SAFETY: f32 = 12.0;
/// The output column's heading.
const HEADING: f32 = 30.0;
/// The output's height before it was first drawn.
const OUTPUT_ESTIMATE: f32 = 280.0;

/// A view of the window, for the layout tests and for File ▸ Export ▸ Picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    /// The whole window.
    Window,
    /// The toolbar.
    Toolbar,
    /// The network graph in the middle (with its neuron maps).
    Network,
    /// The decision boundary (2-D data).
    Boundary,
    /// The loss plot.
    LossPlot,
    /// The loss and accuracy plots together.
    Plots,
    /// The confusion matrix with its metrics.
    Confusion,
}

/// Where each view was drawn in the last frame (in points).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ViewRects {
    /// The whole window.
    pub window: Option<Rect>,
    /// The toolbar.
    pub toolbar: Option<Rect>,
    /// The network view (the central panel).
    pub network: Option<Rect>,
    /// The decision boundary's square.
    pub boundary: Option<Rect>,
    /// The loss plot with its title row.
    pub loss_plot: Option<Rect>,
    /// Both plots with their title rows.
    pub plots: Option<Rect>,
    /// The confusion matrix and its metrics.
    pub confusion: Option<Rect>,
}

impl ViewRects {
    /// Where `view` was drawn, if it was.
    pub fn get(&self, view: View) -> Option<Rect> {
        match view {
            View::Window => self.window,
            View::Toolbar => self.toolbar,
            View::Network => self.network,
            View::Boundary => self.boundary,
            View::LossPlot => self.loss_plot,
            View::Plots => self.plots,
            View::Confusion => self.confusion,
        }
    }
}

/// What the output column shows under the output when it has no room for both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OutputTab {
    /// The loss and accuracy plots.
    #[default]
    Curves,
    /// The confusion matrix.
    Confusion,
}

/// The layout's own state: the open setup tab of the strip, the output tab, and where the
/// views were drawn.
#[derive(Debug, Default)]
pub struct Layout {
    /// The setup section shown beside the strip (narrow windows only).
    drawer: Option<SetupSection>,
    output_tab: OutputTab,
    /// The confusion matrix's height when it was last drawn (it depends on the fonts and the
    /// zoom): the estimate for the next frame.
    confusion_height: Option<f32>,
    /// What the plots took beyond their two plot areas when last drawn (titles, legends).
    plot_chrome: Option<f32>,
    /// The output's (boundary's or sample's) height when last drawn, below its heading.
    output_height: Option<f32>,
    /// Where the views were drawn in the last frame.
    pub rects: ViewRects,
}

/// The columns' widths for a window `width` points wide.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Columns {
    /// The left column's width; `None` when it is a strip of tabs.
    pub left: Option<f32>,
    /// The right column's width.
    pub right: f32,
}

/// The column widths for a window `width` points wide: the network view keeps a third of
/// the window and [`NETWORK_MIN`] at least; the setup becomes a strip first, then the output
/// column narrows.
pub fn columns(width: f32, setup_hidden: bool) -> Columns {
    let network_min = (width / 3.0).max(NETWORK_MIN.min(width * 0.5));
    let left = (width * LEFT_SHARE).clamp(LEFT_RANGE.0, LEFT_RANGE.1);
    let right = (width * RIGHT_SHARE).clamp(RIGHT_RANGE.0, RIGHT_RANGE.1);
    let left = if setup_hidden {
        Some(0.0)
    } else if left + right + network_min <= width {
        Some(left)
    } else {
        None
    };
    let left_taken = left.unwrap_or(STRIP_WIDTH);
    let right = right.min((width - network_min - left_taken).max(0.0));
    Columns { left, right }
}

impl Panels {
    /// The setup on the left (hidden in focus view and lecture mode, a strip of tabs when it
    /// does not fit), the output column on the right and the network graph in the middle.
    pub(super) fn ui(
        &mut self,
        ui: &mut egui::Ui,
        frame: &FrameData<'_>,
        setup_hidden: bool,
        commands: &mut CommandQueue,
    ) {
        let width = ui.available_rect_before_wrap().width();
        let columns = columns(width, setup_hidden);
        match columns.left {
            Some(w) if w <= 0.0 => self.layout.drawer = None,
            Some(w) => {
                self.layout.drawer = None;
                egui::Panel::left("setup_panel")
                    .exact_size(w)
                    .resizable(false)
                    .show(ui, |ui| {
                        egui::ScrollArea::both()
                            .id_salt("setup_scroll")
                            .show(ui, |ui| self.setup.ui(ui, frame, commands, None));
                    });
            }
            None => self.setup_strip_ui(ui, frame, commands),
        }
        egui::Panel::right("output_panel")
            .exact_size(columns.right)
            .resizable(false)
            .show(ui, |ui| self.output_column_ui(ui, frame, commands));
        let network = egui::CentralPanel::default()
            .show(ui, |ui| self.network.ui(ui, frame, commands))
            .response
            .rect;
        self.layout.rects.network = Some(network);
    }

    /// The strip of setup tabs (Data, Network, Hyperparameters); the chosen section opens in
    /// a window over the network view, so the view keeps its size.
    fn setup_strip_ui(
        &mut self,
        ui: &mut egui::Ui,
        frame: &FrameData<'_>,
        commands: &mut CommandQueue,
    ) {
        let text = frame.text;
        egui::Panel::left("setup_strip")
            .exact_size(STRIP_WIDTH)
            .resizable(false)
            .show(ui, |ui| {
                for (section, label) in [
                    (SetupSection::Data, text.data),
                    (SetupSection::Network, text.network),
                    (SetupSection::Hyperparameters, text.hyperparameters),
                ] {
                    let open = self.layout.drawer == Some(section);
                    let button = egui::Button::selectable(open, RichText::new(label).strong())
                        .wrap_mode(egui::TextWrapMode::Wrap);
                    if ui.add_sized([STRIP_WIDTH - 16.0, 40.0], button).clicked() {
                        self.layout.drawer = (!open).then_some(section);
                    }
                }
            });
        let Some(section) = self.layout.drawer else {
            return;
        };
        let mut open = true;
        let title = match section {
            SetupSection::Data => text.data,
            SetupSection::Network => text.network,
            SetupSection::Hyperparameters => text.hyperparameters,
        };
        egui::Window::new(title)
            .id(egui::Id::unique("setup_drawer"))
            .open(&mut open)
            .collapsible(false)
            .default_width(LEFT_RANGE.0)
            .anchor(egui::Align2::LEFT_TOP, [STRIP_WIDTH + 4.0, 80.0])
            .show(ui.ctx(), |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("setup_drawer_scroll")
                    .show(ui, |ui| self.setup.ui(ui, frame, commands, Some(section)));
            });
        if !open {
            self.layout.drawer = None;
        }
    }

    /// The right column: the output (boundary or sample), the curves and the confusion
    /// matrix, stacked when they fit the column's height; else two tabs, the output with the
    /// curves, and the confusion matrix with the whole column.
    fn output_column_ui(
        &mut self,
        ui: &mut egui::Ui,
        frame: &FrameData<'_>,
        commands: &mut CommandQueue,
    ) {
        let text = frame.text;
        let column = ui.available_rect_before_wrap();
        let layout = &mut self.layout;
        let classes = frame
            .trainer
            .train_data()
            .class_names()
            .map(<[String]>::len);
        let confusion_height = classes.map(|k| {
            let estimate = CONFUSION_CHROME + CONFUSION_ROW * k as f32;
            layout
                .confusion_height
                .map_or(estimate, |h| h.max(estimate))
        });
        let plot_chrome = layout
            .plot_chrome
            .map_or(PLOT_CHROME, |c| c.max(PLOT_CHROME));
        let output_height = layout.output_height.unwrap_or(OUTPUT_ESTIMATE);
        let separator = ui.spacing().item_spacing.y * 2.0 + 2.0;
        let rest = column.height() - HEADING - output_height - 2.0 * separator - SAFETY;
        let stacked_plot = (rest - plot_chrome - confusion_height.unwrap_or(0.0)) / 2.0;
        let stacked = confusion_height.is_none() || stacked_plot >= PLOT_MIN;
        let tab = if stacked {
            None
        } else {
            ui.horizontal(|ui| {
                let tab = &mut layout.output_tab;
                ui.selectable_value(tab, OutputTab::Curves, text.tab_curves);
                ui.selectable_value(tab, OutputTab::Confusion, text.confusion_matrix);
            });
            Some(layout.output_tab)
        };
        layout.rects = ViewRects {
            window: layout.rects.window,
            toolbar: layout.rects.toolbar,
            network: layout.rects.network,
            ..ViewRects::default()
        };
        if tab == Some(OutputTab::Confusion) {
            let confusion = self.confusion.ui(ui, frame, commands);
            self.layout.rects.confusion = Some(confusion);
            self.layout.confusion_height = Some(confusion.height());
            return;
        }
        let top = ui.cursor().top();
        ui.label(RichText::new(text.output).heading().strong());
        if frame.trainer.train_data().num_features() == 2 {
            let side = ui.available_width().min(column.height() * 0.42);
            self.layout.rects.boundary = self.boundary.ui(ui, frame, commands, side);
        } else {
            sample_view::ui(ui, frame, commands);
        }
        self.layout.output_height = Some(ui.cursor().top() - top - HEADING);
        ui.separator();
        let rest = ui.available_height();
        let plot_height = if stacked && confusion_height.is_some() {
            stacked_plot.min(PLOT_MAX)
        } else {
            (rest - plot_chrome) / 2.0
        }
        .clamp(PLOT_MIN * 0.6, PLOT_MAX);
        let [loss, plots] = self
            .plots
            .ui(ui, frame.trainer.history(), plot_height, text);
        let layout = &mut self.layout;
        (layout.rects.loss_plot, layout.rects.plots) = (Some(loss), Some(plots));
        layout.plot_chrome = Some(plots.height() - 2.0 * plot_height);
        if stacked && confusion_height.is_some() {
            ui.separator();
            let confusion = self.confusion.ui(ui, frame, commands);
            self.layout.rects.confusion = Some(confusion);
            self.layout.confusion_height = Some(confusion.height());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_network_keeps_a_third_at_every_width() {
        for width in [400.0, 640.0, 846.0, 1024.0, 1280.0, 1600.0, 1920.0, 3840.0] {
            for hidden in [false, true] {
                let c = columns(width, hidden);
                let left = c.left.unwrap_or(STRIP_WIDTH);
                let network = width - left - c.right;
                assert!(
                    network >= width / 3.0 - 0.01,
                    "at {width} points (setup hidden: {hidden}) the network keeps {network}"
                );
            }
        }
    }

    #[test]
    fn the_setup_becomes_a_strip_only_when_it_does_not_fit() {
        assert!(columns(1024.0, false).left.is_some(), "1024 points fit all");
        assert_eq!(columns(640.0, false).left, None, "640 points: a strip");
        assert_eq!(columns(640.0, true).left, Some(0.0), "hidden stays hidden");
    }
}
