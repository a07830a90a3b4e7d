//! The app's one set of colours: a diverging blue–grey–orange scale for signed values, a
//! viridis-like sequential scale for magnitudes, the class palette (the same in the boundary,
//! the points, the output nodes, the plots and the confusion matrix), and the legends that
//! label the scales with numbers.

use egui::{Color32, Pos2, Rect, Stroke, Vec2, pos2, vec2};

use super::numbers::sig3;
use crate::session::CLASS_COLORS;

/// Blue end of the diverging scale (negative values).
const NEGATIVE: [f32; 3] = [33.0, 102.0, 172.0];
/// Neutral middle of the diverging scale (zero).
const NEUTRAL: [f32; 3] = [200.0, 200.0, 200.0];
/// Orange end of the diverging scale (positive values).
const POSITIVE: [f32; 3] = [230.0, 120.0, 20.0];

/// Viridis sampled at nine even stops, from 0 (dark purple) to 1 (yellow).
const VIRIDIS: [[f32; 3]; 9] = [
    [68.0, 1.0, 84.0],
    [71.0, 44.0, 122.0],
    [59.0, 81.0, 139.0],
    [44.0, 113.0, 142.0],
    [33.0, 144.0, 141.0],
    [39.0, 173.0, 129.0],
    [92.0, 200.0, 99.0],
    [170.0, 220.0, 50.0],
    [253.0, 231.0, 37.0],
];

fn mix(a: [f32; 3], b: [f32; 3], t: f32) -> Color32 {
    let c = |i: usize| (a[i] + (b[i] - a[i]) * t).round().clamp(0.0, 255.0) as u8;
    Color32::from_rgb(c(0), c(1), c(2))
}

/// The diverging colour of `value` on a scale from `−limit` (blue) through 0 (grey) to
/// `+limit` (orange); values beyond the limit saturate.
pub fn diverging(value: f32, limit: f32) -> Color32 {
    let t = if limit > 0.0 && value.is_finite() {
        (value / limit).clamp(-1.0, 1.0)
    } else {
        0.0
    };
    if t < 0.0 {
        mix(NEUTRAL, NEGATIVE, -t)
    } else {
        mix(NEUTRAL, POSITIVE, t)
    }
}

/// The sequential (viridis-like) colour of `t` in 0..=1.
pub fn sequential(t: f32) -> Color32 {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let x = t * (VIRIDIS.len() - 1) as f32;
    let i = (x.floor() as usize).min(VIRIDIS.len() - 2);
    mix(VIRIDIS[i], VIRIDIS[i + 1], x - i as f32)
}

/// The colour of class `index`, the same in every view (the palette repeats after ten
/// classes).
pub fn class_color(index: usize) -> Color32 {
    let [r, g, b] = CLASS_COLORS[index % CLASS_COLORS.len()];
    Color32::from_rgb(r, g, b)
}

/// Black or white, whichever reads better on `background`.
pub fn text_on(background: Color32) -> Color32 {
    let luma = 0.299 * f32::from(background.r())
        + 0.587 * f32::from(background.g())
        + 0.114 * f32::from(background.b());
    if luma > 140.0 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// Which scale a legend shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    /// Signed values from −limit to +limit.
    Diverging {
        /// The value drawn fully saturated.
        limit: f32,
    },
    /// Magnitudes from 0 to max.
    Sequential {
        /// The value drawn at the top of the scale.
        max: f32,
    },
}

/// Draws a horizontal colour bar with its title and end/middle values at `origin` (top-left)
/// and returns the area it took.
pub fn legend(
    painter: &egui::Painter,
    origin: Pos2,
    title: &str,
    scale: Scale,
    text_color: Color32,
) -> Rect {
    let bar = Rect::from_min_size(origin + vec2(0.0, 14.0), vec2(160.0, 10.0));
    let font = egui::FontId::monospace(11.0);
    painter.text(
        origin,
        egui::Align2::LEFT_TOP,
        title,
        egui::FontId::proportional(11.0),
        text_color,
    );
    let steps = 32;
    let mut mesh = egui::Mesh::default();
    for s in 0..steps {
        let t0 = s as f32 / steps as f32;
        let t1 = (s + 1) as f32 / steps as f32;
        let color = match scale {
            Scale::Diverging { .. } => diverging(t0 * 2.0 - 1.0 + 1.0 / steps as f32, 1.0),
            Scale::Sequential { .. } => sequential(t0),
        };
        let r = Rect::from_x_y_ranges(
            bar.lerp_inside(vec2(t0, 0.0)).x..=bar.lerp_inside(vec2(t1, 0.0)).x,
            bar.y_range(),
        );
        mesh.add_colored_rect(r, color);
    }
    painter.add(egui::Shape::mesh(mesh));
    painter.rect_stroke(
        bar,
        0.0,
        Stroke::new(1.0, text_color.gamma_multiply(0.5)),
        egui::StrokeKind::Outside,
    );
    let (low, mid, high) = match scale {
        Scale::Diverging { limit } => (sig3(-limit), "0".to_owned(), sig3(limit)),
        Scale::Sequential { max } => ("0".to_owned(), sig3(max / 2.0), sig3(max)),
    };
    let y = bar.bottom() + 2.0;
    painter.text(
        pos2(bar.left(), y),
        egui::Align2::LEFT_TOP,
        low,
        font.clone(),
        text_color,
    );
    painter.text(
        pos2(bar.center().x, y),
        egui::Align2::CENTER_TOP,
        mid,
        font.clone(),
        text_color,
    );
    painter.text(
        pos2(bar.right(), y),
        egui::Align2::RIGHT_TOP,
        high,
        font,
        text_color,
    );
    Rect::from_min_size(origin, Vec2::new(160.0, 40.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diverging_is_grey_at_zero_and_saturates() {
        assert_eq!(
            diverging(0.0, 1.0),
            Color32::from_rgb(200, 200, 200),
            "zero is neutral"
        );
        assert_eq!(
            diverging(5.0, 1.0),
            diverging(1.0, 1.0),
            "beyond the limit saturates"
        );
        assert!(
            diverging(-1.0, 1.0).b() > diverging(-1.0, 1.0).r(),
            "negative is blue"
        );
    }
}
