//! Playing "as fast as possible" trains on the training thread between frames: the app keeps
//! drawing, the numbers are exactly those of stepping batch by batch, and Pause stops it.

use std::time::Duration;

mod common;

use common::harness as new_app;
use egui_kittest::kittest::Queryable as _;
use perceptron_lab::session::{MAX_SPEED, Stop};

#[test]
fn full_speed_play_trains_between_frames_and_matches_stepping() {
    let mut harness = new_app();
    harness.run();
    harness.state_mut().set_speed(MAX_SPEED);
    harness.get_by_label("Play").click();
    harness.step();
    let mut frames = 0;
    while harness.state_mut().epoch() < 3 && frames < 2000 {
        // The trainer is away on the training thread between these frames.
        std::thread::sleep(Duration::from_millis(5));
        harness.step();
        frames += 1;
    }
    assert!(
        harness.state_mut().epoch() >= 3,
        "full speed trained 3 epochs within {frames} frames"
    );
    harness.get_by_label("Pause").click();
    harness.step();
    let session = harness.state_mut().session();
    assert!(!session.is_playing(), "Pause stops training");
    let cursor = session.trainer().cursor();
    let network = session.trainer().network().clone();
    let history = session.trainer().history().to_vec();
    std::thread::sleep(Duration::from_millis(50));
    harness.step();
    assert_eq!(
        harness.state_mut().session().trainer().cursor(),
        cursor,
        "nothing trains after Pause, on any thread"
    );

    // The same number of mini-batches, one click each, on a fresh app.
    assert_eq!(history.len(), cursor.epoch, "one record per epoch");
    let session = harness.state_mut().session();
    let batches_per_epoch = session
        .trainer()
        .train_data()
        .len()
        .div_ceil(session.trainer().config().batch_size);
    let total = cursor.epoch * batches_per_epoch + cursor.batch;
    let mut stepped = new_app();
    stepped.run();
    for _ in 0..total {
        stepped.get_by_label("Step batch").click();
        stepped.step();
    }
    let session = stepped.state_mut().session();
    assert_eq!(session.trainer().cursor(), cursor, "same place in the data");
    assert!(
        session.trainer().network() == &network,
        "the training thread computed exactly what {total} batch steps compute"
    );
}

/// Divergence on the training thread stops play and shows the engine's message, as it does
/// when stepping.
#[test]
fn divergence_on_the_training_thread_pauses_with_the_message() {
    let mut harness = new_app();
    harness.run();
    common::set_up_to_diverge(&mut harness);
    harness.state_mut().set_speed(MAX_SPEED);
    harness.get_by_label("Play").click();
    harness.step();
    let mut frames = 0;
    while harness.state_mut().session().stop().is_none() && frames < 500 {
        std::thread::sleep(Duration::from_millis(5));
        harness.step();
        frames += 1;
    }
    let session = harness.state_mut().session();
    let message = format!("{:?}", session.stop());
    assert!(
        matches!(session.stop(), Some(Stop::Diverged(_))),
        "the engine's divergence is kept: {message}"
    );
    assert!(!session.is_playing(), "divergence pauses");
    assert!(
        session.trainer().network().is_finite(),
        "the weights stay finite"
    );
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Lower the learning rate and press Reset")
            .is_some(),
        "and the message is on screen, with the app's advice"
    );
}

/// While playing, the confusion matrix's evaluations are recomputed on a background thread
/// and keep arriving, without pausing.
#[test]
fn evaluations_keep_arriving_while_playing() {
    let mut harness = new_app();
    harness.run();
    let first = harness.state_mut().evaluations().train.loss;
    harness.state_mut().set_speed(MAX_SPEED);
    harness.get_by_label("Play").click();
    harness.step();
    let mut frames = 0;
    let mut shown = first;
    while (shown - first).abs() < 1e-6 && frames < 2000 {
        std::thread::sleep(Duration::from_millis(5));
        harness.step();
        shown = harness.state_mut().evaluations().train.loss;
        frames += 1;
    }
    assert!(
        (shown - first).abs() >= 1e-6,
        "a newer evaluation arrived while playing (loss {first} -> {shown}) in {frames} frames"
    );
    assert!(
        harness.state_mut().session().is_playing(),
        "and play went on"
    );
}
