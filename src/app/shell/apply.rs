//! The one place commands are applied: every change of the session, the files and the
//! panels' shared state goes through [`PerceptronApp::apply`]. The frame calls it for the
//! input's commands before drawing and for the panels' commands after drawing.
//! Training commands are applied in `training.rs`.

use std::path::Path;

use egui::ViewportCommand;

use super::super::command::{
    Answer, Command, FileCommand, PanelCommand, SetupCommand, ViewCommand,
};
use super::super::error::AppError;
use super::super::files::{DialogPurpose, FileDialog};
use super::super::strings::Language;
use super::{AwaitingConfirmation, InfoWindow, PerceptronApp};
use crate::nn::{Architecture, Optimizer};
use crate::session::{Opened, SessionError, Setup, tables};

impl PerceptronApp {
    /// Applies one command.
    pub(super) fn apply(&mut self, command: Command) {
        match command {
            Command::File(command) => self.apply_file(command),
            Command::Training(command) => self.apply_training(command),
            Command::Setup(command) => self.apply_setup(command),
            Command::View(command) => self.apply_view(command),
            Command::Focus(sample) => {
                self.focus =
                    sample.min(self.session.trainer().train_data().len().saturating_sub(1));
                self.panels.boundary.set_test_focus(None);
            }
            Command::FocusTest(sample) => {
                let in_range = self
                    .session
                    .trainer()
                    .test_data()
                    .is_some_and(|test| sample < test.len());
                self.panels
                    .boundary
                    .set_test_focus(in_range.then_some(sample));
            }
            Command::Confirm(answer) => self.confirm(answer),
            Command::ShowError(error) => self.show_error(&error),
            Command::Inform(message) => self.inform(message.to_owned()),
            Command::DismissNotice => self.notice = None,
            Command::Serve(command) => self.apply_serve(command),
            Command::History(command) => self.apply_history(command),
            Command::Compare(command) => self.apply_compare(command),
        }
    }

    fn apply_file(&mut self, command: FileCommand) {
        match command {
            FileCommand::New => self.request(AwaitingConfirmation::New),
            FileCommand::Open => self.request(AwaitingConfirmation::OpenDialog),
            FileCommand::ImportCsv => self.request(AwaitingConfirmation::ImportDialog),
            FileCommand::OpenExample(i) => self.request(AwaitingConfirmation::OpenExample(i)),
            FileCommand::OpenShipped(name) => {
                self.request(AwaitingConfirmation::OpenShipped(name));
            }
            FileCommand::OpenPath(path) => self.request(AwaitingConfirmation::OpenPath(path)),
            FileCommand::Save => match self.path.clone() {
                Some(path) => self.save_to(&path),
                None => self.open_dialog(DialogPurpose::SaveAs),
            },
            FileCommand::SaveAs => self.open_dialog(DialogPurpose::SaveAs),
            FileCommand::ExportHistory => self.open_dialog(DialogPurpose::ExportHistory),
            FileCommand::ExportConfusion => self.open_dialog(DialogPurpose::ExportConfusion),
            FileCommand::ExportPytorch => self.open_dialog(DialogPurpose::ExportPytorch),
            FileCommand::ExportPicture => {
                self.picture_window = Some(self.picture_options);
            }
            FileCommand::SavePicture => {
                if let Some(options) = self.picture_window.take() {
                    self.picture_options = options;
                    self.open_dialog(DialogPurpose::ExportPicture);
                }
            }
            FileCommand::ClosePicture => self.picture_window = None,
            FileCommand::ExportAnimation => self.open_dialog(DialogPurpose::ExportAnimation),
            FileCommand::Quit => self.request(AwaitingConfirmation::Quit),
            FileCommand::CancelLoad => {
                if let Some(load) = self.loading.take() {
                    self.inform(
                        self.text()
                            .loading_cancelled(load.path().display().to_string()),
                    );
                }
            }
            FileCommand::DialogClosed { purpose, path } => {
                if let Some(path) = path {
                    self.dialog_closed(purpose, &path);
                }
            }
            FileCommand::Loaded { path, opened } => self.apply_load(&path, *opened),
        }
    }

