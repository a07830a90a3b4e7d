//! The toolbar: Reset, Play/Pause, the three step buttons, the speed, and where training is
//! (epoch · batch · sample · time), always visible.

use egui::{Button, RichText, Slider};

use super::command::{CommandQueue, TrainingCommand};
use super::concepts::{self, Concept};
use super::error::stop_message;
use super::frame_data::FrameData;
use super::{colormap, numbers};
use crate::session::MAX_SPEED;

/// Draws the toolbar for the frame's session.
pub fn ui(ui: &mut egui::Ui, frame: &FrameData<'_>, commands: &mut CommandQueue) {
    let (session, text) = (frame.session, frame.text);
    let stop = session.stop().map(|stop| stop_message(stop, text));
    let stopped = stop.is_some();
    ui.horizontal_wrapped(|ui| {
        if ui
            .button(text.reset)
            .on_hover_text(text.hover_reset)
            .clicked()
        {
            commands.push(TrainingCommand::Reset);
        }
        // Strong fills that read on both themes: blue to start, orange while running.
        let (label, fill_colour) = if session.is_playing() {
            (text.pause, colormap::class_color(1))
        } else {
            (text.play, colormap::class_color(0))
        };
        let play = Button::new(
            RichText::new(label)
                .size(18.0)
                .strong()
                .color(colormap::text_on(fill_colour)),
        )
        .fill(fill_colour)
        .min_size(egui::vec2(96.0, 30.0));
        if ui
            .add_enabled(!stopped, play)
            .on_hover_text(text.hover_play)
            .on_disabled_hover_text(stop.unwrap_or_default())
            .clicked()
        {
            commands.push(TrainingCommand::TogglePlay);
        }
        let steps = [
            (
                text.step_sample,
                text.hover_step_sample,
                TrainingCommand::StepSample,
            ),
            (
                text.step_batch,
                text.hover_step_batch,
                TrainingCommand::StepBatch,
            ),
            (
                text.step_epoch,
                text.hover_step_epoch,
                TrainingCommand::StepEpoch,
            ),
        ];
        for (label, hover, command) in steps {
            let response = ui
                .add_enabled(!stopped, Button::new(label))
                .on_hover_text(hover);
            concepts::spotlight(ui, label, response.rect);
            if response.clicked() {
                commands.push(command);
            }
        }
        ui.separator();
        let mut speed = session.speed;
        let slider = Slider::new(&mut speed, 1.0..=MAX_SPEED)
            .logarithmic(true)
            .text(text.speed)
            .custom_formatter(|v, _| {
                if v >= f64::from(MAX_SPEED) {
                    text.speed_max.to_owned()
                } else {
                    text.speed_per_sec(v.round())
                }
            });
        if ui.add(slider).on_hover_text(text.hover_speed).changed() {
            commands.push(TrainingCommand::SetSpeed(speed));
        }
        ui.separator();
        let trainer = session.trainer();
        let cursor = trainer.cursor();
        let status = text.status_line(
            cursor.epoch,
            cursor.batch,
            trainer.batches_per_epoch(),
            cursor.sample,
            trainer.train_data().len(),
            numbers::duration(session.elapsed_secs()),
        );
        ui.label(RichText::new(status).monospace().size(15.0))
            .on_hover_text(text.hover_status);
        concepts::hint_ui(ui, Concept::Epoch, text, commands);
    });
}
