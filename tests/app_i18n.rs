//! The app in Korean, driven like a student would: switch the language from the View menu,
//! then press the Korean labels; the experiment survives the switch.

#[expect(
    dead_code,
    reason = "the shared helpers include some this file does not need"
)]
mod common;

use common::harness;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use perceptron_lab::app::PerceptronApp;
use perceptron_lab::app::strings::Language;

/// View ▸ Language ▸ 한국어, as a user clicks it.
fn switch_to_korean(harness: &mut Harness<'static, PerceptronApp>) {
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Language").click();
    harness.run();
    harness.get_by_label("한국어").click();
    harness.run();
    assert_eq!(
        harness.state().language(),
        Language::Korean,
        "the menu switched the language"
    );
}

#[test]
fn korean_play_and_step_epoch_train_the_same_experiment() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Step epoch").click();
    harness.run();
    assert_eq!(harness.state_mut().epoch(), 1, "one epoch in English");

    switch_to_korean(&mut harness);
    assert_eq!(
        harness.state_mut().epoch(),
        1,
        "switching the language keeps the experiment"
    );
    assert!(
        harness.query_by_label("View").is_none() && harness.query_by_label("보기").is_some(),
        "the menu bar is in Korean"
    );
    assert!(
        harness.query_by_label_contains("에포크 1 ·").is_some(),
        "the counter reads in Korean"
    );

    harness.get_by_label("재생").click();
    harness.step();
    assert!(
        harness.state_mut().session().is_playing(),
        "재생 starts training"
    );
    let mut steps = 0;
    while harness.state_mut().session().trainer().cursor().batch == 0 && steps < 200 {
        harness.step();
        steps += 1;
    }
    harness.get_by_label("일시 정지").click();
    harness.step();
    assert!(
        !harness.state_mut().session().is_playing(),
        "일시 정지 stops training"
    );

    let before = harness.state_mut().epoch();
    harness.get_by_label("에포크 한 번").click();
    harness.run();
    let after = harness.state_mut().epoch();
    assert_eq!(after, before + 1, "에포크 한 번 finishes the epoch");
    assert!(
        harness
            .query_by_label_contains(&format!("에포크 {after} ·"))
            .is_some(),
        "the Korean counter advanced to epoch {after}"
    );
}

#[test]
fn korean_and_back_to_english() {
    let mut harness = harness();
    harness.run();
    switch_to_korean(&mut harness);
    harness.get_by_label("보기").click();
    harness.run();
    harness.get_by_label("언어").click();
    harness.run();
    harness.get_by_label("English").click();
    harness.run();
    assert_eq!(
        harness.state().language(),
        Language::English,
        "back to English"
    );
    assert!(
        harness.query_by_label("Step epoch").is_some(),
        "the toolbar is in English again"
    );
}
