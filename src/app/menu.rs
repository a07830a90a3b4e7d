//! The menu bar: File, View, Help. It only reports what was chosen; the app acts on it.

use std::path::PathBuf;

use egui::ThemePreference;

use super::examples::Example;
use super::strings::{Language, Strings};

/// A menu choice, applied by the app once per frame.
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub enum MenuCommand {
    /// Start over with the default experiment.
    New,
    /// Show the open dialog.
    Open,
    /// Open example number `n` of [`super::examples::all`].
    OpenExample(usize),
    /// Open the experiment shipped with the app under this name.
    OpenShipped(&'static str),
    /// Open a recently used file.
    OpenRecent(PathBuf),
    /// Save to the current path (or ask for one).
    Save,
    /// Ask for a path and save there.
    SaveAs,
    /// Show the CSV import dialog.
    ImportCsv,
    /// Export the history as CSV.
    ExportHistory,
    /// Export the confusion matrix as CSV.
    ExportConfusion,
    /// Close the window (asks first when there are unsaved changes).
    Quit,
    /// Light, dark or the system's theme.
    SetTheme(ThemePreference),
    /// Zoom by this factor (1.0 resets).
    Zoom(f32),
    /// Switch the interface language.
    SetLanguage(Language),
    /// Show only the graph and the output.
    ToggleFocusView,
    /// Fullscreen on/off.
    ToggleFullscreen,
    /// Show the keyboard shortcuts.
    ShowShortcuts,
    /// Show the about box.
    ShowAbout,
}

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

/// Draws the menu bar.
pub fn ui(ui: &mut egui::Ui, state: MenuState<'_>, text: &Strings) -> Vec<MenuCommand> {
    let mut commands = Vec::new();
    let mut push = |command: MenuCommand, ui: &mut egui::Ui| {
        commands.push(command);
        ui.close();
    };
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(text.menu_file, |ui| {
            if ui.button(text.new).clicked() {
                push(MenuCommand::New, ui);
            }
            if ui
                .add(egui::Button::new(text.open).shortcut_text("Ctrl+O"))
                .clicked()
            {
                push(MenuCommand::Open, ui);
            }
            ui.menu_button(text.open_example, |ui| {
                for (name, _) in crate::experiment::EXAMPLES {
                    if ui.button(format!("{name}.ron")).clicked() {
                        push(MenuCommand::OpenShipped(name), ui);
                    }
                }
                ui.separator();
                for (i, example) in state.examples.iter().enumerate() {
                    if ui
                        .button(example.title)
                        .on_hover_text(example.lesson)
                        .clicked()
                    {
                        push(MenuCommand::OpenExample(i), ui);
                    }
                }
            });
            ui.add_enabled_ui(!state.recent.is_empty(), |ui| {
                ui.menu_button(text.recent, |ui| {
                    for path in state.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            push(MenuCommand::OpenRecent(path.clone()), ui);
                        }
                    }
                });
            });
            ui.separator();
            if ui
                .add(egui::Button::new(text.save).shortcut_text("Ctrl+S"))
                .clicked()
            {
                push(MenuCommand::Save, ui);
            }
            if ui.button(text.save_as).clicked() {
                push(MenuCommand::SaveAs, ui);
            }
            ui.separator();
            if ui.button(text.import_csv).clicked() {
                push(MenuCommand::ImportCsv, ui);
            }
            ui.menu_button(text.export, |ui| {
                if ui.button(text.export_history).clicked() {
                    push(MenuCommand::ExportHistory, ui);
                }
                if ui.button(text.export_confusion).clicked() {
                    push(MenuCommand::ExportConfusion, ui);
                }
            });
            ui.separator();
            if ui.button(text.quit).clicked() {
                push(MenuCommand::Quit, ui);
            }
        });
        ui.menu_button(text.menu_view, |ui| {
            ui.label(text.theme);
            for (choice, label) in [
                (ThemePreference::Light, text.theme_light),
                (ThemePreference::Dark, text.theme_dark),
                (ThemePreference::System, text.theme_system),
            ] {
                if ui.radio(state.theme == choice, label).clicked() {
                    push(MenuCommand::SetTheme(choice), ui);
                }
            }
            ui.separator();
            if ui
                .add(egui::Button::new(text.zoom_in).shortcut_text("Ctrl +"))
                .clicked()
            {
                push(MenuCommand::Zoom(1.1), ui);
            }
            if ui
                .add(egui::Button::new(text.zoom_out).shortcut_text("Ctrl −"))
                .clicked()
            {
                push(MenuCommand::Zoom(1.0 / 1.1), ui);
            }
            if ui
                .add(egui::Button::new(text.zoom_reset).shortcut_text("Ctrl 0"))
                .clicked()
            {
                push(MenuCommand::Zoom(1.0), ui);
            }
            ui.separator();
            ui.menu_button(text.language, |ui| {
                for language in Language::ALL {
                    if ui
                        .radio(state.language == language, language.native_name())
                        .clicked()
                    {
                        push(MenuCommand::SetLanguage(language), ui);
                    }
                }
            });
            ui.separator();
            if ui
                .add(egui::Button::new(text.focus_view).shortcut_text("F"))
                .clicked()
            {
                push(MenuCommand::ToggleFocusView, ui);
            }
            if ui
                .add(egui::Button::new(text.fullscreen).shortcut_text("F11"))
                .clicked()
            {
                push(MenuCommand::ToggleFullscreen, ui);
            }
        });
        ui.menu_button(text.menu_help, |ui| {
            if ui.button(text.shortcuts).clicked() {
                push(MenuCommand::ShowShortcuts, ui);
            }
            if ui.button(text.about).clicked() {
                push(MenuCommand::ShowAbout, ui);
            }
        });
    });
    commands
}
