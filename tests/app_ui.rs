//! The desktop app driven like a user would: buttons found by their labels, state read back
//! through the app's small public API.

mod common;

use common::harness;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use perceptron_lab::app::PerceptronApp;

/// A file dropped onto the window, as the windowing backend would report it.
#[derive(Debug)]
struct DroppedPath(std::path::PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn step_epoch_advances_the_counter_and_the_loss_plot() {
    let mut harness = harness();
    harness.run();
    assert_eq!(
        harness.state_mut().epoch(),
        0,
        "a fresh app starts at epoch 0"
    );
    assert_eq!(harness.state().loss_plot_points(), 0, "no epoch, no point");
    assert!(
        harness.query_by_label_contains("Epoch 0 ·").is_some(),
        "the toolbar shows epoch 0"
    );

    harness.get_by_label("Step epoch").click();
    harness.run();
    assert_eq!(harness.state_mut().epoch(), 1, "one click, one epoch");
    assert_eq!(
        harness.state().loss_plot_points(),
        1,
        "the loss plot drew the epoch's point"
    );
    assert!(
        harness.query_by_label_contains("Epoch 1 ·").is_some(),
        "the toolbar counter advanced"
    );

    harness.get_by_label("Step epoch").click();
    harness.run();
    assert_eq!(harness.state().loss_plot_points(), 2, "and a second point");
}

#[test]
fn play_trains_and_pause_stops() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Play").click();
    harness.step();
    assert!(
        harness.state_mut().session().is_playing(),
        "Play starts training"
    );
    let mut steps = 0;
    while harness.state_mut().session().trainer().cursor().batch == 0
        && harness.state_mut().epoch() == 0
        && steps < 200
    {
        harness.step();
        steps += 1;
    }
    assert!(
        harness.state_mut().session().trainer().cursor().batch > 0
            || harness.state_mut().epoch() > 0,
        "playing takes training steps"
    );
    harness.get_by_label("Pause").click();
    harness.step();
    assert!(
        !harness.state_mut().session().is_playing(),
        "Pause stops training"
    );
    let cursor = harness.state_mut().session().trainer().cursor();
    harness.step();
    harness.step();
    assert_eq!(
        harness.state_mut().session().trainer().cursor(),
        cursor,
        "nothing moves while paused"
    );
}

#[test]
fn space_toggles_play() {
    let mut harness = harness();
    harness.run();
    harness.key_press(egui::Key::Space);
    harness.step();
    assert!(
        harness.state_mut().session().is_playing(),
        "Space starts training"
    );
    harness.key_press(egui::Key::Space);
    harness.step();
    assert!(
        !harness.state_mut().session().is_playing(),
        "Space again pauses"
    );
}

#[test]
fn switching_dataset_rebuilds_and_says_so() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Step epoch").click();
    harness.run();
    assert_eq!(harness.state_mut().epoch(), 1, "trained one epoch on XOR");
    harness.get_by_label("Dataset").click();
    harness.run();
    harness.get_by_label("spiral").click();
    harness.run();
    assert_eq!(
        harness.state_mut().session().setup.data.to_string(),
        "builtin:spiral",
        "the dataset picker switched the data"
    );
    assert_eq!(
        harness.state_mut().epoch(),
        0,
        "changing the data restarts training"
    );
    assert!(
        harness
            .query_by_label_contains("training restarted")
            .is_some(),
        "the reset is announced"
    );
}

#[test]
fn saved_experiment_opens_by_path_with_its_progress() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("run.ron");
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Step epoch").click();
    harness.run();
    harness.get_by_label("Step epoch").click();
    harness.run();
    assert!(harness.state().is_dirty(), "training is an unsaved change");
    harness.state_mut().save_to(&path);
    harness.run();
    assert!(!harness.state().is_dirty(), "saving clears the mark");
    let weights = harness.state_mut().session().trainer().network().clone();

    let mut fresh = self::harness();
    fresh.run();
    // Drag and drop: the same code path as the Open dialog and the command line.
    fresh
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(path.clone())));
    fresh.step();
    assert!(
        fresh.query_by_label_contains("Loading run.ron").is_some(),
        "the window says it is loading while the file is read"
    );
    fresh.state_mut().wait_for_load();
    fresh.run();
    assert_eq!(
        fresh.state_mut().epoch(),
        2,
        "the opened experiment resumes at its epoch"
    );
    assert_eq!(
        fresh.state_mut().session().trainer().network(),
        &weights,
        "with its learned weights"
    );
    assert_eq!(
        fresh.state().path(),
        Some(path.as_path()),
        "and remembers its file"
    );
    assert!(
        fresh.query_by_label_contains("Opened").is_some(),
        "the window says what it opened"
    );
}

