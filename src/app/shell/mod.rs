//! The app itself: owns the session and the panels, lays them out, and applies the commands
//! they return once per frame.

use std::path::{Path, PathBuf};

use egui::ThemePreference;
use serde::{Deserialize, Serialize};

use super::columns::ColumnsView;
use super::confusion::ConfusionPanel;
use super::error::AppError;
use super::examples::{self, Example};
use super::files::{DialogPurpose, PendingDialog, PendingLoad};
use super::plots::PlotsPanel;
use super::strings::{Language, Strings, fill};
use super::{BoundaryView, NetworkView, theme};
use crate::session::{self, Evaluations, MAX_SPEED, Opened, Session, Setup};

mod frame;

/// How many recent files are remembered.
const MAX_RECENT: usize = 8;

/// What eframe remembers between runs (the window size is kept by eframe itself).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Light (the default, best on projectors), dark, or follow the system.
    pub theme: ThemePreference,
    /// Interface language.
    pub language: Language,
    /// Recently opened or saved files, newest first.
    pub recent: Vec<PathBuf>,
    /// Zoom factor.
    pub zoom: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: ThemePreference::Light,
            language: Language::English,
            recent: Vec::new(),
            zoom: 1.0,
        }
    }
}

/// How serious a message in the notice bar is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Severity {
    Info,
    Error,
}

/// Something waiting for the answer to "unsaved changes?".
#[derive(Debug, Clone, PartialEq)]
enum Pending {
    New,
    OpenDialog,
    ImportDialog,
    OpenPath(PathBuf),
    OpenExample(usize),
    OpenShipped(&'static str),
    Quit,
    /// A new architecture from the network view's editor (resets the weights).
    Architecture(crate::nn::Architecture),
}

/// A small window on top: the shortcut list or the about box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InfoWindow {
    Shortcuts,
    About,
}

/// Perceptron Lab's window.
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent view toggles and file state"
)]
pub struct PerceptronApp {
    settings: Settings,
    session: Session,
    examples: Vec<Example>,
    plots: PlotsPanel,
    confusion: ConfusionPanel,
    network_view: NetworkView,
    boundary: BoundaryView,
    columns: ColumnsView,
    loading: Option<PendingLoad>,
    focus: usize,
    path: Option<PathBuf>,
    dirty: bool,
    notice: Option<(Severity, String)>,
    dialog: Option<PendingDialog>,
    pending: Option<Pending>,
    info_window: Option<InfoWindow>,
    focus_view: bool,
    fullscreen: bool,
    close_confirmed: bool,
    shown_title: String,
    /// The context of the last frame, for dialogs that repaint when done.
    ctx: Option<egui::Context>,
}

impl PerceptronApp {
    /// The app on the default experiment, with remembered settings from `cc`, then `path`
    /// opened if given (errors appear in the window).
    pub fn new(cc: &eframe::CreationContext<'_>, path: Option<&Path>) -> Self {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        theme::install_fonts(&cc.egui_ctx);
        cc.egui_ctx.set_theme(settings.theme);
        cc.egui_ctx.set_zoom_factor(settings.zoom.clamp(0.5, 2.0));
        let mut app = Self::with_settings(settings);
        app.ctx = Some(cc.egui_ctx.clone());
        if let Some(path) = path {
            app.open_path(path);
        }
        app
    }

    /// The app on the default experiment with `settings`, without a window (for tests).
    pub fn with_settings(settings: Settings) -> Self {
        let setup = Setup::default();
        let session = match setup.build() {
            Ok(trainer) => Session::new(setup, trainer),
            Err(message) => unreachable!("the default experiment must build: {message}"),
        };
        Self {
            settings,
            session,
            examples: examples::all(),
            plots: PlotsPanel::default(),
            confusion: ConfusionPanel::default(),
            network_view: NetworkView::default(),
            boundary: BoundaryView::default(),
            columns: ColumnsView::default(),
            loading: None,
            focus: 0,
            path: None,
            dirty: false,
            notice: None,
            dialog: None,
            pending: None,
            info_window: None,
            focus_view: false,
            fullscreen: false,
            close_confirmed: false,
            shown_title: String::new(),
            ctx: None,
        }
    }