    pub(super) fn dialog_closed(&mut self, purpose: DialogPurpose, path: &Path) {
        match purpose {
            DialogPurpose::Open | DialogPurpose::ImportCsv => self.open_path(path),
            DialogPurpose::SaveAs => self.save_to(path),
            DialogPurpose::ExportHistory => {
                let result = tables::history_csv(self.session.trainer().history())
                    .and_then(|csv| tables::write_table(path, &csv))
                    .map_err(AppError::from);
                self.report_export(path, result);
            }
            DialogPurpose::ExportPytorch => self.export_pytorch_to(path),
            DialogPurpose::ExportPicture => self.start_picture(path, false),
            DialogPurpose::ExportAnimation => self.export_animation_to(path),
            DialogPurpose::ExportConfusion => {
                let use_test = self.panels.confusion.shows_test();
                self.session.refresh_evaluations();
                let names = self.session.trainer().train_data().class_names();
                let Some(evaluations) = self.session.latest_evaluations() else {
                    return;
                };
                let evaluation = evaluations
                    .test
                    .as_ref()
                    .filter(|_| use_test)
                    .unwrap_or(&evaluations.train);
                let result = match (names, &evaluation.classification) {
                    (Some(names), Some(metrics)) => tables::confusion_csv(names, metrics)
                        .and_then(|csv| tables::write_table(path, &csv))
                        .map_err(AppError::from),
                    _ => Err(AppError::NoConfusionMatrix),
                };
                self.report_export(path, result);
            }
        }
    }

    fn report_export(&mut self, path: &Path, result: Result<(), AppError>) {
        match result {
            Ok(()) => self.inform(self.text().saved(path.display().to_string())),
            Err(error) => self.show_error(&error),
        }
    }

    fn apply_setup(&mut self, command: SetupCommand) {
        let text = self.text();
        let result = match command {
            SetupCommand::Rebuild { setup, section } => {
                self.rebuild(*setup, Some(section));
                return;
            }
            // Editing the architecture resets the weights: with unsaved progress, ask first.
            SetupCommand::SetArchitecture(architecture) => {
                self.request(AwaitingConfirmation::Architecture(architecture));
                return;
            }
            SetupCommand::SetLearningRate(lr) => self
                .session
                .trainer_mut()
                .set_learning_rate(lr)
                .map(|()| text.applies_next_step(text.learning_rate, lr.to_string())),
            SetupCommand::SetBatchSize(size) => self
                .session
                .trainer_mut()
                .set_batch_size(size)
                .map(|()| text.applies_next_step(text.batch_size, size)),
            SetupCommand::SetL2(l2) => self
                .session
                .trainer_mut()
                .set_l2(l2)
                .map(|()| text.applies_next_step(text.l2, l2.to_string())),
        };
        // The setup always says what the trainer runs with (a refused value falls back).
        self.session.setup.config = *self.session.trainer().config();
        match result {
            Ok(message) => {
                self.dirty = true;
                self.setup_edited = true;
                self.inform(message);
            }
            Err(error) => self.show_error(&AppError::Setting(error.into())),
        }
    }

