//! "Show me" from Help ▸ Concepts: a step-through phase, a control in the spotlight, or an
//! example; and the spotlight's short life.

use super::super::command::{FileCommand, PanelCommand, TrainingCommand};
use super::super::concepts::{self, Place, SPOTLIGHT_SECS};
use super::PerceptronApp;

impl PerceptronApp {
    /// Takes the student to `place`: the step-through in that phase (starting a sample step
    /// when none can show it), the control under the spotlight, or the example.
    pub(super) fn show_me(&mut self, place: Place) {
        match place {
            Place::Phase(phase) => {
                if !self.panels.network.can_show_phase(phase) {
                    self.apply_training(TrainingCommand::StepSample);
                }
                self.panels
                    .network
                    .apply(PanelCommand::ShowPhase(phase), self.session.trainer());
            }
            Place::Spot(spot) => {
                // The setup panel must be visible for its controls to be marked.
                self.focus_view = false;
                self.spotlight = Some((spot, None));
            }
            Place::Example(i) => self.apply(FileCommand::OpenExample(i).into()),
        }
    }

    /// Tells the panels which label the spotlight marks this frame, for
    /// [`SPOTLIGHT_SECS`] from its first frame.
    pub(super) fn spotlight_frame(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        let first = self.spotlight.is_some_and(|(_, start)| start.is_none());
        let label = self.spotlight.as_mut().and_then(|(spot, start)| {
            let since = now - *start.get_or_insert(now);
            (since < SPOTLIGHT_SECS).then_some(*spot)
        });
        if label.is_some() {
            ctx.request_repaint();
        } else {
            self.spotlight = None;
        }
        concepts::set_spotlight(ctx, label.map(|spot| spot.label(self.text())), first);
    }
}
