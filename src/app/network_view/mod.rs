//! The network graph: layers as columns of nodes, input left, output right. Forward view:
//! nodes filled by activation, edges by weight; backprop view: nodes by |δ|, edges by
//! |∂L/∂w|. Plays one sample through in four phases, inspects neurons and edges, and edits
//! the architecture in place. The controls live in `controls.rs`, the drawing in `paint.rs`,
//! the inspector under the graph in `inspect.rs`.

mod controls;
mod inspect;
mod paint;

use std::sync::Arc;

use egui::{Mesh, Pos2, Sense, vec2};
use ndarray::Array2;

use super::command::{CommandQueue, PanelCommand, SetupCommand, TrainingCommand};
use super::frame_data::FrameData;
use super::graph::Layout;
use super::network_edit::layer_controls_ui;
use super::neuron_maps::NeuronMaps;
use super::step_through::{Phase, StepThrough};
use crate::nn::{ForwardTrace, Gradients, Layer, Network, Trainer};
use crate::session::PlaneBounds;

use controls::Navigation;

/// Height kept under the graph for the inspector.
const INSPECTOR_HEIGHT: f32 = 150.0;

/// What the graph shows on nodes and edges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Activations on nodes, weights on edges.
    #[default]
    Forward,
    /// δ = ∂L/∂z on nodes, ∂L/∂w on edges.
    Backprop,
}

/// A neuron or an edge the inspector shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inspected {
    /// Node `node` of column `column` (column 0 is the input).
    Node {
        /// Column: 0 is the input, l + 1 is layer l.
        column: usize,
        /// Node within the column.
        node: usize,
    },
    /// The edge into neuron `neuron` of layer `layer` from its input `input`.
    Edge {
        /// Layer the edge leads into.
        layer: usize,
        /// Neuron it leads into.
        neuron: usize,
        /// Input it comes from.
        input: usize,
    },
}

/// How the step-through animates.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Animation {
    /// The phases advance by themselves.
    auto_play: bool,
    /// Speed multiplier.
    speed: f32,
    /// Show each phase at once, without moving pulses.
    reduce_motion: bool,
}

/// The network graph panel.
pub struct NetworkView {
    mode: Mode,
    navigation: Navigation,
    animation: Animation,
    /// The sample being played through, phase by phase.
    step: Option<StepThrough>,
    pinned: Option<Inspected>,
    edge_mesh: Arc<Mesh>,
    maps: Option<NeuronMaps>,
    /// Forward pass of the whole training set with these weights, for the sparklines.
    dataset_trace: Option<(Network, ForwardTrace)>,
    /// Where every node was drawn in the last frame, in screen points.
    layout: Layout,
}

impl Default for NetworkView {
    fn default() -> Self {
        Self {
            mode: Mode::Forward,
            navigation: Navigation::default(),
            animation: Animation {
                auto_play: true,
                speed: 1.0,
                reduce_motion: false,
            },
            step: None,
            pinned: None,
            edge_mesh: Arc::new(Mesh::default()),
            maps: None,
            dataset_trace: None,
            layout: Layout::default(),
        }
    }
}

/// The numbers the graph shows for one sample: its forward and backward pass with the weights
/// they were computed from (borrowed from the step-through or from a fresh pass).
struct FocusedPass<'a> {
    network: &'a Network,
    trace: &'a ForwardTrace,
    grads: &'a Gradients,
    /// The target the output is compared with. `[1, outputs]`
    target: &'a Array2<f32>,
    /// Its index in the training set.
    sample: usize,
}

impl NetworkView {
    /// A view that opens on `mode`.
    #[must_use]
    pub fn with_mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// A view whose step-through animates at `speed` times the usual pace.
    #[must_use]
    pub fn with_animation_speed(mut self, speed: f32) -> Self {
        self.animation.speed = speed.clamp(0.25, 4.0);
        self
    }

    /// Takes what the app tells the view: a sample step to play through on `trainer` (from its
    /// current weights; the view asks for the engine's step when the update phase begins), the
    /// end of the step-through, or a new experiment (pins, the step-through, the pan and zoom
    /// and the cached maps are forgotten; the view's settings stay).
    pub fn apply(&mut self, command: PanelCommand, trainer: &Trainer) {
        match command {
            PanelCommand::SampleStepBegins => self.step = StepThrough::capture(trainer),
            PanelCommand::SampleStepEnds => self.step = None,
            PanelCommand::ShowPhase(phase) => {
                if let Some(step) = &mut self.step
                    && step.go_to(phase)
                {
                    self.animation.auto_play = false;
                }
            }
            PanelCommand::ExperimentReplaced => {
                *self = Self {
                    mode: self.mode,
                    animation: self.animation,
                    ..Self::default()
                };
            }
        }
    }

