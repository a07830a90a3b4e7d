//! Look: the bundled Hangul-capable fallback font, the class palette, the colour scales and
//! the 3-significant-digit number format shared by every panel.

use std::sync::Arc;

use egui::{Color32, FontData, FontDefinitions, FontFamily};

/// NanumGothic (SIL Open Font License, licence file beside it), so Korean renders.
const NANUM_GOTHIC: &[u8] = include_bytes!("../../assets/fonts/NanumGothic.ttf");

/// Installs egui's default fonts plus NanumGothic as the last fallback of both families.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "NanumGothic".to_owned(),
        Arc::new(FontData::from_static(NANUM_GOTHIC)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("NanumGothic".to_owned());
    }
    ctx.set_fonts(fonts);
}

/// Qualitative palette for up to 10 classes (Okabe–Ito first, colour-blind safe), the same in
/// every view.
const CLASS_COLOURS: [Color32; 10] = [
    Color32::from_rgb(0, 114, 178),   // blue
    Color32::from_rgb(230, 159, 0),   // orange
    Color32::from_rgb(0, 158, 115),   // bluish green
    Color32::from_rgb(204, 121, 167), // reddish purple
    Color32::from_rgb(86, 180, 233),  // sky blue
    Color32::from_rgb(213, 94, 0),    // vermillion
    Color32::from_rgb(120, 120, 120), // grey
    Color32::from_rgb(240, 228, 66),  // yellow
    Color32::from_rgb(140, 86, 75),   // brown
    Color32::from_rgb(148, 103, 189), // purple
];

/// The colour of class `index`.
pub fn class_colour(index: usize) -> Color32 {
    CLASS_COLOURS[index % CLASS_COLOURS.len()]
}

/// Sequential, perceptually ordered scale (viridis-like) for magnitudes in 0..=1.
pub fn sequential(t: f32) -> Color32 {
    const STOPS: [(f32, [u8; 3]); 5] = [
        (0.0, [68, 1, 84]),
        (0.25, [59, 82, 139]),
        (0.5, [33, 145, 140]),
        (0.75, [94, 201, 98]),
        (1.0, [253, 231, 37]),
    ];
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    for pair in STOPS.windows(2) {
        let ((t0, c0), (t1, c1)) = (pair[0], pair[1]);
        if t <= t1 {
            let f = (t - t0) / (t1 - t0);
            let mix =
                |a: u8, b: u8| (f32::from(a) + f * (f32::from(b) - f32::from(a))).round() as u8;
            return Color32::from_rgb(mix(c0[0], c1[0]), mix(c0[1], c1[1]), mix(c0[2], c1[2]));
        }
    }
    Color32::from_rgb(253, 231, 37)
}

pub use super::colormap::text_on;

/// `value` with 3 significant digits ("0.0123", "4.56", "789", "1.23e6"); "—" when not finite.
pub fn sig3(value: f32) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    if value == 0.0 {
        return "0".to_owned();
    }
    let magnitude = value.abs().log10().floor() as i32;
    if !(-3..5).contains(&magnitude) {
        return format!("{value:.2e}");
    }
    let decimals = (2 - magnitude).max(0) as usize;
    format!("{value:.decimals$}")
}

/// A fraction as a percentage with 3 significant digits ("97.5%"), "—" when undefined.
pub fn percent(value: Option<f32>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{}%", sig3(v * 100.0)))
}

/// A duration as "1.2 s", "3 min 04 s" or "1 h 02 min".
pub fn duration(secs: f64) -> String {
    if secs < 60.0 {
        format!("{secs:.1} s")
    } else if secs < 3600.0 {
        let whole = secs as u64;
        format!("{} min {:02} s", whole / 60, whole % 60)
    } else {
        let whole = secs as u64;
        format!("{} h {:02} min", whole / 3600, (whole % 3600) / 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_significant_digits() {
        assert_eq!(sig3(0.012_345), "0.0123", "small values keep three digits");
        assert_eq!(sig3(4.5678), "4.57", "rounded");
        assert_eq!(sig3(-789.2), "-789", "integers past three digits");
        assert_eq!(
            sig3(1_234_567.0),
            "1.23e6",
            "large values in scientific notation"
        );
        assert_eq!(sig3(f32::NAN), "—", "not a number shows as a dash");
        assert_eq!(percent(None), "—", "undefined precision is a dash, not 0");
        assert_eq!(percent(Some(0.975)), "97.5%", "percent");
    }
}
