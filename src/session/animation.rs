//! Training as an animation for slides: the decision boundary of 2-feature data at every kept
//! snapshot, one RGBA frame each with the training samples on it and the epoch written in its
//! corner (a tiny built-in bitmap font), and those frames encoded as an animated GIF with
//! `image`'s encoder. Pure pixels, no UI.

use std::io::Write;
use std::path::Path;

use image::codecs::gif::{GifEncoder, Repeat};
use image::{Delay, Frame, Rgba, RgbaImage};

use super::plane::{CLASS_COLORS, PlaneBounds, decision_grid};
use super::{SessionError, SnapshotStore};
use crate::nn::{Dataset, Trainer};

/// Pixels per side of a frame.
pub const FRAME_SIZE: u32 = 240;
/// Most frames in one animation: more kept snapshots are sampled evenly (first and last kept).
pub const MAX_FRAMES: usize = 500;
/// How long each frame shows.
const FRAME_MS: u32 = 100;
/// Quantisation speed of the GIF encoder (1 best and slowest, 30 fastest).
const GIF_SPEED: i32 = 10;

/// One frame per kept snapshot (at most [`MAX_FRAMES`]): the decision regions of the network
/// then, shaded by confidence, the training samples as dots, and "epoch N" in the top-left.
pub fn boundary_frames(
    trainer: &Trainer,
    snapshots: &SnapshotStore,
    size: u32,
) -> Result<Vec<RgbaImage>, SessionError> {
    let data = trainer.train_data();
    let Some(bounds) = PlaneBounds::around([data]) else {
        return Err(SessionError::Animation {
            message: format!(
                "a decision boundary needs data with 2 features; this data has {}",
                data.num_features()
            ),
        });
    };
    if snapshots.is_empty() {
        return Err(SessionError::Animation {
            message: "no snapshots to animate: train with --history (or in the app) first".into(),
        });
    }
    let size = size.clamp(16, 2048);
    let kept = snapshots.snapshots();
    let count = kept.len().min(MAX_FRAMES);
    (0..count)
        .map(|i| {
            // Evenly over the kept ones, the first and the last included.
            let index = if count == 1 {
                0
            } else {
                i * (kept.len() - 1) / (count - 1)
            };
            let snapshot = &kept[index];
            let mut frame = boundary_image(&snapshot.network, &bounds, size);
            draw_samples(&mut frame, data, &bounds);
            draw_label(&mut frame, &format!("epoch {}", snapshot.epoch));
            Ok(frame)
        })
        .collect()
}

/// The regions of `network` over `bounds`: each pixel its predicted class's colour, paler
/// where the network is unsure.
fn boundary_image(network: &crate::nn::Network, bounds: &PlaneBounds, size: u32) -> RgbaImage {
    let grid = decision_grid(network, bounds, size as usize);
    RgbaImage::from_fn(size, size, |x, y| {
        let p = y as usize * size as usize + x as usize;
        let color = CLASS_COLORS[grid.classes[p] % CLASS_COLORS.len()];
        // 0.25 of the colour where unsure, 0.65 where sure, the rest white.
        let strength = 0.25 + 0.4 * grid.confidence[p];
        let mix = |c: u8| (255.0 - (255.0 - f32::from(c)) * strength) as u8;
        Rgba([mix(color[0]), mix(color[1]), mix(color[2]), 255])
    })
}

/// The training samples as 5×5 dots in their class's full colour with a dark rim.
fn draw_samples(frame: &mut RgbaImage, data: &Dataset, bounds: &PlaneBounds) {
    let (w, h) = (frame.width() as f32, frame.height() as f32);
    let labels = data.labels();
    for (i, row) in data.features.rows().into_iter().enumerate() {
        let x = (row[0] - bounds.x_min) / (bounds.x_max - bounds.x_min) * w;
        let y = (bounds.y_max - row[1]) / (bounds.y_max - bounds.y_min) * h;
        let class = labels.and_then(|l| l.get(i).copied()).unwrap_or(0);
        let color = CLASS_COLORS[class % CLASS_COLORS.len()];
        for dy in -2_i32..=2 {
            for dx in -2_i32..=2 {
                let (px, py) = (x as i32 + dx, y as i32 + dy);
                if px < 0 || py < 0 || px >= w as i32 || py >= h as i32 {
                    continue;
                }
                let rim = dx.abs() == 2 || dy.abs() == 2;
                let c = if rim { [40, 40, 40] } else { color };
                frame.put_pixel(px as u32, py as u32, Rgba([c[0], c[1], c[2], 255]));
            }
        }
    }
}