#[test]
fn a_broken_file_is_a_message_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, "this is ( not an experiment").unwrap();
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Step epoch").click();
    harness.run();
    let setup = harness.state_mut().session().setup.clone();
    let network = harness.state_mut().session().trainer().network().clone();
    harness.state_mut().open_path(&path);
    harness.state_mut().wait_for_load();
    harness.run();
    let error = harness.state().error().map(str::to_owned);
    assert!(
        error.as_deref().is_some_and(|e| e.contains("broken.ron")),
        "the notice bar shows an error naming the file: {error:?}"
    );
    assert!(
        harness.query_by_label_contains("broken.ron").is_some(),
        "and it is on screen"
    );
    let session = harness.state_mut().session();
    assert_eq!(session.setup, setup, "the current experiment stays");
    assert_eq!(session.trainer().network(), &network, "with its weights");
    assert_eq!(harness.state_mut().epoch(), 1, "and its progress");
    assert_eq!(
        harness.state().path(),
        None,
        "the broken file is not remembered"
    );
}

#[test]
fn confusion_matrix_counts_every_evaluated_sample() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Step epoch").click();
    harness.run();
    let train = harness.state_mut().session().trainer().train_data().len() as u64;
    assert_eq!(
        harness.state().confusion_total(),
        train,
        "the train matrix counts the training set"
    );
    assert!(
        harness
            .query_by_label(&format!("Total: {train} samples"))
            .is_some(),
        "and says so"
    );
    harness.get_by_label("Test").click();
    harness.run();
    let test = harness
        .state_mut()
        .session()
        .trainer()
        .test_data()
        .unwrap()
        .len() as u64;
    assert!(
        harness.state().confusion_shows_test(),
        "switched to the test set"
    );
    assert_eq!(
        harness.state().confusion_total(),
        test,
        "the test matrix counts the test set"
    );
}

#[test]
fn clicking_a_cell_opens_the_wrong_answer_notebook() {
    let mut harness = harness();
    harness.run();
    // The training set's most frequent mistake (true t, predicted p), from the evaluation.
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
    let (t, p) = [(0, 1), (1, 0)]
        .into_iter()
        .max_by_key(|&(t, p)| members(t, p).len())
        .unwrap();
    let expected = members(t, p);
    assert!(
        !expected.is_empty(),
        "the untrained network makes mistakes to list"
    );
    let confusion = &evaluation.classification.as_ref().unwrap().confusion;
    assert_eq!(
        confusion[t][p],
        expected.len() as u64,
        "the cell counts the misclassified samples"
    );

    harness.get_by_label(&format!("Cell {t} → {p}")).click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains(&format!(
                "Wrong-answer notebook: true {t} → predicted {p} ({} samples)",
                expected.len()
            ))
            .is_some(),
        "the notebook names the cell and counts its {} samples",
        expected.len()
    );
    let mut listed: Vec<usize> = harness
        .query_all_by_role(egui::accesskit::Role::Link)
        .filter_map(|n| n.accesskit_node().label()?.parse().ok())
        .collect();
    listed.sort_unstable();
    // One page at a time (tests/app_scale.rs pages on).
    assert_eq!(
        listed,
        expected[..expected.len().min(25)],
        "the notebook lists exactly the training samples of class {t} predicted as {p}"
    );
}

#[test]
fn a_huge_learning_rate_diverges_and_the_message_is_shown() {
    let mut harness = harness();
    harness.run();
    common::set_up_to_diverge(&mut harness);
    assert!(
        (harness
            .state_mut()
            .session()
            .trainer()
            .config()
            .learning_rate
            - 1e6)
            .abs()
            < 1.0,
        "the learning rate applies to the running trainer"
    );
    for _ in 0..20 {
        if harness.state_mut().session().stop().is_some() {
            break;
        }
        harness.get_by_label("Step epoch").click();
        harness.run();
    }
    assert!(
        harness
            .query_by_label_contains("training diverged")
            .is_some(),
        "the engine's divergence message is shown in the window"
    );
    assert!(
        !harness.state_mut().session().is_playing(),
        "divergence pauses"
    );
}