    fn apply_view(&mut self, command: ViewCommand) {
        match command {
            ViewCommand::SetTheme(theme) => {
                self.settings.theme = theme;
                if let Some(ctx) = &self.ctx {
                    ctx.set_theme(theme);
                }
            }
            ViewCommand::Zoom(factor) => {
                if let Some(ctx) = &self.ctx {
                    let zoom = if (factor - 1.0).abs() < f32::EPSILON {
                        1.0
                    } else {
                        ctx.zoom_factor() * factor
                    };
                    ctx.set_zoom_factor(zoom.clamp(0.5, 2.0));
                }
            }
            ViewCommand::SetLanguage(language) => self.settings.language = language,
            ViewCommand::ToggleFocusView => self.focus_view = !self.focus_view,
            ViewCommand::ToggleFullscreen => {
                self.fullscreen = !self.fullscreen;
                if let Some(ctx) = &self.ctx {
                    ctx.send_viewport_cmd(ViewportCommand::Fullscreen(self.fullscreen));
                }
            }
            ViewCommand::ShowShortcuts => self.info_window = Some(InfoWindow::Shortcuts),
            ViewCommand::ShowAbout => self.info_window = Some(InfoWindow::About),
            ViewCommand::CloseInfoWindow => self.info_window = None,
            ViewCommand::ToggleLecture if self.lecture.is_some() => self.leave_lecture(),
            ViewCommand::ToggleLecture => self.enter_lecture(),
            ViewCommand::LeaveLecture => self.leave_lecture(),
            ViewCommand::ShowConcepts => self.panels.concepts.open(None),
            ViewCommand::ExplainConcept(concept) => {
                self.panels.concepts.open(Some(concept.term(self.text())));
            }
            ViewCommand::ShowMe(place) => self.show_me(place),
        }
    }

    /// Performs `action` now, or asks first when there are unsaved changes.
    pub(super) fn request(&mut self, action: AwaitingConfirmation) {
        if self.worth_asking() {
            self.awaiting_confirmation = Some(action);
        } else {
            self.perform(action);
        }
    }

    fn confirm(&mut self, answer: Answer) {
        let Some(action) = self.awaiting_confirmation.take() else {
            return;
        };
        match answer {
            Answer::SaveFirst => match self.path.clone() {
                Some(path) => {
                    self.save_to(&path);
                    if !self.dirty {
                        self.perform(action);
                    }
                }
                None => self.open_dialog(DialogPurpose::SaveAs),
            },
            Answer::Discard => {
                self.dirty = false;
                self.perform(action);
            }
            Answer::Cancel => {}
        }
    }

    fn perform(&mut self, action: AwaitingConfirmation) {
        match action {
            AwaitingConfirmation::New => {
                self.rebuild(Setup::default(), None);
                self.path = None;
                self.dirty = false;
            }
            AwaitingConfirmation::OpenDialog => self.open_dialog(DialogPurpose::Open),
            AwaitingConfirmation::ImportDialog => self.open_dialog(DialogPurpose::ImportCsv),
            AwaitingConfirmation::OpenPath(path) => self.open_path(&path),
            AwaitingConfirmation::OpenExample(i) => {
                if let Some(example) = self.examples.get(i).cloned() {
                    let text = self.text();
                    let title = text.example_titles.get(i).copied().unwrap_or_default();
                    let lesson = text.example_lessons.get(i).copied().unwrap_or_default();
                    self.rebuild(example.setup, None);
                    self.inform(format!("{title} — {lesson}"));
                    self.path = None;
                    self.example_name = Some(title.to_owned());
                    self.dirty = false;
                }
            }
            AwaitingConfirmation::OpenShipped(name) => self.open_shipped_example(name),
            AwaitingConfirmation::OpenComparison(name) => self.open_comparison(name),
            AwaitingConfirmation::Reset => {
                let setup = self.session.setup.clone();
                self.rebuild(setup, None);
            }
            AwaitingConfirmation::Quit => {
                self.close_confirmed = true;
                self.dirty = false;
            }
            AwaitingConfirmation::Architecture(architecture) => {
                let setup = with_architecture(&self.session.setup, &architecture);
                self.rebuild(setup, Some(self.text().network));
            }
        }
    }

    /// Rebuilds the trainer from `setup` (fresh weights, epoch 0), announcing which `section`
    /// of the setup changed (`None`: a plain restart, as Reset); on failure the current
    /// experiment stays.
    pub(super) fn rebuild(&mut self, setup: Setup, section: Option<&str>) {
        // As `Setup::build`, keeping the fitted preprocessing to show raw values with.
        let built = setup
            .data_spec()
            .load()
            .map_err(SessionError::from)
            .and_then(|loaded| {
                let fitted = loaded.preprocessing.clone();
                setup.build_with(loaded).map(|trainer| (trainer, fitted))
            });
        match built {
            Ok((trainer, fitted)) => {
                self.session.replace(setup, trainer);
                self.session.set_fitted_preprocessing(fitted);
                self.after_replace();
                self.dirty = true;
                self.setup_edited = section.is_some();
                let text = self.text();
                let notice = section.map_or_else(
                    || text.training_restarted.to_owned(),
                    |section| text.reset_notice(section),
                );
                self.inform(notice);
            }
            Err(error) => self.show_error(&AppError::Setting(error)),
        }
    }

