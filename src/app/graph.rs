//! The geometry of the network graph: where each node sits, and all the edges of the network
//! batched into one mesh (one quad per visible edge, negligible edges culled), plus the
//! thinning of a large graph to each neuron's strongest edges.

use egui::emath::RectTransform;
use egui::{Color32, Mesh, Pos2, Rect, pos2, vec2};
use ndarray::ArrayView2;

use super::colormap::{Scale, diverging, sequential};
use crate::nn::Network;

/// Space kept free left and right of the graph for the input and output labels.
const SIDE_MARGIN: f32 = 140.0;
/// Space kept free above the graph for the per-layer controls.
const TOP_MARGIN: f32 = 44.0;
/// Edges weaker than this fraction of the strongest are culled when the graph is large.
const CULL_FRACTION: f32 = 0.04;
/// Above this many edges, negligible ones are culled.
const CULL_ABOVE_EDGES: usize = 1500;

/// Where every node of the graph is drawn, in screen points.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    /// `columns[c][n]`: node n of column c; column 0 is the input, column l + 1 is layer l.
    pub columns: Vec<Vec<Pos2>>,
    /// Node radius.
    pub radius: f32,
}

impl Layout {
    /// Lays out columns of `widths` nodes (inputs first) to fit `rect`, in graph space (the
    /// screen at zoom 1, before [`Layout::mapped`]).
    pub fn new(widths: &[usize], rect: Rect) -> Self {
        let inner = Rect::from_min_max(
            rect.min + vec2(SIDE_MARGIN, TOP_MARGIN),
            rect.max - vec2(SIDE_MARGIN, 12.0),
        );
        let tallest = widths.iter().copied().max().unwrap_or(1).max(1) as f32;
        let spacing = (inner.height() / tallest).min(64.0);
        let radius = (spacing * 0.36).clamp(1.5, 20.0);
        let gaps = widths.len().saturating_sub(1).max(1) as f32;
        let columns = widths
            .iter()
            .enumerate()
            .map(|(c, &n)| {
                let x = if widths.len() == 1 {
                    inner.center().x
                } else {
                    inner.left() + inner.width() * c as f32 / gaps
                };
                let top = inner.center().y - spacing * (n as f32 - 1.0) / 2.0;
                (0..n).map(|k| pos2(x, top + spacing * k as f32)).collect()
            })
            .collect();
        Self { columns, radius }
    }

    /// The layout on screen: every node through `screen_from_graph` (pan and zoom), the
    /// radius scaled with it.
    #[must_use]
    pub fn mapped(mut self, screen_from_graph: &RectTransform) -> Self {
        for column in &mut self.columns {
            for p in column {
                *p = *screen_from_graph * *p;
            }
        }
        self.radius *= screen_from_graph.scale().x;
        self
    }

    /// The node under `pointer`, as (column, node).
    pub fn node_at(&self, pointer: Pos2) -> Option<(usize, usize)> {
        let reach = self.radius.max(4.0);
        self.columns.iter().enumerate().find_map(|(c, col)| {
            col.iter()
                .position(|p| p.distance(pointer) <= reach)
                .map(|n| (c, n))
        })
    }
}

/// The values an edge layer is drawn from, and how bright it is.
#[derive(Debug, Clone, Copy)]
pub struct EdgeLayer<'a> {
    /// One value per edge into layer l: `[outputs, inputs]`, like `Layer::weights`.
    pub values: ArrayView2<'a, f32>,
    /// Opacity multiplier 0..=1 (dimmed layers in the step-through).
    pub opacity: f32,
    /// Draw only each neuron's this many strongest incoming edges (`None`: all).
    pub strongest: Option<usize>,
}

impl<'a> EdgeLayer<'a> {
    /// One fully opaque layer of edges per network layer, valued by the weights.
    pub fn weights_of(network: &'a Network) -> Vec<Self> {
        network
            .layers
            .iter()
            .map(|l| EdgeLayer {
                values: l.weights.view(),
                opacity: 1.0,
                strongest: None,
            })
            .collect()
    }

    /// For each neuron (row of `values`), the least |value| of an edge drawn into it: its
    /// `strongest`-th largest |value|, or 0 when every edge is drawn.
    pub fn thresholds(&self) -> Vec<f32> {
        let (outputs, inputs) = self.values.dim();
        let Some(k) = self.strongest.filter(|&k| k < inputs) else {
            return vec![0.0; outputs];
        };
        let mut scratch = Vec::with_capacity(inputs);
        self.values
            .rows()
            .into_iter()
            .map(|row| {
                if k == 0 {
                    return f32::INFINITY;
                }
                scratch.clear();
                scratch.extend(row.iter().map(|v| v.abs()));
                let (_, kth, _) = scratch.select_nth_unstable_by(inputs - k, f32::total_cmp);
                *kth
            })
            .collect()
    }
}

