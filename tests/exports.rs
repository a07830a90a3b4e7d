//! Pictures of a view (File ▸ Export ▸ Picture) and what Save and Export do when no file
//! dialog can be shown, driven through the real app in a headless harness.

use egui::{Color32, ColorImage, Key, Rect, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use perceptron_lab::app::picture::crop_png;
use perceptron_lab::app::{PerceptronApp, View};

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

/// Opens the menu path `items` (File ▸ Export ▸ …) with clicks.
fn menu(harness: &mut Harness<'static, PerceptronApp>, items: &[&str]) {
    for item in items {
        harness.get_by_label(item).click();
        harness.run();
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

#[test]
fn a_picture_of_a_view_that_is_not_on_screen_says_so() {
    // At 1024×768 the confusion matrix is a tab that is not chosen.
    let folder = tempfile::tempdir().unwrap();
    let mut harness = Harness::builder()
        .with_size([1024.0, 768.0])
        .with_max_steps(20)
        .build_eframe(|cc| {
            let mut app = PerceptronApp::new(cc, None);
            app.set_language(perceptron_lab::app::strings::Language::English);
            app
        });
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
