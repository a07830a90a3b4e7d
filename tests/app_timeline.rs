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
    assert!(
        harness
            .query_by_label("Continue from epoch 2? Epochs 3–4 will be dropped.")
            .is_some(),
        "a question first: later epochs would be dropped"
    );
    assert_eq!(harness.state_mut().epoch(), 4, "nothing changed yet");
    harness.get_by_label("Drop them and continue").click();
    harness.run();
    assert_eq!(harness.state_mut().epoch(), 2, "the live run is at epoch 2");
    assert_eq!(
        harness.state_mut().session().snapshots().newest_epoch(),
        Some(2),
        "the later epochs are dropped"
    );
    assert!(harness.query_by_label("Live: epoch 2").is_some(), "live");
}

#[test]
fn a_file_saved_with_history_opens_with_its_timeline() {
    use perceptron_lab::experiment::Experiment;
    use perceptron_lab::session::{Setup, SnapshotStore};

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.ron");
    let setup = Setup::default();
    let mut trainer = setup.build().unwrap();
    let mut store = SnapshotStore::default();
    store.record(&trainer);
    for _ in 0..3 {
        trainer.step_epoch().unwrap();
        store.record(&trainer);
    }
    let mut experiment = Experiment::from_trainer(&trainer, setup.data_spec(), false);
    experiment.set_snapshots(store.snapshots());
    experiment.save(&path).unwrap();

    let mut harness = common::harness();
    harness.run();
    harness.state_mut().open_path(&path);
    harness.state_mut().wait_for_load();
    harness.run();
    assert_eq!(harness.state_mut().epoch(), 3, "opened at epoch 3");
    assert_eq!(
        harness
            .state_mut()
            .session()
            .snapshots()
            .epochs()
            .collect::<Vec<_>>(),
        vec![0, 1, 2, 3],
        "with the file's snapshots"
    );
    harness.key_press_modifiers(Modifiers::ALT, Key::Home);
    harness.run();
    assert!(
        harness.query_by_label("Viewing epoch 0 of 3").is_some(),
        "and the timeline reaches back to the start"
    );
}

#[test]
fn export_animation_writes_one_frame_per_kept_epoch() {
    use image::AnimationDecoder as _;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("run.gif");
    let mut harness = common::harness();
    harness.run();
    for _ in 0..3 {
        harness.get_by_label("Step epoch").click();
        harness.run();
    }
    harness.state_mut().export_animation_to(&path);
    harness.run();
    assert!(
        harness
            .state()
            .notice()
            .is_some_and(|n| n.contains("4 frames")),
        "the notice says what was written: {:?}",
        harness.state().notice()
    );
    let frames = image::codecs::gif::GifDecoder::new(std::io::BufReader::new(
        std::fs::File::open(&path).unwrap(),
    ))
    .unwrap()
    .into_frames()
    .collect_frames()
    .unwrap();
    assert_eq!(frames.len(), 4, "epochs 0 to 3");
}