#[test]
fn a_shipped_example_opens_from_the_file_menu() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open example").hover();
    harness.run();
    harness
        .get_by_label("XOR: a single-layer perceptron fails")
        .click();
    harness.run();
    let trainer = harness.state_mut().session().trainer();
    assert_eq!(
        trainer.network().layers.len(),
        1,
        "the perceptron example has a single layer"
    );
    assert_eq!(
        trainer.config().optimizer.name(),
        "perceptron",
        "trained with the perceptron rule"
    );
    assert!(
        harness
            .query_by_label_contains("Opened xor-perceptron")
            .is_some(),
        "the window says what it opened"
    );
}

#[test]
fn a_bundled_dataset_is_picked_from_the_same_list() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Dataset").click();
    harness.run();
    harness.get_by_label("iris").click();
    harness.run();
    assert_eq!(
        harness.state_mut().session().setup.data.to_string(),
        "builtin:iris",
        "the picker lists the bundled datasets too"
    );
    let trainer = harness.state_mut().session().trainer();
    assert_eq!(trainer.network().inputs(), 4, "four flower measurements in");
    assert_eq!(
        trainer.train_data().class_names().map(<[String]>::len),
        Some(3),
        "three species out"
    );
    harness.get_by_label("Step epoch").click();
    harness.run();
    assert_eq!(harness.state_mut().epoch(), 1, "iris trains");
}

#[test]
fn a_dropped_csv_with_korean_classes_opens_as_a_new_experiment() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/csv/korean.csv");
    let mut harness = harness();
    harness.run();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(path)));
    harness.step();
    assert!(
        harness
            .query_by_label_contains("Loading korean.csv")
            .is_some(),
        "a loading notice is shown while the file is read"
    );
    harness.state_mut().wait_for_load();
    harness.run();
    assert!(!harness.state().is_loading(), "the load finished");
    let trainer = harness.state_mut().session().trainer();
    let classes = trainer.train_data().class_names().map(<[String]>::to_vec);
    assert_eq!(
        classes,
        Some(vec![
            "개".to_owned(),
            "고양이".to_owned(),
            "토끼".to_owned()
        ]),
        "Korean class names kept exactly, in a stable order"
    );
    assert_eq!(
        trainer.train_data().feature_names,
        vec!["무게".to_owned(), "귀_길이".to_owned()],
        "Korean headers become the input names"
    );
    harness.get_by_label("Step epoch").click();
    harness.run();
    assert_eq!(harness.state_mut().epoch(), 1, "the imported data trains");
}

#[test]
fn editing_the_network_with_progress_asks_before_resetting() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Step epoch").click();
    harness.run();
    let width = |h: &mut Harness<'static, PerceptronApp>| {
        h.state_mut().session().trainer().network().layers[0].width()
    };
    let before = width(&mut harness);
    harness.get_by_label("+").click();
    harness.run();
    assert_eq!(
        width(&mut harness),
        before,
        "nothing changes before the user answers"
    );
    assert_eq!(
        harness.state_mut().epoch(),
        1,
        "the progress is still there"
    );
    harness.get_by_label("Discard changes").click();
    harness.run();
    assert_eq!(
        width(&mut harness),
        before + 1,
        "the hidden layer is one neuron wider"
    );
    assert_eq!(harness.state_mut().epoch(), 0, "and training restarted");
}

#[test]
fn editing_the_network_in_the_setup_panel_asks_the_same_question() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Step epoch").click();
    harness.run();
    let width = |h: &mut Harness<'static, PerceptronApp>| {
        h.state_mut().session().trainer().network().layers[0].width()
    };
    let before = width(&mut harness);
    harness
        .get_by_role_and_label(egui::accesskit::Role::SpinButton, "Neurons")
        .set_value_accesskit((before + 2) as f64);
    harness.run();
    assert_eq!(
        width(&mut harness),
        before,
        "nothing changes before the user answers"
    );
    assert!(
        harness.query_by_label("Unsaved changes").is_some(),
        "the unsaved-changes question is asked, as for the graph's editor"
    );
    assert_eq!(
        harness.state_mut().epoch(),
        1,
        "the progress is still there"
    );
    harness.get_by_label("Discard changes").click();
    harness.run();
    assert_eq!(
        width(&mut harness),
        before + 2,
        "the hidden layer has the new width"
    );
    assert_eq!(harness.state_mut().epoch(), 0, "and training restarted");
}

/// Clicks the option `label` in the open combo box popup (the last node with that name).
fn click_option(harness: &Harness<'static, PerceptronApp>, label: &str) {
    let options: Vec<_> = harness.get_all_by_label(label).collect();
    options.last().expect("the option is listed").click();
}

