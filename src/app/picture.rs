//! File ▸ Export ▸ Picture: the options window (which view, white background), the
//! screenshot job (egui's `ViewportCommand::Screenshot` of the next painted frame, delivered
//! to a callback on the render thread and passed back through a channel) and the crop of
//! the view's rectangle into a PNG with the `image` crate.
//!
//! The picture has the screen's resolution: the screenshot holds the window's pixels, and a
//! window cannot be painted at twice its pixel density without changing its layout, so there
//! is no 2× option (zoom in with Ctrl + or go full screen first for a larger picture).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use egui::{ColorImage, Rect, RichText};

use super::command::{CommandQueue, FileCommand};
use super::error::AppError;
use super::shell::View;
use super::strings::Strings;

/// The views a picture can show, in the options window's order.
pub const PICTURE_VIEWS: [View; 5] = [
    View::Window,
    View::Network,
    View::Boundary,
    View::Plots,
    View::Confusion,
];

/// What the user chose in the picture window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PictureOptions {
    /// The view to export.
    pub view: View,
    /// Paint the frame of the picture on the light theme with white backgrounds.
    pub white_background: bool,
}

impl Default for PictureOptions {
    fn default() -> Self {
        Self {
            view: View::Network,
            white_background: true,
        }
    }
}

/// The name of `view` in `text`'s language.
pub fn view_name(view: View, text: &Strings) -> &'static str {
    match view {
        View::Window | View::Toolbar => text.view_window,
        View::Network => text.view_network,
        View::Boundary => text.view_boundary,
        View::LossPlot | View::Plots => text.view_plots,
        View::Confusion => text.view_confusion,
    }
}

/// The options window; Save pushes [`FileCommand::SavePicture`], closing it
/// [`FileCommand::ClosePicture`].
pub fn options_ui(
    ctx: &egui::Context,
    options: &mut PictureOptions,
    text: &Strings,
    commands: &mut CommandQueue,
) {
    let mut open = true;
    egui::Window::new(text.picture_title)
        .id(egui::Id::unique("picture_window"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.label(RichText::new(text.picture_view).strong());
            for view in PICTURE_VIEWS {
                ui.radio_value(&mut options.view, view, view_name(view, text));
            }
            ui.separator();
            ui.checkbox(&mut options.white_background, text.picture_white);
            ui.label(RichText::new(text.picture_resolution_note).small().weak());
            if ui.button(text.picture_save).clicked() {
                commands.push(FileCommand::SavePicture);
            }
        });
    if !open {
        commands.push(FileCommand::ClosePicture);
    }
}

/// A screenshot on its way: where to crop and where to write.
#[derive(Debug)]
pub struct PictureJob {
    /// The PNG file to write.
    pub path: PathBuf,
    /// The view and its background.
    pub options: PictureOptions,
    /// True when the path is the fallback folder's (no file dialog could open).
    pub fallback: bool,
    /// The view's rectangle in points and the frame's pixels per point, once requested.
    requested: Option<(Rect, f32)>,
    receiver: Option<Receiver<Arc<ColorImage>>>,
}

impl PictureJob {
    /// A job for `path`, requested at the end of the next frame.
    pub fn new(path: PathBuf, options: PictureOptions, fallback: bool) -> Self {
        Self {
            path,
            options,
            fallback,
            requested: None,
            receiver: None,
        }
    }

    /// True until the screenshot was asked for (the frame is painted for the picture).
    pub fn is_preparing(&self) -> bool {
        self.requested.is_none()
    }

    /// Asks for a screenshot of this frame, to be cropped to `rect` (points).
    pub fn request(&mut self, ctx: &egui::Context, rect: Rect) {
        let (sender, receiver) = channel();
        let repaint = ctx.clone();
        let callback = egui::ScreenshotCallback::new(move |image| {
            // A closed channel means the job was dropped: nobody wants the picture.
            let _ = sender.send(image);
            repaint.request_repaint();
        });
        ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(callback));
        self.requested = Some((rect, ctx.pixels_per_point()));
        self.receiver = Some(receiver);
    }

    /// The PNG once the screenshot arrived: `None` while waiting.
    pub fn poll(&self) -> Option<Result<Vec<u8>, AppError>> {
        let ((rect, pixels_per_point), receiver) = (self.requested?, self.receiver.as_ref()?);
        match receiver.try_recv() {
            Ok(image) => Some(crop_png(&image, rect, pixels_per_point, self.options.view)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(AppError::PictureNotTaken)),
        }
    }
}

/// The part of `image` (the window's pixels) under `rect` (points, at `pixels_per_point`),
/// encoded as PNG; `view` names what `rect` shows, for the error when it is off the window.
pub fn crop_png(
    image: &ColorImage,
    rect: Rect,
    pixels_per_point: f32,
    view: View,
) -> Result<Vec<u8>, AppError> {
    let [width, height] = image.size;
    let to_px = |v: f32, max: usize| ((v * pixels_per_point).round().max(0.0) as usize).min(max);
    let (x0, x1) = (to_px(rect.min.x, width), to_px(rect.max.x, width));
    let (y0, y1) = (to_px(rect.min.y, height), to_px(rect.max.y, height));
    if x1 <= x0 || y1 <= y0 {
        return Err(AppError::PictureNotShown { view });
    }
    let mut rgba = Vec::with_capacity((x1 - x0) * (y1 - y0) * 4);
    for y in y0..y1 {
        for pixel in &image.pixels[y * width + x0..y * width + x1] {
            let [r, g, b, a] = pixel.to_srgba_unmultiplied();
            rgba.extend_from_slice(&[r, g, b, a]);
        }
    }
    let Some(cropped) = image::RgbaImage::from_raw((x1 - x0) as u32, (y1 - y0) as u32, rgba) else {
        unreachable!("the buffer holds exactly the cropped pixels")
    };
    let mut png = Vec::new();
    cropped
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| AppError::Picture {
            reason: e.to_string(),
        })?;
    Ok(png)
}
