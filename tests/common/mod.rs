//! What the app tests share: the whole app in a headless harness at the design size.

use egui_kittest::Harness;
use perceptron_lab::app::PerceptronApp;

/// The app as `cargo run --release` opens it, 1600×1000, in a headless harness.
pub fn harness() -> Harness<'static, PerceptronApp> {
    Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_max_steps(20)
        .build_eframe(|cc| PerceptronApp::new(cc, None))
}
