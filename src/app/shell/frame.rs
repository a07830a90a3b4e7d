//! One frame of the app: input → commands, applied → training → a read-only view extracted
//! once → the panels draw from it and push their commands → those are applied, in the same
//! place as the input's.

use egui::ViewportCommand;

use super::super::command::CommandQueue;
use super::super::files::FileLoad;
use super::super::frame_data::FrameData;
use super::super::menu::{self, MenuState};
use super::super::{sample_view, timeline, toolbar};
use super::{Panels, PerceptronApp, dialogs};

/// Default width of the right column (output, plots, confusion matrix).
const RIGHT_WIDTH: f32 = 470.0;
/// Default width of the left column (settings).
const LEFT_WIDTH: f32 = 300.0;
/// Height of each of the loss and accuracy plots.
const PLOT_HEIGHT: f32 = 150.0;

impl eframe::App for PerceptronApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.ctx = Some(ctx.clone());
        self.session.settle();
        self.settings.zoom = ctx.zoom_factor();

        let mut commands = CommandQueue::default();
        self.input(&ctx, &mut commands);
        self.apply_all(commands.take());

        let dt = ctx.input(|i| i.stable_dt);
        if self.session.tick(dt) {
            self.dirty = true;
        }
        if self.session.is_playing() {
            ctx.request_repaint();
        }
        self.session.refresh_evaluations();
        self.forget_stale_rewind();
        self.follow_comparison();
        self.spotlight_frame(&ctx);

        let text = self.text();
        let Some(frame) = FrameData::new(&self.session, self.focus, text) else {
            unreachable!("the evaluations were just refreshed")
        };
        let frame = match &self.rewound {
            Some(rewound) => frame.rewound(rewound),
            None => frame,
        };
        egui::Panel::top("menu_bar").show(ui, |ui| {
            let state = MenuState {
                theme: self.settings.theme,
                language: self.settings.language,
                recent: &self.settings.recent,
                examples: &self.examples,
            };
            menu::ui(ui, state, text, &mut commands);
        });
        egui::Panel::top("toolbar").show(ui, |ui| {
            ui.add_space(4.0);
            toolbar::ui(ui, &frame, &mut commands);
            ui.add_space(2.0);
        });
        dialogs::notice_bar_ui(
            ui,
            self.notice.as_ref(),
            self.loading.as_ref().map(FileLoad::path),
            &frame,
            &mut commands,
        );
        if !self.focus_view {
            egui::Panel::bottom("timeline").show(ui, |ui| {
                timeline::ui(ui, &frame, &mut commands);
            });
        }
        self.panels.ui(ui, &frame, self.focus_view, &mut commands);
        if let Some(comparing) = self.comparing.as_mut() {
            comparing.ui(&ctx, &frame, &mut commands);
        }
        dialogs::confirmation_ui(
            &ctx,
            self.awaiting_confirmation.is_some(),
            text,
            &mut commands,
        );
        dialogs::info_window_ui(&ctx, self.info_window, text, &mut commands);
        self.panels
            .concepts
            .ui(&ctx, self.settings.language, &mut commands);

        self.apply_all(commands.take());
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
    fn update_title(&mut self, ctx: &egui::Context) {
        let text = self.text();
        let name = self
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .or_else(|| self.example_name.clone())
            .unwrap_or_else(|| text.untitled.to_owned());
        let mark = if self.dirty { " *" } else { "" };
        let title = format!("{name}{mark} — {}", text.app_name);
        if title != self.shown_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }
}

impl Panels {
    /// The setup on the left (hidden in focus view), the output column on the right and the
    /// network graph in the middle.
    fn ui(
        &mut self,
        ui: &mut egui::Ui,
        frame: &FrameData<'_>,
        focus_view: bool,
        commands: &mut CommandQueue,
    ) {
        if !focus_view {
            egui::Panel::left("setup_panel")
                .default_size(LEFT_WIDTH)
                .resizable(true)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("setup_scroll")
                        .show(ui, |ui| self.setup.ui(ui, frame, commands));
                });
        }
        egui::Panel::right("output_panel")
            .default_size(RIGHT_WIDTH)
            .resizable(true)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("output_scroll")
                    .show(ui, |ui| {
                        self.output_column_ui(ui, frame, focus_view, commands);
                    });
            });
        egui::CentralPanel::default().show(ui, |ui| self.network.ui(ui, frame, commands));
    }

    /// The right column: the output (boundary or sample), the plots and the confusion matrix.
    fn output_column_ui(
        &mut self,
        ui: &mut egui::Ui,
        frame: &FrameData<'_>,
        focus_view: bool,
        commands: &mut CommandQueue,
    ) {
        ui.label(egui::RichText::new(frame.text.output).heading().strong());
        if frame.trainer.train_data().num_features() == 2 {
            self.boundary.ui(ui, frame, commands);
        } else {
            sample_view::ui(ui, frame, commands);
        }
        if focus_view {
            return;
        }
        ui.separator();
        self.plots
            .ui(ui, frame.trainer.history(), PLOT_HEIGHT, frame.text);
        ui.separator();
        self.confusion.ui(ui, frame, commands);
    }
}