    // ---- The small public API that tests and the lead use. ----

    /// The running experiment, with the trainer brought home from the training thread.
    pub fn session(&mut self) -> &Session {
        self.session.settle();
        &self.session
    }

    /// Sets the play speed in updates per second, as the toolbar's slider does
    /// ([`crate::app::MAX_SPEED`]: as fast as possible, on the training thread).
    pub fn set_speed(&mut self, updates_per_sec: f32) {
        self.session.speed = updates_per_sec.clamp(1.0, MAX_SPEED);
    }

    /// Epochs completed.
    pub fn epoch(&mut self) -> usize {
        self.session().trainer().cursor().epoch
    }

    /// The evaluations the confusion matrix and metrics show (see [`Session::evaluations`]).
    pub fn evaluations(&mut self) -> &Evaluations {
        self.session.settle();
        self.session.evaluations()
    }

    /// Train-loss points the loss plot drew in the last frame.
    pub fn loss_plot_points(&self) -> usize {
        self.plots.loss_point_count()
    }

    /// Samples counted by the confusion matrix in the last frame.
    pub fn confusion_total(&self) -> u64 {
        self.confusion.last_total()
    }

    /// True while the confusion matrix shows the test set.
    pub fn confusion_shows_test(&self) -> bool {
        self.confusion.use_test
    }

