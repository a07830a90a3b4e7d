//! One frame of the app: input → commands, applied → training → a read-only view extracted
//! once → the panels draw from it and push their commands → those are applied, in the same
//! place as the input's.

use egui::ViewportCommand;

use super::super::command::CommandQueue;
use super::super::frame_data::FrameData;
use super::super::menu::{self, MenuState};
use super::super::{picture, timeline, toolbar};
use super::{PerceptronApp, dialogs, lecture};

impl PerceptronApp {
    /// Remembers the usual zoom and sets this frame's style (lecture mode's contrast, a
    /// picture's white background); true when this frame is taken as a picture.
    fn frame_style(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) -> bool {
        // Lecture mode's zoom is its own: the remembered zoom is the usual one.
        if self.lecture.is_none() {
            self.settings.zoom = ctx.zoom_factor();
        }
        let picture_frame = self
            .picture_job
            .as_ref()
            .is_some_and(picture::PictureJob::is_preparing);
        if self.lecture.is_some() {
            lecture::high_contrast(ui.style_mut());
        }
        if picture_frame && self.picture_options.white_background {
            white_background(ui.style_mut());
        }
        picture_frame
    }
}

impl eframe::App for PerceptronApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.ctx = Some(ctx.clone());
        self.session.settle();
        self.sync_serving();
        let picture_frame = self.frame_style(ui, &ctx);

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
        let toolbar = egui::Panel::top("toolbar").show(ui, |ui| {
            ui.add_space(4.0);
            toolbar::ui(ui, &frame, &mut commands);
            ui.add_space(2.0);
        });
        self.panels.layout.rects.toolbar = Some(toolbar.response.rect);
        self.panels.layout.rects.window = Some(ctx.content_rect());
        if let Some(lecture) = &self.lecture {
            lecture::readout_ui(ui, &frame, lecture.pen_is_on());
        }
        dialogs::notice_bar_ui(
            ui,
            self.notice.as_ref(),
            self.loading.as_ref(),
            &frame,
            &mut commands,
        );
        let setup_hidden = self.focus_view || self.lecture.is_some();
        if !setup_hidden {
            egui::Panel::bottom("timeline").show(ui, |ui| {
                timeline::ui(ui, &frame, &mut commands);
            });
        }
        self.panels.ui(ui, &frame, setup_hidden, &mut commands);
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
        self.panels.serve.ui(&ctx, text, &mut commands);
        if let Some(options) = &mut self.picture_window {
            picture::options_ui(&ctx, options, text, &mut commands);
        }
        if let Some(lecture) = &mut self.lecture {
            lecture.pen_ui(&ctx);
        }
        if picture_frame {
            self.request_picture(&ctx);
        }

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

/// White backgrounds on the light theme, for the frame a picture is taken of.
fn white_background(style: &mut egui::Style) {
    let mut visuals = egui::Visuals::light();
    visuals.panel_fill = egui::Color32::WHITE;
    visuals.window_fill = egui::Color32::WHITE;
    visuals.extreme_bg_color = egui::Color32::WHITE;
    visuals.override_text_color = style.visuals.override_text_color;
    style.visuals = visuals;
}

impl PerceptronApp {
    /// Asks for the screenshot of this frame, cropped to the chosen view; a view that is not
    /// on screen ends the job with a message.
    fn request_picture(&mut self, ctx: &egui::Context) {
        let Some(job) = &mut self.picture_job else {
            return;
        };
        let view = job.options.view;
        if let Some(rect) = self.panels.layout.rects.get(view) {
            job.request(ctx, rect);
            return;
        }
        self.picture_job = None;
        self.show_error(&super::super::error::AppError::PictureNotShown { view });
    }
}