    fn after_replace(&mut self) {
        self.focus = 0;
        self.example_name = None;
        self.setup_edited = false;
        self.progress_baseline = (self.session.trainer().cursor().epoch, 0.0);
        let trainer = self.session.trainer();
        self.panels
            .network
            .apply(PanelCommand::ExperimentReplaced, trainer);
        self.panels
            .confusion
            .apply(PanelCommand::ExperimentReplaced);
        self.panels.boundary.set_test_focus(None);
    }

    fn apply_load(&mut self, path: &Path, opened: Result<Opened, AppError>) {
        let name = path.display().to_string();
        let opened = opened.map(|mut opened| {
            if opened.title.is_empty() && opened.notes.is_empty() {
                opened.notes = self.text().imported(name.as_str());
            }
            opened
        });
        if self.take_opened(opened, &name) {
            // Saving writes an experiment: never over the CSV it was imported from.
            let is_experiment = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
            self.path = is_experiment.then(|| path.to_owned());
            self.remember(path);
        }
    }

    pub(super) fn take_opened(&mut self, opened: Result<Opened, AppError>, name: &str) -> bool {
        match opened {
            Ok(opened) => {
                let mut message = self.text().opened(name);
                let summary = opened.summary(self.settings.language == Language::Korean);
                if !summary.is_empty() {
                    message = format!("{message}: {summary}");
                }
                self.session
                    .replace_with_history(opened.setup, opened.trainer, opened.snapshots);
                self.session.set_fitted_preprocessing(opened.fitted);
                self.after_replace();
                self.dirty = false;
                self.inform(message);
                true
            }
            Err(error) => {
                self.show_error(&error);
                false
            }
        }
    }

    pub(super) fn open_dialog(&mut self, purpose: DialogPurpose) {
        if !self.native_dialogs {
            self.without_dialog(purpose);
            return;
        }
        if self.file_dialog.is_none()
            && let Some(ctx) = &self.ctx
        {
            self.file_dialog = Some(FileDialog::spawn(purpose, ctx, self.text()));
        }
    }
}

/// `setup` with the hidden layers and output activation of `architecture`; a new output
/// activation brings the loss that suits it (except under the perceptron rule, which keeps
/// its own).
fn with_architecture(setup: &Setup, architecture: &Architecture) -> Setup {
    let mut next = setup.clone();
    next.set_architecture(architecture);
    if next.output_activation != setup.output_activation
        && next.config.optimizer != Optimizer::Perceptron
    {
        next.config.loss = Setup::loss_for_output(next.output_activation);
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::{Activation, LayerSpec};

    #[test]
    fn a_new_output_activation_brings_its_loss() {
        let setup = Setup::default();
        let architecture = Architecture::of(2, &[(4, Activation::Tanh), (1, Activation::Identity)]);
        let next = with_architecture(&setup, &architecture);
        assert_eq!(
            next.output_activation,
            Activation::Identity,
            "the output activation is taken"
        );
        assert_eq!(
            next.config.loss.name(),
            "mse",
            "a linear output pairs with MSE"
        );
        let wider = Architecture::of(2, &[(5, Activation::Tanh), (2, Activation::Softmax)]);
        let next = with_architecture(&setup, &wider);
        assert_eq!(
            next.hidden,
            vec![LayerSpec {
                width: 5,
                activation: Activation::Tanh
            }],
            "the hidden layers are taken"
        );
        assert_eq!(
            next.config.loss, setup.config.loss,
            "same output, same loss"
        );
    }
}
