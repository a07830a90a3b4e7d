//! Applying File ▸ Compare with: starting experiment B beside the live one (from an
//! example, a copy of the live one, or a shipped comparison that opens A too), keeping it in
//! lockstep, and closing it.

use super::super::compare::{CompareCommand, Comparing};
use super::super::error::AppError;
use super::{AwaitingConfirmation, PerceptronApp};
use crate::experiment::{Comparison, EXAMPLE_PREFIX, Experiment};
use crate::session::SessionError;

impl PerceptronApp {
    /// Applies one comparison command.
    pub(super) fn apply_compare(&mut self, command: CompareCommand) {
        match command {
            CompareCommand::WithExample(name) => {
                match Experiment::open(&format!("{EXAMPLE_PREFIX}{name}")) {
                    Ok(b) => self.start_comparison(b, name.to_owned()),
                    Err(e) => self.show_error(&AppError::from(SessionError::from(e))),
                }
            }
            CompareCommand::WithCopy => {
                match crate::session::experiment_of(&self.session.setup, self.session.trainer()) {
                    Ok(b) => {
                        let title = self.text().compare_copy.to_owned();
                        self.start_comparison(b, title);
                    }
                    Err(e) => self.show_error(&AppError::from(e)),
                }
            }
            CompareCommand::OpenComparison(name) => {
                self.request(AwaitingConfirmation::OpenComparison(name));
            }
            CompareCommand::Close => self.comparing = None,
        }
    }

    /// Opens the shipped comparison `name`: A as the live experiment, B beside it.
    pub(super) fn open_comparison(&mut self, name: &'static str) {
        let pair = match Comparison::shipped(name) {
            Ok(pair) => pair,
            Err(e) => {
                self.show_error(&AppError::from(SessionError::from(e)));
                return;
            }
        };
        let opened = crate::session::restore(&pair.a).map_err(AppError::from);
        if self.take_opened(opened, name) {
            self.path = None;
            self.example_name = Some(pair.name.clone());
            let title = if pair.b.name.is_empty() {
                name.to_owned()
            } else {
                pair.b.name.clone()
            };
            self.start_comparison(pair.b, title);
        }
    }

    fn start_comparison(&mut self, b: Experiment, title: String) {
        match Comparing::start(b, title, self.session.trainer()) {
            Ok(comparing) => self.comparing = Some(comparing),
            Err(e) => self.show_error(&e),
        }
    }

    /// Keeps B at A's epoch; ends the comparison once A is another experiment.
    pub(super) fn follow_comparison(&mut self) {
        let Some(comparing) = self.comparing.as_mut() else {
            return;
        };
        let a = self.session.trainer();
        if comparing.follows(a) {
            comparing.follow(a);
        } else {
            self.comparing = None;
        }
    }
}
