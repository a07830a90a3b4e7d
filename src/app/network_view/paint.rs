//! Drawing the graph: every edge into one reused mesh, the nodes with their heatmaps, the
//! feature and class labels, the legends, and the backward phase's travelling pulse.

use std::sync::Arc;

use egui::{Color32, Mesh, Pos2, Rect, Shape, Stroke, Vec2, pos2, vec2};
use ndarray::{Array2, ArrayView2};

use super::super::colormap::{Scale, class_color, diverging, legend, sequential, text_on};
use super::super::frame_data::FrameData;
use super::super::graph::{EdgeLayer, Layout, build_edge_mesh, max_abs, scale_limit};
use super::super::inspector::input_symbol;
use super::super::numbers::sig3;
use super::super::step_through::{Phase, StepThrough};
use super::super::strings::Strings;
use super::{FocusedPass, Mode, NetworkView};

/// Widest an edge is drawn.
const MAX_EDGE_WIDTH: f32 = 5.0;
/// Width of one legend, and the gap to the next.
const LEGEND_SPACING: f32 = 180.0;

impl NetworkView {
    /// Draws the edges, nodes, labels, the pulse of the backward phase and the legends.
    /// `reached` is how many columns the step-through's wave has reached (fractional).
    pub(super) fn paint(
        &mut self,
        painter: &egui::Painter,
        frame: &FrameData<'_>,
        pass: &FocusedPass<'_>,
        step: Option<&StepThrough>,
        reached: Option<f32>,
    ) {
        let edge_legend = self.draw_edges(painter, pass, step, reached, frame.text);
        let node_legend = self.draw_nodes(painter, frame, pass, step, reached);
        if let (Some(st), Some(reached)) = (step, reached) {
            draw_pulse(painter, &self.layout, st, reached);
        }
        let text_colour = painter.ctx().global_style().visuals.text_color();
        let clip = painter.clip_rect();
        let mut origin = pos2(clip.left() + 8.0, clip.bottom() - 44.0);
        for (title, scale) in [node_legend, edge_legend] {
            legend(painter, origin, title, scale, text_colour);
            origin.x += LEGEND_SPACING;
        }
    }

    /// Draws every edge into the reused mesh; returns the legend of the edge colours.
    fn draw_edges(
        &mut self,
        painter: &egui::Painter,
        pass: &FocusedPass<'_>,
        step: Option<&StepThrough>,
        reached: Option<f32>,
        text: &Strings,
    ) -> (&'static str, Scale) {
        let network = pass.network;
        let layers = network.layers.len();
        let weights: Vec<ArrayView2<'_, f32>> =
            network.layers.iter().map(|l| l.weights.view()).collect();
        let grads: Vec<ArrayView2<'_, f32>> =
            pass.grads.layers.iter().map(|g| g.weights.view()).collect();
        let weight_scale = Scale::Diverging {
            limit: max_abs(weights.iter().copied(), 1e-6),
        };
        let grad_scale = Scale::Sequential {
            max: max_abs(grads.iter().copied(), 1e-9),
        };
        let mesh = Arc::make_mut(&mut self.edge_mesh);
        mesh.clear();
        let legend = match (step, reached) {
            (Some(st), Some(_)) if st.phase == Phase::Update => {
                // Δw once the trainer has updated; until then the step it is about to take.
                let expected: Vec<Array2<f32>>;
                let deltas = if let Some(applied) = &st.delta_weights {
                    applied
                } else {
                    expected = st
                        .grads
                        .layers
                        .iter()
                        .map(|g| &g.weights * -st.learning_rate)
                        .collect();
                    &expected
                };
                let views: Vec<ArrayView2<'_, f32>> = deltas.iter().map(|d| d.view()).collect();
                let scale = Scale::Diverging {
                    limit: max_abs(views.iter().copied(), 1e-9),
                };
                build_edge_mesh(
                    mesh,
                    &self.layout,
                    &edge_layers(&views, &|_| 1.0),
                    scale,
                    MAX_EDGE_WIDTH,
                );
                let title = if st.delta_weights.is_some() {
                    text.legend_weight_change
                } else {
                    text.legend_weight_change_expected
                };
                (title, scale)
            }
            (Some(st), Some(reached)) if st.phase == Phase::Backward => {
                let reached =
                    |l: usize| (layers - 1 - l) as f32 <= reached - 0.001 && reached > 0.0;
                build_edge_mesh(
                    mesh,
                    &self.layout,
                    &edge_layers(&weights, &|l| if reached(l) { 0.0 } else { 0.25 }),
                    weight_scale,
                    MAX_EDGE_WIDTH,
                );
                build_edge_mesh(
                    mesh,
                    &self.layout,
                    &edge_layers(&grads, &|l| if reached(l) { 1.0 } else { 0.0 }),
                    grad_scale,
                    MAX_EDGE_WIDTH,
                );
                (text.legend_weight_gradient, grad_scale)
            }
            (Some(_), Some(reached)) => {
                let opacity = |l: usize| (reached - (l + 1) as f32).clamp(0.12, 1.0);
                build_edge_mesh(
                    mesh,
                    &self.layout,
                    &edge_layers(&weights, &opacity),
                    weight_scale,
                    MAX_EDGE_WIDTH,
                );
                (text.legend_weight, weight_scale)
            }
            _ if self.mode == Mode::Backprop => {
                build_edge_mesh(
                    mesh,
                    &self.layout,
                    &edge_layers(&grads, &|_| 1.0),
                    grad_scale,
                    MAX_EDGE_WIDTH,
                );
                (text.legend_weight_gradient, grad_scale)
            }
            _ => {
                build_edge_mesh(
                    mesh,
                    &self.layout,
                    &edge_layers(&weights, &|_| 1.0),
                    weight_scale,
                    MAX_EDGE_WIDTH,
                );
                (text.legend_weight, weight_scale)
            }
        };
        painter.add(Shape::Mesh(Arc::clone(&self.edge_mesh)));
        legend
    }

