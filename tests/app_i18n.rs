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
use perceptron_lab::app::concepts::Spot;
use perceptron_lab::app::strings::Language;
use perceptron_lab::app::{PerceptronApp, Phase, Settings};

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

/// Help ▸ Concepts through the menu labelled `help` and its item `concepts`, then `query`
/// typed into the search field.
fn search_concepts(
    harness: &mut Harness<'static, PerceptronApp>,
    (help, concepts): (&str, &str),
    query: &str,
) {
    harness.get_by_label(help).click();
    harness.run();
    harness.get_by_label(concepts).click();
    harness.run();
    assert!(
        harness.state().concepts_open(),
        "the concepts window opened"
    );
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .type_text(query);
    harness.run();
}

#[test]
fn concepts_search_backpropagation_and_show_me_opens_the_backward_phase() {
    let mut harness = harness();
    harness.run();
    switch_to_korean(&mut harness);
    assert_eq!(harness.state().step_phase(), None, "no step-through yet");
    search_concepts(&mut harness, ("도움말", "개념 사전"), "역전파");
    assert!(
        harness.query_by_label("뉴런과 가중합").is_none(),
        "the search 역전파 hides the other entries"
    );
    assert!(
        harness.query_by_label("Backpropagation").is_some(),
        "the entry shows the English term beside the Korean one"
    );
    harness.get_by_label("화면에서 보기").click();
    for _ in 0..5 {
        harness.step();
    }
    assert!(
        !harness.state().concepts_open(),
        "Show me closes the window"
    );
    assert_eq!(
        harness.state().step_phase(),
        Some(Phase::Backward),
        "Show me took the app to the backward phase ③"
    );
}

#[test]
fn english_search_finds_the_same_entry_and_show_me_marks_the_learning_rate() {
    let mut harness = harness();
    harness.run();
    search_concepts(&mut harness, ("Help", "Concepts"), "learning rate");
    assert!(
        harness.query_by_label("옵티마이저와 학습률").is_some(),
        "the learning-rate entry is found, with its Korean term"
    );
    harness.get_by_label("Show me").click();
    harness.step();
    harness.step();
    assert_eq!(
        harness.state().spotlight(),
        Some(Spot::LearningRate),
        "Show me marks the learning-rate field"
    );
}

#[test]
fn a_question_mark_opens_the_concept_it_stands_beside() {
    let mut harness = harness();
    harness.run();
    harness
        .get_all_by_label("?")
        .next()
        .expect("the setup panel has concept helpers")
        .click();
    harness.run();
    assert!(harness.state().concepts_open(), "\"?\" opens the concepts");
    assert_eq!(
        harness.get_all_by_label("Show me").count(),
        1,
        "the window shows that one concept"
    );
}

#[test]
fn every_korean_window_renders_with_the_bundled_fonts() {
    // egui refuses to draw a character no installed font has: every frame below is a check.
    let mut harness = harness();
    harness.run();
    switch_to_korean(&mut harness);
    for (menu, item) in [("도움말", "단축키"), ("도움말", "Perceptron Lab 정보")] {
        harness.get_by_label(menu).click();
        harness.run();
        harness.get_by_label(item).click();
        harness.run();
        assert!(
            harness.query_by_label(item).is_some(),
            "the {item} window is open"
        );
    }
    harness.get_by_label("파일").click();
    harness.run();
    harness.get_by_label("예제 열기").click();
    harness.run();
    harness
        .get_by_label("단층 퍼셉트론으로 푸는 XOR (실패)")
        .click();
    harness.run();
    assert!(
        harness
            .state()
            .notice()
            .is_some_and(|n| n.contains("직선 하나만")),
        "the example's lesson is shown in Korean"
    );
    harness.get_by_label("샘플 한 개").click();
    for _ in 0..3 {
        for _ in 0..30 {
            harness.step();
        }
        if let Some(next) = harness.query_by_label("다음 단계") {
            next.click();
        }
    }
    harness.get_by_label("에포크 한 번").click();
    harness.run();
    assert!(
        harness.query_by_label("혼동 행렬").is_some(),
        "the confusion matrix is drawn in Korean"
    );
}

#[test]
fn shipped_examples_show_their_notes_in_the_interface_language() {
    for (language, hangul) in [(Language::English, false), (Language::Korean, true)] {
        let mut app = PerceptronApp::with_settings(Settings {
            language,
            ..Settings::default()
        });
        app.open_shipped_example("xor-perceptron");
        let notice = app.notice().unwrap_or_default().to_owned();
        // "Opened NAME: title — notes" / "NAME을(를) 열었습니다: title — notes".
        let (_, summary) = notice.split_once(": ").unwrap_or_default();
        let has_hangul = summary.chars().any(|c| ('가'..='힣').contains(&c));
        assert_eq!(
            has_hangul, hangul,
            "{language:?}: the example's notes in the UI language: {notice}"
        );
    }
}
