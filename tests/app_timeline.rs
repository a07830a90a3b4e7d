//! The timeline: scrubbing back shows the run as it was (the views read the past epoch) and
//! never changes the weights; back to live shows the live run again; continuing from an
//! epoch drops the later ones.

#[expect(
    dead_code,
    reason = "this test uses only the app harness of the shared helpers"
)]
mod common;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

/// Every weight and bias of the live run, as bits.
fn live_bits(
    harness: &mut egui_kittest::Harness<'static, perceptron_lab::app::PerceptronApp>,
) -> Vec<u32> {
    harness
        .state_mut()
        .session()
        .trainer()
        .network()
        .layers
        .iter()
        .flat_map(|l| l.weights.iter().chain(l.biases.iter()))
        .map(|v| v.to_bits())
        .collect()
}

#[test]
fn scrubbing_shows_the_past_and_never_changes_the_weights() {
    let mut harness = common::harness();
    harness.run();
    for _ in 0..5 {
        harness.get_by_label("Step epoch").click();
        harness.run();
    }
    assert_eq!(harness.state().loss_plot_points(), 5, "live at epoch 5");
    assert!(
        harness.query_by_label("Live: epoch 5").is_some(),
        "the timeline is live"
    );
    let before = live_bits(&mut harness);

    // Alt+← three times: the snapshots of epochs 5, 4, 3.
    for _ in 0..3 {
        harness.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
        harness.run();
    }
    assert!(
        harness.query_by_label("Viewing epoch 3 of 5").is_some(),
        "the marker says which epoch is shown"
    );
    assert_eq!(
        harness.state().loss_plot_points(),
        3,
        "the loss plot shows the history up to epoch 3"
    );
    assert!(
        harness.query_by_label_contains("Epoch 5 ·").is_some(),
        "the toolbar still reports the live run"
    );
    assert_eq!(live_bits(&mut harness), before, "viewing changed no weight");
    assert_eq!(harness.state_mut().epoch(), 5, "the live run is still at 5");

    harness.get_by_label("Back to live").click();
    harness.run();
    assert!(
        harness.query_by_label("Viewing epoch 3 of 5").is_none()
            && harness.state().loss_plot_points() == 5,
        "live again"
    );
    assert_eq!(live_bits(&mut harness), before, "still the same weights");
}

#[test]
fn continue_from_here_trains_on_from_the_epoch_shown() {
    let mut harness = common::harness();
    harness.run();
    for _ in 0..4 {
        harness.get_by_label("Step epoch").click();
        harness.run();
    }
    harness.key_press_modifiers(Modifiers::ALT, Key::Home);
    harness.run();
    assert!(
        harness.query_by_label("Viewing epoch 0 of 4").is_some(),
        "Alt+Home shows the start"
    );
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    harness.run();
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    harness.run();
    assert!(harness.query_by_label("Viewing epoch 2 of 4").is_some());
    harness.get_by_label("Continue from here").click();
    harness.run();
    assert_eq!(harness.state_mut().epoch(), 2, "the live run is at epoch 2");
    assert_eq!(
        harness.state_mut().session().snapshots().newest_epoch(),
        Some(2),
        "the later epochs are dropped"
    );
    assert!(harness.query_by_label("Live: epoch 2").is_some(), "live");
}
