//! The menu bar: File, View, Help. It only reports what was chosen; the app acts on it.

use std::path::PathBuf;

use egui::ThemePreference;

use super::command::{Command, CommandQueue, FileCommand, ServeCommand, ViewCommand};
use super::examples::Example;
use super::strings::{Language, Strings};

/// The menu's view of the app's settings.
#[derive(Debug, Clone, Copy)]
pub struct MenuState<'a> {
    /// Current theme choice.
    pub theme: ThemePreference,
    /// Current language.
    pub language: Language,
    /// Recently opened or saved files, newest first.
    pub recent: &'a [PathBuf],
    /// The examples.
    pub examples: &'a [Example],
}

/// Draws the menu bar; a choice pushes its command and closes the menu.
pub fn ui(ui: &mut egui::Ui, state: MenuState<'_>, text: &Strings, commands: &mut CommandQueue) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(text.menu_file, |ui| {
            file_menu_ui(ui, &state, text, commands);
        });
        ui.menu_button(text.menu_view, |ui| {
            view_menu_ui(ui, &state, text, commands);
        });
        ui.menu_button(text.menu_help, |ui| help_menu_ui(ui, text, commands));
    });
}

/// Pushes `command` and closes the menu.
fn choose(commands: &mut CommandQueue, command: Command, ui: &mut egui::Ui) {
    commands.push(command);
    ui.close();
}

/// File: new, open, examples, recent files, save, import and export, quit.
fn file_menu_ui(
    ui: &mut egui::Ui,
    state: &MenuState<'_>,
    text: &Strings,
    commands: &mut CommandQueue,
) {
    let mut push = |command: Command, ui: &mut egui::Ui| choose(commands, command, ui);
    if ui.button(text.new).clicked() {
        push(FileCommand::New.into(), ui);
    }
    if ui
        .add(egui::Button::new(text.open).shortcut_text("Ctrl+O"))
        .clicked()
    {
        push(FileCommand::Open.into(), ui);
    }
    ui.menu_button(text.open_example, |ui| {
        for (name, _) in crate::experiment::EXAMPLES {
            if ui
                .button(super::examples::shipped_title(name))
                .on_hover_text(format!("{}{name}", crate::experiment::EXAMPLE_PREFIX))
                .clicked()
            {
                push(FileCommand::OpenShipped(name).into(), ui);
            }
        }
        super::compare::comparisons_ui(ui, text, &mut push);
        ui.separator();
        let titles = text.example_titles.iter().zip(text.example_lessons);
        for (i, (title, lesson)) in titles.take(state.examples.len()).enumerate() {
            if ui.button(*title).on_hover_text(lesson).clicked() {
                push(FileCommand::OpenExample(i).into(), ui);
            }
        }
    });
    super::compare::compare_with_ui(ui, text, &mut push);
    ui.add_enabled_ui(!state.recent.is_empty(), |ui| {
        ui.menu_button(text.recent, |ui| {
            for path in state.recent {
                if ui.button(path.display().to_string()).clicked() {
                    push(FileCommand::OpenPath(path.clone()).into(), ui);
                }
            }
        });
    });
    ui.separator();
    if ui
        .add(egui::Button::new(text.save).shortcut_text("Ctrl+S"))
        .clicked()
    {
        push(FileCommand::Save.into(), ui);
    }
    if ui.button(text.save_as).clicked() {
        push(FileCommand::SaveAs.into(), ui);
    }
    ui.separator();
    if ui.button(text.import_csv).clicked() {
        push(FileCommand::ImportCsv.into(), ui);
    }
    ui.menu_button(text.export, |ui| {
        if ui.button(text.export_history).clicked() {
            push(FileCommand::ExportHistory.into(), ui);
        }
        if ui.button(text.export_pytorch).clicked() {
            push(FileCommand::ExportPytorch.into(), ui);
        }
        if ui.button(text.export_confusion).clicked() {
            push(FileCommand::ExportConfusion.into(), ui);
        }
        if ui.button(text.export_picture).clicked() {
            push(FileCommand::ExportPicture.into(), ui);
        }
        if ui.button(text.export_animation).clicked() {
            push(FileCommand::ExportAnimation.into(), ui);
        }
    });
    // small: serving
    ui.separator();
    if ui.button(text.serve_model).clicked() {
        push(ServeCommand::ShowWindow.into(), ui);
    }
    ui.separator();
    if ui.button(text.quit).clicked() {
        push(FileCommand::Quit.into(), ui);
    }
}

/// View: theme, zoom, language, focus view and full screen.
fn view_menu_ui(
    ui: &mut egui::Ui,
    state: &MenuState<'_>,
    text: &Strings,
    commands: &mut CommandQueue,
) {
    let mut push = |command: Command, ui: &mut egui::Ui| choose(commands, command, ui);
    ui.label(text.theme);
    for (choice, label) in [
        (ThemePreference::Light, text.theme_light),
        (ThemePreference::Dark, text.theme_dark),
        (ThemePreference::System, text.theme_system),
    ] {
        if ui.radio(state.theme == choice, label).clicked() {
            push(ViewCommand::SetTheme(choice).into(), ui);
        }
    }
    ui.separator();
    if ui
        .add(egui::Button::new(text.zoom_in).shortcut_text("Ctrl +"))
        .clicked()
    {
        push(ViewCommand::Zoom(1.1).into(), ui);
    }
    if ui
        .add(egui::Button::new(text.zoom_out).shortcut_text("Ctrl −"))
        .clicked()
    {
        push(ViewCommand::Zoom(1.0 / 1.1).into(), ui);
    }
    if ui
        .add(egui::Button::new(text.zoom_reset).shortcut_text("Ctrl 0"))
        .clicked()
    {
        push(ViewCommand::Zoom(1.0).into(), ui);
    }
    ui.separator();
    ui.menu_button(text.language, |ui| {
        for language in Language::ALL {
            if ui
                .radio(state.language == language, language.native_name())
                .clicked()
            {
                push(ViewCommand::SetLanguage(language).into(), ui);
            }
        }
    });
    ui.separator();
    if ui
        .add(egui::Button::new(text.focus_view).shortcut_text("F"))
        .clicked()
    {
        push(ViewCommand::ToggleFocusView.into(), ui);
    }
    if ui
        .add(egui::Button::new(text.lecture_mode).shortcut_text("F5"))
        .clicked()
    {
        push(ViewCommand::ToggleLecture.into(), ui);
    }
    if ui
        .add(egui::Button::new(text.fullscreen).shortcut_text("F11"))
        .clicked()
    {
        push(ViewCommand::ToggleFullscreen.into(), ui);
    }
}

/// Help: concepts, keyboard shortcuts and about.
fn help_menu_ui(ui: &mut egui::Ui, text: &Strings, commands: &mut CommandQueue) {
    let mut push = |command: Command, ui: &mut egui::Ui| choose(commands, command, ui);
    if ui.button(text.concepts).clicked() {
        push(ViewCommand::ShowConcepts.into(), ui);
    }
    if ui.button(text.shortcuts).clicked() {
        push(ViewCommand::ShowShortcuts.into(), ui);
    }
    if ui.button(text.about).clicked() {
        push(ViewCommand::ShowAbout.into(), ui);
    }
}
