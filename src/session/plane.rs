//! The input plane of 2-feature data, sampled on a grid and pushed through the network in
//! one batched forward pass: the decision regions and every hidden neuron's response.
//! Pure data (no egui), so tests can check it.

use ndarray::Array2;

use crate::data::Dataset;
use crate::nn::{ForwardTrace, LayerTrace, Network};

/// The colours of the classes, in the app's views and the exported animations alike: a
/// qualitative, colour-blind-safe palette for up to 10 classes, the seven Okabe–Ito colours
/// first (blue, orange, bluish green, reddish purple, sky blue, vermillion, yellow), then grey
/// and Tableau's purple and brown.
pub const CLASS_COLORS: [[u8; 3]; 10] = [
    [0, 114, 178],
    [230, 159, 0],
    [0, 158, 115],
    [204, 121, 167],
    [86, 180, 233],
    [213, 94, 0],
    [240, 228, 66],
    [120, 120, 120],
    [148, 103, 189],
    [140, 86, 75],
];

/// The rectangle of the input plane that is shown: feature 0 across, feature 1 up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlaneBounds {
    /// Smallest feature-0 value shown.
    pub x_min: f32,
    /// Largest feature-0 value shown.
    pub x_max: f32,
    /// Smallest feature-1 value shown.
    pub y_min: f32,
    /// Largest feature-1 value shown.
    pub y_max: f32,
}

impl PlaneBounds {
    /// The bounding box of every sample of the given sets, padded by 10% on each side;
    /// `None` unless the data has exactly two features.
    pub fn around<'a>(sets: impl IntoIterator<Item = &'a Dataset>) -> Option<Self> {
        let mut b = Self {
            x_min: f32::INFINITY,
            x_max: f32::NEG_INFINITY,
            y_min: f32::INFINITY,
            y_max: f32::NEG_INFINITY,
        };
        for set in sets {
            if set.num_features() != 2 {
                return None;
            }
            for row in set.features.rows() {
                b.x_min = b.x_min.min(row[0]);
                b.x_max = b.x_max.max(row[0]);
                b.y_min = b.y_min.min(row[1]);
                b.y_max = b.y_max.max(row[1]);
            }
        }
        if !(b.x_min.is_finite()
            && b.x_max.is_finite()
            && b.y_min.is_finite()
            && b.y_max.is_finite())
        {
            return None;
        }
        let pad_x = ((b.x_max - b.x_min) * 0.1).max(0.1);
        let pad_y = ((b.y_max - b.y_min) * 0.1).max(0.1);
        Some(Self {
            x_min: b.x_min - pad_x,
            x_max: b.x_max + pad_x,
            y_min: b.y_min - pad_y,
            y_max: b.y_max + pad_y,
        })
    }

    /// The input at the centre of pixel (`col`, `row`) of a `resolution`² grid whose row 0 is
    /// the top (largest feature 1).
    pub fn point(&self, col: usize, row: usize, resolution: usize) -> [f32; 2] {
        let n = resolution.max(1) as f32;
        [
            self.x_min + (col as f32 + 0.5) / n * (self.x_max - self.x_min),
            self.y_max - (row as f32 + 0.5) / n * (self.y_max - self.y_min),
        ]
    }

    /// Every pixel centre of a `resolution`² grid, row by row from the top.
    /// # Shapes
    /// `[resolution², 2]`
    pub fn grid_inputs(&self, resolution: usize) -> Array2<f32> {
        Array2::from_shape_fn((resolution * resolution, 2), |(p, f)| {
            self.point(p % resolution, p / resolution, resolution)[f]
        })
    }
}

/// One batched forward pass of the whole grid: `trace.layers[l].a[[p, j]]` is neuron j of
/// layer l at pixel p (row-major from the top-left).
pub fn plane_trace(network: &Network, bounds: &PlaneBounds, resolution: usize) -> ForwardTrace {
    network.forward(bounds.grid_inputs(resolution).view())
}

/// The network's answer at every pixel of the plane.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionGrid {
    /// Pixels per side.
    pub resolution: usize,
    /// Predicted class per pixel, row-major from the top-left (the engine's rule:
    /// threshold 0.5 for one output, the largest output otherwise).
    pub classes: Vec<usize>,
    /// How sure the network is, 0..=1: |2a − 1| for one output, the largest softmax
    /// probability rescaled from 1/k..1 for several.
    pub confidence: Vec<f32>,
}

/// Classifies every pixel of the plane with one batched forward pass.
pub fn decision_grid(network: &Network, bounds: &PlaneBounds, resolution: usize) -> DecisionGrid {
    let out = network.forward_output(bounds.grid_inputs(resolution).view());
    decision_from_output(&out, resolution)
}

/// The decision grid from the output layer's z and a over the plane.
fn decision_from_output(output: &LayerTrace, resolution: usize) -> DecisionGrid {
    let mut classes = Vec::with_capacity(output.a.nrows());
    output.classes(&mut classes);
    let out = &output.a;
    let k = out.ncols();
    let confidence = out
        .rows()
        .into_iter()
        .map(|row| {
            if k == 1 {
                (2.0 * row[0] - 1.0).abs().min(1.0)
            } else {
                let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                let floor = 1.0 / k as f32;
                ((max - floor) / (1.0 - floor)).clamp(0.0, 1.0)
            }
        })
        .collect();
    DecisionGrid {
        resolution,
        classes,
        confidence,
    }
}
