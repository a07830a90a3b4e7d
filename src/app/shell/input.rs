//! The input of a frame as commands: keyboard shortcuts, dropped files, the window's close
//! button, and the background jobs that finished (a file dialog, a file being opened).

use egui::{Key, KeyboardShortcut, Modifiers, ViewportCommand};

use super::super::command::{CommandQueue, FileCommand, TrainingCommand, ViewCommand};
use super::super::files::DialogOutcome;
use super::{AwaitingConfirmation, PerceptronApp};

impl PerceptronApp {
    /// Reads this frame's input into `commands`.
    pub(super) fn input(&mut self, ctx: &egui::Context, commands: &mut CommandQueue) {
        keys(ctx, commands);
        if self.lecture.is_some()
            && !ctx.egui_wants_keyboard_input()
            && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
        {
            commands.push(ViewCommand::LeaveLecture);
        }
        let dropped = ctx.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_owned()));
        if let Some(path) = dropped {
            commands.push(FileCommand::OpenPath(path));
        }
        if ctx.input(|i| i.viewport().close_requested())
            && !self.close_confirmed
            && self.worth_asking()
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.awaiting_confirmation = Some(AwaitingConfirmation::Quit);
        }
        if let Some(dialog) = &self.file_dialog
            && let Some(outcome) = dialog.poll()
        {
            let purpose = dialog.purpose();
            self.file_dialog = None;
            match outcome {
                DialogOutcome::Chosen(path) => commands.push(FileCommand::DialogClosed {
                    purpose,
                    path: Some(path),
                }),
                DialogOutcome::Cancelled => {
                    commands.push(FileCommand::DialogClosed {
                        purpose,
                        path: None,
                    });
                }
                DialogOutcome::Unavailable => {
                    // From now on, save into the fallback folder without trying again.
                    self.native_dialogs = false;
                    self.without_dialog(purpose);
                }
            }
        }
        self.poll_picture();
        // A load that started in this frame is applied in a later one, so a Cancel click in
        // the next frame always wins over a fast load.
        if let Some(load) = &self.loading
            && load.started_frame() != ctx.cumulative_frame_nr()
            && let Some(opened) = load.poll()
        {
            let path = load.path().to_owned();
            self.loading = None;
            commands.push(FileCommand::Loaded {
                path,
                opened: Box::new(opened),
            });
        }
    }
}

/// The keyboard shortcuts (plain keys only while no text field has the keyboard).
fn keys(ctx: &egui::Context, commands: &mut CommandQueue) {
    let typing = ctx.egui_wants_keyboard_input();
    ctx.input_mut(|i| {
        let mut plain = |key| !typing && i.consume_key(Modifiers::NONE, key);
        if plain(Key::Space) {
            commands.push(TrainingCommand::TogglePlay);
        }
        if plain(Key::S) {
            commands.push(TrainingCommand::StepSample);
        }
        if plain(Key::B) {
            commands.push(TrainingCommand::StepBatch);
        }
        if plain(Key::E) {
            commands.push(TrainingCommand::StepEpoch);
        }
        if plain(Key::F) {
            commands.push(ViewCommand::ToggleFocusView);
        }
        if i.consume_key(Modifiers::NONE, Key::F5) {
            commands.push(ViewCommand::ToggleLecture);
        }
        if i.consume_key(Modifiers::NONE, Key::F11) {
            commands.push(ViewCommand::ToggleFullscreen);
        }
        if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::S)) {
            commands.push(FileCommand::Save);
        }
        if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::O)) {
            commands.push(FileCommand::Open);
        }
    });
}
