//! The timeline, a strip along the bottom of the window: a slider over the epochs whose
//! snapshots are kept, a clear "viewing epoch 7 of 200" marker while the views show the past,
//! a button back to live and one to continue training from the epoch shown. Alt+←/→ step
//! through the kept epochs, Alt+Home goes to the first, Alt+End back to live. Scrubbing never
//! changes the experiment: the app shows a rewound copy ([`crate::session::Rewound`]) instead
//! of the live trainer.

use egui::RichText;

use super::command::{Command, CommandQueue};
use super::frame_data::FrameData;
use super::strings::Strings;

/// What the timeline asks the app to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryCommand {
    /// Show every view as it was at the start of this (kept) epoch.
    View(usize),
    /// Show the live run again.
    Live,
    /// Train on from the start of this epoch; the later epochs are dropped.
    ContinueFrom(usize),
}

impl From<HistoryCommand> for Command {
    fn from(command: HistoryCommand) -> Self {
        Self::History(command)
    }
}

/// The slider, the marker and the buttons (no state of its own: the epoch shown is the
/// frame's).
pub fn ui(ui: &mut egui::Ui, frame: &FrameData<'_>, commands: &mut CommandQueue) {
    let text = frame.text;
    let store = frame.session.snapshots();
    let kept = store.snapshots();
    let live_epoch = frame.session.trainer().cursor().epoch;
    // Positions 0..len are the kept snapshots, position len is the live run.
    let live = kept.len();
    let shown = frame
        .viewing
        .map_or(live, |epoch| kept.partition_point(|s| s.epoch < epoch));
    let mut position = shown;
    let response = ui
        .horizontal(|ui| {
            let label = ui.label(RichText::new(text.timeline).strong());
            ui.spacing_mut().slider_width = (ui.available_width() - 8.0).max(60.0);
            let slider = egui::Slider::new(&mut position, 0..=live).show_value(false);
            ui.add_enabled(!kept.is_empty(), slider)
                .labelled_by(label.id)
        })
        .inner;
    let keys = ui.input(|i| {
        let alt = i.modifiers.alt;
        (
            alt && i.key_pressed(egui::Key::ArrowLeft),
            alt && i.key_pressed(egui::Key::ArrowRight),
            alt && i.key_pressed(egui::Key::Home),
            alt && i.key_pressed(egui::Key::End),
        )
    });
    match keys {
        (true, _, _, _) => position = position.saturating_sub(1),
        (_, true, _, _) => position = (position + 1).min(live),
        (_, _, true, _) => position = 0,
        (_, _, _, true) => position = live,
        _ => {}
    }
    if (response.changed() || position != shown) && !kept.is_empty() {
        commands.push(match kept.get(position) {
            Some(snapshot) => HistoryCommand::View(snapshot.epoch),
            None => HistoryCommand::Live,
        });
    }
    ui.horizontal_wrapped(|ui| {
        match frame.viewing {
            Some(epoch) => {
                ui.label(
                    RichText::new(text.viewing_epoch(epoch, live_epoch))
                        .strong()
                        .color(ui.visuals().warn_fg_color),
                );
                if ui.button(text.back_to_live).clicked() {
                    commands.push(HistoryCommand::Live);
                }
                continue_ui(ui, text, epoch, live_epoch, commands);
            }
            None => {
                ui.label(text.timeline_live(live_epoch));
            }
        }
        let mib = |bytes: usize| format!("{:.1}", bytes as f64 / (1024.0 * 1024.0));
        ui.label(
            RichText::new(text.history_budget(
                kept.len(),
                mib(store.bytes()),
                mib(store.budget_bytes()),
            ))
            .small()
            .weak(),
        );
    });
}

/// "Continue from here", after a question when later epochs would be dropped (the question
/// is this panel's own view state, kept in egui's memory).
fn continue_ui(
    ui: &mut egui::Ui,
    text: &Strings,
    epoch: usize,
    live_epoch: usize,
    commands: &mut CommandQueue,
) {
    let id = egui::Id::unique("timeline_continue_question");
    let asked = ui.data(|d| d.get_temp::<usize>(id)) == Some(epoch);
    if !asked {
        if ui.button(text.continue_from_here).clicked() {
            if epoch < live_epoch {
                ui.data_mut(|d| d.insert_temp(id, epoch));
            } else {
                commands.push(HistoryCommand::ContinueFrom(epoch));
            }
        }
        return;
    }
    ui.label(text.continue_question(epoch, epoch + 1, live_epoch));
    if ui.button(text.continue_confirm).clicked() {
        ui.data_mut(|d| d.remove::<usize>(id));
        commands.push(HistoryCommand::ContinueFrom(epoch));
    }
    if ui.button(text.cancel).clicked() {
        ui.data_mut(|d| d.remove::<usize>(id));
    }
}
