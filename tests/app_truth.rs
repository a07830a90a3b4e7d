//! Issue 20's last promises, checked against an independent reading: an input node shows the
//! sample's raw value from the data file beside the scaled one; the perceptron's δ and update
//! in the app are `perceptron-lab inspect`'s for the same sample, bit for bit (sign of zero
//! included); the log loss axis spans whole decades.

use std::process::Command;

use egui::{Event, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use perceptron_lab::app::command::CommandQueue;
use perceptron_lab::app::strings::Language;
use perceptron_lab::app::{FrameData, NetworkView, PerceptronApp, parse_sig3, sig3};
use perceptron_lab::data::Bundled;
use perceptron_lab::session::{Session, open_shipped_example};

/// The network view, the session it draws and the commands it pushed.
struct State {
    view: NetworkView,
    session: Session,
    focus: usize,
    commands: CommandQueue,
}

/// The network view of the shipped example `name` with training sample `focus` in focus.
fn view_of(name: &str, focus: usize) -> Harness<'static, State> {
    let opened = open_shipped_example(name).expect("the shipped example opens");
    let state = State {
        view: NetworkView::default(),
        session: Session::new(opened.setup, opened.trainer),
        focus,
        commands: CommandQueue::default(),
    };
    Harness::builder()
        .with_size(egui::vec2(1200.0, 800.0))
        .build_ui_state(
            |ui, state: &mut State| {
                state.session.refresh_evaluations();
                let text = Language::English.strings();
                let frame = FrameData::new(&state.session, state.focus, text)
                    .expect("the evaluations were just refreshed");
                state.view.ui(ui, &frame, &mut state.commands);
            },
            state,
        )
}

fn click_at(harness: &mut Harness<'_, State>, pos: Pos2) {
    harness.hover_at(pos);
    harness.run();
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    harness.run();
}

/// The text of the label that starts with `prefix` (egui exposes a label's text as its value).
fn text_starting_with(harness: &Harness<'_, State>, prefix: &str) -> String {
    let found = harness
        .query_all_by(|n| n.value().is_some_and(|v| v.starts_with(prefix)))
        .next()
        .and_then(|n| n.accesskit_node().value());
    found.unwrap_or_else(|| {
        let texts: Vec<String> = harness
            .query_all_by(|n| n.value().is_some())
            .filter_map(|n| n.accesskit_node().value())
            .collect();
        panic!("a label starts with {prefix:?}; the labels are {texts:?}")
    })
}

/// `perceptron-lab inspect ARGS --json`, parsed.
fn inspect_json(args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_perceptron-lab"))
        .arg("inspect")
        .args(args)
        .arg("--json")
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "inspect succeeds: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"))
}

#[test]
fn an_input_node_shows_the_raw_value_from_the_file_beside_the_scaled_one() {
    let focus = 3;
    let mut harness = view_of("iris-softmax", focus);
    harness.run();
    let pos = harness
        .state()
        .view
        .node_position(0, 0)
        .expect("the first input node was drawn");
    click_at(&mut harness, pos);

    // The oracle: the sample's own row in the bundled CSV, read as text.
    let train = harness.state().session.trainer().train_data();
    let row = train.source_rows[focus];
    let csv = Bundled::Iris.csv();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let column = header
        .iter()
        .position(|c| *c == "sepal_length_cm")
        .expect("iris has the column");
    let line = csv.lines().nth(row + 1).expect("the sample's row");
    let in_file: f32 = line.split(',').nth(column).unwrap().parse().unwrap();
    let scaled = train.features[[focus, 0]];
    assert!(
        (scaled - in_file).abs() > 0.1,
        "the example standardizes its inputs, so raw and scaled differ ({in_file} vs {scaled})"
    );

    let label = text_starting_with(&harness, "sepal_length_cm = ");
    let expected = format!(
        "sepal_length_cm = {} cm (scaled: {})",
        sig3(in_file),
        sig3(scaled)
    );
    assert_eq!(
        label, expected,
        "the node shows the file's value with its unit and the value that enters z = w·x + b"
    );
}

