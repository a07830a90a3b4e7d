//! The app itself: owns the session and the panels. Each frame (`frame.rs`) reads the input
//! into commands (`input.rs`), extracts a read-only [`FrameData`](super::FrameData), lets the
//! panels draw from it, shows the modal dialogs (`dialogs.rs`) and applies every command in
//! one place (`apply.rs`). `layout.rs` shares the window between the panels; `lecture.rs` is
//! lecture mode and its pen; `export.rs` the pictures and the no-dialog fallback.

use std::path::{Path, PathBuf};

use egui::ThemePreference;
use serde::{Deserialize, Serialize};

use super::command::{Command, FileCommand, TrainingCommand, ViewCommand};
use super::concepts::{ConceptsWindow, Spot};
use super::confusion::ConfusionPanel;
use super::error::AppError;
use super::examples::{self, Example};
use super::files::{FileDialog, FileLoad};
use super::picture::{PictureJob, PictureOptions};
use super::plots::PlotsPanel;
use super::serve_panel::ServePanel;
use super::setup_panel::SetupPanel;
use super::strings::{Language, Strings};
use super::{BoundaryView, NetworkView, theme};
use crate::session::{Evaluations, Session, Setup};

mod apply;
mod compare;
mod dialogs;
mod export;
mod frame;
mod history;
mod input;
mod layout;
mod lecture;
mod serving;
mod show_me;
mod training;

pub use layout::{View, ViewRects};

/// How many recent files are remembered.
const MAX_RECENT: usize = 8;

/// Unsaved training worth a question before it is lost: at least this many completed epochs…
const EPOCHS_WORTH_ASKING: usize = 1;
/// …or this many seconds of training since the experiment was opened, saved or rebuilt.
const SECONDS_WORTH_ASKING: f64 = 10.0;

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

impl Settings {
    /// The settings of a first start: the defaults, in the system's language
    /// ([`Language::from_system`]).
    pub fn first_start() -> Self {
        Self {
            language: Language::from_system(),
            ..Self::default()
        }
    }
}

/// How serious a message in the notice bar is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Severity {
    Info,
    Error,
}

/// The notice bar's message.
#[derive(Debug, Clone, PartialEq)]
struct Notice {
    severity: Severity,
    text: String,
}

/// An action that would lose unsaved changes, waiting for the answer to "unsaved changes?".
#[derive(Debug, Clone, PartialEq)]
enum AwaitingConfirmation {
    New,
    OpenDialog,
    ImportDialog,
    OpenPath(PathBuf),
    OpenExample(usize),
    OpenShipped(&'static str),
    /// A shipped comparison (File ▸ Open example).
    OpenComparison(&'static str),
    /// Fresh weights, same setup.
    Reset,
    Quit,
    /// A new architecture from either editor (resets the weights).
    Architecture(crate::nn::Architecture),
}

/// A small window on top: the shortcut list or the about box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InfoWindow {
    Shortcuts,
    About,
}

/// The panels, each owning only its own state.
#[derive(Default)]
struct Panels {
    setup: SetupPanel,
    network: NetworkView,
    boundary: BoundaryView,
    plots: PlotsPanel,
    confusion: ConfusionPanel,
    layout: layout::Layout,
    concepts: ConceptsWindow,
    serve: ServePanel,
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
    panels: Panels,
    /// The run as it was at a past epoch, shown instead of the live one (the timeline).
    rewound: Option<crate::session::Rewound>,
    /// Experiment B beside the live one (File ▸ Compare with).
    comparing: Option<super::compare::Comparing>,
    /// The file being opened on a background thread.
    loading: Option<FileLoad>,
    /// The native file dialog being shown, on its own thread.
    file_dialog: Option<FileDialog>,
    /// The training-set sample every panel shows.
    focus: usize,
    path: Option<PathBuf>,
    /// The shipped example shown, while it has no file of its own (names the window).
    example_name: Option<String>,
    dirty: bool,
    /// The user changed the setup since the experiment was opened, saved or started.
    setup_edited: bool,
    /// Completed epochs and training seconds when the experiment was opened, saved or
    /// rebuilt: training beyond them is what an unsaved-changes question protects.
    progress_baseline: (usize, f64),
    notice: Option<Notice>,
    awaiting_confirmation: Option<AwaitingConfirmation>,
    info_window: Option<InfoWindow>,
    /// The control "Show me" marks, and when the mark was first drawn.
    spotlight: Option<(Spot, Option<f64>)>,
    focus_view: bool,
    fullscreen: bool,
    close_confirmed: bool,
    shown_title: String,
    /// The context of the last frame, for dialogs that repaint when done.
    ctx: Option<egui::Context>,
    /// Lecture mode, while it is on.
    lecture: Option<lecture::Lecture>,
    /// The picture window's choices, while it is open.
    picture_window: Option<PictureOptions>,
    /// The choices of the picture being saved (between the window and the dialog).
    picture_options: PictureOptions,
    /// A picture being taken.
    picture_job: Option<PictureJob>,
    /// False when no native file dialog can be shown (no desktop portal): saving goes to
    /// the fallback folder instead.
    native_dialogs: bool,
    /// Where files go when no dialog can ask (see [`super::files::fallback_folder`]).
    fallback_folder: PathBuf,
}

impl PerceptronApp {
    /// The app on the default experiment, with remembered settings from `cc`, then `path`
    /// opened if given: a file, or `builtin-example:NAME` (errors appear in the window).
    pub fn new(cc: &eframe::CreationContext<'_>, path: Option<&Path>) -> Self {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_else(Settings::first_start);
        theme::install_fonts(&cc.egui_ctx);
        cc.egui_ctx.set_theme(settings.theme);
        cc.egui_ctx.set_zoom_factor(settings.zoom.clamp(0.5, 2.0));
        let mut app = Self::with_settings(settings);
        app.ctx = Some(cc.egui_ctx.clone());
        if let Some(path) = path {
            // `builtin-example:NAME` opens a shipped example, as the command line reads it.
            let example = path
                .to_str()
                .and_then(|spec| spec.strip_prefix(crate::experiment::EXAMPLE_PREFIX));
            match example {
                Some(name) => app.open_shipped_example(name),
                None => app.open_path(path),
            }
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
            panels: Panels::default(),
            rewound: None,
            comparing: None,
            loading: None,
            file_dialog: None,
            focus: 0,
            path: None,
            example_name: None,
            dirty: false,
            setup_edited: false,
            progress_baseline: (0, 0.0),
            notice: None,
            awaiting_confirmation: None,
            info_window: None,
            spotlight: None,
            focus_view: false,
            fullscreen: false,
            close_confirmed: false,
            shown_title: String::new(),
            ctx: None,
            lecture: None,
            picture_window: None,
            picture_options: PictureOptions::default(),
            picture_job: None,
            native_dialogs: super::files::native_dialogs_available(),
            fallback_folder: super::files::fallback_folder(),
        }
    }