/// Glyphs 3 pixels wide and 5 high, one row per `u8` (bit 2 is the left column).
fn glyph(c: char) -> [u8; 5] {
    match c {
        '0' => [7, 5, 5, 5, 7],
        '1' => [2, 6, 2, 2, 7],
        '2' => [7, 1, 7, 4, 7],
        '3' => [7, 1, 7, 1, 7],
        '4' => [5, 5, 7, 1, 1],
        '5' => [7, 4, 7, 1, 7],
        '6' => [7, 4, 7, 5, 7],
        '7' => [7, 1, 1, 1, 1],
        '8' => [7, 5, 7, 5, 7],
        '9' => [7, 5, 7, 1, 7],
        'e' => [0, 7, 7, 4, 7],
        'p' => [0, 7, 5, 7, 4],
        'o' => [0, 7, 5, 5, 7],
        'c' => [0, 7, 4, 4, 7],
        'h' => [4, 4, 7, 5, 5],
        _ => [0; 5],
    }
}

/// Pixels per glyph pixel.
const SCALE: u32 = 3;

/// `text` in black on a white box in the top-left corner.
fn draw_label(frame: &mut RgbaImage, text: &str) {
    let advance = 4 * SCALE;
    let width = (text.chars().count() as u32 * advance + SCALE).min(frame.width());
    let height = (7 * SCALE).min(frame.height());
    for y in 0..height {
        for x in 0..width {
            frame.put_pixel(x, y, Rgba([255, 255, 255, 255]));
        }
    }
    for (i, c) in text.chars().enumerate() {
        let left = SCALE + i as u32 * advance;
        for (row, bits) in glyph(c).iter().enumerate() {
            for col in 0..3 {
                if bits & (4 >> col) == 0 {
                    continue;
                }
                for dy in 0..SCALE {
                    for dx in 0..SCALE {
                        let (x, y) = (left + col * SCALE + dx, SCALE + row as u32 * SCALE + dy);
                        if x < frame.width() && y < frame.height() {
                            frame.put_pixel(x, y, Rgba([0, 0, 0, 255]));
                        }
                    }
                }
            }
        }
    }
}

/// Encodes `frames` as an endlessly repeating GIF into `out`.
pub fn write_gif(frames: Vec<RgbaImage>, out: impl Write) -> Result<(), image::ImageError> {
    let mut encoder = GifEncoder::new_with_speed(out, GIF_SPEED);
    encoder.set_repeat(Repeat::Infinite)?;
    let delay = Delay::from_numer_denom_ms(FRAME_MS, 1);
    encoder.encode_frames(
        frames
            .into_iter()
            .map(|f| Frame::from_parts(f, 0, 0, delay)),
    )
}

/// Writes the decision boundary at every kept snapshot to `path` as an animated GIF; returns
/// the number of frames.
pub fn export_boundary_gif(
    trainer: &Trainer,
    snapshots: &SnapshotStore,
    path: &Path,
) -> Result<usize, SessionError> {
    let frames = boundary_frames(trainer, snapshots, FRAME_SIZE)?;
    let count = frames.len();
    let failed = |message: String| SessionError::File {
        path: path.to_owned(),
        message,
    };
    let mut bytes = Vec::new();
    write_gif(frames, &mut bytes).map_err(|e| failed(e.to_string()))?;
    crate::experiment::write_atomically(path, &bytes).map_err(|e| failed(e.to_string()))?;
    Ok(count)
}
