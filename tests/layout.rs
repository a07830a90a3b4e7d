//! The window shared at every size a lecturer meets: the real app rendered headless at each
//! size (and zoom), the views found by the rectangles the app drew them in, checked to be
//! inside the window, apart from each other, and the network view at least a third wide.

use egui::{Key, Modifiers, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use perceptron_lab::app::{PerceptronApp, View};

fn harness_at(size: [f32; 2], zoom: f32) -> Harness<'static, PerceptronApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(20)
        .build_eframe(|cc| {
            let mut app = PerceptronApp::new(cc, None);
            app.set_language(perceptron_lab::app::strings::Language::English);
            app
        });
    harness.ctx.set_zoom_factor(zoom);
    harness.run();
    harness.run();
    harness
}

fn rect(harness: &Harness<'static, PerceptronApp>, view: View) -> Rect {
    harness
        .state()
        .view_rect(view)
        .unwrap_or_else(|| panic!("{view:?} was not drawn"))
}

/// The named views are inside the window, do not overlap, and the network keeps a third.
fn check_layout(harness: &Harness<'static, PerceptronApp>, what: &str) {
    let window = rect(harness, View::Window);
    let views = [
        (View::Toolbar, rect(harness, View::Toolbar)),
        (View::Network, rect(harness, View::Network)),
        (View::Boundary, rect(harness, View::Boundary)),
        (View::LossPlot, rect(harness, View::LossPlot)),
    ];
    for (view, r) in views {
        assert!(
            window.expand(0.5).contains_rect(r),
            "{what}: {view:?} {r:?} lies outside the window {window:?}"
        );
        assert!(
            r.width() >= 40.0 && r.height() >= 40.0 || view == View::Toolbar,
            "{what}: {view:?} is too small to see: {r:?}"
        );
    }
    for (i, (a, ra)) in views.iter().enumerate() {
        for (b, rb) in &views[i + 1..] {
            let overlap = ra.intersect(*rb);
            assert!(
                !overlap.is_positive() || overlap.area() < 1.0,
                "{what}: {a:?} {ra:?} overlaps {b:?} {rb:?}"
            );
        }
    }
    // The accuracy plot and the confusion matrix, where shown, fit too (no scrolling).
    for view in [View::Plots, View::Confusion] {
        if let Some(r) = harness.state().view_rect(view) {
            assert!(
                window.expand(0.5).contains_rect(r),
                "{what}: {view:?} {r:?} runs out of the window {window:?}"
            );
        }
    }
    let network = rect(harness, View::Network);
    assert!(
        network.width() >= window.width() / 3.0 - 1.0,
        "{what}: the network view is {} wide, under a third of {}",
        network.width(),
        window.width()
    );
}

#[test]
fn the_views_fit_at_every_lecture_size() {
    for (size, zoom) in [
        ([1024.0, 768.0], 1.0),
        ([1280.0, 720.0], 1.0),
        ([1366.0, 768.0], 1.0),
        ([1600.0, 1000.0], 1.0),
        ([1920.0, 1080.0], 1.0),
        ([1920.0, 1080.0], 1.5),
        ([3840.0, 2160.0], 2.0),
    ] {
        let harness = harness_at(size, zoom);
        check_layout(&harness, &format!("{}×{} at zoom {zoom}", size[0], size[1]));
    }
}

#[test]
fn lecture_mode_fits_a_projector_and_a_full_hd_screen() {
    for size in [[1280.0, 720.0], [1920.0, 1080.0]] {
        let mut harness = harness_at(size, 1.0);
        harness.key_press(Key::F5);
        harness.run();
        harness.run();
        assert!(harness.state().is_lecturing(), "F5 enters lecture mode");
        assert!(
            harness.ctx.zoom_factor() > 1.1,
            "lecture mode enlarges ({})",
            harness.ctx.zoom_factor()
        );
        check_layout(
            &harness,
            &format!("lecture mode at {}×{}", size[0], size[1]),
        );
    }
}

