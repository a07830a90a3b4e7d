//! The network graph: layers as columns of nodes, input left, output right. Forward view:
//! nodes filled by activation, edges by weight; backprop view: nodes by |δ|, edges by
//! |∂L/∂w|. Plays one sample through in four phases, inspects neurons and edges, and edits
//! the architecture in place.

use std::sync::Arc;

use egui::{
    Color32, Key, Mesh, Modifiers, Pos2, Rect, RichText, Sense, Shape, Stroke, Vec2, pos2, vec2,
};
use ndarray::{Array2, ArrayView2, s};

use super::colormap::{Scale, class_color, diverging, legend, sequential, text_on};
use super::graph::{EdgeLayer, Layout, build_edge_mesh, edge_at, max_abs, scale_limit};
use super::inspector::{edge_lines, input_symbol, neuron_lines};
use super::network_edit::{layer_controls_ui, with_added_layer, with_removed_layer};
use super::neuron_maps::NeuronMaps;
use super::numbers::sig3;
use super::step_through::{Phase, StepThrough};
use crate::nn::{Architecture, ForwardTrace, Gradients, Layer, Network, SamplePass, Trainer};
use crate::session::PlaneBounds;

/// Height kept under the graph for the inspector.
const INSPECTOR_HEIGHT: f32 = 118.0;
/// Widest an edge is drawn.
const MAX_EDGE_WIDTH: f32 = 5.0;

/// Something the user asked for in the network view, applied by the app once per frame.
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub enum NetworkCommand {
    /// Replace the architecture (resets the weights).
    SetArchitecture(Architecture),
    /// Put this training-set sample in focus.
    Focus(usize),
}

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

/// The network graph panel.
pub struct NetworkView {
    mode: Mode,
    zoom: f32,
    pan: Vec2,
    step: Option<StepThrough>,
    /// The step-through advances by itself.
    pub auto_play: bool,
    /// Animation speed multiplier.
    pub speed: f32,
    /// Show each phase at once, without animation.
    pub reduce_motion: bool,
    pinned: Option<Inspected>,
    edge_mesh: Arc<Mesh>,
    maps: Option<NeuronMaps>,
    /// Forward pass of the whole training set, for the sparklines.
    dataset_trace: Option<(Network, ForwardTrace)>,
    layout: Layout,
    focus_sent: bool,
}

impl Default for NetworkView {
    fn default() -> Self {
        Self {
            mode: Mode::Forward,
            zoom: 1.0,
            pan: Vec2::ZERO,
            step: None,
            auto_play: true,
            speed: 1.0,
            reduce_motion: false,
            pinned: None,
            edge_mesh: Arc::new(Mesh::default()),
            maps: None,
            dataset_trace: None,
            layout: Layout::default(),
            focus_sent: false,
        }
    }
}

/// The numbers the graph shows for one sample: its forward and backward pass with the weights
/// they were computed from.
struct Shown<'a> {
    network: &'a Network,
    trace: ForwardTrace,
    grads: Gradients,
    /// The target the output is compared with. `[1, outputs]`
    target: Array2<f32>,
    sample: usize,
}

impl NetworkView {
    /// Call just before the app makes the trainer take one sample step, so the view can play
    /// that step through (forward, loss, backward, update).
    pub fn begin_sample_step(&mut self, trainer: &Trainer) {
        self.step = StepThrough::capture(trainer);
        self.focus_sent = false;
    }

    /// The phase of the step-through, if one is playing.
    pub fn phase(&self) -> Option<Phase> {
        self.step.as_ref().map(|s| s.phase)
    }

    /// What the graph shows.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Switches between the forward and backprop views.
    pub fn set_mode(&mut self, mode: Mode) {
        self.mode = mode;
    }

    /// Where node `node` of column `column` was drawn in the last frame (column 0 = input).
    pub fn node_position(&self, column: usize, node: usize) -> Option<Pos2> {
        self.layout.columns.get(column)?.get(node).copied()
    }

