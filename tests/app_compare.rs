//! File ▸ Compare with and the shipped comparisons: B runs beside A in lockstep by epoch.

#[expect(
    dead_code,
    reason = "this test uses only the app harness of the shared helpers"
)]
mod common;

use egui_kittest::kittest::Queryable as _;
use perceptron_lab::session::MAX_SPEED;

#[test]
fn the_xor_comparison_runs_both_in_lockstep_and_b_wins() {
    let mut harness = common::harness();
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open example").hover();
    harness.run();
    harness.get_by_label("xor-single-vs-multi").click();
    harness.run();
    assert_eq!(
        harness.state().compared_epoch(),
        Some(0),
        "B opened beside A"
    );
    assert!(
        harness
            .query_by_label_contains("B: XOR: a 2-4-1 network solves it")
            .is_some(),
        "B's window names it"
    );

    harness.get_by_label("Step epoch").click();
    harness.run();
    assert_eq!(harness.state_mut().epoch(), 1, "A stepped one epoch");
    assert_eq!(harness.state().compared_epoch(), Some(1), "and B with it");

    harness.state_mut().set_speed(MAX_SPEED);
    harness.get_by_label("Play").click();
    for _ in 0..2000 {
        harness.step();
        if harness.state_mut().epoch() >= 300 {
            break;
        }
    }
    harness.get_by_label("Pause").click();
    for _ in 0..50 {
        harness.step();
    }
    let a_epoch = harness.state_mut().epoch();
    assert!(a_epoch >= 300, "A trained 300 epochs: {a_epoch}");
    assert_eq!(
        harness.state().compared_epoch(),
        Some(a_epoch),
        "B caught up with A"
    );
    let b = harness.state().compared_record().unwrap();
    assert!(
        b.train_accuracy.unwrap() >= 1.0,
        "the 2-4-1 network solves XOR: {b:?}"
    );
    let a = harness
        .state_mut()
        .session()
        .trainer()
        .history()
        .last()
        .copied()
        .unwrap();
    assert!(
        a.train_accuracy.unwrap() <= 0.75,
        "the single-layer perceptron cannot: {a:?}"
    );
}

#[test]
fn a_copy_of_this_one_runs_in_lockstep_as_the_same_run() {
    let mut harness = common::harness();
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Compare with").hover();
    harness.run();
    harness.get_by_label("A copy of this one").click();
    harness.run();
    assert_eq!(harness.state().compared_epoch(), Some(0), "B is open");
    for _ in 0..2 {
        harness.get_by_label("Step epoch").click();
        harness.run();
    }
    assert_eq!(harness.state().compared_epoch(), Some(2), "lockstep");
    assert_eq!(
        harness
            .state()
            .compared_record()
            .map(|r| r.train_loss.to_bits()),
        harness
            .state_mut()
            .session()
            .trainer()
            .history()
            .last()
            .map(|r| r.train_loss.to_bits()),
        "a copy trained alike on the same data is the same run"
    );
}
