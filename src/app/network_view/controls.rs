//! The network view's controls: the forward/backprop switch, the phase strip and buttons of
//! the step-through, its animation options, adding and removing layers, and pan and zoom
//! through one `screen_from_graph` transform.

use egui::emath::RectTransform;
use egui::{Key, Modifiers, Rect, RichText, Vec2};

use super::super::command::{Command, CommandQueue, SetupCommand, TrainingCommand};
use super::super::concepts::{self, Concept};
use super::super::frame_data::FrameData;
use super::super::network_edit::{with_added_layer, with_removed_layer};
use super::super::numbers::sig3;
use super::super::step_through::{Phase, StepThrough};
use super::{Mode, NetworkView};

/// Least and most zoom.
const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.3..=6.0;
/// Scroll distance (points) that zooms by a factor e.
const SCROLL_PER_E_FOLD: f32 = 400.0;

/// Where the user has panned and zoomed the graph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Navigation {
    zoom: f32,
    /// Screen offset of the graph's centre, in points.
    pan: Vec2,
}

impl Default for Navigation {
    fn default() -> Self {
        Self {
            zoom: 1.0,
            pan: Vec2::ZERO,
        }
    }
}

impl Navigation {
    /// The zoom factor (1 = the graph fits the view).
    pub(super) fn zoom(&self) -> f32 {
        self.zoom
    }

    /// Maps graph space (the graph laid out to fit `rect` at zoom 1) to the screen: the part
    /// of graph space shown is `rect` shrunk by the zoom about its centre and shifted
    /// against the pan.
    pub(super) fn screen_from_graph(&self, rect: Rect) -> RectTransform {
        let shown = Rect::from_center_size(
            rect.center() - self.pan / self.zoom,
            rect.size() / self.zoom,
        );
        RectTransform::from_to(shown, rect)
    }

    /// Drag pans; scroll or pinch over the graph zooms about the pointer.
    pub(super) fn navigate(&mut self, ui: &egui::Ui, response: &egui::Response) {
        if response.dragged() {
            self.pan += response.drag_delta();
        }
        if !response.hovered() {
            return;
        }
        let (pinch, scroll) = ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta().y));
        let factor = pinch * (scroll / SCROLL_PER_E_FOLD).exp();
        if (factor - 1.0).abs() <= f32::EPSILON {
            return;
        }
        let rect = response.rect;
        let pointer = response.hover_pos();
        let graph_point = pointer.map(|p| self.screen_from_graph(rect).inverse() * p);
        self.zoom = (self.zoom * factor).clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
        // Keep the point under the pointer still: screen = centre + (graph − centre)·zoom + pan.
        if let (Some(p), Some(g)) = (pointer, graph_point) {
            let centre = rect.center();
            self.pan = (p - centre) - (g - centre) * self.zoom;
        }
    }
}

/// The presenter's keys: PageDown shows the next phase (after ④: the next sample), PageUp
/// the previous one within ①–③ (after ④ it says the update is not undone).
fn phase_keys(
    ui: &egui::Ui,
    step: Option<&mut StepThrough>,
    now: f64,
    frame: &FrameData<'_>,
    commands: &mut CommandQueue,
) {
    if ui.ctx().egui_wants_keyboard_input() {
        return;
    }
    let (down, up) = ui.input_mut(|i| {
        (
            i.consume_key(Modifiers::NONE, Key::PageDown),
            i.consume_key(Modifiers::NONE, Key::PageUp),
        )
    });
    match step {
        Some(st) if st.phase != Phase::Update => {
            if down {
                st.next_phase(now);
            } else if up {
                st.previous_phase(now);
            }
        }
        Some(_) if up => commands.push(Command::Inform(frame.text.update_not_undone)),
        _ if down => commands.push(TrainingCommand::StepSample),
        _ => {}
    }
}

impl NetworkView {
    /// The animation options.
    fn view_options_ui(&mut self, ui: &mut egui::Ui, frame: &FrameData<'_>) {
        let (animation, text) = (&mut self.animation, frame.text);
        ui.checkbox(&mut animation.auto_play, text.auto_advance)
            .on_hover_text(text.hover_auto_advance);
        ui.add(
            egui::Slider::new(&mut animation.speed, 0.25..=4.0)
                .logarithmic(true)
                .text(text.animation_speed),
        )
        .on_hover_text(text.hover_animation_speed);
        ui.checkbox(&mut animation.reduce_motion, text.reduce_motion)
            .on_hover_text(text.hover_reduce_motion);
    }