    /// The message in the notice bar, if any.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_ref().map(|(_, text)| text.as_str())
    }

    /// True when there are unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// The file the experiment was opened from or saved to.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Starts opening an experiment (.ron) or dataset (.csv) on a background thread — the
    /// path behind the command line, drag and drop and the Open dialog. The window shows a
    /// "Loading…" notice with Cancel meanwhile; errors appear in the notice bar.
    pub fn open_path(&mut self, path: &Path) {
        let pass = self
            .ctx
            .as_ref()
            .map_or(0, egui::Context::cumulative_frame_nr);
        self.loading = Some(PendingLoad::spawn(path.to_owned(), self.ctx.clone(), pass));
    }

    /// True while a file is being opened.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Waits for the file being opened, if any, and applies it (for tests and scripts).
    pub fn wait_for_load(&mut self) {
        if let Some(load) = self.loading.take() {
            let path = load.path().to_owned();
            let opened = load.wait();
            self.apply_load(&path, opened);
        }
    }

    /// Stops waiting for the file being opened; the current experiment stays.
    pub fn cancel_load(&mut self) {
        if let Some(load) = self.loading.take() {
            let message = fill(self.text().loading_cancelled, &[&load.path().display()]);
            self.notice = Some((Severity::Info, message));
        }
    }

    /// Applies a finished load, unless it started in frame `current_frame` (so a Cancel
    /// click in the next frame always wins over a fast load).
    fn poll_load(&mut self, current_frame: u64) {
        let Some(load) = &self.loading else { return };
        if load.started_frame() == current_frame {
            return;
        }
        let Some(opened) = load.poll() else { return };
        let path = load.path().to_owned();
        self.loading = None;
        self.apply_load(&path, opened);
    }

    fn apply_load(&mut self, path: &Path, opened: Result<Opened, AppError>) {
        let name = path.display().to_string();
        let opened = opened.map(|mut opened| {
            if opened.title.is_empty() && opened.notes.is_empty() {
                opened.notes = fill(self.text().imported, &[&name]);
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

    /// Opens the experiment shipped with the app as `name` (File ▸ Open example).
    pub fn open_shipped_example(&mut self, name: &str) {
        let opened = session::open_shipped_example(name).map_err(AppError::from);
        if self.take_opened(opened, name) {
            self.path = None;
        }
    }

    fn take_opened(&mut self, opened: Result<Opened, AppError>, name: &str) -> bool {
        match opened {
            Ok(opened) => {
                let mut message = fill(self.text().opened, &[&name]);
                let summary = opened.summary(false);
                if !summary.is_empty() {
                    message = format!("{message}: {summary}");
                }
                self.session.replace(opened.setup, opened.trainer);
                self.after_replace();
                self.dirty = false;
                self.notice = Some((Severity::Info, message));
                true
            }
            Err(error) => {
                self.show_error(&error);
                false
            }
        }
    }

    /// Shows `error` in the notice bar (the one place errors are shown).
    fn show_error(&mut self, error: &AppError) {
        self.notice = Some((Severity::Error, error.message(self.text())));
    }

    /// Saves the experiment to `path` (atomically). Errors appear in the notice bar.
    pub fn save_to(&mut self, path: &Path) {
        match session::save(path, &self.session.setup, self.session.trainer()) {
            Ok(()) => {
                self.path = Some(path.to_owned());
                self.dirty = false;
                self.remember(path);
                self.notice = Some((Severity::Info, fill(self.text().saved, &[&path.display()])));
            }
            Err(error) => self.show_error(&AppError::from(error)),
        }
    }

    // ---- Internals. ----

    fn text(&self) -> &'static Strings {
        self.settings.language.strings()
    }

    fn remember(&mut self, path: &Path) {
        self.settings.recent.retain(|p| p != path);
        self.settings.recent.insert(0, path.to_owned());
        self.settings.recent.truncate(MAX_RECENT);
    }

    fn after_replace(&mut self) {
        self.focus = 0;
        self.confusion.selected = None;
        self.network_view = NetworkView::default();
        self.boundary = BoundaryView::default();
    }

    fn rebuild(&mut self, setup: Setup, what: &str) {
        match setup.build() {
            Ok(trainer) => {
                self.session.replace(setup, trainer);
                self.after_replace();
                self.dirty = true;
                self.notice = Some((Severity::Info, fill(self.text().reset_notice, &[&what])));
            }
            Err(error) => self.show_error(&AppError::Setting(error)),
        }
    }

    fn request(&mut self, action: Pending) {
        if self.dirty {
            self.pending = Some(action);
        } else {
            self.perform(action);
        }
    }

    fn perform(&mut self, action: Pending) {
        match action {
            Pending::New => {
                self.rebuild(Setup::default(), self.text().new);
                self.path = None;
                self.dirty = false;
            }
            Pending::OpenDialog => self.open_dialog(DialogPurpose::Open),
            Pending::ImportDialog => self.open_dialog(DialogPurpose::ImportCsv),
            Pending::OpenPath(path) => self.open_path(&path),
            Pending::OpenExample(i) => {
                if let Some(example) = self.examples.get(i).cloned() {
                    self.rebuild(example.setup, example.title);
                    self.notice = Some((
                        Severity::Info,
                        format!("{} — {}", example.title, example.lesson),
                    ));
                    self.path = None;
                    self.dirty = false;
                }
            }
            Pending::OpenShipped(name) => self.open_shipped_example(name),
            Pending::Quit => {
                self.close_confirmed = true;
                self.dirty = false;
            }
            Pending::Architecture(architecture) => {
                let mut setup = self.session.setup.clone();
                setup.set_architecture(&architecture);
                self.rebuild(setup, self.text().network);
            }
        }
    }

    fn open_dialog(&mut self, purpose: DialogPurpose) {
        if self.dialog.is_none()
            && let Some(ctx) = &self.ctx
        {
            let name = match purpose {
                DialogPurpose::ExportHistory => "history.csv",
                DialogPurpose::ExportConfusion => "confusion.csv",
                _ => "experiment.ron",
            };
            self.dialog = Some(PendingDialog::spawn(purpose, ctx, name));
        }
    }
}
