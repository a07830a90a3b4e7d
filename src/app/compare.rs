//! File ▸ Compare with: a second experiment B beside the live one (A), on A's data and split,
//! trained in lockstep by epoch (Play, Step epoch and a reset of A drive B too). B shows in a
//! window of its own: its decision boundary (or sample view), its network, and one loss plot
//! with A and B overlaid. B's panels draw from B's own [`FrameData`]; B is read-only here
//! (what its panels push is dropped).

use std::time::{Duration, Instant};

use egui_plot::{Legend, Line, LineStyle, Plot, PlotPoints};

use super::boundary::BoundaryView;
use super::command::{Command, CommandQueue};
use super::error::AppError;
use super::frame_data::FrameData;
use super::network_view::NetworkView;
use super::strings::Strings;
use super::{colormap, sample_view};
use crate::experiment::Experiment;
use crate::nn::{Dataset, EpochRecord, Trainer};
use crate::session::{Session, Setup};

/// Longest time one frame spends bringing B up to A's epoch.
const CATCH_UP_BUDGET: Duration = Duration::from_millis(20);

/// What File ▸ Compare with asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompareCommand {
    /// B from a shipped example.
    WithExample(&'static str),
    /// B: a copy of the live experiment as it is now.
    WithCopy,
    /// Open a shipped comparison: A replaces the live experiment (after the unsaved-changes
    /// question), B beside it.
    OpenComparison(&'static str),
    /// Close B.
    Close,
}

impl From<CompareCommand> for Command {
    fn from(command: CompareCommand) -> Self {
        Self::Compare(command)
    }
}

/// Experiment B beside the live one.
pub struct Comparing {
    /// B as loaded, rebuilt from when A starts over.
    experiment: Experiment,
    /// What B is called in the legend and the window's title.
    title: String,
    session: Session,
    boundary: BoundaryView,
    network: NetworkView,
    /// A's training data (an address, only compared): when it changes, A was replaced.
    a_data: usize,
}

impl std::fmt::Debug for Comparing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Comparing")
            .field("title", &self.title)
            .finish_non_exhaustive()
    }
}

fn address(data: &Dataset) -> usize {
    std::ptr::from_ref(data) as usize
}

impl Comparing {
    /// B from `experiment`, continued on A's data and split; an error if B's network does not
    /// fit that data.
    pub fn start(experiment: Experiment, title: String, a: &Trainer) -> Result<Self, AppError> {
        let session = Self::build(&experiment, a)?;
        let mut network = NetworkView::default();
        network.apply(
            super::command::PanelCommand::ExperimentReplaced,
            session.trainer(),
        );
        Ok(Self {
            experiment,
            title,
            session,
            boundary: BoundaryView::default(),
            network,
            a_data: address(a.train_data()),
        })
    }

    fn build(experiment: &Experiment, a: &Trainer) -> Result<Session, AppError> {
        let trainer = experiment
            .restore_on(a.train_data().clone(), a.test_data().cloned())
            .map_err(|e| AppError::from(crate::session::SessionError::from(e)))?;
        Ok(Session::new(Setup::from_experiment(experiment), trainer))
    }

    /// The epoch B has reached.
    pub fn epoch(&self) -> usize {
        self.session.trainer().cursor().epoch
    }

    /// B's latest epoch record.
    pub fn last_record(&self) -> Option<EpochRecord> {
        self.session.trainer().history().last().copied()
    }

    /// True while B still trains on A's data (false once A was replaced by another
    /// experiment: then the comparison ends).
    pub fn follows(&self, a: &Trainer) -> bool {
        self.a_data == address(a.train_data())
    }

    /// Brings B to A's epoch (lockstep by epoch): a few epochs per frame at most; when A has
    /// gone back (a reset, a rewind), B starts over from its file.
    pub fn follow(&mut self, a: &Trainer) {
        let target = a.cursor().epoch;
        if self.epoch() > target
            && let Ok(session) = Self::build(&self.experiment, a)
        {
            self.session = session;
        }
        let start = Instant::now();
        while self.epoch() < target
            && self.session.stop().is_none()
            && start.elapsed() < CATCH_UP_BUDGET
        {
            self.session.step_epoch();
        }
        self.session.refresh_evaluations();
    }