    /// Draws the graph for `trainer`'s network with training sample `focus` in focus.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        trainer: &Trainer,
        focus: usize,
    ) -> Vec<NetworkCommand> {
        let mut commands = Vec::new();
        let now = ui.input(|i| i.time);
        let mut step = self.step.take();
        if let Some(st) = &mut step {
            st.observe(trainer.network());
            if !self.focus_sent && st.sample != focus {
                commands.push(NetworkCommand::Focus(st.sample));
            }
            self.focus_sent = true;
        }
        self.controls_ui(ui, trainer, &mut step, now, &mut commands);
        let lit = step.as_mut().map(|st| {
            st.progress(
                now,
                f64::from(self.speed),
                self.auto_play,
                self.reduce_motion,
            )
        });
        if step.as_ref().is_some_and(StepThrough::animating) && (self.auto_play || lit.is_some()) {
            ui.ctx().request_repaint();
        }
        let shown = match &step {
            Some(st) => Shown {
                network: &st.before,
                trace: st.trace.clone(),
                grads: st.grads.clone(),
                target: st.target.clone(),
                sample: st.sample,
            },
            None => focused(trainer, focus),
        };
        let graph_size = vec2(
            ui.available_width(),
            (ui.available_height() - INSPECTOR_HEIGHT).max(200.0),
        );
        let (response, painter) = ui.allocate_painter(graph_size, Sense::click_and_drag());
        self.navigate(ui, &response);
        let rect = response.rect;
        let widths: Vec<usize> = std::iter::once(shown.network.inputs())
            .chain(shown.network.layers.iter().map(Layer::width))
            .collect();
        self.layout = Layout::new(&widths, rect, self.zoom, self.pan);
        let painter = painter.with_clip_rect(rect);
        let bounds =
            PlaneBounds::around(std::iter::once(trainer.train_data()).chain(trainer.test_data()));
        if let Some(bounds) = bounds {
            NeuronMaps::refresh(&mut self.maps, ui.ctx(), shown.network, bounds);
        } else {
            self.maps = None;
        }
        let edge_scale = self.draw_edges(&painter, &shown, step.as_ref(), lit);
        let node_scale = self.draw_nodes(&painter, trainer, &shown, step.as_ref(), lit);
        if let (Some(st), Some(lit)) = (&step, lit) {
            draw_pulse(&painter, &self.layout, st, lit);
        }
        let text = ui.visuals().text_color();
        let mut origin = pos2(rect.left() + 8.0, rect.bottom() - 44.0);
        for (title, scale) in [node_scale, edge_scale] {
            legend(&painter, origin, title, scale, text);
            origin.x += 180.0;
        }
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
            if let Some(next) =
                layer_controls_ui(&mut overlay, &architecture, layer, x, rect.top() + 2.0)
            {
                commands.push(NetworkCommand::SetArchitecture(next));
            }
        }
        let hovered = response.hover_pos().and_then(|p| self.hit(&shown, p));
        if response.clicked() {
            self.pinned = hovered;
        }
        if response.double_clicked() {
            self.zoom = 1.0;
            self.pan = Vec2::ZERO;
        }
        self.inspector_ui(ui, trainer, &shown, hovered.or(self.pinned));
        self.step = step;
        commands
    }

    /// The mode switch, the phase strip and the step-through and layer buttons.
    fn controls_ui(
        &mut self,
        ui: &mut egui::Ui,
        trainer: &Trainer,
        step: &mut Option<StepThrough>,
        now: f64,
        commands: &mut Vec<NetworkCommand>,
    ) {
        ui.horizontal_wrapped(|ui| {
            ui.selectable_value(&mut self.mode, Mode::Forward, "Forward")
                .on_hover_text("Nodes show each neuron's activation a; edges show the weights (orange +, blue −).");
            ui.selectable_value(&mut self.mode, Mode::Backprop, "Backprop").on_hover_text(
                "Nodes show |δ| = |∂L/∂z|, edges |∂L/∂w|, for the sample in focus: where the gradient is large and where it vanishes.",
            );
            ui.separator();
            match step {
                Some(st) => {
                    for phase in Phase::ALL {
                        let text = RichText::new(phase.label());
                        let text = if phase == st.phase { text.strong().underline() } else { text.weak() };
                        ui.label(text);
                    }
                    if st.phase >= Phase::Loss {
                        ui.label(RichText::new(format!("loss L = {}", sig3(st.grads.loss))).monospace());
                    }
                    let next = ui
                        .add_enabled(st.phase != Phase::Update, egui::Button::new("Next phase"))
                        .on_hover_text("Show the next phase of this sample’s step (right arrow key).");
                    let key = st.phase != Phase::Update
                        && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::ArrowRight));
                    if next.clicked() || key {
                        st.next_phase(now);
                    }
                    if ui
                        .add_enabled(st.phase != Phase::Update, egui::Button::new("Skip"))
                        .on_hover_text("Jump to the end of this step.")
                        .clicked()
                    {
                        st.skip(now);
                    }
                    if ui.button("Done").on_hover_text("Leave the step-through and show the sample in focus.").clicked() {
                        *step = None;
                    }
                }
                None => {
                    ui.label(RichText::new("Press Step sample to play one sample through: forward, loss, backward, update").weak());
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.checkbox(&mut self.auto_play, "Auto-advance")
                .on_hover_text("Play the phases by themselves; off: advance with → or Next phase.");
            ui.add(
                egui::Slider::new(&mut self.speed, 0.25..=4.0)
                    .logarithmic(true)
                    .text("speed"),
            )
            .on_hover_text("How fast the step-through animates.");
            ui.checkbox(&mut self.reduce_motion, "Reduce motion")
                .on_hover_text("Show each phase at once, without moving pulses.");
            ui.separator();
            let architecture = trainer.network().architecture();
            if let Some(phase) = step.as_ref().map(|s| s.phase) {
                ui.label(RichText::new(phase.explanation()).italics());
            } else {
                let edits = [
                    (
                        "Add layer",
                        "Add a hidden layer before the output (resets the weights).",
                        with_added_layer(&architecture),
                    ),
                    (
                        "Remove layer",
                        "Remove the last hidden layer (resets the weights).",
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
                        commands.push(NetworkCommand::SetArchitecture(next));
                    }
                }
                if ui
                    .button("Fit view")
                    .on_hover_text("Reset zoom and pan (or double-click the graph).")
                    .clicked()
                {
                    self.zoom = 1.0;
                    self.pan = Vec2::ZERO;
                }
            }
        });
    }

    /// Drag pans; scroll or pinch over the graph zooms.
    fn navigate(&mut self, ui: &egui::Ui, response: &egui::Response) {
        if response.dragged() {
            self.pan += response.drag_delta();
        }
        if response.hovered() {
            let (zoom, scroll) = ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta().y));
            let factor = zoom * (scroll / 400.0).exp();
            if (factor - 1.0).abs() > f32::EPSILON {
                let before = self.zoom;
                self.zoom = (self.zoom * factor).clamp(0.3, 6.0);
                if let Some(p) = response.hover_pos() {
                    // Keep the point under the pointer still.
                    let c = response.rect.center();
                    let ratio = self.zoom / before;
                    self.pan = (p - c) - (p - c - self.pan) * ratio;
                }
            }
        }
    }

    /// Draws every edge into the reused mesh; returns the legend of the edge colours.
    fn draw_edges(
        &mut self,
        painter: &egui::Painter,
        shown: &Shown<'_>,
        step: Option<&StepThrough>,
        lit: Option<f32>,
    ) -> (&'static str, Scale) {
        let network = shown.network;
        let layers = network.layers.len();
        let weights: Vec<ArrayView2<'_, f32>> =
            network.layers.iter().map(|l| l.weights.view()).collect();
        let grads: Vec<ArrayView2<'_, f32>> = shown
            .grads
            .layers
            .iter()
            .map(|g| g.weights.view())
            .collect();
        let weight_scale = Scale::Diverging {
            limit: max_abs(weights.iter().copied(), 1e-6),
        };
        let grad_scale = Scale::Sequential {
            max: max_abs(grads.iter().copied(), 1e-9),
        };
        let mesh = Arc::make_mut(&mut self.edge_mesh);
        mesh.clear();
        let legend = match (step, lit) {
            (Some(st), Some(lit)) if st.phase == Phase::Update => {
                let deltas: Vec<Array2<f32>> = st.delta_weights.clone().unwrap_or_else(|| {
                    st.grads
                        .layers
                        .iter()
                        .map(|g| &g.weights * -st.learning_rate)
                        .collect()
                });
                let views: Vec<ArrayView2<'_, f32>> = deltas.iter().map(|d| d.view()).collect();
                let scale = Scale::Diverging {
                    limit: max_abs(views.iter().copied(), 1e-9),
                };
                let _ = lit;
                build_edge_mesh(
                    mesh,
                    &self.layout,
                    &all(&views, &|_| 1.0),
                    scale,
                    MAX_EDGE_WIDTH,
                );
                let title = if st.delta_weights.is_some() {
                    "Δw = new − old weight"
                } else {
                    "Δw = −lr·∂L/∂w (pending batch end)"
                };
                (title, scale)
            }
            (Some(st), Some(lit)) if st.phase == Phase::Backward => {
                let reached = |l: usize| (layers - 1 - l) as f32 <= lit - 0.001 && lit > 0.0;
                build_edge_mesh(
                    mesh,
                    &self.layout,
                    &all(&weights, &|l| if reached(l) { 0.0 } else { 0.25 }),
                    weight_scale,
                    MAX_EDGE_WIDTH,
                );
                build_edge_mesh(
                    mesh,
                    &self.layout,
                    &all(&grads, &|l| if reached(l) { 1.0 } else { 0.0 }),
                    grad_scale,
                    MAX_EDGE_WIDTH,
                );
                ("|∂L/∂w| on edges", grad_scale)
            }
            (Some(_), Some(lit)) => {
                let opacity = |l: usize| (lit - (l + 1) as f32).clamp(0.12, 1.0);
                build_edge_mesh(
                    mesh,
                    &self.layout,
                    &all(&weights, &opacity),
                    weight_scale,
                    MAX_EDGE_WIDTH,
                );
                ("weight w on edges", weight_scale)
            }
            _ if self.mode == Mode::Backprop => {
                build_edge_mesh(
                    mesh,
                    &self.layout,
                    &all(&grads, &|_| 1.0),
                    grad_scale,
                    MAX_EDGE_WIDTH,
                );
                ("|∂L/∂w| on edges", grad_scale)
            }
            _ => {
                build_edge_mesh(
                    mesh,
                    &self.layout,
                    &all(&weights, &|_| 1.0),
                    weight_scale,
                    MAX_EDGE_WIDTH,
                );
                ("weight w on edges", weight_scale)
            }
        };
        painter.add(Shape::Mesh(Arc::clone(&self.edge_mesh)));
        legend
    }

    /// Draws the nodes, their heatmaps and labels; returns the legend of the node colours.
    fn draw_nodes(
        &self,
        painter: &egui::Painter,
        trainer: &Trainer,
        shown: &Shown<'_>,
        step: Option<&StepThrough>,
        lit: Option<f32>,
    ) -> (&'static str, Scale) {
        let network = shown.network;
        let layers = network.layers.len();
        let columns: Vec<ArrayView2<'_, f32>> = std::iter::once(shown.trace.input.view())
            .chain(shown.trace.layers.iter().map(|t| t.a.view()))
            .collect();
        let deltas: Vec<ArrayView2<'_, f32>> =
            shown.grads.layers.iter().map(|g| g.delta.view()).collect();
        let a_scale = Scale::Diverging {
            limit: max_abs(columns.iter().copied(), 1.0),
        };
        let d_scale = Scale::Sequential {
            max: max_abs(deltas.iter().copied(), 1e-9),
        };
        let phase = step.map(|s| s.phase);
        let lit_value = lit.unwrap_or(f32::INFINITY);
        // Which columns show |δ| rather than a.
        let shows_delta = |c: usize| match phase {
            Some(Phase::Backward) => {
                c > 0 && (layers - c) as f32 <= lit_value - 0.001 && lit_value > 0.0
            }
            Some(_) => false,
            None => self.mode == Mode::Backprop && c > 0,
        };
        let r = self.layout.radius;
        let with_maps = self.maps.as_ref().filter(|_| r >= 7.0);
        let mut map_mesh = with_maps.map(|m| Mesh::with_texture(m.texture_id()));
        let text = painter.ctx().global_style().visuals.text_color();
        let outline = Stroke::new(1.0, text.gamma_multiply(0.6));
        for (c, column) in self.layout.columns.iter().enumerate() {
            let dark = phase == Some(Phase::Forward) && c as f32 >= lit_value;
            for (n, &p) in column.iter().enumerate() {
                let (fill, ring) = if dark {
                    (
                        Color32::TRANSPARENT,
                        Stroke::new(1.0, text.gamma_multiply(0.3)),
                    )
                } else if shows_delta(c) {
                    let d = deltas[c - 1][[0, n]];
                    (
                        sequential(d.abs() / scale_limit(d_scale).max(f32::MIN_POSITIVE)),
                        outline,
                    )
                } else if self.mode == Mode::Backprop && c == 0 && phase.is_none() {
                    (Color32::from_gray(190), outline)
                } else {
                    (diverging(columns[c][[0, n]], scale_limit(a_scale)), outline)
                };
                if let (Some(maps), Some(mesh), true) =
                    (with_maps, map_mesh.as_mut(), c > 0 && !dark)
                {
                    maps.add_to_mesh(mesh, c - 1, n, p, r * 0.8);
                    painter.rect_stroke(
                        Rect::from_center_size(p, Vec2::splat(r * 1.6)),
                        2.0,
                        Stroke::new((r * 0.25).clamp(2.0, 4.0), fill),
                        egui::StrokeKind::Outside,
                    );
                } else {
                    painter.circle(p, r, fill, ring);
                }
            }
        }
        if let Some(mesh) = map_mesh {
            painter.add(Shape::mesh(mesh));
        }
        self.draw_labels(painter, trainer, shown, phase);
        if phase == Some(Phase::Backward) || (phase.is_none() && self.mode == Mode::Backprop) {
            ("|δ| = |∂L/∂z| on nodes", d_scale)
        } else {
            ("activation a on nodes", a_scale)
        }
    }

    /// Feature names left of the inputs, class names right of the outputs, and in phase ②
    /// the prediction beside the target.
    fn draw_labels(
        &self,
        painter: &egui::Painter,
        trainer: &Trainer,
        shown: &Shown<'_>,
        phase: Option<Phase>,
    ) {
        let r = self.layout.radius;
        let font = egui::FontId::proportional(12.0);
        let mono = egui::FontId::monospace(12.0);
        let text = painter.ctx().global_style().visuals.text_color();
        let train = trainer.train_data();
        let every = |column: &Vec<Pos2>| {
            let spacing = column.get(1).map_or(100.0, |q| q.y - column[0].y);
            (13.0 / spacing.max(0.1)).ceil().max(1.0) as usize
        };
        if let Some(inputs) = self.layout.columns.first() {
            for (i, &p) in inputs.iter().enumerate().step_by(every(inputs)) {
                let name = train
                    .feature_names
                    .get(i)
                    .map_or_else(|| input_symbol(0, i), Clone::clone);
                let value = shown.trace.input[[0, i]];
                painter.text(
                    p - vec2(r + 6.0, 0.0),
                    egui::Align2::RIGHT_CENTER,
                    format!("{name} = {}", sig3(value)),
                    font.clone(),
                    text,
                );
            }
        }
        let Some(outputs) = self.layout.columns.last() else {
            return;
        };
        let names = train.class_names();
        let out = shown.trace.output();
        for (j, &p) in outputs.iter().enumerate().step_by(every(outputs)) {
            let (label, color) = match names {
                Some(n) if outputs.len() == 1 && n.len() == 2 => {
                    (format!("p({})", n[1]), class_color(1))
                }
                Some(n) => (n.get(j).cloned().unwrap_or_default(), class_color(j)),
                None => (format!("output {}", j + 1), text),
            };
            if names.is_some() {
                painter.circle_stroke(p, r + 2.5, Stroke::new(2.5, color));
            }
            let anchor = p + vec2(r + 8.0, 0.0);
            if phase == Some(Phase::Loss) {
                let line = format!(
                    "ŷ = {}\ny = {}",
                    sig3(out[[0, j]]),
                    sig3(shown.target[[0, j]])
                );
                let galley = painter.layout_no_wrap(line, mono.clone(), text_on(Color32::WHITE));
                let at = anchor - vec2(0.0, galley.size().y / 2.0);
                painter.rect_filled(
                    Rect::from_min_size(at, galley.size()).expand(2.0),
                    3.0,
                    Color32::from_white_alpha(230),
                );
                painter.galley(at, galley, text);
            } else {
                painter.text(
                    anchor,
                    egui::Align2::LEFT_CENTER,
                    label,
                    font.clone(),
                    color,
                );
            }
        }
    }

    /// The node or edge under `pointer`.
    fn hit(&self, shown: &Shown<'_>, pointer: Pos2) -> Option<Inspected> {
        if let Some((column, node)) = self.layout.node_at(pointer) {
            return Some(Inspected::Node { column, node });
        }
        let layers = EdgeLayer::weights_of(shown.network);
        let limit = max_abs(layers.iter().map(|l| l.values), 1e-6);
        edge_at(&self.layout, &layers, limit, pointer, 3.0).map(|(layer, neuron, input)| {
            Inspected::Edge {
                layer,
                neuron,
                input,
            }
        })
    }

    /// The numbers of the hovered or pinned neuron or edge, under the graph.
    fn inspector_ui(
        &mut self,
        ui: &mut egui::Ui,
        trainer: &Trainer,
        shown: &Shown<'_>,
        target: Option<Inspected>,
    ) {
        let lines = match target {
            Some(Inspected::Node { column: 0, node }) => {
                let name = trainer
                    .train_data()
                    .feature_names
                    .get(node)
                    .cloned()
                    .unwrap_or_default();
                vec![
                    format!("Input {} ({name})", input_symbol(0, node)),
                    format!(
                        "{} = {}",
                        input_symbol(0, node),
                        sig3(
                            shown
                                .trace
                                .input
                                .get([0, node])
                                .copied()
                                .unwrap_or(f32::NAN)
                        )
                    ),
                ]
            }
            Some(Inspected::Node { column, node }) => neuron_lines(
                shown.network,
                &shown.trace,
                Some(&shown.grads),
                column - 1,
                node,
            ),
            Some(Inspected::Edge {
                layer,
                neuron,
                input,
            }) => edge_lines(
                shown.network,
                &shown.trace,
                &shown.grads,
                (layer, neuron, input),
                trainer.config().learning_rate,
            ),
            None => {
                vec!["Hover a neuron or an edge to see its numbers; click to pin it.".to_owned()]
            }
        };
        ui.horizontal(|ui| {
            ui.vertical(|ui| {
                ui.label(
                    RichText::new(format!("Sample {} of the training set", shown.sample)).weak(),
                );
                for line in &lines {
                    ui.label(RichText::new(line).monospace());
                }
            });
            if let Some(Inspected::Node { column, node }) = target
                && column > 0
            {
                self.sparkline_ui(ui, trainer, column - 1, node, shown.sample);
            }
        });
    }

    /// The neuron's activation over the whole training set, one dot per sample in its class
    /// colour, sorted by value; the sample in focus is ringed.
    fn sparkline_ui(
        &mut self,
        ui: &mut egui::Ui,
        trainer: &Trainer,
        layer: usize,
        neuron: usize,
        focus: usize,
    ) {
        let network = trainer.network();
        if self
            .dataset_trace
            .as_ref()
            .is_none_or(|(n, _)| n != network)
        {
            let trace = network.forward(trainer.train_data().features.view());
            self.dataset_trace = Some((network.clone(), trace));
        }
        let Some((_, trace)) = &self.dataset_trace else {
            return;
        };
        let Some(values) = trace
            .layers
            .get(layer)
            .filter(|t| neuron < t.a.ncols())
            .map(|t| t.a.slice(s![.., neuron]))
        else {
            return;
        };
        ui.vertical(|ui| {
            ui.label(RichText::new("activation over the training set").weak());
            let (rect, _) = ui.allocate_exact_size(vec2(260.0, 70.0), Sense::hover());
            let painter = ui.painter_at(rect);
            painter.rect_filled(rect, 2.0, ui.visuals().extreme_bg_color);
            let (lo, hi) = values
                .iter()
                .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &v| {
                    (lo.min(v), hi.max(v))
                });
            let span = (hi - lo).max(1e-6);
            let mut order: Vec<usize> = (0..values.len()).collect();
            order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
            let labels = trainer.train_data().labels();
            let n = order.len().max(2) as f32 - 1.0;
            for (k, &i) in order.iter().enumerate() {
                let p = pos2(
                    rect.left() + 4.0 + (rect.width() - 8.0) * k as f32 / n,
                    rect.bottom() - 4.0 - (rect.height() - 8.0) * (values[i] - lo) / span,
                );
                let color = labels.map_or(ui.visuals().text_color(), |l| class_color(l[i]));
                painter.circle_filled(p, 1.8, color);
                if i == focus {
                    painter.circle_stroke(
                        p,
                        4.5,
                        Stroke::new(1.5, ui.visuals().strong_text_color()),
                    );
                }
            }
            painter.text(
                rect.left_top() + vec2(3.0, 1.0),
                egui::Align2::LEFT_TOP,
                sig3(hi),
                egui::FontId::monospace(10.0),
                ui.visuals().weak_text_color(),
            );
            painter.text(
                rect.left_bottom() + vec2(3.0, -1.0),
                egui::Align2::LEFT_BOTTOM,
                sig3(lo),
                egui::FontId::monospace(10.0),
                ui.visuals().weak_text_color(),
            );
        });
    }
}

