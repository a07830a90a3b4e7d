//! One frame of the app: input (keys, dropped files, closed dialogs), training, the layout of
//! the panels, and applying the commands they returned.

use egui::{Key, KeyboardShortcut, Modifiers, RichText, ViewportCommand};

use super::super::confusion::ConfusionCommand;
use super::super::error::{AppError, stop_message};
use super::super::files::{self, DialogPurpose};
use super::super::menu::{self, MenuCommand, MenuState};
use super::super::setup_panel::{self, SetupCommand};
use super::super::strings::fill;
use super::super::toolbar::{self, ToolbarCommand};
use super::super::{NetworkCommand, sample_view};
use super::{InfoWindow, Pending, PerceptronApp, Severity};

/// Default width of the right column (output, plots, confusion matrix).
const RIGHT_WIDTH: f32 = 470.0;
/// Default width of the left column (settings).
const LEFT_WIDTH: f32 = 300.0;

impl eframe::App for PerceptronApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.ctx = Some(ctx.clone());
        self.session.settle();
        self.settings.zoom = ctx.zoom_factor();
        self.handle_input(&ctx);
        self.poll_dialog();

        let dt = ctx.input(|i| i.stable_dt);
        if self.session.tick(dt) {
            self.dirty = true;
        }
        if self.session.is_playing() {
            ctx.request_repaint();
        }

        let text = self.text();
        let menu_commands = egui::Panel::top("menu_bar")
            .show(ui, |ui| {
                let state = MenuState {
                    theme: self.settings.theme,
                    language: self.settings.language,
                    recent: &self.settings.recent,
                    examples: &self.examples,
                };
                menu::ui(ui, state, text)
            })
            .inner;
        let toolbar_commands = egui::Panel::top("toolbar")
            .show(ui, |ui| {
                ui.add_space(4.0);
                let commands = toolbar::ui(ui, &self.session, text);
                ui.add_space(2.0);
                commands
            })
            .inner;
        self.notice_ui(ui);
        self.poll_load(ctx.cumulative_frame_nr());

        let mut setup_commands = Vec::new();
        if !self.focus_view {
            setup_commands = egui::Panel::left("setup_panel")
                .default_size(LEFT_WIDTH)
                .resizable(true)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("setup_scroll")
                        .show(ui, |ui| {
                            setup_panel::ui(
                                ui,
                                &mut self.columns,
                                &self.session.setup,
                                self.session.trainer(),
                                text,
                            )
                        })
                        .inner
                })
                .inner;
        }
        let (output_focus, confusion_command) = egui::Panel::right("output_panel")
            .default_size(RIGHT_WIDTH)
            .resizable(true)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("output_scroll")
                    .show(ui, |ui| self.output_column_ui(ui))
                    .inner
            })
            .inner;
        let network_commands = egui::CentralPanel::default()
            .show(ui, |ui| {
                self.network_view.ui(ui, self.session.trainer(), self.focus)
            })
            .inner;

        for command in menu_commands {
            self.apply_menu(command);
        }
        for command in toolbar_commands {
            self.apply_toolbar(command);
        }
        for command in setup_commands {
            self.apply_setup(command);
        }
        for command in network_commands {
            self.apply_network(command);
        }
        if let Some(focus) = output_focus {
            self.focus = focus;
        }
        if let Some(ConfusionCommand::Focus(focus)) = confusion_command {
            self.focus = focus;
        }

        self.dialogs_ui(&ctx);
        self.update_title(&ctx);
        self.session.end_frame();
        if self.close_confirmed {
            self.close_confirmed = false;
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}

