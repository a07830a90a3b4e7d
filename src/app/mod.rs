//! The desktop app (eframe/egui): a client of the engine that draws it and sends it commands.

mod boundary;
mod colormap;
mod graph;
mod inspector;
mod network_edit;
mod network_view;
mod neuron_maps;
mod plane;
mod step_through;

pub use boundary::BoundaryView;
pub use colormap::{parse_sig3, sig3};
pub use graph::bench_edge_mesh;
pub use network_view::{Inspected, Mode, NetworkCommand, NetworkView};
pub use plane::{DecisionGrid, PlaneBounds, decision_grid, plane_trace};
pub use step_through::Phase;

use std::path::PathBuf;

/// Opens the window; `path` is an experiment (.ron) or dataset (.csv) to open first.
pub fn run(path: Option<PathBuf>) -> Result<(), String> {
    let _ = path;
    Err("the desktop app is not built yet".into())
}
