//! What the app tests share: the whole app in a headless harness at the design size.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use perceptron_lab::app::PerceptronApp;

/// The app as `cargo run --release` opens it, 1600×1000, in a headless harness, in English
/// whatever the machine's locale (a first start follows the system's language).
pub fn harness() -> Harness<'static, PerceptronApp> {
    Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_max_steps(20)
        .build_eframe(|cc| {
            let mut app = PerceptronApp::new(cc, None);
            app.set_language(perceptron_lab::app::strings::Language::English);
            app
        })
}

/// Sets the default experiment up to diverge: a linear output trained with MSE has unbounded
/// errors, and a learning rate of 10⁶ makes them explode on the first steps.
pub fn set_up_to_diverge(harness: &mut Harness<'static, PerceptronApp>) {
    harness.get_by_label("Output activation").click();
    harness.run();
    harness.get_by_label("linear").click();
    harness.run();
    assert_eq!(
        harness.state_mut().session().setup.config.loss.name(),
        "mse",
        "a linear output pairs with MSE"
    );
    harness
        .get_by_label("Learning rate (lr)")
        .set_value_accesskit(1e6);
    harness.run();
}
