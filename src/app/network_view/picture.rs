//! The input layer of image data drawn as the picture of the sample in focus: each pixel is
//! an input node (its edges start at the pixel), shaded from the sample's darkest to its
//! brightest input, one quad per pixel in one mesh; hovering a pixel names its index and value.

use egui::emath::RectTransform;
use egui::{Color32, Mesh, Pos2, Rect, Sense, Shape, Stroke, pos2, vec2};
use ndarray::ArrayView1;

use super::super::graph::Layout;
use super::super::numbers::sig3;
use super::super::strings::Strings;

/// Most points of the graph's side margin the picture may use left of the input column.
const MARGIN_USED: f32 = 120.0;

/// Where the input picture is drawn, on screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Picture {
    /// `(rows, columns)` of pixels.
    pub shape: (usize, usize),
    /// The whole picture, in screen points.
    pub rect: Rect,
}

impl Picture {
    /// Lays the input column of `layout` (in graph space, column 0 with one node) out as a
    /// `shape` grid instead, as tall as the tallest column and as wide as fits between the
    /// label margin and the first hidden layer; returns the picture in graph space.
    pub fn lay_out(layout: &mut Layout, shape: (usize, usize)) -> Option<Self> {
        let (rows, columns) = shape;
        let input = *layout.columns.first()?.first()?;
        let next_x = layout
            .columns
            .get(1)
            .and_then(|c| c.first())
            .map_or(input.x + 200.0, |p| p.x);
        let height = layout
            .columns
            .iter()
            .filter_map(|c| Some(c.last()?.y - c.first()?.y))
            .fold(100.0_f32, f32::max);
        let right = input.x + 0.45 * (next_x - input.x);
        let room = right - (input.x - MARGIN_USED);
        let pixel = (height / rows as f32).min(room / columns as f32).max(0.5);
        let size = vec2(pixel * columns as f32, pixel * rows as f32);
        let rect = Rect::from_center_size(pos2(right - size.x / 2.0, input.y), size);
        layout.columns[0] = (0..rows * columns)
            .map(|i| {
                let (r, c) = (i / columns, i % columns);
                rect.min + vec2((c as f32 + 0.5) * pixel, (r as f32 + 0.5) * pixel)
            })
            .collect();
        Some(Self { shape, rect })
    }

    /// The picture through `screen_from_graph` (pan and zoom).
    #[must_use]
    pub fn mapped(self, screen_from_graph: &RectTransform) -> Self {
        Self {
            rect: screen_from_graph.transform_rect(self.rect),
            ..self
        }
    }

    /// The pixel (input index) under `pointer`.
    pub fn pixel_at(&self, pointer: Pos2) -> Option<usize> {
        if !self.rect.contains(pointer) {
            return None;
        }
        let (rows, columns) = self.shape;
        let at = (pointer - self.rect.min) / self.rect.size();
        let r = ((at.y * rows as f32) as usize).min(rows - 1);
        let c = ((at.x * columns as f32) as usize).min(columns - 1);
        Some(r * columns + c)
    }

    /// Draws `values` (one per pixel, row by row) in grey from their least to their largest,
    /// with a frame and, if `highlight` is a pixel, a ring around it.
    pub fn paint(
        &self,
        painter: &egui::Painter,
        values: ArrayView1<'_, f32>,
        outline: Stroke,
        highlight: Option<usize>,
    ) {
        let (rows, columns) = self.shape;
        let (low, high) = values
            .iter()
            .filter(|v| v.is_finite())
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            });
        let span = (high - low).max(f32::MIN_POSITIVE);
        let pixel = self.rect.width() / columns as f32;
        let mut mesh = Mesh::default();
        for (i, &v) in values.iter().enumerate().take(rows * columns) {
            let t = if v.is_finite() { (v - low) / span } else { 0.0 };
            let min =
                self.rect.min + vec2((i % columns) as f32 * pixel, (i / columns) as f32 * pixel);
            mesh.add_colored_rect(
                Rect::from_min_size(min, vec2(pixel, pixel)),
                Color32::from_gray((t * 255.0).round() as u8),
            );
        }
        painter.add(Shape::mesh(mesh));
        painter.rect_stroke(self.rect, 0.0, outline, egui::StrokeKind::Outside);
        if let Some(i) = highlight.filter(|&i| i < rows * columns) {
            let min =
                self.rect.min + vec2((i % columns) as f32 * pixel, (i / columns) as f32 * pixel);
            painter.rect_stroke(
                Rect::from_min_size(min, vec2(pixel, pixel)),
                0.0,
                Stroke::new(2.0, Color32::from_rgb(230, 60, 40)),
                egui::StrokeKind::Outside,
            );
        }
    }

    /// An invisible widget over the picture: its accessible name says what it is, and its
    /// hover text names the pixel under the pointer with its value.
    pub fn ui(&self, ui: &mut egui::Ui, values: ArrayView1<'_, f32>, text: &Strings) {
        let (rows, columns) = self.shape;
        let name = text.input_picture(rows, columns);
        let response = ui.interact(
            self.rect,
            ui.scope_id().with("input_picture"),
            Sense::hover(),
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, name.clone()));
        if let Some(i) = response.hover_pos().and_then(|p| self.pixel_at(p)) {
            let value = values.get(i).copied().unwrap_or(f32::NAN);
            response.on_hover_text(text.input_pixel(i, i / columns, i % columns, sig3(value)));
        }
    }
}