    /// B's window: its title, epoch and metrics, boundary, network, and the loss of A and B.
    pub fn ui(&mut self, ctx: &egui::Context, a: &FrameData<'_>, commands: &mut CommandQueue) {
        let text = a.text;
        let mut open = true;
        // Over the right column at first, clear of the toolbar and the network.
        let screen = ctx.content_rect();
        egui::Window::new(text.comparison_title(self.title.as_str()))
            .default_pos(egui::pos2(screen.right() - 440.0, screen.top() + 90.0))
            .open(&mut open)
            .default_size([420.0, 640.0])
            .vscroll(true)
            .show(ctx, |ui| self.content_ui(ui, a));
        if !open {
            commands.push(CompareCommand::Close);
        }
    }

    fn content_ui(&mut self, ui: &mut egui::Ui, a: &FrameData<'_>) {
        let text = a.text;
        let Some(b) = FrameData::new(&self.session, a.focus, text) else {
            return;
        };
        ui.label(text.comparison_status(
            b.trainer.cursor().epoch,
            summary(b.trainer.history().last()),
        ));
        // B is read-only: what its panels ask for is dropped.
        let mut ignored = CommandQueue::default();
        if b.trainer.train_data().num_features() == 2 {
            self.boundary
                .ui(ui, &b, &mut ignored, ui.available_width().min(320.0));
        } else {
            sample_view::ui(ui, &b, &mut ignored);
        }
        ui.separator();
        ui.allocate_ui(egui::vec2(ui.available_width(), 260.0), |ui| {
            self.network.ui(ui, &b, &mut ignored);
        });
        ui.separator();
        overlaid_loss_ui(
            ui,
            a.trainer.history(),
            b.trainer.history(),
            &self.title,
            text,
        );
    }
}

/// Open example's part: the shipped comparisons (each opens A and B).
pub fn comparisons_ui(
    ui: &mut egui::Ui,
    text: &Strings,
    push: &mut impl FnMut(Command, &mut egui::Ui),
) {
    ui.separator();
    ui.label(egui::RichText::new(text.comparisons).weak());
    for (name, _) in crate::experiment::COMPARISONS {
        if ui.button(*name).clicked() {
            push(CompareCommand::OpenComparison(name).into(), ui);
        }
    }
}

/// File ▸ Compare with: a shipped example or a copy of the live experiment as B.
pub fn compare_with_ui(
    ui: &mut egui::Ui,
    text: &Strings,
    push: &mut impl FnMut(Command, &mut egui::Ui),
) {
    ui.menu_button(text.compare_with, |ui| {
        if ui.button(text.compare_copy).clicked() {
            push(CompareCommand::WithCopy.into(), ui);
        }
        ui.separator();
        for (name, _) in crate::experiment::EXAMPLES {
            if ui.button(format!("{name}.ron")).clicked() {
                push(CompareCommand::WithExample(name).into(), ui);
            }
        }
    });
}

/// Loss and accuracy of the last record, as the status line shows them.
fn summary(record: Option<&EpochRecord>) -> String {
    match record {
        Some(r) => match r.train_accuracy {
            Some(acc) => format!("{:.4} · {:.1}%", r.train_loss, acc * 100.0),
            None => format!("{:.4}", r.train_loss),
        },
        None => "—".to_owned(),
    }
}

/// One plot of the training loss: A solid, B dashed, with a legend.
fn overlaid_loss_ui(
    ui: &mut egui::Ui,
    a: &[EpochRecord],
    b: &[EpochRecord],
    b_title: &str,
    text: &'static Strings,
) {
    let points = |h: &[EpochRecord]| {
        PlotPoints::from(
            h.iter()
                .map(|r| [r.epoch as f64, f64::from(r.train_loss)])
                .collect::<Vec<[f64; 2]>>(),
        )
    };
    ui.label(egui::RichText::new(text.comparison_loss).strong());
    Plot::new("comparison_loss")
        .height(150.0)
        .legend(Legend::default())
        .allow_scroll(false)
        .show(ui, |plot| {
            plot.line(
                Line::new(text.comparison_a, points(a))
                    .color(colormap::class_color(0))
                    .width(2.0),
            );
            plot.line(
                Line::new(text.comparison_b(b_title), points(b))
                    .color(colormap::class_color(1))
                    .style(LineStyle::dashed_loose())
                    .width(2.0),
            );
        });
}
