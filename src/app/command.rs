//! The app's one command bus: every panel, key, dropped file and finished background job
//! pushes a [`Command`] into the frame's [`CommandQueue`], and the app applies the queue in one
//! place at the end of the frame. Panels never write into each other or into the session.

use std::path::PathBuf;

use egui::ThemePreference;

use super::error::AppError;
use super::files::DialogPurpose;
use super::strings::Language;
use crate::nn::Architecture;
use crate::session::{Opened, Setup};

/// Something the user (or a finished background job) asked for, applied once per frame.
#[derive(Debug)]
#[must_use]
pub enum Command {
    /// Files and the experiment as a whole.
    File(FileCommand),
    /// Reset, play, step, speed.
    Training(TrainingCommand),
    /// A change of what the user set: data, architecture, hyperparameters.
    Setup(SetupCommand),
    /// Look, language and windows.
    View(ViewCommand),
    /// Put this training-set sample in focus (every panel shows it).
    Focus(usize),
    /// Put this test-set sample in focus: the decision boundary rings it (the other panels
    /// show training samples).
    FocusTest(usize),
    /// The answer to "unsaved changes?".
    Confirm(Answer),
    /// Show an error in the notice bar (the one place errors are shown).
    ShowError(AppError),
    /// Show an information in the notice bar.
    Inform(&'static str),
    /// Hide the notice bar's message.
    DismissNotice,
    /// File ▸ Serve this model… and its window.
    Serve(ServeCommand),
    /// The timeline: view a past epoch, back to live, continue from an epoch.
    History(super::timeline::HistoryCommand),
    /// File ▸ Compare with: experiment B beside the live one.
    Compare(super::compare::CompareCommand),
}

/// Files and the experiment as a whole.
#[derive(Debug)]
pub enum FileCommand {
    /// Start over with the default experiment (asks first when there are unsaved changes).
    New,
    /// Show the open dialog (asks first).
    Open,
    /// Show the CSV import dialog (asks first).
    ImportCsv,
    /// Open example number `n` of [`super::examples::all`] (asks first).
    OpenExample(usize),
    /// Open the experiment shipped with the app under this name (asks first).
    OpenShipped(&'static str),
    /// Open an experiment or dataset file: a recent file or a dropped one (asks first).
    OpenPath(PathBuf),
    /// Save to the current path (or ask for one).
    Save,
    /// Ask for a path and save there.
    SaveAs,
    /// Export the history as CSV.
    ExportHistory,
    /// File ▸ Export ▸ PyTorch script and weights…
    ExportPytorch,
    /// File ▸ Export ▸ Animation: the decision boundary over the kept epochs as a GIF.
    ExportAnimation,
    /// Export the confusion matrix as CSV.
    ExportConfusion,
    /// File ▸ Export ▸ Picture…: open the picture window.
    ExportPicture,
    /// The picture window's Save: ask for a PNG path (the window's choices are kept).
    SavePicture,
    /// Close the picture window.
    ClosePicture,
    /// Close the window (asks first).
    Quit,
    /// Stop waiting for the file being opened; the current experiment stays.
    CancelLoad,
    /// A file dialog closed: with the chosen path, or `None` when cancelled.
    DialogClosed {
        /// What the dialog was for.
        purpose: DialogPurpose,
        /// The chosen file.
        path: Option<PathBuf>,
    },
    /// The file being opened in the background is read (or failed).
    Loaded {
        /// The file.
        path: PathBuf,
        /// The experiment it holds, or why not.
        opened: Box<Result<Opened, AppError>>,
    },
}

/// Reset, play, step, speed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TrainingCommand {
    /// Fresh weights, same setup.
    Reset,
    /// Start or stop continuous training.
    TogglePlay,
    /// One sample (played through phase by phase in the network view; the engine steps when
    /// the update phase begins, see [`TrainingCommand::ApplySampleStep`]).
    StepSample,
    /// The step-through reached its update phase (or closed early): the engine takes the
    /// sample step now.
    ApplySampleStep,
    /// One mini-batch.
    StepBatch,
    /// The rest of the epoch.
    StepEpoch,
    /// New speed in updates per second.
    SetSpeed(f32),
}

/// A change of what the user set.
#[derive(Debug, Clone, PartialEq)]
pub enum SetupCommand {
    /// Data, loss, optimizer or a seed changed: rebuild and restart training. `section` names
    /// the part of the setup panel, for the notice.
    Rebuild {
        /// The new setup.
        setup: Box<Setup>,
        /// Which part changed ("Data", "Hyperparameters", ...).
        section: &'static str,
    },
    /// A new architecture from either editor (the setup panel or the graph): hidden layers
    /// and output activation. Resets the weights, so it asks first when there are unsaved
    /// changes.
    SetArchitecture(Architecture),
    /// New learning rate from the next update.
    SetLearningRate(f32),
    /// New batch size from the next mini-batch.
    SetBatchSize(usize),
    /// New L2 coefficient from the next update.
    SetL2(f32),
}

/// Look, language and windows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ViewCommand {
    /// Light, dark or the system's theme.
    SetTheme(ThemePreference),
    /// Zoom by this factor (1.0 resets).
    Zoom(f32),
    /// Switch the interface language.
    SetLanguage(Language),
    /// Show only the graph and the output, or everything again.
    ToggleFocusView,
    /// Fullscreen on/off.
    ToggleFullscreen,
    /// Show the keyboard shortcuts.
    ShowShortcuts,
    /// Show the about box.
    ShowAbout,
    /// Close the shortcuts or about window.
    CloseInfoWindow,
    /// Lecture mode on or off (F5).
    ToggleLecture,
    /// Leave lecture mode (Esc).
    LeaveLecture,
    /// Open Help ▸ Concepts.
    ShowConcepts,
    /// Open Help ▸ Concepts on one concept (a "?" beside a control).
    ExplainConcept(super::concepts::Concept),
    /// "Show me": take the student to where a concept is at work.
    ShowMe(super::concepts::Place),
}

