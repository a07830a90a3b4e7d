//! The desktop app (eframe/egui): a client of the session layer that draws it and sends it
//! commands.
//!
//! One file (or folder) per panel; each panel draws itself in a `ui` function from a
//! read-only [`FrameData`] and pushes `#[must_use]` [`Command`]s into one queue, which
//! [`PerceptronApp`] applies in one place.

mod boundary;
mod colormap;
pub mod command;
mod compare;
pub mod concepts;
mod confusion;
mod error;
pub mod examples;
mod files;
mod frame_data;
mod graph;
mod input_units;
mod inspector;
mod menu;
mod network_edit;
mod network_view;
mod neuron_maps;
mod notebook;
mod numbers;
pub mod picture;
mod plots;
mod sample_view;
mod serve_panel;
mod setup_panel;
mod shell;
mod step_through;
pub mod strings;
mod theme;
mod timeline;
mod toolbar;
mod update_rule;

pub use boundary::BoundaryView;
pub use command::{Command, CommandQueue};
pub use error::AppError;
pub use frame_data::FrameData;
pub use network_view::bench_frame;
pub use network_view::{Inspected, Mode, NetworkView};
pub use numbers::{parse_sig3, sig3};
pub use shell::{PerceptronApp, Settings, View, ViewRects};
pub use step_through::Phase;
pub use theme::install_fonts;

/// Opens the window; `path` is an experiment (.ron) or dataset (.csv) to open first.
pub fn run(path: Option<&std::path::Path>) -> Result<(), AppError> {
    let path = path.map(std::path::Path::to_path_buf);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(strings::Language::English.strings().app_name)
            .with_inner_size([1600.0, 1000.0])
            .with_min_inner_size([1024.0, 640.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        strings::Language::English.strings().app_name,
        options,
        Box::new(move |cc| Ok(Box::new(PerceptronApp::new(cc, path.as_deref())))),
    )
    .map_err(|source| AppError::Window { source })
}
