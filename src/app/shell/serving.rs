//! File ▸ Serve this model…: starting and stopping the server on the current experiment, and
//! once per frame taking in what the Serve panel reports (a server up, a failure, weights that
//! no longer fit).

use super::super::command::ServeCommand;
use super::super::error::AppError;
use super::super::serve_panel::{ServeEvent, ServeRequest, served_name};
use super::PerceptronApp;
use crate::experiment::Experiment;

impl PerceptronApp {
    /// Applies a command of the Serve window.
    pub(super) fn apply_serve(&mut self, command: ServeCommand) {
        match command {
            ServeCommand::ShowWindow => self.panels.serve.show(),
            ServeCommand::Start { allow_network } => {
                self.session.set_epoch_observer(None);
                let request = self.serve_request(allow_network);
                self.panels.serve.start(request);
            }
            ServeCommand::Stop => {
                self.session.set_epoch_observer(None);
                if self.panels.serve.stop() {
                    self.inform(self.text().serve_stopped.to_owned());
                }
            }
        }
    }

    /// Once per frame, with the trainer home: a server that came up starts receiving each
    /// epoch's weights; a failure is shown.
    pub(super) fn sync_serving(&mut self) {
        match self.panels.serve.sync() {
            Some(ServeEvent::Started(observer)) => {
                self.session.set_epoch_observer(Some(observer));
            }
            Some(ServeEvent::Failed(message)) => {
                self.show_error(&AppError::Serve { message });
            }
            Some(ServeEvent::Frozen) => {
                self.session.set_epoch_observer(None);
                self.inform(self.text().serve_frozen.to_owned());
            }
            None => {}
        }
    }

    /// The model as it is now, to serve: the experiment as it would be saved (its
    /// preprocessing is refitted on the starting thread if the setup does not hold it) and
    /// the sample in focus for the `curl` example.
    fn serve_request(&self, allow_network: bool) -> ServeRequest {
        let trainer = self.session.trainer();
        let mut experiment =
            Experiment::from_trainer(trainer, self.session.setup.data_spec(), false);
        let stem = self
            .path
            .as_deref()
            .and_then(std::path::Path::file_stem)
            .map(|s| s.to_string_lossy().into_owned())
            .or_else(|| self.example_name.clone());
        experiment.name = stem.clone().unwrap_or_default();
        let data = trainer.train_data();
        let sample = if data.is_empty() {
            Vec::new()
        } else {
            data.sample(self.focus.min(data.len() - 1)).to_vec()
        };
        ServeRequest {
            experiment,
            name: served_name(stem.as_deref()),
            sample,
            epoch: trainer.cursor().epoch,
            allow_network,
        }
    }
}