#[test]
fn the_perceptron_shows_the_delta_and_update_inspect_prints() {
    for focus in 0..4 {
        let mut harness = view_of("xor-perceptron", focus);
        harness.run();
        let output = harness
            .state()
            .view
            .node_position(1, 0)
            .expect("the output node was drawn");
        click_at(&mut harness, output);
        let shown_delta = text_starting_with(&harness, "δ = ");

        let trainer = harness.state().session.trainer();
        let pass = trainer.inspect_sample(focus);
        let engine_delta = pass.grads.layers[0].delta[[0, 0]];
        let engine_grad = pass.grads.layers[0].weights[[0, 0]];
        let lr = trainer.config().learning_rate;
        let data = trainer.train_data();
        let x: Vec<String> = data
            .sample(focus)
            .iter()
            .map(|v| format!("{v:?}"))
            .collect();
        let label = data.labels().unwrap()[focus];
        let class = data.class_names().unwrap()[label].clone();

        let report = inspect_json(&[
            "builtin-example:xor-perceptron",
            "--scaled",
            "--input",
            &x.join(","),
            "--label",
            &class,
        ]);
        let printed_delta = report["layers"][0]["delta"][0].as_f64().unwrap() as f32;
        let printed_grad = report["layers"][0]["weight_grads"][0][0].as_f64().unwrap() as f32;
        assert_eq!(
            engine_delta.to_bits(),
            printed_delta.to_bits(),
            "sample {focus}: the app's δ {engine_delta:?} is inspect's {printed_delta:?}, sign of zero included"
        );
        assert_eq!(
            engine_grad.to_bits(),
            printed_grad.to_bits(),
            "sample {focus}: and so is (ŷ − y)·x"
        );
        assert_eq!(
            shown_delta.rsplit(" = ").next(),
            Some(sig3(printed_delta).as_str()),
            "sample {focus}: the inspector writes inspect's δ: {shown_delta}"
        );
        assert!(
            [0.0_f32, 1.0, -1.0].contains(&printed_delta),
            "the perceptron's δ = ŷ − y is 0 or ±1, no derivative: {printed_delta}"
        );

        // The edge from input 1 into the output: the rule with inspect's numbers.
        let input = harness.state().view.node_position(0, 0).unwrap();
        click_at(&mut harness, input + (output - input) * 0.5);
        let rule = text_starting_with(&harness, "Δw = lr·(y − ŷ)·x");
        let shown = parse_sig3(rule.rsplit(" = ").next().unwrap()).unwrap();
        let expected = -lr * printed_grad;
        assert!(
            (shown - expected).abs() <= 0.006 * expected.abs().max(1e-3),
            "sample {focus}: the rule's Δw {rule} is −lr·(ŷ − y)·x = {expected}"
        );
    }
}

#[test]
fn the_log_loss_axis_spans_whole_decades() {
    let mut harness = Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_max_steps(20)
        .build_eframe(|cc| PerceptronApp::new(cc, None));
    harness.run();
    harness.get_by_label("Log scale").click();
    harness.run();
    let [low, high] = harness
        .state()
        .loss_axis()
        .expect("the loss plot was drawn");
    assert!(
        low > 0.0 && low <= 0.1 + 1e-9 && high >= 1.0 - 1e-9,
        "before any epoch the log axis spans 0.1 to 1 (a decade each way), not {low}…{high}"
    );
    harness.get_by_label("Step epoch").click();
    harness.run();
    let [low, high] = harness
        .state()
        .loss_axis()
        .expect("the loss plot was drawn");
    assert!(
        low > 0.0 && high / low >= 10.0 - 1e-9,
        "after an epoch the log axis still holds at least one whole decade: {low}…{high}"
    );
}

#[test]
fn a_dataset_picked_in_the_setup_panel_keeps_its_fitted_preprocessing_for_raw_values() {
    let mut harness = Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_max_steps(20)
        .build_eframe(|cc| PerceptronApp::new(cc, None));
    harness.run();
    assert!(
        harness.state_mut().session().preprocessing().is_none(),
        "generated XOR has no preprocessing"
    );
    harness.get_by_label("Dataset").click();
    harness.run();
    harness.get_by_label("iris").click();
    harness.run();
    let session = harness.state_mut().session();
    let preprocessing = session
        .preprocessing()
        .expect("the iris data was standardized by a fitted preprocessing");
    let raw = perceptron_lab::data::raw_values::raw_values(
        preprocessing,
        session.trainer().train_data().sample(0),
    )
    .expect("the first sample maps back to its row");
    let row = session.trainer().train_data().source_rows[0];
    let line = Bundled::Iris.csv().lines().nth(row + 1).unwrap();
    let in_file: Vec<f32> = line
        .split(',')
        .take(4)
        .map(|c| c.parse().unwrap())
        .collect();
    for (feature, expected) in raw.iter().zip(&in_file) {
        assert_eq!(
            feature.value,
            perceptron_lab::data::raw_values::RawValue::Number(*expected),
            "{} reads back as the file's value",
            feature.column
        );
    }
}

#[test]
fn a_csv_opened_as_a_dataset_keeps_its_fitted_preprocessing_for_raw_values() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plants.csv");
    let rows = [
        "height_cm,colour,kind",
        "12.5,red,a",
        "30.25,blue,b",
        "14,red,a",
        "28.5,blue,b",
        "11,red,a",
        "33,blue,b",
    ];
    std::fs::write(&path, rows.join("\n")).unwrap();
    let mut harness = Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_max_steps(20)
        .build_eframe(|cc| PerceptronApp::new(cc, None));
    harness.run();
    harness.state_mut().open_path(&path);
    harness.state_mut().wait_for_load();
    harness.run();
    let session = harness.state_mut().session();
    let preprocessing = session
        .preprocessing()
        .expect("the CSV's numbers were scaled by a fitted preprocessing");
    let train = session.trainer().train_data();
    for sample in 0..train.len() {
        let raw = perceptron_lab::data::raw_values::raw_values(preprocessing, train.sample(sample))
            .expect("the sample maps back to its row");
        let line: Vec<&str> = rows[train.source_rows[sample] + 1].split(',').collect();
        assert_eq!(
            raw[0].value,
            perceptron_lab::data::raw_values::RawValue::Number(line[0].parse().unwrap()),
            "sample {sample}: the height reads back as the file's value"
        );
        assert_eq!(
            raw[1].value,
            perceptron_lab::data::raw_values::RawValue::Category(Some(line[1].to_owned())),
            "sample {sample}: the colour reads back as the file's category"
        );
    }
}