    /// The slider of how many edges per neuron a large graph draws (none for a small one),
    /// on a row of its own no wider than the view: inside the wrapped options row it
    /// widened the view past the window's output column at 1280×720.
    fn edges_slider_ui(&mut self, ui: &mut egui::Ui, frame: &FrameData<'_>) {
        if self.edges_kept(frame.trainer.network()).is_none() {
            return;
        }
        let mut k = self.strongest_edges;
        ui.horizontal(|ui| {
            ui.spacing_mut().slider_width = (ui.available_width() - 160.0).clamp(40.0, 100.0);
            ui.add(egui::Slider::new(&mut k, 1..=64).text(frame.text.edges_per_neuron))
                .on_hover_text(frame.text.hover_edges_per_neuron);
        });
        self.set_strongest_edges(k);
    }

    /// The mode switch, the phase strip and the step-through and layer buttons.
    pub(super) fn controls_ui(
        &mut self,
        ui: &mut egui::Ui,
        frame: &FrameData<'_>,
        step: &mut Option<StepThrough>,
        now: f64,
        commands: &mut CommandQueue,
    ) {
        let text = frame.text;
        phase_keys(ui, step.as_mut(), now, frame, commands);
        ui.horizontal_wrapped(|ui| {
            ui.selectable_value(&mut self.mode, Mode::Forward, text.mode_forward)
                .on_hover_text(text.hover_mode_forward);
            ui.selectable_value(&mut self.mode, Mode::Backprop, text.mode_backprop)
                .on_hover_text(text.hover_mode_backprop);
            concepts::hint_ui(ui, Concept::Backpropagation, text, commands);
            ui.separator();
            let Some(st) = step else {
                ui.label(RichText::new(text.step_hint).weak());
                return;
            };
            for phase in Phase::ALL {
                let label = RichText::new(phase.label(text));
                let label = if phase == st.phase {
                    label.strong().underline()
                } else {
                    label.weak()
                };
                ui.label(label)
                    .on_hover_text(Concept::of_phase(phase).hover(text));
            }
            if st.phase >= Phase::Loss {
                ui.label(RichText::new(text.loss_value(sig3(st.grads.loss))).monospace());
            }
            let more = st.phase != Phase::Update;
            let next = ui
                .add_enabled(more, egui::Button::new(text.next_phase))
                .on_hover_text(text.hover_next_phase);
            let key = more && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::ArrowRight));
            if next.clicked() || key {
                st.next_phase(now);
            }
            if ui
                .add_enabled(more, egui::Button::new(text.skip))
                .on_hover_text(text.hover_skip)
                .clicked()
            {
                st.skip(now);
            }
            if ui
                .button(text.done)
                .on_hover_text(text.hover_done)
                .clicked()
            {
                // Closing early still takes the step the user asked for.
                if st.take_due_step(true) {
                    commands.push(TrainingCommand::ApplySampleStep);
                }
                *step = None;
            }
        });
        ui.horizontal_wrapped(|ui| {
            self.view_options_ui(ui, frame);
            ui.separator();
            if let Some(phase) = step.as_ref().map(|s| s.phase) {
                ui.label(RichText::new(phase.explanation(text)).italics());
                return;
            }
            let architecture = frame.trainer.network().architecture();
            let edits = [
                (
                    text.add_layer_here,
                    text.hover_add_layer_here,
                    with_added_layer(&architecture),
                ),
                (
                    text.remove_layer_here,
                    text.hover_remove_layer_here,
                    with_removed_layer(&architecture),
                ),
            ];
            for (label, hover, next) in edits {
                if ui
                    .add_enabled(next.is_some(), egui::Button::new(label))
                    .on_hover_text(hover)
                    .clicked()
                    && let Some(next) = next
                {
                    commands.push(SetupCommand::SetArchitecture(next));
                }
            }
            if ui
                .button(text.fit_view)
                .on_hover_text(text.hover_fit_view)
                .clicked()
            {
                self.navigation = Navigation::default();
            }
        });
        self.edges_slider_ui(ui, frame);
    }
}
