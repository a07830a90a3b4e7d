//! The 2-D output view: decision regions behind the data points.
//! (Placeholder with the agreed interface; the network-view work replaces it.)

use crate::nn::Trainer;

/// The decision-boundary panel (2-feature data only).
#[derive(Debug, Default)]
pub struct BoundaryView {}

impl BoundaryView {
    /// Draws the boundary and points; returns a training-set sample the user clicked.
    pub fn ui(&mut self, ui: &mut egui::Ui, trainer: &Trainer, focus: usize) -> Option<usize> {
        let _ = (trainer, focus);
        ui.label("Decision boundary");
        None
    }
}