#[test]
fn csv_column_roles_and_scaling_rebuild_the_network() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Dataset").click();
    harness.run();
    harness.get_by_label("iris").click();
    harness.run();
    assert_eq!(
        harness.state_mut().session().trainer().network().inputs(),
        4,
        "iris starts with four inputs"
    );
    harness.get_by_label("Role of petal_width_cm").click();
    harness.run();
    click_option(&harness, "ignored");
    harness.run();
    assert_eq!(
        harness.state_mut().session().trainer().network().inputs(),
        3,
        "an ignored column is no longer an input"
    );
    assert_eq!(
        harness
            .state_mut()
            .session()
            .trainer()
            .train_data()
            .feature_names,
        vec!["sepal_length_cm", "sepal_width_cm", "petal_length_cm"],
        "the other three measurements stay"
    );

    harness.get_by_label("Step epoch").click();
    harness.run();
    assert_eq!(harness.state_mut().epoch(), 1, "trained one epoch");
    harness.get_by_label("Scaling").click();
    harness.run();
    click_option(&harness, "none");
    harness.run();
    let options = harness
        .state_mut()
        .session()
        .setup
        .data
        .clone()
        .options_mut()
        .cloned()
        .unwrap();
    assert_eq!(
        options.scale,
        perceptron_lab::data::Scale::None,
        "the scaling choice reached the import options"
    );
    assert_eq!(
        harness.state_mut().epoch(),
        0,
        "changing the scaling rebuilds"
    );
    assert!(
        harness
            .query_by_label_contains("training restarted")
            .is_some(),
        "the rebuild is announced"
    );

    // An invalid choice is the data module's message, not a crash.
    harness.get_by_label("Role of species").click();
    harness.run();
    click_option(&harness, "ignored");
    harness.run();
    assert!(
        harness
            .query_by_label_contains("cannot be ignored")
            .is_some(),
        "the import's error is shown in the window"
    );
    assert_eq!(
        harness.state_mut().session().trainer().network().inputs(),
        3,
        "the last valid experiment stays"
    );
}

#[test]
fn cancelling_a_load_keeps_the_current_experiment() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/csv/korean.csv");
    let mut harness = harness();
    harness.run();
    let before = harness.state_mut().session().setup.data.to_string();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(path)));
    harness.step();
    assert!(harness.state().is_loading(), "the drop starts a load");
    assert!(
        harness.query_by_label("Cancel").is_some(),
        "the loading notice offers Cancel"
    );
    // What the Cancel button calls; a simulated click on a button that appeared in the
    // previous frame races the background thread, so the test calls it directly.
    harness.state_mut().cancel_load();
    harness.run();
    assert!(!harness.state().is_loading(), "Cancel stops waiting");
    assert_eq!(
        harness.state_mut().session().setup.data.to_string(),
        before,
        "the previous experiment stays"
    );
    assert!(
        harness.query_by_label_contains("cancelled").is_some(),
        "the window says the load was cancelled"
    );
}

/// File ▸ Export: the menu offers the PyTorch export, and the path behind its folder dialog
/// writes a script and the trainer's own weights.
#[test]
fn the_export_menu_offers_pytorch_and_the_export_writes_the_trainers_weights() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export").hover();
    harness.run();
    assert!(
        harness
            .query_by_label("PyTorch script and weights…")
            .is_some(),
        "File ▸ Export lists the PyTorch export"
    );
    harness.get_by_label("Step epoch").click();
    harness.run();

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("xor-torch");
    harness.state_mut().export_pytorch_to(&out);
    harness.run();
    assert!(out.join("model.py").is_file(), "the script is written");
    let bytes = std::fs::read(out.join("weights.safetensors")).unwrap();
    let tensors = safetensors::SafeTensors::deserialize(&bytes).unwrap();
    let first = tensors.tensor("layers.0.weight").unwrap();
    let trainer = harness.state_mut().session().trainer();
    let weights = &trainer.network().layers[0].weights;
    assert_eq!(
        first.shape(),
        [weights.nrows(), weights.ncols()],
        "PyTorch's [out, in] layout"
    );
    let stored: Vec<f32> = first
        .data()
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    assert_eq!(
        stored,
        weights.iter().copied().collect::<Vec<_>>(),
        "the trained weights, bit for bit"
    );
    assert!(
        harness
            .state()
            .notice()
            .is_some_and(|n| n.contains("model.py")),
        "the notice says what to run: {:?}",
        harness.state().notice()
    );

    // A folder that cannot be made is a message, not a crash.
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    harness.state_mut().export_pytorch_to(&file);
    harness.run();
    assert!(
        harness
            .state()
            .notice()
            .is_some_and(|n| n.starts_with("Can't export for PyTorch")),
        "an error in the notice bar: {:?}",
        harness.state().notice()
    );
}

