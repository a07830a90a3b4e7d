//! The app with an MNIST-shaped CSV (`label,pixel0,…,pixel783`): opened like a dropped file,
//! the network view draws its input layer as the 28×28 picture of the sample in focus, and
//! hovering a pixel names it.

#[expect(dead_code, reason = "these tests use only the harness")]
mod common;

use egui::{Event, Pos2};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use perceptron_lab::bench::csv_import::write_mnist_csv;

#[test]
fn an_mnist_shaped_csv_shows_its_input_as_a_28_by_28_picture() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mnist_small.csv");
    write_mnist_csv(&path, 120, 5).unwrap();
    let mut harness = common::harness();
    harness.run();
    assert!(
        harness.query_by_label("Input picture 28×28").is_none(),
        "the default experiment (iris) has no picture input"
    );
    harness.state_mut().open_path(&path);
    harness.state_mut().wait_for_load();
    harness.run();
    let trainer = harness.state_mut().session().trainer();
    assert_eq!(trainer.network().inputs(), 784, "one input per pixel");
    assert_eq!(
        trainer.train_data().image_shape,
        Some((28, 28)),
        "the data is a picture"
    );
    let picture = harness.get_by_label("Input picture 28×28");
    let rect = picture.rect();
    assert!(
        (rect.width() - rect.height()).abs() < 1.0 && rect.width() > 100.0,
        "a square picture, large enough to see: {rect:?}"
    );
    // Hover the pixel in row 3, column 5: 3 × 28 + 5 = 89.
    let pixel = rect.width() / 28.0;
    let at = Pos2::new(rect.min.x + pixel * 5.5, rect.min.y + pixel * 3.5);
    harness.input_mut().events.push(Event::PointerMoved(at));
    harness.run();
    assert!(
        harness
            .query_by_label_contains("pixel 89 (row 3, column 5) = ")
            .is_some(),
        "hovering a pixel names its index, place and value"
    );
}

#[test]
fn the_notebook_lists_one_page_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mnist_pages.csv");
    write_mnist_csv(&path, 3_000, 9).unwrap();
    let mut harness = common::harness();
    harness.run();
    harness.state_mut().open_path(&path);
    harness.state_mut().wait_for_load();
    harness.run();
    let evaluation = harness.state_mut().evaluations().train.clone();
    let labels = harness
        .state_mut()
        .session()
        .trainer()
        .train_data()
        .labels()
        .unwrap()
        .to_vec();
    let members = |t: usize, p: usize| -> Vec<usize> {
        (0..labels.len())
            .filter(|&i| labels[i] == t && evaluation.predicted[i] == p)
            .collect()
    };
    let (t, p) = (0..10)
        .flat_map(|t| (0..10).map(move |p| (t, p)))
        .max_by_key(|&(t, p)| members(t, p).len())
        .unwrap();
    let expected = members(t, p);
    assert!(
        expected.len() > 25,
        "the largest cell fills more than a page: {}",
        expected.len()
    );
    let pages = expected.len().div_ceil(25);
    // When the output column is short the matrix is a tab of its own.
    if harness.query_by_label(&format!("Cell {t} → {p}")).is_none()
        && let Some(tab) = harness.query_by_label("Confusion matrix")
    {
        tab.click();
        harness.run();
    }
    harness.get_by_label(&format!("Cell {t} → {p}")).click();
    harness.run();
    let listed = |harness: &egui_kittest::Harness<'_, perceptron_lab::app::PerceptronApp>| {
        let mut rows: Vec<usize> = harness
            .query_all_by_role(egui::accesskit::Role::Link)
            .filter_map(|n| n.accesskit_node().label()?.parse().ok())
            .collect();
        rows.sort_unstable();
        rows
    };
    assert!(
        harness
            .query_by_label(&format!("Page 1 of {pages} ({} samples)", expected.len()))
            .is_some(),
        "the page and the number of pages are shown"
    );
    assert_eq!(
        listed(&harness),
        expected[..25],
        "the first page lists the first 25 samples"
    );
    // The notebook is below the fold of the 1600×1000 window.
    harness.get_by_label("Next ▶").scroll_to_me();
    harness.run();
    harness.get_by_label("Next ▶").click();
    harness.run();
    assert_eq!(
        listed(&harness),
        expected[25..expected.len().min(50)],
        "the next page lists the next samples"
    );
}