    // ---- The small public API that tests and the lead use. ----

    /// The running experiment, with the trainer brought home from the training thread.
    pub fn session(&mut self) -> &Session {
        self.session.settle();
        &self.session
    }

    /// Sets the play speed in updates per second, as the toolbar's slider does
    /// ([`crate::session::MAX_SPEED`]: as fast as possible, on the training thread).
    pub fn set_speed(&mut self, updates_per_sec: f32) {
        self.apply(TrainingCommand::SetSpeed(updates_per_sec).into());
    }

    /// Epochs experiment B has completed, while a comparison is open.
    pub fn compared_epoch(&self) -> Option<usize> {
        self.comparing
            .as_ref()
            .map(super::compare::Comparing::epoch)
    }

    /// Experiment B's latest epoch record, while a comparison is open.
    pub fn compared_record(&self) -> Option<crate::nn::EpochRecord> {
        self.comparing
            .as_ref()
            .and_then(super::compare::Comparing::last_record)
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
        self.panels.plots.loss_point_count()
    }

    /// The loss plot's shown range (bottom, top) in the last frame, in loss units.
    pub fn loss_axis(&self) -> Option<[f64; 2]> {
        self.panels.plots.loss_axis()
    }

    /// Samples counted by the confusion matrix in the last frame.
    pub fn confusion_total(&self) -> u64 {
        self.panels.confusion.last_total()
    }

    /// True while the confusion matrix shows the test set.
    pub fn confusion_shows_test(&self) -> bool {
        self.panels.confusion.shows_test()
    }

    /// Switches the interface language, as View ▸ Language does.
    pub fn set_language(&mut self, language: Language) {
        self.apply(ViewCommand::SetLanguage(language).into());
    }

    /// The interface language.
    pub fn language(&self) -> Language {
        self.settings.language
    }

    /// True while Help ▸ Concepts is open.
    pub fn concepts_open(&self) -> bool {
        self.panels.concepts.is_open()
    }

    /// The control "Show me" marks at the moment, if any.
    pub fn spotlight(&self) -> Option<Spot> {
        self.spotlight.map(|(spot, _)| spot)
    }

    /// The message in the notice bar, if any.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_ref().map(|n| n.text.as_str())
    }

    /// The message in the notice bar if it is an error.
    pub fn error(&self) -> Option<&str> {
        self.notice
            .as_ref()
            .filter(|n| n.severity == Severity::Error)
            .map(|n| n.text.as_str())
    }