    /// True when the open step-through can still show `phase` (its update is not made, or
    /// `phase` is the update).
    pub fn can_show_phase(&self, phase: Phase) -> bool {
        self.step
            .as_ref()
            .is_some_and(|s| s.pending() || phase == Phase::Update)
    }

    /// The phase of the step-through, if one is playing.
    pub fn phase(&self) -> Option<Phase> {
        self.step.as_ref().map(|s| s.phase)
    }

    /// True while a step-through is open whose step the engine has not taken yet.
    pub fn step_pending(&self) -> bool {
        self.step.as_ref().is_some_and(StepThrough::pending)
    }

    /// The training-set sample being played through, if a step-through is open.
    pub fn stepped_sample(&self) -> Option<usize> {
        self.step.as_ref().map(|s| s.sample)
    }

    /// What the graph shows.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Where node `node` of column `column` was drawn in the last frame (column 0 = input).
    pub fn node_position(&self, column: usize, node: usize) -> Option<Pos2> {
        self.layout.columns.get(column)?.get(node).copied()
    }

    /// Draws the graph of the frame's network with its sample in focus (or the sample being
    /// played through); an edit of the architecture is pushed to `commands`.
    pub fn ui(&mut self, ui: &mut egui::Ui, frame: &FrameData<'_>, commands: &mut CommandQueue) {
        let trainer = frame.trainer;
        let now = ui.input(|i| i.time);
        let mut step = self.step.take();
        if let Some(st) = &mut step {
            st.observe(trainer.network());
        }
        self.controls_ui(ui, frame, &mut step, now, commands);
        let reached = step.as_mut().map(|st| {
            st.progress(
                now,
                f64::from(self.animation.speed),
                self.animation.auto_play,
                self.animation.reduce_motion,
            )
        });
        // The update phase has begun: now the engine takes the step.
        if step.as_mut().is_some_and(|st| st.take_due_step(false)) {
            commands.push(TrainingCommand::ApplySampleStep);
        }
        if step.as_ref().is_some_and(StepThrough::animating)
            && (self.animation.auto_play || reached.is_some())
        {
            ui.ctx().request_repaint();
        }
        let fresh_pass;
        let pass = if let Some(st) = &step {
            FocusedPass {
                network: &st.before,
                trace: &st.trace,
                grads: &st.grads,
                target: &st.target,
                sample: st.sample,
            }
        } else {
            fresh_pass = trainer.inspect_sample(frame.focus);
            FocusedPass {
                network: trainer.network(),
                trace: &fresh_pass.trace,
                grads: &fresh_pass.grads,
                target: &fresh_pass.target,
                sample: frame.focus,
            }
        };
        let graph_size = vec2(
            ui.available_width(),
            (ui.available_height() - INSPECTOR_HEIGHT).max(200.0),
        );
        let (response, painter) = ui.allocate_painter(graph_size, Sense::click_and_drag());
        let rect = response.rect;
        self.navigation.navigate(ui, &response);
        let widths: Vec<usize> = std::iter::once(pass.network.inputs())
            .chain(pass.network.layers.iter().map(Layer::width))
            .collect();
        self.layout = Layout::new(&widths, rect).mapped(&self.navigation.screen_from_graph(rect));
        let painter = painter.with_clip_rect(rect);
        let bounds =
            PlaneBounds::around(std::iter::once(trainer.train_data()).chain(trainer.test_data()));
        if let Some(bounds) = bounds {
            // The trainer's weights: before the update until phase ④, after it from then on.
            NeuronMaps::refresh(&mut self.maps, ui.ctx(), trainer.network(), bounds);
        } else {
            self.maps = None;
        }
        self.paint(&painter, frame, &pass, step.as_ref(), reached);
        let architecture = trainer.network().architecture();
        // A child ui, so the controls laid over the graph do not move the inspector below it.
        let mut overlay = ui.new_child(egui::UiBuilder::new().max_rect(rect));
        for layer in 0..architecture.layers.len().saturating_sub(1) {
            let x = self
                .layout
                .columns
                .get(layer + 1)
                .and_then(|c| c.first())
                .map_or(rect.center().x, |p| p.x);
            let top = rect.top() + 2.0;
            if let Some(next) =
                layer_controls_ui(&mut overlay, &architecture, layer, [x, top], frame.text)
            {
                commands.push(SetupCommand::SetArchitecture(next));
            }
        }
        let hovered = response.hover_pos().and_then(|p| self.hit(&pass, p));
        if response.clicked() {
            self.pinned = hovered;
        }
        if response.double_clicked() {
            self.navigation = Navigation::default();
        }
        self.inspector_ui(ui, frame, &pass, step.as_ref(), hovered.or(self.pinned));
        self.step = step;
    }
}
