//! A throwaway window around the network view and the boundary, for looking at them before the
//! app shell lands: a 2-8-8-2 net on the spiral. `DEMO=backprop` opens the backprop view,
//! `DEMO=step` plays one sample through slowly; otherwise it trains live. S steps a sample.

use eframe::egui;
use perceptron_lab::app::{BoundaryView, Mode, NetworkCommand, NetworkView};
use perceptron_lab::data::builtin::Generator;
use perceptron_lab::nn::{
    Activation, Architecture, LayerSpec, Loss, Network, Optimizer, TrainConfig, Trainer,
};

struct Demo {
    trainer: Trainer,
    view: NetworkView,
    boundary: BoundaryView,
    focus: usize,
    training: bool,
    step_at_frame: Option<u64>,
    frame: u64,
}

fn make_trainer(architecture: &Architecture) -> Option<Trainer> {
    let data = Generator::Spiral.generate(Some(200), 0.05, 1).ok()?;
    let config = TrainConfig {
        loss: Loss::Ce,
        optimizer: Optimizer::Adam {
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-8,
        },
        learning_rate: 0.02,
        l2: 0.0,
        batch_size: 10,
        seed: 3,
    };
    let network = Network::new(architecture, config.seed).ok()?;
    Trainer::new(network, config, data, None).ok()
}

impl eframe::App for Demo {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame += 1;
        if self.training {
            let _ = self.trainer.step_batch();
            ui.ctx().request_repaint();
        }
        let step_now =
            ui.input(|i| i.key_pressed(egui::Key::S)) || self.step_at_frame == Some(self.frame);
        if step_now {
            self.view.begin_sample_step(&self.trainer);
            let _ = self.trainer.step_sample();
        }
        egui::Panel::right("boundary")
            .default_size(420.0)
            .show(ui, |ui| {
                ui.heading("Output");
                if let Some(i) = self.boundary.ui(ui, &self.trainer, self.focus) {
                    self.focus = i;
                }
            });
        egui::CentralPanel::default().show(ui, |ui| {
            for command in self.view.ui(ui, &self.trainer, self.focus) {
                match command {
                    NetworkCommand::Focus(i) => self.focus = i,
                    NetworkCommand::SetArchitecture(a) => {
                        if let Some(t) = make_trainer(&a) {
                            self.trainer = t;
                        }
                    }
                }
            }
        });
    }
}

fn main() -> eframe::Result {
    let mode = std::env::var("DEMO").unwrap_or_default();
    let architecture = Architecture {
        inputs: 2,
        layers: vec![
            LayerSpec {
                width: 8,
                activation: Activation::Tanh,
            },
            LayerSpec {
                width: 8,
                activation: Activation::Tanh,
            },
            LayerSpec {
                width: 2,
                activation: Activation::Softmax,
            },
        ],
    };
    let Some(mut trainer) = make_trainer(&architecture) else {
        return Ok(());
    };
    for _ in 0..150 {
        let _ = trainer.step_epoch();
    }
    let mut view = NetworkView::default();
    if mode == "backprop" {
        view.set_mode(Mode::Backprop);
    }
    if mode == "step" {
        view.speed = 0.3;
    }
    let demo = Demo {
        trainer,
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
