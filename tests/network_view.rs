//! The network view and the boundary, driven like a user would (`egui_kittest`) and checked
//! against the engine's own forward and backward passes.

use egui::{Event, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use ndarray::s;
use perceptron_lab::app::{NetworkCommand, NetworkView, Phase, parse_sig3};
use perceptron_lab::data::builtin::Generator;
use perceptron_lab::nn::{
    Activation, Architecture, LayerSpec, Loss, Network, Optimizer, TrainConfig, Trainer,
};
use perceptron_lab::session::{PlaneBounds, decision_grid};

struct State {
    view: NetworkView,
    trainer: Trainer,
    focus: usize,
    commands: Vec<NetworkCommand>,
}

fn trainer(widths: &[usize], data: perceptron_lab::data::Dataset, learning_rate: f32) -> Trainer {
    let last = widths.len() - 1;
    let architecture = Architecture {
        inputs: 2,
        layers: widths
            .iter()
            .enumerate()
            .map(|(i, &width)| LayerSpec {
                width,
                activation: if i == last {
                    Activation::Sigmoid
                } else {
                    Activation::Tanh
                },
            })
            .collect(),
    };
    let config = TrainConfig {
        loss: Loss::Bce,
        optimizer: Optimizer::Sgd,
        learning_rate,
        l2: 0.0,
        batch_size: 1,
        seed: 7,
    };
    let network = Network::new(&architecture, config.seed).unwrap();
    Trainer::new(network, config, data, None).unwrap()
}

fn harness(state: State) -> Harness<'static, State> {
    Harness::builder()
        .with_size(egui::vec2(1200.0, 800.0))
        .build_ui_state(
            |ui, state: &mut State| {
                let commands = state.view.ui(ui, &state.trainer, state.focus);
                state.commands.extend(commands);
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

/// The number after the last " = " of the inspector line starting with `prefix`.
fn shown_value(harness: &Harness<'_, State>, prefix: &str) -> f32 {
    let label = text_starting_with(harness, prefix);
    let value = label.rsplit(" = ").next().unwrap_or_default();
    parse_sig3(value).unwrap_or_else(|| panic!("{label:?} ends in a number"))
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

fn close(shown: f32, engine: f32) -> bool {
    (shown - engine).abs() <= 0.006 * engine.abs().max(1e-3)
}

#[test]
fn clicking_a_neuron_shows_the_engines_numbers() {
    let data = Generator::Spiral.generate(Some(40), 0.0, 3).unwrap();
    let mut trainer = trainer(&[3, 1], data, 0.3);
    for _ in 0..5 {
        trainer.step_sample().unwrap();
    }
    let focus = 6;
    let mut harness = harness(State {
        view: NetworkView::default(),
        trainer,
        focus,
        commands: Vec::new(),
    });
    harness.run();
    let pos = harness
        .state()
        .view
        .node_position(1, 2)
        .expect("hidden neuron 3 was drawn");
    click_at(&mut harness, pos);
    harness.hover_at(Pos2::new(2.0, 2.0));
    harness.run();

    let trainer = &harness.state().trainer;
    let network = trainer.network();
    let input = trainer.train_data().features.slice(s![focus..=focus, ..]);
    let trace = network.forward(input);
    let target = trainer
        .train_data()
        .target_matrix(1)
        .slice(s![focus..=focus, ..])
        .to_owned();
    let grads = network.backward(&trace, target.view(), Loss::Bce);
    let (z, a, delta) = (
        trace.layers[0].z[[0, 2]],
        trace.layers[0].a[[0, 2]],
        grads.layers[0].delta[[0, 2]],
    );
    assert!(
        close(shown_value(&harness, "z = "), z),
        "the pinned inspector shows the engine's z = {z}"
    );
    assert!(
        close(shown_value(&harness, "a = tanh(z)"), a),
        "and a = tanh(z) = {a}"
    );
    assert!(
        close(shown_value(&harness, "δ = "), delta),
        "and δ = {delta}"
    );
    let w = network.layers[0].weights[[2, 0]];
    let z_line = text_starting_with(&harness, "z = ");
    assert!(
        z_line.contains(&perceptron_lab::app::sig3(w.abs())),
        "the equation uses the real weight {w}: {z_line}"
    );
}

#[test]
fn the_step_through_advances_phase_by_phase() {
    let data = Generator::Xor.generate(None, 0.0, 1).unwrap();
    let trainer = trainer(&[4, 1], data, 0.5);
    let mut harness = harness(State {
        view: NetworkView::default(),
        trainer,
        focus: 0,
        commands: Vec::new(),
    });
    harness.state_mut().view.auto_play = false;
    harness.run();
    assert_eq!(
        harness.state().view.phase(),
        None,
        "nothing plays before Step sample"
    );
    {
        let state = harness.state_mut();
        state.view.begin_sample_step(&state.trainer);
        state.trainer.step_sample().unwrap();
    }
    // The phases animate, so step frames instead of waiting for the UI to settle.
    harness.run_steps(3);
    assert_eq!(
        harness.state().view.phase(),
        Some(Phase::Forward),
        "① forward comes first"
    );
    assert!(
        harness.query_by_label("Skip").is_some(),
        "a step-through can be skipped"
    );
    harness.get_by_label("Next phase").click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().view.phase(),
        Some(Phase::Loss),
        "the button moves to ② loss"
    );
    let loss = text_starting_with(&harness, "loss L = ");
    assert!(
        loss.len() > "loss L = ".len(),
        "② shows the loss value: {loss}"
    );
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(3);
    assert_eq!(
        harness.state().view.phase(),
        Some(Phase::Backward),
        "→ moves to ③ backward"
    );
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(3);
    assert_eq!(
        harness.state().view.phase(),
        Some(Phase::Update),
        "→ moves to ④ update"
    );
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(3);
    assert_eq!(
        harness.state().view.phase(),
        Some(Phase::Update),
        "④ is the last phase"
    );
}

#[test]
fn adding_a_neuron_widens_the_layer() {
    let data = Generator::Xor.generate(None, 0.0, 1).unwrap();
    let trainer = trainer(&[3, 1], data, 0.5);
    let mut harness = harness(State {
        view: NetworkView::default(),
        trainer,
        focus: 0,
        commands: Vec::new(),
    });
    harness.run();
    harness.get_by_label("+").click();
    harness.run();
    let commands = std::mem::take(&mut harness.state_mut().commands);
    let Some(NetworkCommand::SetArchitecture(architecture)) = commands
        .into_iter()
        .find(|c| matches!(c, NetworkCommand::SetArchitecture(_)))
    else {
        panic!("pressing + asks for a new architecture");
    };
    assert_eq!(
        architecture.layers[0].width, 4,
        "the hidden layer is one neuron wider"
    );
    let state = harness.state();
    let network = Network::new(&architecture, 1).unwrap();
    let widened = Trainer::new(
        network,
        *state.trainer.config(),
        state.trainer.train_data().clone(),
        None,
    )
    .unwrap();
    assert_eq!(
        widened.network().layers[0].width(),
        4,
        "the engine builds the wider layer"
    );
}

#[test]
fn the_boundary_of_a_trained_xor_net_classifies_its_corners() {
    let data = Generator::Xor.generate(None, 0.0, 1).unwrap();
    let mut trainer = trainer(&[4, 1], data, 0.5);
    let solved = (0..5000).any(|_| {
        trainer
            .step_epoch()
            .is_ok_and(|r| r.train_accuracy == Some(1.0))
    });
    assert!(solved, "a 2-4-1 net learns XOR");
    let bounds = PlaneBounds::around([trainer.train_data()]).unwrap();
    let n = 200;
    let grid = decision_grid(trainer.network(), &bounds, n);
    // Pixel rows run from the top (largest x₂): (col, row) of each corner.
    let corners = [
        ((0, n - 1), 0),
        ((0, 0), 1),
        ((n - 1, n - 1), 1),
        ((n - 1, 0), 0),
    ];
    for ((col, row), class) in corners {
        let [x, y] = bounds.point(col, row, n);
        assert_eq!(
            grid.classes[row * n + col],
            class,
            "pixel ({x:.2}, {y:.2}) is XOR class {class}"
        );
    }
}