impl PerceptronApp {
    fn handle_input(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        let (play, batch, epoch, focus_view, fullscreen, save, open) = ctx.input_mut(|i| {
            let plain =
                |i: &mut egui::InputState, key| !typing && i.consume_key(Modifiers::NONE, key);
            (
                plain(i, Key::Space),
                plain(i, Key::B),
                plain(i, Key::E),
                plain(i, Key::F),
                i.consume_key(Modifiers::NONE, Key::F11),
                i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::S)),
                i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::O)),
            )
        });
        if play {
            self.apply_toolbar(ToolbarCommand::TogglePlay);
        }
        if batch {
            self.apply_toolbar(ToolbarCommand::StepBatch);
        }
        if epoch {
            self.apply_toolbar(ToolbarCommand::StepEpoch);
        }
        if focus_view {
            self.focus_view = !self.focus_view;
        }
        if fullscreen {
            self.apply_menu(MenuCommand::ToggleFullscreen);
        }
        if save {
            self.apply_menu(MenuCommand::Save);
        }
        if open {
            self.apply_menu(MenuCommand::Open);
        }
        let dropped: Vec<_> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.request(Pending::OpenPath(path));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.close_confirmed && self.dirty {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.pending = Some(Pending::Quit);
        }
    }

    fn poll_dialog(&mut self) {
        let Some(dialog) = &self.dialog else { return };
        let Some(picked) = dialog.poll() else { return };
        let purpose = dialog.purpose();
        self.dialog = None;
        let Some(path) = picked else { return };
        let text = self.text();
        match purpose {
            DialogPurpose::Open | DialogPurpose::ImportCsv => self.open_path(&path),
            DialogPurpose::SaveAs => self.save_to(&path),
            DialogPurpose::ExportHistory => {
                let csv = files::history_csv(self.session.trainer().history());
                self.report_export(&path, files::write_atomically(&path, csv.as_bytes()));
            }
            DialogPurpose::ExportConfusion => {
                let use_test = self.confusion.use_test;
                let trainer = self.session.trainer();
                let names = trainer
                    .train_data()
                    .class_names()
                    .map(<[String]>::to_vec)
                    .unwrap_or_default();
                let evaluations = self.session.evaluations();
                let evaluation = if use_test {
                    evaluations.test.as_ref()
                } else {
                    None
                }
                .unwrap_or(&evaluations.train);
                match &evaluation.classification {
                    Some(m) => {
                        let csv = files::confusion_csv(&names, &m.confusion);
                        let result = files::write_atomically(&path, csv.as_bytes());
                        self.report_export(&path, result);
                    }
                    None => {
                        self.notice = Some((Severity::Error, text.regression_only.to_owned()));
                    }
                }
            }
        }
    }

    fn report_export(&mut self, path: &std::path::Path, result: Result<(), AppError>) {
        match result {
            Ok(()) => {
                self.notice = Some((Severity::Info, fill(self.text().saved, &[&path.display()])));
            }
            Err(error) => self.show_error(&error),
        }
    }

    /// The right column: the output (boundary or sample), the plots and the confusion matrix.
    fn output_column_ui(&mut self, ui: &mut egui::Ui) -> (Option<usize>, Option<ConfusionCommand>) {
        let text = self.text();
        ui.label(RichText::new(text.output).heading().strong());
        let focus = if self.session.trainer().train_data().num_features() == 2 {
            self.boundary.ui(ui, self.session.trainer(), self.focus)
        } else {
            let focus_index = self.focus;
            let trainer_data = self.session.trainer().train_data().clone();
            let evaluations = self.session.evaluations();
            sample_view::ui(ui, &trainer_data, &evaluations.train, focus_index, text)
        };
        if self.focus_view {
            return (focus, None);
        }
        ui.separator();
        let history = self.session.trainer().history().to_vec();
        self.plots.ui(ui, &history, 150.0, text);
        ui.separator();
        let trainer = self.session.trainer();
        let train = trainer.train_data().clone();
        let test = trainer.test_data().cloned();
        let evaluations = self.session.evaluations().clone();
        let command = self.confusion.ui(
            ui,
            (&train, test.as_ref()),
            (&evaluations.train, evaluations.test.as_ref()),
            text,
        );
        (focus, command)
    }

    fn notice_ui(&mut self, ui: &mut egui::Ui) {
        let text = self.text();
        let stop = self.session.stop().map(|stop| stop_message(stop, text));
        if stop.is_none()
            && self.notice.is_none()
            && self.loading.is_none()
            && !ui.ctx().input(|i| !i.raw.hovered_files.is_empty())
        {
            return;
        }
        egui::Panel::top("notice_bar").show(ui, |ui| {
            if ui.ctx().input(|i| !i.raw.hovered_files.is_empty()) {
                ui.label(RichText::new(text.drop_hint).strong());
            }
            if let Some(load) = &self.loading {
                let name = load.path().file_name().map_or_else(
                    || load.path().display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                let mut cancel = false;
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(RichText::new(fill(text.loading, &[&name])).strong());
                    cancel = ui
                        .button(text.cancel)
                        .on_hover_text(text.hover_cancel_loading)
                        .clicked();
                });
                if cancel {
                    self.cancel_load();
                }
            }
            if let Some(stop) = &stop {
                ui.label(
                    RichText::new(stop)
                        .color(ui.visuals().error_fg_color)
                        .strong(),
                );
            }
            if let Some((severity, message)) = self.notice.clone() {
                ui.horizontal_wrapped(|ui| {
                    let colour = match severity {
                        Severity::Info => ui.visuals().text_color(),
                        Severity::Error => ui.visuals().error_fg_color,
                    };
                    ui.label(RichText::new(message).color(colour));
                    if ui.small_button(text.dismiss).clicked() {
                        self.notice = None;
                    }
                });
            }
        });
    }

    fn apply_toolbar(&mut self, command: ToolbarCommand) {
        match command {
            ToolbarCommand::Reset => {
                let setup = self.session.setup.clone();
                self.rebuild(setup, self.text().reset);
            }
            ToolbarCommand::TogglePlay => {
                let playing = !self.session.is_playing();
                self.session.set_playing(playing);
            }
            ToolbarCommand::StepSample => {
                if self.session.stop().is_none() {
                    self.focus = self.session.trainer().next_sample();
                    self.network_view.begin_sample_step(self.session.trainer());
                    self.session.step_sample();
                    self.dirty = true;
                }
            }
            ToolbarCommand::StepBatch => {
                self.session.step_batch();
                self.dirty = true;
            }
            ToolbarCommand::StepEpoch => {
                self.session.step_epoch();
                self.dirty = true;
            }
            ToolbarCommand::SetSpeed(speed) => self.session.speed = speed,
        }
    }

    fn apply_setup(&mut self, command: SetupCommand) {
        let text = self.text();
        let result = match command {
            SetupCommand::Rebuild { setup, what } => {
                self.rebuild(*setup, what);
                return;
            }
            SetupCommand::SetLearningRate(lr) => self
                .session
                .trainer_mut()
                .set_learning_rate(lr)
                .map(|()| fill(text.applies_next_step, &[&text.learning_rate, &lr])),
            SetupCommand::SetBatchSize(size) => self
                .session
                .trainer_mut()
                .set_batch_size(size)
                .map(|()| fill(text.applies_next_step, &[&text.batch_size, &size])),
            SetupCommand::SetL2(l2) => self
                .session
                .trainer_mut()
                .set_l2(l2)
                .map(|()| fill(text.applies_next_step, &[&text.l2, &l2])),
        };
        match result {
            Ok(message) => {
                self.session.setup.config = *self.session.trainer().config();
                self.dirty = true;
                self.notice = Some((Severity::Info, message));
            }
            Err(error) => {
                self.session.setup.config = *self.session.trainer().config();
                self.notice = Some((Severity::Error, fill(text.cannot_apply, &[&error])));
            }
        }
    }

    fn apply_network(&mut self, command: NetworkCommand) {
        match command {
            // Editing resets the weights: with unsaved progress, ask first.
            NetworkCommand::SetArchitecture(architecture) => {
                self.request(Pending::Architecture(architecture));
            }
            NetworkCommand::Focus(index) => self.focus = index,
        }
    }

    fn apply_menu(&mut self, command: MenuCommand) {
        match command {
            MenuCommand::New => self.request(Pending::New),
            MenuCommand::Open => self.request(Pending::OpenDialog),
            MenuCommand::ImportCsv => self.request(Pending::ImportDialog),
            MenuCommand::OpenExample(i) => self.request(Pending::OpenExample(i)),
            MenuCommand::OpenShipped(name) => self.request(Pending::OpenShipped(name)),
            MenuCommand::OpenRecent(path) => self.request(Pending::OpenPath(path)),
            MenuCommand::Save => match self.path.clone() {
                Some(path) => self.save_to(&path),
                None => self.open_dialog(DialogPurpose::SaveAs),
            },
            MenuCommand::SaveAs => self.open_dialog(DialogPurpose::SaveAs),
            MenuCommand::ExportHistory => self.open_dialog(DialogPurpose::ExportHistory),
            MenuCommand::ExportConfusion => self.open_dialog(DialogPurpose::ExportConfusion),
            MenuCommand::Quit => self.request(Pending::Quit),
            MenuCommand::SetTheme(theme) => {
                self.settings.theme = theme;
                if let Some(ctx) = &self.ctx {
                    ctx.set_theme(theme);
                }
            }
            MenuCommand::Zoom(factor) => {
                if let Some(ctx) = &self.ctx {
                    let zoom = if (factor - 1.0).abs() < f32::EPSILON {
                        1.0
                    } else {
                        ctx.zoom_factor() * factor
                    };
                    ctx.set_zoom_factor(zoom.clamp(0.5, 2.0));
                }
            }
            MenuCommand::SetLanguage(language) => self.settings.language = language,
            MenuCommand::ToggleFocusView => self.focus_view = !self.focus_view,
            MenuCommand::ToggleFullscreen => {
                self.fullscreen = !self.fullscreen;
                if let Some(ctx) = &self.ctx {
                    ctx.send_viewport_cmd(ViewportCommand::Fullscreen(self.fullscreen));
                }
            }
            MenuCommand::ShowShortcuts => self.info_window = Some(InfoWindow::Shortcuts),
            MenuCommand::ShowAbout => self.info_window = Some(InfoWindow::About),
        }
    }

    fn dialogs_ui(&mut self, ctx: &egui::Context) {
        let text = self.text();
        if let Some(action) = self.pending.clone() {
            let mut answer = None;
            egui::Modal::new(egui::Id::unique("unsaved_changes")).show(ctx, |ui| {
                ui.heading(text.unsaved_title);
                ui.label(text.unsaved_body);
                ui.horizontal(|ui| {
                    if ui.button(text.save_first).clicked() {
                        answer = Some(0);
                    }
                    if ui.button(text.discard).clicked() {
                        answer = Some(1);
                    }
                    if ui.button(text.cancel).clicked() {
                        answer = Some(2);
                    }
                });
            });
            match answer {
                Some(0) => {
                    self.pending = None;
                    match self.path.clone() {
                        Some(path) => {
                            self.save_to(&path);
                            if !self.dirty {
                                self.perform(action);
                            }
                        }
                        None => self.open_dialog(DialogPurpose::SaveAs),
                    }
                }
                Some(1) => {
                    self.pending = None;
                    self.dirty = false;
                    self.perform(action);
                }
                Some(_) => self.pending = None,
                None => {}
            }
        }
        if let Some(window) = self.info_window {
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
                            for (keys, what) in text.shortcut_list {
                                ui.monospace(*keys);
                                ui.label(*what);
                                ui.end_row();
                            }
                        });
                    }
                    InfoWindow::About => {
                        ui.label(
                            RichText::new(format!(
                                "{} {}",
                                text.app_name,
                                env!("CARGO_PKG_VERSION")
                            ))
                            .strong(),
                        );
                        ui.label(text.about_text);
                    }
                });
            if !open {
                self.info_window = None;
            }
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let name = self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || "untitled".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        let mark = if self.dirty { " *" } else { "" };
        let title = format!("{name}{mark} — {}", self.text().app_name);
        if title != self.shown_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }
}
