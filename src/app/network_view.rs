//! The network graph: layers as columns of nodes, edges coloured by weight or gradient.
//! (Placeholder with the agreed interface; the network-view work replaces it.)

use crate::nn::{Architecture, Trainer};

/// Something the user asked for in the network view, applied by the app once per frame.
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub enum NetworkCommand {
    /// Replace the architecture (resets the weights).
    SetArchitecture(Architecture),
    /// Put this training-set sample in focus.
    Focus(usize),
}

/// The network graph panel.
#[derive(Debug, Default)]
pub struct NetworkView {}

impl NetworkView {
    /// Call just before the app makes the trainer take one sample step, so the view can play
    /// that step through (forward, loss, backward, update).
    pub fn begin_sample_step(&mut self, trainer: &Trainer) {
        let _ = trainer;
    }

    /// Draws the graph for `trainer`'s network with training sample `focus` in focus.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        trainer: &Trainer,
        focus: usize,
    ) -> Vec<NetworkCommand> {
        let _ = (trainer, focus);
        ui.label("Network view");
        Vec::new()
    }
}