/// True when the edge with value `v` is drawn under `scale` (negligible edges of large
/// graphs are culled).
pub fn edge_visible(v: f32, limit: f32, cull: bool) -> bool {
    v.is_finite() && !(cull && v.abs() < CULL_FRACTION * limit)
}

/// The scale's limit (the value drawn fully saturated).
pub fn scale_limit(scale: Scale) -> f32 {
    match scale {
        Scale::Diverging { limit } => limit,
        Scale::Sequential { max } => max,
    }
}

/// Whether a graph with `edges` edges culls its negligible ones.
pub fn culls(edges: usize) -> bool {
    edges > CULL_ABOVE_EDGES
}

/// Appends to `mesh` (whose buffers the caller clears and reuses) with one quad per visible edge: colour
/// from `scale` (sign on the diverging scale, magnitude on the sequential one), width and
/// opacity ∝ |value| up to `max_width`. Never allocates per edge.
pub fn build_edge_mesh(
    mesh: &mut Mesh,
    layout: &Layout,
    layers: &[EdgeLayer<'_>],
    scale: Scale,
    max_width: f32,
) {
    let limit = scale_limit(scale).max(f32::MIN_POSITIVE);
    let edges: usize = layers.iter().map(|l| l.values.len()).sum();
    let cull = culls(edges);
    mesh.reserve_vertices(edges * 4);
    mesh.reserve_triangles(edges * 2);
    for (l, layer) in layers.iter().enumerate() {
        let (Some(from), Some(to)) = (layout.columns.get(l), layout.columns.get(l + 1)) else {
            continue;
        };
        if layer.opacity <= 0.0 {
            continue;
        }
        let least = layer.thresholds();
        for ((j, i), &v) in layer.values.indexed_iter() {
            if !edge_visible(v, limit, cull) || v.abs() < least[j] {
                continue;
            }
            let (Some(&a), Some(&b)) = (from.get(i), to.get(j)) else {
                continue;
            };
            let t = (v.abs() / limit).min(1.0);
            let color = match scale {
                Scale::Diverging { .. } => diverging(v, limit),
                Scale::Sequential { .. } => sequential(t),
            };
            let alpha = (0.15 + 0.85 * t.sqrt()) * layer.opacity;
            let width = (0.4 + (max_width - 0.4) * t).max(0.4);
            add_segment(mesh, a, b, width, color.gamma_multiply(alpha));
        }
    }
}

/// One quad from `a` to `b`.
fn add_segment(mesh: &mut Mesh, a: Pos2, b: Pos2, width: f32, color: Color32) {
    let normal = (b - a).normalized().rot90() * (width * 0.5);
    let base = mesh.vertices.len() as u32;
    mesh.colored_vertex(a + normal, color);
    mesh.colored_vertex(a - normal, color);
    mesh.colored_vertex(b - normal, color);
    mesh.colored_vertex(b + normal, color);
    mesh.add_triangle(base, base + 1, base + 2);
    mesh.add_triangle(base, base + 2, base + 3);
}

/// The visible edge nearest `pointer` within `reach` points, as (layer, neuron j, input i).
pub fn edge_at(
    layout: &Layout,
    layers: &[EdgeLayer<'_>],
    limit: f32,
    pointer: Pos2,
    reach: f32,
) -> Option<(usize, usize, usize)> {
    let edges: usize = layers.iter().map(|l| l.values.len()).sum();
    let cull = culls(edges);
    let mut best: Option<((usize, usize, usize), f32)> = None;
    for (l, layer) in layers.iter().enumerate() {
        let (Some(from), Some(to)) = (layout.columns.get(l), layout.columns.get(l + 1)) else {
            continue;
        };
        let (Some(x0), Some(x1)) = (from.first().map(|p| p.x), to.first().map(|p| p.x)) else {
            continue;
        };
        if pointer.x < x0.min(x1) || pointer.x > x0.max(x1) {
            continue;
        }
        let least = layer.thresholds();
        for ((j, i), &v) in layer.values.indexed_iter() {
            if !edge_visible(v, limit, cull) || v.abs() < least[j] {
                continue;
            }
            let d = segment_distance(pointer, from[i], to[j]);
            if d <= reach && best.is_none_or(|(_, bd)| d < bd) {
                best = Some(((l, j, i), d));
            }
        }
    }
    best.map(|(e, _)| e)
}

fn segment_distance(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = ((p - a).dot(ab) / ab.length_sq().max(f32::EPSILON)).clamp(0.0, 1.0);
    p.distance(a + ab * t)
}

/// The largest |value| over all layers (at least `floor`).
pub fn max_abs<'a>(values: impl IntoIterator<Item = ArrayView2<'a, f32>>, floor: f32) -> f32 {
    values
        .into_iter()
        .flat_map(|v| v.into_iter().copied())
        .filter(|v| v.is_finite())
        .fold(floor, |m, v| m.max(v.abs()))
}
