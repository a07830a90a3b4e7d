//! Training commands: Reset, Play, the three steps and the speed. A sample step is played
//! through in the network view; the engine takes it when the update phase begins, or when
//! anything else moves training on (Play, another step), so it is taken exactly once.

use super::super::command::{PanelCommand, TrainingCommand};
use super::{AwaitingConfirmation, PerceptronApp};
use crate::session::MAX_SPEED;

impl PerceptronApp {
    /// Applies a training command: reset, play, the steps (a sample step is played through
    /// in the network view, which asks for the engine's step when its update phase begins).
    pub(super) fn apply_training(&mut self, command: TrainingCommand) {
        match command {
            // Reset loses training like opening another experiment: it asks the same way.
            TrainingCommand::Reset => self.request(AwaitingConfirmation::Reset),
            TrainingCommand::TogglePlay => {
                self.end_sample_step();
                let playing = !self.session.is_playing();
                self.session.set_playing(playing);
            }
            TrainingCommand::StepSample => {
                self.end_sample_step();
                self.session.set_playing(false);
                if self.session.stop().is_none() {
                    let trainer = self.session.trainer();
                    self.focus = trainer.next_sample();
                    self.panels
                        .network
                        .apply(PanelCommand::SampleStepBegins, trainer);
                }
            }
            TrainingCommand::ApplySampleStep => {
                self.session.step_sample();
                self.dirty = true;
            }
            TrainingCommand::StepBatch => {
                self.end_sample_step();
                self.session.step_batch();
                self.dirty = true;
            }
            TrainingCommand::StepEpoch => {
                self.end_sample_step();
                self.session.step_epoch();
                self.dirty = true;
            }
            TrainingCommand::SetSpeed(speed) => self.session.speed = speed.clamp(1.0, MAX_SPEED),
        }
    }

    /// Closes the step-through, first taking its step if the engine has not taken it yet (the
    /// user asked for that step; training goes on from after it).
    fn end_sample_step(&mut self) {
        if self.panels.network.step_pending() {
            self.session.step_sample();
            self.dirty = true;
        }
        self.panels
            .network
            .apply(PanelCommand::SampleStepEnds, self.session.trainer());
    }
}