#[test]
fn panel_widths_follow_the_window_not_the_last_session_or_the_content() {
    let mut harness = harness_at([1600.0, 1000.0], 1.0);
    let before = rect(&harness, View::Network);
    // A wide content (the notebook of a clicked cell) must not widen the column.
    harness.get_by_label("Cell 0 → 1").click();
    harness.run();
    harness.run();
    let after = rect(&harness, View::Network);
    assert!(
        (after.width() - before.width()).abs() < 1.0,
        "opening the notebook changed the network view from {before:?} to {after:?}"
    );
    harness.set_size(egui::vec2(1024.0, 768.0));
    harness.run();
    harness.run();
    check_layout(&harness, "resized from 1600×1000 to 1024×768");
}

#[test]
fn iris_with_a_clicked_cell_and_two_zoom_steps_keeps_the_network_view() {
    let mut harness = harness_at([1280.0, 720.0], 1.0);
    harness.state_mut().open_shipped_example("iris-softmax");
    harness.run();
    harness.run();
    let names: Vec<String> = harness
        .state_mut()
        .session()
        .trainer()
        .train_data()
        .class_names()
        .unwrap()
        .to_vec();
    // The output column is short at 1280×720: the matrix is a tab there.
    if let Some(tab) = harness.query_by_label("Confusion matrix") {
        tab.click();
        harness.run();
    }
    harness
        .get_by_label(&format!("Cell {} → {}", names[0], names[1]))
        .click();
    harness.run();
    for _ in 0..2 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
        harness.run();
    }
    assert!(
        harness.ctx.zoom_factor() > 1.15,
        "Ctrl + twice zoomed in (zoom {})",
        harness.ctx.zoom_factor()
    );
    let window = rect(&harness, View::Window);
    let network = rect(&harness, View::Network);
    assert!(
        network.width() >= window.width() / 3.0 - 1.0,
        "the network view keeps a third: {} of {}",
        network.width(),
        window.width()
    );
    assert!(
        window.expand(0.5).contains_rect(network),
        "the network view stays inside the window"
    );
}

#[test]
fn the_digits_matrix_fits_without_scrolling_on_a_projector() {
    for size in [[1280.0, 720.0], [1024.0, 768.0]] {
        let mut harness = harness_at(size, 1.0);
        harness.state_mut().open_shipped_example("digits-confusion");
        harness.run();
        harness.run();
        if harness.state().view_rect(View::Confusion).is_none() {
            harness.get_by_label("Confusion matrix").click();
            harness.run();
            harness.run();
        }
        let window = rect(&harness, View::Window);
        let confusion = rect(&harness, View::Confusion);
        assert!(
            window.expand(0.5).contains_rect(confusion),
            "{size:?}: the ten-class matrix {confusion:?} fits the window {window:?}"
        );
        let network = rect(&harness, View::Network);
        assert!(
            !network.intersects(confusion.shrink(1.0)),
            "{size:?}: the matrix stays beside the network view: {network:?} {confusion:?}"
        );
    }
}

#[test]
fn a_narrow_window_shows_the_setup_as_tabs_that_open_over_the_network() {
    // 1024×768 at zoom 1.25 is 819 points wide: the setup column does not fit.
    let mut harness = harness_at([1024.0, 768.0], 1.25);
    check_layout(&harness, "1024×768 at zoom 1.25");
    let hyperparameters = "Hyperparameters (you set these)";
    assert!(
        harness.query_by_label("Learning rate (lr)").is_none(),
        "the setup is folded into tabs"
    );
    let network = rect(&harness, View::Network);
    harness.get_by_label(hyperparameters).click();
    harness.run();
    harness.run();
    assert!(
        harness.query_by_label("Learning rate (lr)").is_some(),
        "the Hyperparameters tab shows its section"
    );
    assert_eq!(
        rect(&harness, View::Network),
        network,
        "the section opens over the network view, which keeps its size"
    );
}
