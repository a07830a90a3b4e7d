//! The 2-D output view: the network's decision regions as a heatmap behind the training
//! (filled discs) and test (hollow rings) points; click a training point to focus it.

use std::time::Duration;

use egui::emath::RectTransform;
use egui::{Color32, Pos2, Rect, Sense, Stroke, TextureHandle, TextureOptions, pos2, vec2};

use super::colormap::class_color;
use super::command::{Command, CommandQueue};
use super::frame_data::FrameData;
use super::numbers::sig3;
use crate::nn::Network;
use crate::session::{DecisionGrid, PlaneBounds, decision_grid};

/// Pixels per side of the decision heatmap.
pub const BOUNDARY_RESOLUTION: usize = 200;
/// Least time between two recomputations of the heatmap while the weights change.
const RECOMPUTE_INTERVAL: Duration = Duration::from_millis(80);

/// The decision-boundary panel (2-feature data only).
#[derive(Default)]
pub struct BoundaryView {
    texture: Option<TextureHandle>,
    /// The weights the texture was computed from.
    drawn_for: Option<(Network, PlaneBounds)>,
    last_compute_secs: f64,
}

impl std::fmt::Debug for BoundaryView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BoundaryView").finish_non_exhaustive()
    }
}

/// The background colour of a pixel: the class colour, paler where the network is unsure.
pub fn region_color(class: usize, confidence: f32) -> Color32 {
    let c = class_color(class);
    let t = 0.2 + 0.45 * confidence;
    let mix = |v: u8| (255.0 + (f32::from(v) - 255.0) * t).round() as u8;
    Color32::from_rgb(mix(c.r()), mix(c.g()), mix(c.b()))
}

/// The decision grid as an image (row 0 at the top).
pub fn decision_image(grid: &DecisionGrid) -> egui::ColorImage {
    let pixels = grid
        .classes
        .iter()
        .zip(&grid.confidence)
        .map(|(&c, &conf)| region_color(c, conf))
        .collect();
    egui::ColorImage::new([grid.resolution, grid.resolution], pixels)
}

impl BoundaryView {
    /// The weights the heatmap on screen was computed from, once it was drawn.
    pub fn drawn_network(&self) -> Option<&Network> {
        self.drawn_for.as_ref().map(|(network, _)| network)
    }

    /// Draws the boundary and points; a click on a training point puts it in focus.
    pub fn ui(&mut self, ui: &mut egui::Ui, frame: &FrameData<'_>, commands: &mut CommandQueue) {
        let (trainer, focus, text) = (frame.trainer, frame.focus, frame.text);
        let train = trainer.train_data();
        let Some(bounds) = PlaneBounds::around(std::iter::once(train).chain(trainer.test_data()))
        else {
            ui.label(text.boundary_needs_two_features(train.num_features()));
            return;
        };
        self.refresh(ui.ctx(), trainer.network(), bounds);
        // The column is shared with the plots and the confusion matrix: take under half of it.
        let budget = ui.available_height();
        let side = ui
            .available_width()
            .min(if budget.is_finite() {
                (budget * 0.42).max(160.0)
            } else {
                320.0
            })
            .max(120.0);
        let (response, painter) = ui.allocate_painter(vec2(side, side), Sense::click());
        let rect = response.rect;
        let plane = Rect::from_min_max(
            pos2(bounds.x_min, -bounds.y_max),
            pos2(bounds.x_max, -bounds.y_min),
        );
        let screen_from_plane = RectTransform::from_to(plane, rect);
        if let Some(texture) = &self.texture {
            painter.image(
                texture.id(),
                rect,
                Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0)),
                Color32::WHITE,
            );
        }
        let to_screen = |x: f32, y: f32| screen_from_plane * pos2(x, -y);
        let labels = train.labels();
        let outline = Stroke::new(1.0, Color32::from_gray(30));
        if let Some(test) = trainer.test_data() {
            for (i, row) in test.features.rows().into_iter().enumerate() {
                let class = test.labels().map_or(0, |l| l[i]);
                let p = to_screen(row[0], row[1]);
                painter.circle_stroke(p, 4.0, Stroke::new(2.5, Color32::from_gray(30)));
                painter.circle_stroke(p, 4.0, Stroke::new(1.5, class_color(class)));
            }
        }
        for (i, row) in train.features.rows().into_iter().enumerate() {
            let class = labels.map_or(0, |l| l[i]);
            painter.circle(to_screen(row[0], row[1]), 3.5, class_color(class), outline);
        }
        if focus < train.len() {
            let row = train.sample(focus);
            let p = to_screen(row[0], row[1]);
            painter.circle_stroke(p, 8.0, Stroke::new(2.0, Color32::BLACK));
            painter.circle_stroke(p, 10.0, Stroke::new(1.5, Color32::WHITE));
        }
        painter.rect_stroke(
            rect,
            0.0,
            Stroke::new(1.0, Color32::from_gray(120)),
            egui::StrokeKind::Outside,
        );
        let names = &train.feature_names;
        ui.horizontal(|ui| {
            ui.label(text.boundary_axes(names[0].as_str(), names[1].as_str()));
            ui.label(text.boundary_key);
        });
        let Some(pointer) = response.hover_pos() else {
            return;
        };
        let Some(nearest) = nearest_point(train, pointer, &|x, y| to_screen(x, y), 8.0) else {
            return;
        };
        let row = train.sample(nearest);
        let class = labels
            .and_then(|l| train.class_names().and_then(|n| n.get(l[nearest])))
            .map_or(String::new(), |c| text.class_named(c.as_str()));
        let response =
            response.on_hover_text(text.boundary_point(nearest, sig3(row[0]), sig3(row[1]), class));
        if response.clicked() {
            commands.push(Command::Focus(nearest));
        }
    }

    /// Recomputes the heatmap when the weights or the plane changed (at most every 80 ms).
    fn refresh(&mut self, ctx: &egui::Context, network: &Network, bounds: PlaneBounds) {
        let now = ctx.input(|i| i.time);
        let stale = self
            .drawn_for
            .as_ref()
            .is_none_or(|(n, b)| n != network || *b != bounds);
        if !stale {
            return;
        }
        if self.texture.is_some() && now - self.last_compute_secs < RECOMPUTE_INTERVAL.as_secs_f64()
        {
            ctx.request_repaint_after(RECOMPUTE_INTERVAL);
            return;
        }
        let image = decision_image(&decision_grid(network, &bounds, BOUNDARY_RESOLUTION));
        match &mut self.texture {
            Some(texture) => texture.set(image, TextureOptions::LINEAR),
            None => {
                self.texture =
                    Some(ctx.load_texture("decision boundary", image, TextureOptions::LINEAR));
            }
        }
        self.drawn_for = Some((network.clone(), bounds));
        self.last_compute_secs = now;
    }
}

fn nearest_point(
    data: &crate::data::Dataset,
    pointer: Pos2,
    to_screen: &dyn Fn(f32, f32) -> Pos2,
    radius: f32,
) -> Option<usize> {
    data.features
        .rows()
        .into_iter()
        .enumerate()
        .map(|(i, row)| (i, to_screen(row[0], row[1]).distance(pointer)))
        .filter(|&(_, d)| d <= radius)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}
