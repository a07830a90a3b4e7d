//! The small heatmap on every neuron (2-feature data): what the neuron responds to across
//! the input plane, from one batched forward pass of a 64 × 64 grid, packed into one texture
//! atlas and drawn as one textured mesh.

use std::time::Instant;

use egui::{Color32, Mesh, Pos2, Rect, TextureHandle, TextureOptions, pos2, vec2};

use super::colormap::diverging;
use crate::nn::{ForwardTrace, Network};
use crate::session::{PlaneBounds, plane_trace};

/// Pixels per side of each neuron's heatmap.
pub const NEURON_RESOLUTION: usize = 64;

/// The heatmaps of every neuron of every layer, in one texture.
pub struct NeuronMaps {
    texture: TextureHandle,
    /// First atlas cell of each layer.
    offsets: Vec<usize>,
    /// Cells per atlas row and rows.
    grid: [usize; 2],
    drawn_for: (Network, PlaneBounds),
    computed_secs: f64,
    /// Seconds the last recomputation took (the refresh interval adapts to it).
    cost_secs: f64,
}

/// The colour limit of a layer's heatmaps: its largest |a| over the plane, at least 1.
fn layer_limit(trace: &ForwardTrace, layer: usize) -> f32 {
    trace.layers[layer]
        .a
        .iter()
        .filter(|v| v.is_finite())
        .fold(1.0_f32, |m, v| m.max(v.abs()))
}

/// Every neuron's response over the plane, packed into an atlas image of `grid` cells.
fn atlas_image(
    network: &Network,
    bounds: &PlaneBounds,
) -> (egui::ColorImage, Vec<usize>, [usize; 2]) {
    let n = NEURON_RESOLUTION;
    let trace = plane_trace(network, bounds, n);
    let mut offsets = Vec::with_capacity(network.layers.len());
    let mut total = 0;
    for layer in &network.layers {
        offsets.push(total);
        total += layer.width();
    }
    let cols = (total as f32).sqrt().ceil().max(1.0) as usize;
    let rows = total.div_ceil(cols).max(1);
    let mut image = egui::ColorImage::filled([cols * n, rows * n], Color32::TRANSPARENT);
    let width = cols * n;
    for (l, layer_trace) in trace.layers.iter().enumerate() {
        let limit = layer_limit(&trace, l);
        for (j, column) in layer_trace.a.columns().into_iter().enumerate() {
            let cell = offsets[l] + j;
            let (cx, cy) = ((cell % cols) * n, (cell / cols) * n);
            for (p, &a) in column.iter().enumerate() {
                image.pixels[(cy + p / n) * width + cx + p % n] = diverging(a, limit);
            }
        }
    }
    (image, offsets, [cols, rows])
}

impl NeuronMaps {
    /// Keeps `maps` in step with `network`: recomputes when the weights or plane changed,
    /// no more often than every 100 ms or four times the last computation's cost.
    pub fn refresh(
        maps: &mut Option<Self>,
        ctx: &egui::Context,
        network: &Network,
        bounds: PlaneBounds,
    ) {
        let now = ctx.input(|i| i.time);
        if let Some(m) = maps.as_ref() {
            if m.drawn_for.0 == *network && m.drawn_for.1 == bounds {
                return;
            }
            let interval = (m.cost_secs * 4.0).max(0.1);
            if now - m.computed_secs < interval
                && m.drawn_for.0.architecture() == network.architecture()
            {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(interval));
                return;
            }
        }
        let started = Instant::now();
        let (image, offsets, grid) = atlas_image(network, &bounds);
        let cost_secs = started.elapsed().as_secs_f64();
        let drawn_for = (network.clone(), bounds);
        let texture = if let Some(m) = maps.take() {
            let mut texture = m.texture;
            texture.set(image, TextureOptions::LINEAR);
            texture
        } else {
            ctx.load_texture("neuron heatmaps", image, TextureOptions::LINEAR)
        };
        *maps = Some(Self {
            texture,
            offsets,
            grid,
            drawn_for,
            computed_secs: now,
            cost_secs,
        });
    }

    /// Adds the heatmap of neuron `neuron` of layer `layer` as a square of half-side `half`
    /// centred on `centre` to `mesh` (which must use this atlas's texture).
    pub fn add_to_mesh(
        &self,
        mesh: &mut Mesh,
        layer: usize,
        neuron: usize,
        centre: Pos2,
        half: f32,
    ) {
        let Some(&offset) = self.offsets.get(layer) else {
            return;
        };
        let cell = offset + neuron;
        let [cols, rows] = self.grid;
        let (u, v) = (
            (cell % cols) as f32 / cols as f32,
            (cell / cols) as f32 / rows as f32,
        );
        let uv = Rect::from_min_size(pos2(u, v), vec2(1.0 / cols as f32, 1.0 / rows as f32));
        mesh.add_rect_with_uv(
            Rect::from_center_size(centre, vec2(half, half) * 2.0),
            uv,
            Color32::WHITE,
        );
    }

    /// The atlas texture.
    pub fn texture_id(&self) -> egui::TextureId {
        self.texture.id()
    }
}