/// File ▸ Serve this model… and its window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServeCommand {
    /// Show the Serve window.
    ShowWindow,
    /// Serve the current experiment's model; `allow_network` binds every address, not only
    /// this machine's loopback.
    Start {
        /// Let others on the network call it.
        allow_network: bool,
    },
    /// Stop serving and release the port.
    Stop,
}

/// The answer to "unsaved changes?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Save, then go on.
    SaveFirst,
    /// Go on and lose the changes.
    Discard,
    /// Do nothing.
    Cancel,
}

impl From<FileCommand> for Command {
    fn from(command: FileCommand) -> Self {
        Self::File(command)
    }
}

impl From<TrainingCommand> for Command {
    fn from(command: TrainingCommand) -> Self {
        Self::Training(command)
    }
}

impl From<SetupCommand> for Command {
    fn from(command: SetupCommand) -> Self {
        Self::Setup(command)
    }
}

impl From<ServeCommand> for Command {
    fn from(command: ServeCommand) -> Self {
        Self::Serve(command)
    }
}

impl From<ViewCommand> for Command {
    fn from(command: ViewCommand) -> Self {
        Self::View(command)
    }
}

/// What the app tells a panel about its own state while it applies a [`Command`]: each
/// panel's `apply` takes the ones that concern it (they are not queued).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelCommand {
    /// A new experiment replaced the old one: forget selections, pins and step-throughs.
    ExperimentReplaced,
    /// Play the trainer's next sample step through, phase by phase (the view asks for the
    /// engine's step with [`TrainingCommand::ApplySampleStep`] when the update begins).
    SampleStepBegins,
    /// The step-through is over (Play, another step, Done): close it.
    SampleStepEnds,
    /// Show this phase of the open step-through and stop its auto-advance ("Show me").
    ShowPhase(super::step_through::Phase),
}

/// The commands of one frame, in the order they were pushed.
#[derive(Debug, Default)]
pub struct CommandQueue {
    commands: Vec<Command>,
}

impl CommandQueue {
    /// Queues `command` (a [`Command`] or one of its sub-enums).
    pub fn push(&mut self, command: impl Into<Command>) {
        self.commands.push(command.into());
    }

    /// The queued commands, in order, leaving the queue empty.
    pub fn take(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.commands)
    }

    /// True when nothing was asked for.
    pub fn is_empty(&self) -> bool {
        self.commands.is_empty()
    }
}