/// The text of the toolbar's "Epoch … · batch … · sample …" counter.
fn status_text(harness: &Harness<'static, PerceptronApp>) -> String {
    harness
        .query_all_by(|n| n.value().is_some_and(|v| v.starts_with("Epoch ")))
        .next()
        .and_then(|n| n.accesskit_node().value())
        .expect("the toolbar shows where training is")
}

/// Runs a few frames (a step-through animates, so the UI never settles).
fn frames(harness: &mut Harness<'static, PerceptronApp>) {
    harness.run_steps(3);
}

#[test]
fn a_sample_step_shows_the_update_only_in_phase_four() {
    let mut harness = harness();
    harness.state_mut().open_shipped_example("xor-perceptron");
    harness.run();
    harness.get_by_label("Auto-advance").click();
    harness.run();
    let before = harness.state_mut().session().trainer().clone();
    let status_before = status_text(&harness);
    // The reference: the engine's own sample step from the same state.
    let mut after = before.clone();
    let stepped = after.step_sample().unwrap();
    assert_ne!(
        after.network(),
        before.network(),
        "batch 1: the step updates the weights"
    );

    harness.key_press(egui::Key::S);
    frames(&mut harness);
    assert_eq!(
        harness.state().step_phase(),
        Some(perceptron_lab::app::Phase::Forward),
        "S starts a step-through in phase ① forward"
    );
    assert_eq!(
        harness.state().stepped_sample(),
        Some(stepped.index),
        "the sample played through is the one the engine steps"
    );
    assert_eq!(
        harness.state().focus(),
        stepped.index,
        "the previewed sample is the stepped one"
    );
    for phase in ["① forward", "② loss", "③ backward"] {
        let app = harness.state_mut();
        assert_eq!(
            app.session().trainer().network(),
            before.network(),
            "{phase}: the weights are those before the update"
        );
        assert_eq!(
            app.boundary_network(),
            Some(before.network()),
            "{phase}: the boundary is drawn from the weights before the update"
        );
        assert_eq!(
            status_text(&harness),
            status_before,
            "{phase}: the counters have not moved"
        );
        harness.key_press(egui::Key::PageDown);
        frames(&mut harness);
    }
    assert_eq!(
        harness.state().step_phase(),
        Some(perceptron_lab::app::Phase::Update),
        "PageDown walked to ④ update"
    );
    let app = harness.state_mut();
    assert_eq!(
        app.session().trainer().network(),
        after.network(),
        "④: the engine took exactly its own sample step"
    );
    assert_eq!(
        app.session().trainer().cursor(),
        after.cursor(),
        "④: one sample further"
    );
    assert_eq!(
        app.boundary_network(),
        Some(after.network()),
        "④: the boundary shows the weights after the update"
    );
    assert_ne!(
        status_text(&harness),
        status_before,
        "④: the counters moved"
    );
}

#[test]
fn play_ends_a_step_through_and_keeps_its_step() {
    let mut harness = harness();
    harness.state_mut().open_shipped_example("xor-perceptron");
    harness.run();
    harness.get_by_label("Auto-advance").click();
    harness.run();
    let mut after = harness.state_mut().session().trainer().clone();
    after.step_sample().unwrap();
    harness.get_by_label("Step sample").click();
    frames(&mut harness);
    assert!(
        harness.query_by_label_contains("loss L = ").is_none(),
        "① forward shows no loss yet"
    );
    harness.key_press(egui::Key::PageDown);
    frames(&mut harness);
    assert!(
        harness.query_by_label_contains("loss L = ").is_some(),
        "② shows the loss"
    );
    harness.key_press(egui::Key::PageUp);
    frames(&mut harness);
    assert_eq!(
        harness.state().step_phase(),
        Some(perceptron_lab::app::Phase::Forward),
        "PageUp goes back to ①"
    );
    harness.key_press(egui::Key::PageDown);
    frames(&mut harness);
    // Play: the step the user asked for is taken, then training runs; the step-through
    // closes. At one update per second a frame of 0.25 s trains nothing more.
    harness.state_mut().set_speed(1.0);
    harness.key_press(egui::Key::Space);
    harness.step();
    assert!(harness.state_mut().session().is_playing(), "Space plays");
    assert_eq!(
        harness.state().step_phase(),
        None,
        "Play ends the step-through"
    );
    assert!(
        harness.query_by_label_contains("loss L = ").is_none(),
        "no stale loss while playing"
    );
    harness.key_press(egui::Key::Space);
    harness.step();
    let app = harness.state_mut();
    assert!(!app.session().is_playing(), "Space pauses");
    assert_eq!(
        app.session().trainer().network(),
        after.network(),
        "the pending sample step was taken, exactly once"
    );
}

