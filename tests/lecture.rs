//! Lecture mode, the presenter keys, the pen and the wrong-answer notebook, driven like a
//! lecturer would: keys and labels on the real app in a headless harness.

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use perceptron_lab::app::{PerceptronApp, Phase};

/// The app at the design size, 1600×1000, headless.
fn harness() -> Harness<'static, PerceptronApp> {
    Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_max_steps(20)
        .build_eframe(|cc| {
            let mut app = PerceptronApp::new(cc, None);
            app.set_language(perceptron_lab::app::strings::Language::English);
            app
        })
}

#[test]
fn f5_enters_lecture_mode_hides_the_setup_and_esc_leaves() {
    let mut harness = harness();
    harness.run();
    assert!(
        harness
            .query_by_label("Hyperparameters (you set these)")
            .is_some(),
        "the setup panel shows outside lecture mode"
    );
    let zoom = harness.ctx.zoom_factor();
    harness.key_press(Key::F5);
    harness.run();
    assert!(harness.state().is_lecturing(), "F5 enters lecture mode");
    assert!(
        harness
            .query_by_label("Hyperparameters (you set these)")
            .is_none(),
        "lecture mode hides the setup panels"
    );
    assert!(
        harness.query_by_label("Epoch 0").is_some()
            && harness
                .query_all_by_label_contains("Loss ")
                .next()
                .is_some(),
        "the large readout shows the epoch and the loss"
    );
    assert!(
        harness.ctx.zoom_factor() > zoom,
        "lecture mode enlarges everything"
    );
    harness.key_press(Key::Escape);
    harness.run();
    assert!(!harness.state().is_lecturing(), "Esc leaves lecture mode");
    assert!(
        (harness.ctx.zoom_factor() - zoom).abs() < 1e-6,
        "leaving restores the usual zoom"
    );
    assert!(
        harness
            .query_by_label("Hyperparameters (you set these)")
            .is_some(),
        "and the setup is back"
    );
}

#[test]
fn page_down_and_page_up_step_the_phases_in_lecture_mode() {
    let mut harness = harness();
    harness.state_mut().open_shipped_example("xor-perceptron");
    harness.run();
    // Phases advance by hand only, as a lecturer with a remote wants.
    harness.get_by_label("Auto-advance").click();
    harness.run();
    harness.key_press(Key::F5);
    harness.run();
    assert!(harness.state().is_lecturing(), "F5 enters lecture mode");
    // The presenter's keys, each followed by the phase it must show.
    for (key, phase, why) in [
        (
            Key::PageDown,
            Phase::Forward,
            "PageDown without a step-through starts one at ①",
        ),
        (Key::PageDown, Phase::Loss, "PageDown advances a phase"),
        (Key::PageUp, Phase::Forward, "PageUp goes back a phase"),
        (Key::PageDown, Phase::Loss, "and PageDown forward again"),
        (Key::PageDown, Phase::Backward, "to ③"),
        (Key::PageDown, Phase::Update, "to ④"),
    ] {
        harness.key_press(key);
        harness.run_steps(3);
        assert_eq!(harness.state().step_phase(), Some(phase), "{why}");
    }
    let stepped = harness.state().stepped_sample();
    harness.key_press(Key::PageUp);
    harness.run_steps(3);
    assert_eq!(
        harness.state().step_phase(),
        Some(Phase::Update),
        "PageUp after the update does not undo it"
    );
    assert!(
        harness.state().notice().is_some_and(|n| !n.is_empty()),
        "and says so"
    );
    harness.key_press(Key::PageDown);
    harness.run_steps(3);
    assert_eq!(
        harness.state().step_phase(),
        Some(Phase::Forward),
        "PageDown after ④ starts the next sample at ①"
    );
    assert_ne!(harness.state().stepped_sample(), stepped, "a new sample");
}

#[test]
fn the_pen_draws_without_changing_the_experiment_and_c_clears() {
    let mut harness = harness();
    harness.run();
    harness.key_press(Key::F5);
    harness.run();
    let before = harness.state_mut().session().trainer().clone();
    harness.key_press(Key::P);
    harness.run();
    assert!(harness.state().pen_is_on(), "a tap of P turns the pen on");
    // Drag across the Step epoch button: the pen takes the pointer, nothing is clicked.
    let button = harness.get_by_label("Step epoch").rect();
    harness.drag_at(button.center());
    harness.run();
    harness.hover_at(button.center() + egui::vec2(60.0, 40.0));
    harness.run();
    harness.drop_at(button.center() + egui::vec2(120.0, 80.0));
    harness.run();
    assert_eq!(harness.state().pen_strokes(), 1, "one drag, one stroke");
    // A pointer click on the button while the pen is on is a dot, not a click.
    harness.drag_at(button.center());
    harness.run();
    harness.drop_at(button.center());
    harness.run();
    let app = harness.state_mut();
    assert_eq!(
        app.session().trainer().network(),
        before.network(),
        "drawing over a button changed nothing"
    );
    assert_eq!(app.epoch(), 0, "no epoch was stepped");
    harness.key_press(Key::C);
    harness.run();
    assert_eq!(harness.state().pen_strokes(), 0, "C clears the drawing");
    harness.key_press(Key::P);
    harness.run();
    assert!(!harness.state().pen_is_on(), "another tap turns it off");
    let button = harness.get_by_label("Step epoch").rect();
    harness.drag_at(button.center());
    harness.run();
    harness.drop_at(button.center());
    harness.run();
    assert_eq!(
        harness.state_mut().epoch(),
        1,
        "with the pen off the same pointer click steps an epoch"
    );
}

