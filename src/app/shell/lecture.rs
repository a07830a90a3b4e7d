//! Lecture mode (View ▸ Lecture mode, F5; Esc leaves): the setup hidden, a zoom of its own
//! (Ctrl +/− change it, leaving restores the usual one), high-contrast visuals with the
//! colour-blind-safe class palette, a large readout (epoch, loss, train/test accuracy), and a
//! pen: hold P to draw (or tap P to turn it on and off), C clears. The pen draws on a layer
//! above the window and takes the pointer while it is on, so a drawing never clicks a control
//! and never changes the experiment.

use egui::{Color32, Key, LayerId, Modifiers, Order, Pos2, RichText, Sense, Stroke};

use super::super::frame_data::FrameData;
use super::super::numbers;

/// The zoom lecture mode starts with (times the usual zoom, at most 2)…
const LECTURE_ZOOM: f32 = 1.5;
/// …unless the window would then be narrower than this many points…
const LECTURE_MIN_WIDTH: f32 = 1000.0;
/// …or lower than this many: the views must still fit (never less than the usual zoom).
const LECTURE_MIN_HEIGHT: f32 = 600.0;
/// Holding P at least this long draws only while held (a shorter tap toggles the pen).
const HOLD_SECS: f64 = 0.35;
/// The pen's stroke width (points).
const PEN_WIDTH: f32 = 4.0;
/// The pen's colour: the palette's vermillion, visible on both themes.
const PEN_COLOUR: Color32 = Color32::from_rgb(213, 94, 0);
/// The readout's text size (points).
const READOUT_SIZE: f32 = 26.0;

/// Lecture mode's state while it is on.
#[derive(Debug, Default)]
pub struct Lecture {
    /// The zoom before lecture mode, restored when it ends.
    pub zoom_before: f32,
    pen: Pen,
}

/// The pen: its strokes (in points) and whether it is on.
#[derive(Debug, Default)]
struct Pen {
    /// On until P is tapped again.
    toggled: bool,
    /// When P went down, while it is held.
    pressed_at: Option<f64>,
    strokes: Vec<Vec<Pos2>>,
}

impl Lecture {
    /// Lecture mode begins at `zoom_before` in a window of `window` points; returns it with
    /// the zoom it starts with: larger, as far as the views still fit the window.
    pub fn begin(zoom_before: f32, window: egui::Vec2) -> (Self, f32) {
        let lecture = Self {
            zoom_before,
            pen: Pen::default(),
        };
        // The window's size at zoom 1.
        let unzoomed = window * zoom_before;
        let fits = (unzoomed.x / LECTURE_MIN_WIDTH).min(unzoomed.y / LECTURE_MIN_HEIGHT);
        let zoom = (zoom_before * LECTURE_ZOOM)
            .min(fits)
            .min(2.0)
            .max(zoom_before);
        (lecture, zoom)
    }

    /// True while the pen is on.
    pub fn pen_is_on(&self) -> bool {
        self.pen.toggled || self.pen.pressed_at.is_some()
    }

    /// Strokes drawn so far.
    pub fn stroke_count(&self) -> usize {
        self.pen.strokes.len()
    }

    /// Reads P and C, draws the strokes on the top layer and, while the pen is on, takes the
    /// pointer to draw.
    pub fn pen_ui(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        let now = ctx.input(|i| i.time);
        let (pressed, released, clear) = ctx.input_mut(|i| {
            (
                !typing && i.consume_key(Modifiers::NONE, Key::P),
                i.events.iter().any(|e| {
                    matches!(
                        e,
                        egui::Event::Key {
                            key: Key::P,
                            pressed: false,
                            ..
                        }
                    )
                }),
                !typing && i.consume_key(Modifiers::NONE, Key::C),
            )
        });
        let pen = &mut self.pen;
        if pressed && pen.pressed_at.is_none() {
            pen.pressed_at = Some(now);
            pen.toggled = !pen.toggled;
        }
        if released && let Some(at) = pen.pressed_at.take() {
            // Held to draw: the pen goes off with the key.
            if now - at >= HOLD_SECS {
                pen.toggled = false;
            }
        }
        if clear {
            pen.strokes.clear();
        }
        if self.pen_is_on() {
            self.draw_area_ui(ctx);
        }
        let painter = ctx.layer_painter(LayerId::new(Order::Tooltip, egui::Id::unique("pen")));
        for stroke in &self.pen.strokes {
            painter.line(stroke.clone(), Stroke::new(PEN_WIDTH, PEN_COLOUR));
        }
    }

    /// A transparent area over the window that turns drags into strokes.
    fn draw_area_ui(&mut self, ctx: &egui::Context) {
        let screen = ctx.content_rect();
        egui::Area::new(egui::Id::unique("pen_area"))
            .order(Order::Foreground)
            .fixed_pos(screen.min)
            .show(ctx, |ui| {
                let response = ui.allocate_response(screen.size(), Sense::drag());
                ui.ctx().set_cursor_icon(egui::CursorIcon::Crosshair);
                if response.drag_started() {
                    self.pen.strokes.push(Vec::new());
                }
                if response.dragged()
                    && let (Some(pos), Some(stroke)) =
                        (response.interact_pointer_pos(), self.pen.strokes.last_mut())
                    && stroke.last() != Some(&pos)
                {
                    stroke.push(pos);
                }
            });
    }
}

