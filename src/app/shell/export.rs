//! Pictures and the no-dialog fallback: a picture job from the chosen path to the PNG on
//! disk, and what Save, Export and Open do when no native file dialog can be shown (save
//! into the fallback folder and say where; for opening, say how else to open a file).

use std::path::Path;

use super::super::files::{self, DialogPurpose};
use super::super::picture::PictureJob;
use super::PerceptronApp;

impl PerceptronApp {
    /// Whether native file dialogs are used; `false` makes saving and exports go to the
    /// fallback folder, as when no dialog can be shown (for tests).
    pub fn set_native_dialogs(&mut self, available: bool) {
        self.native_dialogs = available;
    }

    /// The folder files go to when no dialog can ask (default: "Perceptron Lab" in the
    /// home folder, see the README).
    pub fn set_fallback_folder(&mut self, folder: &Path) {
        folder.clone_into(&mut self.fallback_folder);
    }

    /// No dialog can ask for a path: saves and exports go into the fallback folder and the
    /// notice bar says so and where; opening says how else to open a file.
    pub(super) fn without_dialog(&mut self, purpose: DialogPurpose) {
        if matches!(purpose, DialogPurpose::Open | DialogPurpose::ImportCsv) {
            self.inform(self.text().no_dialog_open.to_owned());
            return;
        }
        let path = match files::fallback_path(&self.fallback_folder, purpose) {
            Ok(path) => path,
            Err(error) => {
                self.show_error(&error);
                return;
            }
        };
        if purpose == DialogPurpose::ExportPicture {
            self.start_picture(&path, true);
            return;
        }
        self.dialog_closed(purpose, &path);
        if self.error().is_none() {
            self.inform(self.text().no_dialog_saved(path.display().to_string()));
        }
    }

    /// Starts taking the picture chosen in the picture window, to be written to `path`.
    pub(super) fn start_picture(&mut self, path: &Path, fallback: bool) {
        self.picture_job = Some(PictureJob::new(
            path.to_owned(),
            self.picture_options,
            fallback,
        ));
        if let Some(ctx) = &self.ctx {
            ctx.request_repaint();
        }
    }

    /// Writes the picture once its screenshot arrived.
    pub(super) fn poll_picture(&mut self) {
        let Some(result) = self.picture_job.as_ref().and_then(PictureJob::poll) else {
            return;
        };
        let Some(job) = self.picture_job.take() else {
            return;
        };
        let written = result.and_then(|png| files::write_atomically(&job.path, &png));
        match written {
            Ok(()) => {
                let (text, path) = (self.text(), job.path.display().to_string());
                let message = if job.fallback {
                    text.no_dialog_saved(path)
                } else {
                    text.saved(path)
                };
                self.inform(message);
            }
            Err(error) => self.show_error(&error),
        }
    }
}