    /// The phase of the sample step-through in the network view, if one is open.
    pub fn step_phase(&self) -> Option<super::Phase> {
        self.panels.network.phase()
    }

    /// The training-set sample the open step-through plays (and the engine steps).
    pub fn stepped_sample(&self) -> Option<usize> {
        self.panels.network.stepped_sample()
    }

    /// The weights the decision boundary on screen was computed from (2-D data, once drawn).
    pub fn boundary_network(&self) -> Option<&crate::nn::Network> {
        self.panels.boundary.drawn_network()
    }

    /// The window title as last sent to the window.
    pub fn window_title(&self) -> &str {
        &self.shown_title
    }

    /// The training-set sample in focus.
    pub fn focus(&self) -> usize {
        self.focus
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
        let frame = self
            .ctx
            .as_ref()
            .map_or(0, egui::Context::cumulative_frame_nr);
        self.loading = Some(FileLoad::spawn(path.to_owned(), self.ctx.clone(), frame));
    }

    /// True while a file is being opened.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Waits for the file being opened, if any, and applies it (for tests and scripts).
    pub fn wait_for_load(&mut self) {
        if let Some(load) = self.loading.take() {
            let path = load.path().to_owned();
            let opened = Box::new(load.wait());
            self.apply(FileCommand::Loaded { path, opened }.into());
        }
    }

    /// Stops waiting for the file being opened; the current experiment stays.
    pub fn cancel_load(&mut self) {
        self.apply(FileCommand::CancelLoad.into());
    }

    /// Opens the experiment shipped with the app as `name` (File ▸ Open example), without
    /// asking about unsaved changes.
    pub fn open_shipped_example(&mut self, name: &str) {
        let opened = crate::session::open_shipped_example(name).map_err(AppError::from);
        if self.take_opened(opened, name) {
            self.path = None;
            self.example_name = Some(name.to_owned());
        }
    }

    /// Saves the experiment to `path` (atomically). Errors appear in the notice bar.
    pub fn save_to(&mut self, path: &Path) {
        match crate::session::save(path, &self.session.setup, self.session.trainer()) {
            Ok(()) => {
                self.path = Some(path.to_owned());
                self.dirty = false;
                self.setup_edited = false;
                self.progress_baseline = (
                    self.session.trainer().cursor().epoch,
                    self.session.elapsed_secs(),
                );
                self.remember(path);
                self.inform(self.text().saved(path.display().to_string()));
            }
            Err(error) => self.show_error(&AppError::from(error)),
        }
    }

    /// Writes a PyTorch script, its weights and a README into the folder `dir` (File ▸ Export ▸
    /// PyTorch…). The result appears in the notice bar.
    pub fn export_pytorch_to(&mut self, dir: &Path) {
        let exported = crate::session::pytorch::export_session(
            &self.session.setup,
            self.session.trainer(),
            dir,
        );
        match exported {
            Ok(summary) => self.inform(
                self.text()
                    .exported_pytorch(summary.out_dir.display().to_string()),
            ),
            Err(error) => self.show_error(&AppError::from(error)),
        }
    }

    // ---- Internals shared by the frame's parts. ----

    /// True when leaving the experiment would lose something a user would miss: an edit of
    /// the setup, or unsaved training of at least [`EPOCHS_WORTH_ASKING`] epoch or
    /// [`SECONDS_WORTH_ASKING`] seconds. A single sample step is not worth a question.
    fn worth_asking(&self) -> bool {
        let (epoch, secs) = self.progress_baseline;
        let trained_epochs = self.session.trainer().cursor().epoch.saturating_sub(epoch);
        let trained_secs = self.session.elapsed_secs() - secs;
        self.dirty
            && (self.setup_edited
                || trained_epochs >= EPOCHS_WORTH_ASKING
                || trained_secs >= SECONDS_WORTH_ASKING)
    }

    fn text(&self) -> &'static Strings {
        self.settings.language.strings()
    }

    fn inform(&mut self, text: String) {
        self.notice = Some(Notice {
            severity: Severity::Info,
            text,
        });
    }

    /// Shows `error` in the notice bar (the one place errors are shown).
    fn show_error(&mut self, error: &AppError) {
        self.notice = Some(Notice {
            severity: Severity::Error,
            text: error.message(self.text()),
        });
    }

    fn remember(&mut self, path: &Path) {
        self.settings.recent.retain(|p| p != path);
        self.settings.recent.insert(0, path.to_owned());
        self.settings.recent.truncate(MAX_RECENT);
    }

    /// Applies every command in `commands`, in order (see `apply.rs`).
    fn apply_all(&mut self, commands: Vec<Command>) {
        for command in commands {
            self.apply(command);
        }
    }
}