/// Edge layers from per-layer values, each with its opacity.
fn all<'a>(values: &[ArrayView2<'a, f32>], opacity: &dyn Fn(usize) -> f32) -> Vec<EdgeLayer<'a>> {
    values
        .iter()
        .enumerate()
        .map(|(l, &v)| EdgeLayer {
            values: v,
            opacity: opacity(l),
        })
        .collect()
}

/// The forward and backward pass of training sample `focus` with the trainer's weights.
fn focused(trainer: &Trainer, focus: usize) -> Shown<'_> {
    let network = trainer.network();
    let train = trainer.train_data();
    let sample = focus.min(train.len().saturating_sub(1));
    let SamplePass {
        trace,
        grads,
        target,
    } = trainer.inspect_sample(sample);
    Shown {
        network,
        trace,
        grads,
        target,
        sample,
    }
}

/// The pulse of the backward phase: dots on the strongest gradient edges of the layer being
/// crossed, moving from its neurons back to their inputs.
fn draw_pulse(painter: &egui::Painter, layout: &Layout, st: &StepThrough, lit: f32) {
    let layers = st.grads.layers.len();
    if st.phase != Phase::Backward || lit <= 0.0 || lit >= layers as f32 {
        return;
    }
    let crossed = lit.floor() as usize;
    let l = layers - 1 - crossed;
    let t = lit - crossed as f32;
    let g = &st.grads.layers[l].weights;
    let max = g.iter().fold(1e-12_f32, |m, v| m.max(v.abs()));
    let (Some(from), Some(to)) = (layout.columns.get(l), layout.columns.get(l + 1)) else {
        return;
    };
    let mut drawn = 0;
    for ((j, i), &v) in g.indexed_iter() {
        if v.abs() < 0.2 * max || drawn >= 256 {
            continue;
        }
        let p = to[j] + (from[i] - to[j]) * t;
        painter.circle(
            p,
            3.5,
            sequential(v.abs() / max),
            Stroke::new(1.0, Color32::WHITE),
        );
        drawn += 1;
    }
}
