//! The frame benchmark of the network view (`perceptron-lab bench --frame [--net …]`): lays
//! out a network for a 1600 × 1000 view, the input as a picture when its width is a square,
//! and builds the edge mesh as the view draws it at zoom 1 (a large graph thinned to each
//! neuron's strongest edges) plus the picture's pixels, a slightly different pan each frame.

use std::time::{Duration, Instant};

use egui::emath::RectTransform;
use egui::{Mesh, Pos2, Rect, Stroke, vec2};
use ndarray::Array1;

use super::super::colormap::Scale;
use super::super::graph::{EdgeLayer, Layout, build_edge_mesh, culls, max_abs};
use super::DEFAULT_STRONGEST_EDGES;
use super::picture::Picture;
use crate::nn::{Activation, Architecture, LayerSpec, Network};

/// The network timed without `--net`: 64 inputs and 8 layers of 64 (32,768 edges).
const DEFAULT_NET: [usize; 9] = [64; 9];

/// Times `frames` frames of the graph of the network with layer widths `net` (inputs first;
/// the 8 × 64 network without it). Returns the mean time per frame and the edges drawn in
/// a frame.
pub fn bench_frame(frames: usize, net: Option<&[usize]>) -> Result<(Duration, usize), String> {
    let net = net.unwrap_or(&DEFAULT_NET);
    let (&inputs, widths) = net
        .split_first()
        .filter(|(_, rest)| !rest.is_empty())
        .ok_or("--net needs at least two layer widths (inputs, outputs)")?;
    let architecture = Architecture {
        inputs,
        layers: widths
            .iter()
            .enumerate()
            .map(|(l, &width)| LayerSpec {
                width,
                activation: if l + 1 == widths.len() {
                    Activation::Sigmoid
                } else {
                    Activation::Tanh
                },
            })
            .collect(),
    };
    let network = Network::new(&architecture, 1).map_err(|e| e.to_string())?;
    let side = inputs.isqrt();
    let shape = (side > 1 && side * side == inputs).then_some((side, side));
    let column_widths: Vec<usize> = std::iter::once(if shape.is_some() { 1 } else { inputs })
        .chain(widths.iter().copied())
        .collect();
    let edges: usize = network.layers.iter().map(|l| l.weights.len()).sum();
    let strongest = culls(edges).then_some(DEFAULT_STRONGEST_EDGES);
    let input = Array1::from_shape_fn(inputs, |i| (i % 17) as f32 / 17.0);
    let rect = Rect::from_min_size(Pos2::ZERO, vec2(1600.0, 1000.0));
    let ctx = egui::Context::default();
    let painter = egui::Painter::new(ctx, egui::LayerId::background(), rect);
    let mut mesh = Mesh::default();
    let frames = frames.max(1);
    let start = Instant::now();
    for frame in 0..frames {
        mesh.clear();
        // A slightly different pan each frame, as while the user drags.
        let shown = rect.translate(vec2(frame as f32 * -0.01, 0.0));
        let screen_from_graph = RectTransform::from_to(shown, rect);
        let mut layout = Layout::new(&column_widths, rect);
        let picture = shape.and_then(|shape| Picture::lay_out(&mut layout, shape));
        let layout = layout.mapped(&screen_from_graph);
        let mut layers = EdgeLayer::weights_of(&network);
        for layer in &mut layers {
            layer.strongest = strongest;
        }
        let limit = max_abs(layers.iter().map(|l| l.values), 1e-6);
        build_edge_mesh(&mut mesh, &layout, &layers, Scale::Diverging { limit }, 4.0);
        if let Some(picture) = picture.map(|p| p.mapped(&screen_from_graph)) {
            picture.paint(&painter, input.view(), Stroke::NONE, None);
        }
        std::hint::black_box(&mesh);
    }
    let per_frame = start.elapsed() / frames as u32;
    Ok((per_frame, mesh.indices.len() / 6))
}
