//! Applying the timeline's commands: showing a rewound copy of the run (never changing it),
//! going back to live, and continuing training from a kept epoch.

use std::path::Path;

use super::super::error::AppError;
use super::super::timeline::HistoryCommand;
use super::PerceptronApp;

impl PerceptronApp {
    /// Applies one timeline command.
    pub(super) fn apply_history(&mut self, command: HistoryCommand) {
        match command {
            HistoryCommand::View(epoch) => match self.session.view_at(epoch) {
                Ok(rewound) => {
                    // The past stays still while it is shown.
                    self.session.set_playing(false);
                    self.rewound = Some(rewound);
                }
                Err(e) => self.show_error(&AppError::from(e)),
            },
            HistoryCommand::Live => self.rewound = None,
            HistoryCommand::ContinueFrom(epoch) => {
                self.rewound = None;
                match self.session.continue_from(epoch) {
                    Ok(()) => self.dirty = true,
                    Err(e) => self.show_error(&AppError::from(e)),
                }
            }
        }
    }

    /// Writes the decision boundary at every kept snapshot to `path` as an animated GIF
    /// (File ▸ Export ▸ Animation). Errors appear in the notice bar.
    pub fn export_animation_to(&mut self, path: &Path) {
        let exported = crate::session::export_boundary_gif(
            self.session.trainer(),
            self.session.snapshots(),
            path,
        );
        match exported {
            Ok(frames) => self.inform(
                self.text()
                    .exported_animation(path.display().to_string(), frames),
            ),
            Err(e) => self.show_error(&AppError::from(e)),
        }
    }

    /// Drops the rewound view once the live run it was taken from has changed (a step, a
    /// reset, another experiment): the views then show the live run again.
    pub(super) fn forget_stale_rewind(&mut self) {
        let stale = self.rewound.as_ref().is_some_and(|r| {
            r.live_version != self.session.version()
                || !std::ptr::eq(r.trainer.train_data(), self.session.trainer().train_data())
        });
        if stale {
            self.rewound = None;
        }
    }
}
