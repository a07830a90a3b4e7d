//! Look: the bundled Hangul-capable fallback font. Colours live in `colormap`, number formats
//! in `numbers`.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// NanumGothic (SIL Open Font License, licence file beside it), so Korean renders.
const NANUM_GOTHIC: &[u8] = include_bytes!("../../assets/fonts/NanumGothic.ttf");

/// Installs egui's default fonts plus NanumGothic as the last fallback of both families.
pub fn install_fonts(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}

/// The app's fonts: egui's defaults plus NanumGothic as the last fallback of both families
/// (the glyph-coverage test checks every bundle's characters against these).
pub(super) fn font_definitions() -> FontDefinitions {
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
    fonts
}
