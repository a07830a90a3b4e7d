//! The network view and the boundary, driven like a user would (`egui_kittest`) and checked
//! against the engine's own forward and backward passes.

use egui::{Event, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use ndarray::s;
use perceptron_lab::app::command::{PanelCommand, SetupCommand};
use perceptron_lab::app::strings::Language;
use perceptron_lab::app::{Command, CommandQueue, FrameData, NetworkView, Phase, parse_sig3};
use perceptron_lab::data::DataSource;
use perceptron_lab::data::builtin::Generator;
use perceptron_lab::nn::{
    Activation, Architecture, LayerSpec, Loss, Network, Optimizer, TrainConfig, Trainer,
};
use perceptron_lab::session::{PlaneBounds, Session, Setup, decision_grid};

/// The view, the session it draws and the commands it pushed.
struct State {
    view: NetworkView,
    session: Session,
    focus: usize,
    commands: CommandQueue,
}

/// A tanh network with hidden layers `hidden` and one sigmoid output, trained with binary
/// cross-entropy and plain SGD one sample at a time, on all of `samples` points of `kind`.
fn setup(kind: Generator, samples: Option<usize>, seed: u64, hidden: &[usize], lr: f32) -> Setup {
    Setup {
        data: DataSource::Generator {
            kind,
            samples,
            noise: 0.0,
            seed,
        },
        test_fraction: 0.0,
        split_seed: 1,
        hidden: hidden
            .iter()
            .map(|&width| LayerSpec {
                width,
                activation: Activation::Tanh,
            })
            .collect(),
        output_activation: Activation::Sigmoid,
        config: TrainConfig {
            loss: Loss::Bce,
            optimizer: Optimizer::Sgd,
            learning_rate: lr,
            l2: 0.0,
            batch_size: 1,
            seed: 7,
        },
    }
}

fn session(setup: Setup) -> Session {
    let trainer = setup.build().unwrap();
    Session::new(setup, trainer)
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

fn harness(session: Session, focus: usize) -> Harness<'static, State> {
    let state = State {
        view: NetworkView::default(),
        session,
        focus,
        commands: CommandQueue::default(),
    };
    let harness = Harness::builder()
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
        );
    // The app's fonts: the phase strip's ①–④ and Hangul come from the bundled NanumGothic.
    perceptron_lab::app::install_fonts(&harness.ctx);
    harness
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
    let mut session = session(setup(Generator::Spiral, Some(40), 3, &[3], 0.3));
    for _ in 0..5 {
        session.step_sample();
    }
    let focus = 6;
    let mut harness = harness(session, focus);
    harness.run();
    let pos = harness
        .state()
        .view
        .node_position(1, 2)
        .expect("hidden neuron 3 was drawn");
    click_at(&mut harness, pos);
    harness.hover_at(Pos2::new(2.0, 2.0));
    harness.run();

    let trainer = harness.state().session.trainer();
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
    let mut harness = harness(session(setup(Generator::Xor, None, 1, &[4], 0.5)), 0);
    harness.run();
    // Advance by hand: the phases must not move on by themselves.
    harness.get_by_label("Auto-advance").click();
    harness.run();
    assert_eq!(
        harness.state().view.phase(),
        None,
        "nothing plays before Step sample"
    );
    {
        // What the app does when it applies Step sample (the engine steps in phase ④).
        let state = harness.state_mut();
        let trainer = state.session.trainer();
        state.view.apply(PanelCommand::SampleStepBegins, trainer);
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
    let mut harness = harness(session(setup(Generator::Xor, None, 1, &[3], 0.5)), 0);
    harness.run();
    assert!(
        harness.state().view.node_position(1, 2).is_some()
            && harness.state().view.node_position(1, 3).is_none(),
        "the hidden layer is drawn with its three neurons"
    );
    harness.get_by_label("+").click();
    harness.run();
    let commands = harness.state_mut().commands.take();
    let architectures: Vec<&Architecture> = commands
        .iter()
        .filter_map(|c| match c {
            Command::Setup(SetupCommand::SetArchitecture(a)) => Some(a),
            _ => None,
        })
        .collect();
    let [architecture] = architectures.as_slice() else {
        panic!("one press of + asks for exactly one new architecture: {commands:?}");
    };
    let before = harness.state().session.trainer().network().architecture();
    let widths = |a: &Architecture| a.layers.iter().map(|l| l.width).collect::<Vec<_>>();
    assert_eq!(
        widths(architecture),
        [4, 1],
        "the hidden layer is one neuron wider, the output unchanged"
    );
    assert_eq!(architecture.inputs, before.inputs, "the inputs stay");
    assert_eq!(
        architecture.layers[0].activation, before.layers[0].activation,
        "the activation stays"
    );
    assert!(
        harness.state().view.node_position(1, 3).is_none(),
        "the view does not change the network by itself: the app applies the command"
    );

    // Apply it as the app does, and the view draws the wider layer.
    {
        let state = harness.state_mut();
        let mut setup = state.session.setup.clone();
        setup.set_architecture(architecture);
        let trainer = setup.build().unwrap();
        state.session.replace(setup, trainer);
        let trainer = state.session.trainer();
        state.view.apply(PanelCommand::ExperimentReplaced, trainer);
    }
    harness.run();
    assert_eq!(
        harness.state().session.trainer().network().layers[0].width(),
        4,
        "the engine built the wider layer"
    );
    assert!(
        harness.state().view.node_position(1, 3).is_some()
            && harness.state().view.node_position(1, 4).is_none(),
        "and the view draws exactly four hidden neurons"
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
