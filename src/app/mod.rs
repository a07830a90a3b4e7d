//! The desktop app (eframe/egui): a client of the engine that draws it and sends it commands.

mod boundary;
mod network_view;

pub use boundary::BoundaryView;
pub use network_view::{NetworkCommand, NetworkView};

/// Opens the window; `path` is an experiment (.ron) or dataset (.csv) to open first.
pub fn run(path: Option<&std::path::Path>) -> Result<(), String> {
    let _ = path;
    Err("the desktop app is not built yet".into())
}