/// High-contrast visuals for a projector: the strongest text colour everywhere and thicker
/// widget outlines (the class palette is colour-blind safe on every theme already).
pub fn high_contrast(style: &mut egui::Style) {
    let visuals = &mut style.visuals;
    let ink = if visuals.dark_mode {
        Color32::WHITE
    } else {
        Color32::BLACK
    };
    visuals.override_text_color = Some(ink);
    for widget in [
        &mut visuals.widgets.noninteractive,
        &mut visuals.widgets.inactive,
        &mut visuals.widgets.hovered,
        &mut visuals.widgets.active,
    ] {
        widget.bg_stroke = Stroke::new(widget.bg_stroke.width.max(1.5), ink);
        widget.fg_stroke = Stroke::new(widget.fg_stroke.width.max(1.5), ink);
    }
    visuals.selection.stroke = Stroke::new(2.0, ink);
}

/// The large readout under the toolbar: epoch, loss, train and test accuracy, and the keys.
pub fn readout_ui(ui: &mut egui::Ui, frame: &FrameData<'_>, pen_on: bool) {
    let text = frame.text;
    let trainer = frame.trainer;
    let last = trainer.history().last();
    let evaluations = frame.evaluations;
    let train_accuracy = evaluations
        .train
        .classification
        .as_ref()
        .map(|m| m.accuracy);
    let test_accuracy = evaluations
        .test
        .as_ref()
        .and_then(|e| e.classification.as_ref())
        .map(|m| m.accuracy);
    let loss = last.map_or(evaluations.train.loss, |r| r.train_loss);
    egui::Panel::top("lecture_readout").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            let big = |s: String| RichText::new(s).size(READOUT_SIZE).strong().monospace();
            ui.label(big(text.readout_epoch(trainer.cursor().epoch)));
            ui.add_space(24.0);
            ui.label(big(text.readout_loss(numbers::sig3(loss))));
            if train_accuracy.is_some() {
                ui.add_space(24.0);
                let value = numbers::percent(train_accuracy);
                ui.label(big(text.readout_train(value)));
            }
            if test_accuracy.is_some() {
                ui.add_space(24.0);
                let value = numbers::percent(test_accuracy);
                ui.label(big(text.readout_test(value)));
            }
        });
        let hint = if pen_on {
            text.pen_on
        } else {
            text.lecture_hint
        };
        ui.label(RichText::new(hint).small());
    });
}

impl super::PerceptronApp {
    /// Where `view` was drawn in the last frame (points), if it was.
    pub fn view_rect(&self, view: super::View) -> Option<egui::Rect> {
        self.panels.layout.rects.get(view)
    }

    /// The test-set sample in focus (clicked in the notebook's Test list), if any.
    pub fn test_focus(&self) -> Option<usize> {
        self.panels.boundary.test_focus()
    }

    /// True while lecture mode is on.
    pub fn is_lecturing(&self) -> bool {
        self.lecture.is_some()
    }

    /// True while lecture mode's pen is on.
    pub fn pen_is_on(&self) -> bool {
        self.lecture.as_ref().is_some_and(Lecture::pen_is_on)
    }

    /// Strokes the pen drew (0 outside lecture mode).
    pub fn pen_strokes(&self) -> usize {
        self.lecture.as_ref().map_or(0, Lecture::stroke_count)
    }

    /// Lecture mode on: its own zoom, the setup hidden.
    pub(super) fn enter_lecture(&mut self) {
        let zoom = self.ctx.as_ref().map_or(1.0, egui::Context::zoom_factor);
        let window = self
            .ctx
            .as_ref()
            .map_or(egui::vec2(1280.0, 720.0), |ctx| ctx.content_rect().size());
        let (lecture, lecture_zoom) = Lecture::begin(zoom, window);
        if let Some(ctx) = &self.ctx {
            ctx.set_zoom_factor(lecture_zoom);
        }
        self.lecture = Some(lecture);
    }

    /// Lecture mode off: the usual zoom again.
    pub(super) fn leave_lecture(&mut self) {
        if let Some(lecture) = self.lecture.take()
            && let Some(ctx) = &self.ctx
        {
            ctx.set_zoom_factor(lecture.zoom_before);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Lecture;

    #[test]
    fn the_lecture_zoom_enlarges_as_far_as_the_window_allows() {
        let zoom = |window: [f32; 2], before: f32| {
            Lecture::begin(before, egui::vec2(window[0], window[1]) / before).1
        };
        assert!(
            (zoom([1920.0, 1080.0], 1.0) - 1.5).abs() < 1e-6,
            "full HD: 1.5"
        );
        assert!(
            (zoom([1280.0, 720.0], 1.0) - 1.2).abs() < 1e-6,
            "a 720p projector: as far as 600 points of height allow"
        );
        assert!(
            (zoom([1024.0, 600.0], 1.0) - 1.0).abs() < 1e-6,
            "never smaller than before"
        );
        assert!(zoom([3840.0, 2160.0], 1.5) <= 2.0, "at most 2");
    }
}