    /// Draws the nodes, their heatmaps and labels; returns the legend of the node colours.
    fn draw_nodes(
        &self,
        painter: &egui::Painter,
        frame: &FrameData<'_>,
        pass: &FocusedPass<'_>,
        step: Option<&StepThrough>,
        reached: Option<f32>,
    ) -> (&'static str, Scale) {
        let text = frame.text;
        let network = pass.network;
        let layers = network.layers.len();
        let columns: Vec<ArrayView2<'_, f32>> = std::iter::once(pass.trace.input.view())
            .chain(pass.trace.layers.iter().map(|t| t.a.view()))
            .collect();
        let deltas: Vec<ArrayView2<'_, f32>> =
            pass.grads.layers.iter().map(|g| g.delta.view()).collect();
        let a_scale = Scale::Diverging {
            limit: max_abs(columns.iter().copied(), 1.0),
        };
        let d_scale = Scale::Sequential {
            max: max_abs(deltas.iter().copied(), 1e-9),
        };
        let phase = step.map(|s| s.phase);
        let reached = reached.unwrap_or(f32::INFINITY);
        // Which columns show |δ| rather than a.
        let shows_delta = |c: usize| match phase {
            Some(Phase::Backward) => {
                c > 0 && (layers - c) as f32 <= reached - 0.001 && reached > 0.0
            }
            Some(_) => false,
            None => self.mode == Mode::Backprop && c > 0,
        };
        let r = self.layout.radius;
        let with_maps = self.maps.as_ref().filter(|_| r >= 7.0);
        let mut map_mesh = with_maps.map(|m| Mesh::with_texture(m.texture_id()));
        let text_colour = painter.ctx().global_style().visuals.text_color();
        let outline = Stroke::new(1.0, text_colour.gamma_multiply(0.6));
        for (c, column) in self.layout.columns.iter().enumerate() {
            let dark = phase == Some(Phase::Forward) && c as f32 >= reached;
            for (n, &p) in column.iter().enumerate() {
                let (fill, ring) = if dark {
                    (
                        Color32::TRANSPARENT,
                        Stroke::new(1.0, text_colour.gamma_multiply(0.3)),
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
        self.draw_labels(painter, frame, pass, phase);
        if phase == Some(Phase::Backward) || (phase.is_none() && self.mode == Mode::Backprop) {
            (text.legend_delta, d_scale)
        } else {
            (text.legend_activation, a_scale)
        }
    }

    /// Feature names left of the inputs, class names right of the outputs, and in phase ②
    /// the prediction beside the target.
    fn draw_labels(
        &self,
        painter: &egui::Painter,
        frame: &FrameData<'_>,
        pass: &FocusedPass<'_>,
        phase: Option<Phase>,
    ) {
        let r = self.layout.radius;
        let font = egui::FontId::proportional(12.0);
        let mono = egui::FontId::monospace(12.0);
        let text = frame.text;
        let text_colour = painter.ctx().global_style().visuals.text_color();
        let train = frame.trainer.train_data();
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
                let value = pass.trace.input[[0, i]];
                painter.text(
                    p - vec2(r + 6.0, 0.0),
                    egui::Align2::RIGHT_CENTER,
                    format!("{name} = {}", sig3(value)),
                    font.clone(),
                    text_colour,
                );
            }
        }
        let Some(outputs) = self.layout.columns.last() else {
            return;
        };
        let names = train.class_names();
        let out = pass.trace.output();
        for (j, &p) in outputs.iter().enumerate().step_by(every(outputs)) {
            let (label, color) = match names {
                Some(n) if outputs.len() == 1 && n.len() == 2 => {
                    (format!("p({})", n[1]), class_color(1))
                }
                Some(n) => (n.get(j).cloned().unwrap_or_default(), class_color(j)),
                None => (text.output_n(j + 1), text_colour),
            };
            if names.is_some() {
                painter.circle_stroke(p, r + 2.5, Stroke::new(2.5, color));
            }
            let anchor = p + vec2(r + 8.0, 0.0);
            if phase == Some(Phase::Loss) {
                let line = format!(
                    "ŷ = {}\ny = {}",
                    sig3(out[[0, j]]),
                    sig3(pass.target[[0, j]])
                );
                let galley = painter.layout_no_wrap(line, mono.clone(), text_on(Color32::WHITE));
                let at = anchor - vec2(0.0, galley.size().y / 2.0);
                painter.rect_filled(
                    Rect::from_min_size(at, galley.size()).expand(2.0),
                    3.0,
                    Color32::from_white_alpha(230),
                );
                painter.galley(at, galley, text_colour);
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
}

/// The pulse of the backward phase: dots on the strongest gradient edges of the layer being
/// crossed, moving from its neurons back to their inputs.
fn draw_pulse(painter: &egui::Painter, layout: &Layout, st: &StepThrough, reached: f32) {
    let layers = st.grads.layers.len();
    if st.phase != Phase::Backward || reached <= 0.0 || reached >= layers as f32 {
        return;
    }
    let crossed = reached.floor() as usize;
    let l = layers - 1 - crossed;
    let t = reached - crossed as f32;
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

/// One edge layer per network layer, valued by `values`, each with its opacity.
fn edge_layers<'a>(
    values: &[ArrayView2<'a, f32>],
    opacity: &dyn Fn(usize) -> f32,
) -> Vec<EdgeLayer<'a>> {
    values
        .iter()
        .enumerate()
        .map(|(l, &v)| EdgeLayer {
            values: v,
            opacity: opacity(l),
        })
        .collect()
}
