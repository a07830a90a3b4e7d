//! A throwaway window around the network view and the boundary, for looking at them outside
//! the app shell: a 2-8-8-2 net on the spiral. `DEMO=backprop` opens the backprop view,
//! `DEMO=step` plays one sample through slowly; otherwise it trains live. S steps a sample.

use eframe::egui;
use perceptron_lab::app::command::{PanelCommand, SetupCommand};
use perceptron_lab::app::strings::Language;
use perceptron_lab::app::{BoundaryView, Command, CommandQueue, FrameData, Mode, NetworkView};
use perceptron_lab::data::DataSource;
use perceptron_lab::data::builtin::Generator;
use perceptron_lab::nn::{Activation, LayerSpec, Loss, Optimizer, TrainConfig};
use perceptron_lab::session::{Session, Setup};

struct Demo {
    session: Session,
    view: NetworkView,
    boundary: BoundaryView,
    focus: usize,
    training: bool,
    step_at_frame: Option<u64>,
    frame: u64,
}

fn spiral_setup() -> Setup {
    let tanh = |width| LayerSpec {
        width,
        activation: Activation::Tanh,
    };
    Setup {
        data: DataSource::Generator {
            kind: Generator::Spiral,
            samples: Some(200),
            noise: 0.05,
            seed: 1,
        },
        test_fraction: 0.0,
        split_seed: 1,
        hidden: vec![tanh(8), tanh(8)],
        output_activation: Activation::Softmax,
        config: TrainConfig {
            loss: Loss::Ce,
            optimizer: Optimizer::ADAM,
            learning_rate: 0.02,
            l2: 0.0,
            batch_size: 10,
            seed: 3,
        },
    }
}

impl Demo {
    /// What the app's one place of application would do with the panels' commands.
    fn apply(&mut self, command: Command) {
        match command {
            Command::Focus(i) => self.focus = i,
            Command::Setup(SetupCommand::SetArchitecture(architecture)) => {
                let mut setup = self.session.setup.clone();
                setup.set_architecture(&architecture);
                if let Ok(trainer) = setup.build() {
                    self.session.replace(setup, trainer);
                    let trainer = self.session.trainer();
                    self.view.apply(PanelCommand::ExperimentReplaced, trainer);
                }
            }
            _ => {}
        }
    }
}

impl eframe::App for Demo {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame += 1;
        if self.training {
            self.session.step_batch();
            ui.ctx().request_repaint();
        }
        let step_now =
            ui.input(|i| i.key_pressed(egui::Key::S)) || self.step_at_frame == Some(self.frame);
        if step_now {
            self.view
                .apply(PanelCommand::SampleStepBegins, self.session.trainer());
            self.session.step_sample();
        }
        self.session.refresh_evaluations();
        let text = Language::English.strings();
        let Some(frame) = FrameData::new(&self.session, self.focus, text) else {
            return;
        };
        let mut commands = CommandQueue::default();
        egui::Panel::right("boundary")
            .default_size(420.0)
            .show(ui, |ui| {
                ui.heading(text.output);
                let side = ui.available_height() * 0.6;
                self.boundary.ui(ui, &frame, &mut commands, side);
            });
        egui::CentralPanel::default().show(ui, |ui| self.view.ui(ui, &frame, &mut commands));
        for command in commands.take() {
            self.apply(command);
        }
    }
}

fn main() -> eframe::Result {
    let mode = std::env::var("DEMO").unwrap_or_default();
    let setup = spiral_setup();
    let Ok(trainer) = setup.build() else {
        return Ok(());
    };
    let mut session = Session::new(setup, trainer);
    for _ in 0..150 {
        session.step_epoch();
    }
    let mut view = NetworkView::default();
    if mode == "backprop" {
        view = view.with_mode(Mode::Backprop);
    }
    if mode == "step" {
        view = view.with_animation_speed(0.3);
    }
    let demo = Demo {
        session,
        view,
        boundary: BoundaryView::default(),
        focus: 5,
        training: mode.is_empty(),
        step_at_frame: (mode == "step").then_some(3),
        frame: 0,
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_inner_size([1600.0, 1000.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Network view demo",
        options,
        Box::new(|_| Ok(Box::new(demo))),
    )
}