#[test]
fn words_say_what_they_mean() {
    let mut harness = harness();
    harness.state_mut().open_shipped_example("xor-perceptron");
    harness.run();
    assert_eq!(
        harness
            .get_by_label("Samples")
            .accesskit_node()
            .numeric_value(),
        Some(4.0),
        "the XOR truth table has four samples, not the generators' default 200"
    );
    assert!(
        harness.state().window_title().starts_with("xor-perceptron"),
        "the title names the example, not untitled: {}",
        harness.state().window_title()
    );
    assert!(
        harness.query_by_label("Output layer: 1 neuron").is_some()
            && harness.query_by_label_contains("1 neurons").is_none(),
        "one output neuron is singular"
    );
    assert!(
        harness
            .query_all_by(|n| {
                n.value().is_some_and(|v| v.contains("mini-batches/s"))
                    || n.label().is_some_and(|l| l.contains("mini-batches/s"))
            })
            .next()
            .is_some(),
        "the speed says what it counts"
    );
    harness.get_by_label("Reset").click();
    harness.run();
    assert_eq!(
        harness.state().notice(),
        Some("Training restarted from epoch 0 with fresh weights."),
        "Reset says what it did in a plain sentence"
    );
}

#[test]
fn a_builtin_example_argument_opens_that_example() {
    let mut harness = Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_max_steps(20)
        .build_eframe(|cc| {
            PerceptronApp::new(
                cc,
                Some(std::path::Path::new("builtin-example:xor-perceptron")),
            )
        });
    harness.run();
    let app = harness.state_mut();
    assert_eq!(app.error(), None, "the example opens without an error");
    assert_eq!(
        app.session().trainer().train_data().len(),
        4,
        "the app holds the example's four-row XOR truth table"
    );
    assert!(
        app.window_title().starts_with("xor-perceptron"),
        "and is named after it: {}",
        app.window_title()
    );
}

#[test]
fn the_loss_axis_is_never_negative() {
    let mut harness = harness();
    harness.run();
    let [low, high] = harness
        .state()
        .loss_axis()
        .expect("the loss plot was drawn");
    assert!(
        low >= 0.0 && high >= 1.0 - 1e-9,
        "before any epoch the loss axis shows 0 to 1, not {low}…{high}"
    );
    harness.get_by_label("Step epoch").click();
    harness.run();
    let [low, _] = harness
        .state()
        .loss_axis()
        .expect("the loss plot was drawn");
    assert!(low >= 0.0, "after an epoch the loss axis starts at {low}");
}

#[test]
fn reset_asks_only_when_there_is_training_to_miss() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Auto-advance").click();
    harness.run();
    harness.key_press(egui::Key::S);
    frames(&mut harness);
    for _ in 0..3 {
        harness.key_press(egui::Key::PageDown);
        frames(&mut harness);
    }
    assert_eq!(
        harness.state_mut().session().trainer().cursor().sample,
        1,
        "one sample was stepped"
    );
    assert!(harness.state().is_dirty(), "the step is an unsaved change");
    harness.get_by_label("Reset").click();
    frames(&mut harness);
    assert!(
        harness.query_by_label("Discard changes").is_none(),
        "a single sample step is not worth a question"
    );
    assert_eq!(
        harness.state_mut().session().trainer().cursor().sample,
        0,
        "Reset went ahead"
    );

    harness.get_by_label("Step epoch").click();
    harness.run();
    harness.get_by_label("Reset").click();
    harness.run();
    assert!(
        harness.query_by_label("Discard changes").is_some(),
        "an epoch of training is worth a question, for Reset as for opening a file"
    );
    harness.get_by_label("Discard changes").click();
    harness.run();
    assert_eq!(harness.state_mut().epoch(), 0, "and then Reset restarts");
}
