//! The inspector under the graph: what the pointer is over (a node or an edge), the numbers
//! of the hovered or pinned one with its equation, and a neuron's activation over the whole
//! training set as a sparkline.

use egui::{Pos2, RichText, Sense, Stroke, pos2, vec2};
use ndarray::s;

use super::super::colormap::class_color;
use super::super::frame_data::FrameData;
use super::super::graph::{EdgeLayer, edge_at, max_abs};
use super::super::inspector::{edge_lines, input_symbol, neuron_lines};
use super::super::numbers::sig3;
use super::super::step_through::{Phase, StepThrough};
use super::super::update_rule::UpdateInputs;
use super::{FocusedPass, Inspected, NetworkView};

/// The update of one edge's weight, in its optimizer's rule: in phase ④ the update the
/// engine made (or that it waits for the batch's end); otherwise the update this sample alone
/// would give from the optimizer's current state.
fn update_lines(
    frame: &FrameData<'_>,
    pass: &FocusedPass<'_>,
    step: Option<&StepThrough>,
    edge: (usize, usize, usize),
) -> Vec<String> {
    let text = frame.text;
    let (heading, inputs) = if let Some(st) = step.filter(|st| st.phase == Phase::Update) {
        match st.weight_update(edge) {
            Some(Ok(inputs)) => (
                text.update_made(text.optimizer_name(inputs.optimizer)),
                inputs,
            ),
            Some(Err((place, size, grad))) => {
                return vec![text.update_waits(place, size, sig3(grad))];
            }
            None => return Vec::new(),
        }
    } else {
        let Some(inputs) = update_alone(frame, pass, edge) else {
            return Vec::new();
        };
        (
            text.update_alone(text.optimizer_name(inputs.optimizer)),
            inputs,
        )
    };
    let mut lines = vec![heading];
    lines.extend(inputs.lines().0);
    lines
}

/// What this sample alone would make of the edge's weight from the optimizer's current
/// state (a mini-batch of one).
fn update_alone(
    frame: &FrameData<'_>,
    pass: &FocusedPass<'_>,
    (layer, neuron, input): (usize, usize, usize),
) -> Option<UpdateInputs> {
    let trainer = frame.trainer;
    let config = trainer.config();
    let state = trainer.optimizer_state();
    let moment = |pick: fn(&crate::nn::Moments) -> &ndarray::Array2<f32>| {
        state
            .moments
            .get(layer)
            .and_then(|m| pick(m).get([neuron, input]).copied())
            .unwrap_or(0.0)
    };
    Some(UpdateInputs {
        optimizer: config.optimizer,
        learning_rate: config.learning_rate,
        l2: config.l2,
        weight: *pass
            .network
            .layers
            .get(layer)?
            .weights
            .get([neuron, input])?,
        grad: *pass.grads.layers.get(layer)?.weights.get([neuron, input])?,
        first_moment: moment(|m| &m.weights),
        second_moment: moment(|m| &m.weights_sq),
        step: state.step + 1,
    })
}

impl NetworkView {
    /// The node or edge under `pointer`.
    pub(super) fn hit(&self, pass: &FocusedPass<'_>, pointer: Pos2) -> Option<Inspected> {
        if let Some((column, node)) = self.layout.node_at(pointer) {
            return Some(Inspected::Node { column, node });
        }
        let layers = EdgeLayer::weights_of(pass.network);
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
    pub(super) fn inspector_ui(
        &mut self,
        ui: &mut egui::Ui,
        frame: &FrameData<'_>,
        pass: &FocusedPass<'_>,
        step: Option<&StepThrough>,
        target: Option<Inspected>,
    ) {
        let (trainer, text) = (frame.trainer, frame.text);
        let lines = match target {
            Some(Inspected::Node { column: 0, node }) => {
                let name = trainer
                    .train_data()
                    .feature_names
                    .get(node)
                    .cloned()
                    .unwrap_or_default();
                vec![
                    text.inspector_input(input_symbol(0, node), name),
                    format!(
                        "{} = {}",
                        input_symbol(0, node),
                        sig3(pass.trace.input.get([0, node]).copied().unwrap_or(f32::NAN))
                    ),
                ]
            }
            Some(Inspected::Node { column, node }) => neuron_lines(
                pass.network,
                pass.trace,
                Some(pass.grads),
                (column - 1, node),
                text,
            ),
            Some(Inspected::Edge {
                layer,
                neuron,
                input,
            }) => {
                let edge = (layer, neuron, input);
                let mut lines = edge_lines(pass.network, (pass.trace, pass.grads), edge, text);
                lines.extend(update_lines(frame, pass, step, edge));
                lines
            }
            None => {
                vec![text.inspector_hint.to_owned()]
            }
        };
        ui.horizontal(|ui| {
            ui.vertical(|ui| {
                ui.label(RichText::new(text.inspector_sample(pass.sample)).weak());
                for line in &lines {
                    ui.label(RichText::new(line).monospace());
                }
            });
            if let Some(Inspected::Node { column, node }) = target
                && column > 0
            {
                self.sparkline_ui(ui, frame, (column - 1, node), pass.sample);
            }
        });
    }

    /// The neuron's activation over the whole training set, one dot per sample in its class
    /// colour, sorted by value; the sample in focus is ringed.
    fn sparkline_ui(
        &mut self,
        ui: &mut egui::Ui,
        frame: &FrameData<'_>,
        (layer, neuron): (usize, usize),
        focus: usize,
    ) {
        let (trainer, text) = (frame.trainer, frame.text);
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
            ui.label(RichText::new(text.sparkline_title).weak());
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
