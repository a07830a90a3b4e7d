//! Lecture mode, the presenter keys, the pen, pictures of a view and the no-dialog fallback,
//! driven like a lecturer would: keys and labels on the real app in a headless harness.

use egui::{Color32, ColorImage, Key, Rect, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use perceptron_lab::app::picture::crop_png;
use perceptron_lab::app::{PerceptronApp, Phase, View};

/// The app at the design size, 1600×1000, headless.
fn harness() -> Harness<'static, PerceptronApp> {
    Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_max_steps(20)
        .build_eframe(|cc| PerceptronApp::new(cc, None))
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

/// Opens the menu path `items` (File ▸ Export ▸ …) with clicks.
fn menu(harness: &mut Harness<'static, PerceptronApp>, items: &[&str]) {
    for item in items {
        harness.get_by_label(item).click();
        harness.run();
    }
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

/// egui_kittest renders screenshots only with its `snapshot`/`wgpu` renderer, which this
/// crate does not build; the crop and the PNG encoding are checked on a synthetic window.
#[test]
fn a_picture_of_a_view_is_the_views_pixels_as_png() {
    // A 200×100 "window" at 2 pixels per point: white, with a blue view at points
    // (10, 5)–(60, 45), drawn in the middle with a dark line.
    let (width, height) = (200, 100);
    let mut image = ColorImage::filled([width, height], Color32::WHITE);
    for y in 10..90 {
        for x in 20..120 {
            image.pixels[y * width + x] = if y == 50 {
                Color32::BLACK
            } else {
                Color32::from_rgb(0, 114, 178)
            };
        }
    }
    let view = Rect::from_min_max(pos2(10.0, 5.0), pos2(60.0, 45.0));
    let png = crop_png(&image, view, 2.0, View::Network).unwrap();
    let decoded = image::load_from_memory_with_format(&png, image::ImageFormat::Png)
        .unwrap()
        .to_rgba8();
    assert_eq!(decoded.dimensions(), (100, 80), "the view's size in pixels");
    assert_eq!(
        decoded.get_pixel(0, 0).0,
        [0, 114, 178, 255],
        "the crop starts at the view's corner"
    );
    assert_eq!(
        decoded.get_pixel(50, 40).0,
        [0, 0, 0, 255],
        "the line is kept"
    );
    let distinct: std::collections::HashSet<[u8; 4]> = decoded.pixels().map(|p| p.0).collect();
    assert!(distinct.len() >= 2, "the picture is not blank");
    let outside = Rect::from_min_max(pos2(150.0, 80.0), pos2(160.0, 90.0));
    assert!(
        crop_png(&image, outside, 2.0, View::Network).is_err(),
        "a view outside the window is an error, not an empty file"
    );
}

/// The screenshot the app asked for in the last frame, if any.
fn screenshot_request(
    harness: &Harness<'static, PerceptronApp>,
) -> Option<egui::ScreenshotCallback> {
    harness
        .output()
        .viewport_output
        .values()
        .flat_map(|v| v.commands.iter())
        .find_map(|c| match c {
            egui::ViewportCommand::Screenshot(callback) => Some(callback.clone()),
            _ => None,
        })
}

#[test]
fn file_export_picture_writes_the_network_view_as_png() {
    // The whole path: the picture window, Save without a dialog (the fallback folder), the
    // screenshot request, and the crop and PNG of the answer. kittest has no renderer here,
    // so the test answers the screenshot request with a synthetic window of the right size.
    let folder = tempfile::tempdir().unwrap();
    let mut harness = harness();
    harness.run();
    harness.state_mut().set_native_dialogs(false);
    harness.state_mut().set_fallback_folder(folder.path());
    menu(&mut harness, &["File", "Export", "Picture…"]);
    assert!(
        harness.query_by_label("Export picture").is_some()
            && harness.query_by_label("White background").is_some(),
        "File ▸ Export ▸ Picture… opens the picture window"
    );
    harness.get_by_label("Network").click();
    harness.run();
    harness.get_by_label("Save PNG…").click();
    let mut request = None;
    for _ in 0..4 {
        harness.step();
        request = screenshot_request(&harness);
        if request.is_some() {
            break;
        }
    }
    let request = request.expect("Save asks the window for a screenshot");
    let network = harness.state().view_rect(View::Network).unwrap();
    let window = harness.state().view_rect(View::Window).unwrap();
    let ppp = harness.ctx.pixels_per_point();
    let size = [
        (window.width() * ppp).round() as usize,
        (window.height() * ppp).round() as usize,
    ];
    // White, with orange stripes inside the network view only.
    let mut image = ColorImage::filled(size, Color32::WHITE);
    for (i, pixel) in image.pixels.iter_mut().enumerate() {
        let (x, y) = ((i % size[0]) as f32 / ppp, (i / size[0]) as f32 / ppp);
        if network.contains(pos2(x, y)) && (i % size[0]).is_multiple_of(7) {
            *pixel = Color32::from_rgb(230, 159, 0);
        }
    }
    request.complete(std::sync::Arc::new(image));
    harness.run();
    let written = folder.path().join("picture.png");
    let notice = harness.state().notice().unwrap_or_default().to_owned();
    assert!(
        notice.contains(&written.display().to_string()),
        "the notice names the file: {notice}"
    );
    let decoded = image::open(&written).unwrap().to_rgba8();
    assert_eq!(
        (decoded.width() as f32, decoded.height() as f32),
        (
            (network.width() * ppp).round(),
            (network.height() * ppp).round()
        ),
        "the PNG has the network view's size"
    );
    let distinct: std::collections::HashSet<[u8; 4]> = decoded.pixels().map(|p| p.0).collect();
    assert!(distinct.len() >= 2, "the picture is not blank");
}

#[test]
fn without_a_dialog_exports_go_to_the_fallback_folder_and_say_where() {
    let folder = tempfile::tempdir().unwrap();
    let folder = folder.path().join("Perceptron Lab");
    let mut harness = harness();
    harness.run();
    harness.state_mut().set_native_dialogs(false);
    harness.state_mut().set_fallback_folder(&folder);
    harness.get_by_label("Step epoch").click();
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export").click();
    harness.run();
    harness
        .get_by_label("Loss and accuracy history (CSV)…")
        .click();
    harness.run();
    let notice = harness.state().notice().unwrap_or_default().to_owned();
    let written = folder.join("history.csv");
    assert!(
        notice.contains("No file dialog could open")
            && notice.contains(&written.display().to_string()),
        "the notice says there was no dialog and where the file went: {notice}"
    );
    let text = std::fs::read_to_string(&written).unwrap();
    assert_eq!(
        text.lines().count(),
        2,
        "the header and the one epoch: {text}"
    );
    // A second export never overwrites the first.
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export").click();
    harness.run();
    harness
        .get_by_label("Loss and accuracy history (CSV)…")
        .click();
    harness.run();
    assert!(
        folder.join("history-2.csv").exists(),
        "the second export gets a new name"
    );
    // Opening without a dialog says how else to open a file.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::O);
    harness.run();
    // The trained epoch is worth a question first.
    if let Some(discard) = harness.query_by_label("Discard changes") {
        discard.click();
        harness.run();
    }
    let notice = harness.state().notice().unwrap_or_default().to_owned();
    assert!(
        notice.contains("Drop the file on the window"),
        "Open without a dialog says how else to open a file: {notice}"
    );
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
fn a_picture_of_a_view_that_is_not_on_screen_says_so() {
    // At 1024×768 the confusion matrix is a tab that is not chosen.
    let folder = tempfile::tempdir().unwrap();
    let mut harness = Harness::builder()
        .with_size([1024.0, 768.0])
        .with_max_steps(20)
        .build_eframe(|cc| PerceptronApp::new(cc, None));
    harness.run();
    assert!(
        harness.state().view_rect(View::Confusion).is_none(),
        "the matrix is hidden behind its tab"
    );
    harness.state_mut().set_native_dialogs(false);
    harness.state_mut().set_fallback_folder(folder.path());
    menu(&mut harness, &["File", "Export", "Picture…"]);
    let choice = harness
        .query_all_by_label("Confusion matrix")
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::RadioButton)
        .expect("the picture window offers the confusion matrix");
    choice.click();
    harness.run();
    harness.get_by_label("Save PNG…").click();
    harness.run();
    let error = harness.state().error().unwrap_or_default().to_owned();
    assert!(
        error.contains("Confusion matrix is not on screen"),
        "the notice says the view is not shown: {error}"
    );
    assert!(
        !folder.path().join("picture.png").exists(),
        "and no file is written"
    );
}
