//! What the app shows on top of the panels: the notice bar (loading, why training stopped, the
//! last message or error), the "unsaved changes?" question and the small info windows. Each
//! only pushes commands; nothing here changes the app.

use std::path::Path;

use egui::RichText;

use super::super::command::{Answer, Command, CommandQueue, FileCommand, ViewCommand};
use super::super::error::stop_message;
use super::super::frame_data::FrameData;
use super::super::strings::Strings;
use super::{InfoWindow, Notice, Severity};

/// The bar under the toolbar, shown only when there is something to say.
pub(super) fn notice_bar_ui(
    ui: &mut egui::Ui,
    notice: Option<&Notice>,
    loading: Option<&Path>,
    frame: &FrameData<'_>,
    commands: &mut CommandQueue,
) {
    let text = frame.text;
    let stop = frame.session.stop().map(|stop| stop_message(stop, text));
    let hovering_files = ui.ctx().input(|i| !i.raw.hovered_files.is_empty());
    if stop.is_none() && notice.is_none() && loading.is_none() && !hovering_files {
        return;
    }
    egui::Panel::top("notice_bar").show(ui, |ui| {
        if hovering_files {
            ui.label(RichText::new(text.drop_hint).strong());
        }
        if let Some(path) = loading {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(RichText::new(text.loading(name.as_str())).strong());
                if ui
                    .button(text.cancel)
                    .on_hover_text(text.hover_cancel_loading)
                    .clicked()
                {
                    commands.push(FileCommand::CancelLoad);
                }
            });
        }
        if let Some(stop) = stop {
            ui.label(
                RichText::new(stop)
                    .color(ui.visuals().error_fg_color)
                    .strong(),
            );
        }
        if let Some(notice) = notice {
            ui.horizontal_wrapped(|ui| {
                let colour = match notice.severity {
                    Severity::Info => ui.visuals().text_color(),
                    Severity::Error => ui.visuals().error_fg_color,
                };
                ui.label(RichText::new(&notice.text).color(colour));
                if ui.small_button(text.dismiss).clicked() {
                    commands.push(Command::DismissNotice);
                }
            });
        }
    });
}

/// "Unsaved changes?" while an action that would lose them waits for an answer.
pub(super) fn confirmation_ui(
    ctx: &egui::Context,
    awaiting: bool,
    text: &Strings,
    commands: &mut CommandQueue,
) {
    if !awaiting {
        return;
    }
    egui::Modal::new(egui::Id::unique("unsaved_changes")).show(ctx, |ui| {
        ui.heading(text.unsaved_title);
        ui.label(text.unsaved_body);
        ui.horizontal(|ui| {
            for (label, answer) in [
                (text.save_first, Answer::SaveFirst),
                (text.discard, Answer::Discard),
                (text.cancel, Answer::Cancel),
            ] {
                if ui.button(label).clicked() {
                    commands.push(Command::Confirm(answer));
                }
            }
        });
    });
}

/// The keyboard shortcuts or the about box, if one is open.
pub(super) fn info_window_ui(
    ctx: &egui::Context,
    window: Option<InfoWindow>,
    text: &Strings,
    commands: &mut CommandQueue,
) {
    let Some(window) = window else { return };
    let mut open = true;
    let title = match window {
        InfoWindow::Shortcuts => text.shortcuts,
        InfoWindow::About => text.about,
    };
    egui::Window::new(title)
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| match window {
            InfoWindow::Shortcuts => {
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for (keys, what) in text.shortcut_keys.iter().zip(text.shortcut_actions) {
                        ui.monospace(*keys);
                        ui.label(what);
                        ui.end_row();
                    }
                });
            }
            InfoWindow::About => {
                ui.label(
                    RichText::new(format!("{} {}", text.app_name, env!("CARGO_PKG_VERSION")))
                        .strong(),
                );
                ui.label(text.about_text);
            }
        });
    if !open {
        commands.push(ViewCommand::CloseInfoWindow);
    }
}