#[test]
fn help_lists_the_lecture_keys() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Help").click();
    harness.run();
    harness.get_by_label("Keyboard shortcuts").click();
    harness.run();
    for key in ["F5", "Esc", "P", "C", "PageDown", "PageUp"] {
        assert!(
            harness.query_by_label(key).is_some(),
            "Help ▸ Keyboard shortcuts lists {key}"
        );
    }
}

/// The cell (true, predicted) with the most samples in `confusion`, off the diagonal if any.
fn busiest_cell(confusion: &[Vec<u64>]) -> (usize, usize) {
    let k = confusion.len();
    (0..k)
        .flat_map(|t| (0..k).map(move |p| (t, p)))
        .max_by_key(|&(t, p)| (confusion[t][p] > 0 && t != p, confusion[t][p]))
        .unwrap()
}

#[test]
fn clicking_a_listed_sample_brings_it_into_focus_on_train_and_test() {
    let mut harness = harness();
    harness.run();
    // Train: a click focuses the training sample in every panel.
    let confusion = harness
        .state_mut()
        .evaluations()
        .train
        .classification
        .clone()
        .unwrap()
        .confusion;
    let (t, p) = busiest_cell(&confusion);
    harness.get_by_label(&format!("Cell {t} → {p}")).click();
    harness.run();
    let link = harness
        .query_all_by_role(egui::accesskit::Role::Link)
        .find_map(|n| n.accesskit_node().label()?.parse::<usize>().ok())
        .expect("the notebook lists samples");
    assert_ne!(link, harness.state().focus(), "a sample not yet in focus");
    click_link(&harness, link);
    harness.run();
    assert_eq!(
        harness.state().focus(),
        link,
        "the train row is now in focus"
    );
    assert!(
        harness
            .query_by_label(&format!("Train · # {link}"))
            .is_some(),
        "the notebook shows the sample large"
    );
    // Test: the other panels show training samples; the notebook shows the test sample.
    harness.get_by_label("Test").click();
    harness.run();
    let confusion = harness
        .state_mut()
        .evaluations()
        .test
        .clone()
        .expect("the default experiment has a test split")
        .classification
        .unwrap()
        .confusion;
    let (t, p) = busiest_cell(&confusion);
    harness.get_by_label(&format!("Cell {t} → {p}")).click();
    harness.run();
    let link = harness
        .query_all_by_role(egui::accesskit::Role::Link)
        .find_map(|n| n.accesskit_node().label()?.parse::<usize>().ok())
        .expect("the notebook lists test samples");
    assert!(
        harness
            .query_by_label(&format!("Test · # {link}"))
            .is_none(),
        "not shown before the click"
    );
    click_link(&harness, link);
    harness.run();
    assert!(
        harness
            .query_by_label(&format!("Test · # {link}"))
            .is_some(),
        "a click on a test row brings that test sample into focus in the notebook"
    );
    assert_eq!(
        harness.state().test_focus(),
        Some(link),
        "and on the decision boundary"
    );
}

/// Clicks the notebook's link of sample `i`.
fn click_link(harness: &Harness<'static, PerceptronApp>, i: usize) {
    harness
        .query_all_by_role(egui::accesskit::Role::Link)
        .find(|n| n.accesskit_node().label().as_deref() == Some(i.to_string().as_str()))
        .expect("the sample is listed")
        .click();
}

#[test]
fn lecture_mode_speaks_korean_too() {
    let mut harness = harness();
    harness.run();
    harness
        .state_mut()
        .set_language(perceptron_lab::app::strings::Language::Korean);
    harness.run();
    harness.key_press(Key::F5);
    harness.run();
    assert!(
        harness.query_by_label("에포크 0").is_some(),
        "the readout comes from the Korean bundle"
    );
    assert!(
        harness
            .query_all_by_label_contains("강의 모드")
            .next()
            .is_some(),
        "and so does the lecture hint"
    );
}
