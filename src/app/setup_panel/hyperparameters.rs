//! The Hyperparameters section: loss, optimizer and weight seed (which rebuild the
//! experiment), and learning rate, batch size and L2 (which apply from the next step).

use egui::{DragValue, Grid};

use super::super::command::{CommandQueue, SetupCommand};
use super::super::concepts::Concept;
use super::super::frame_data::FrameData;
use super::{choice, concept_row, row};
use crate::nn::{Activation, LayerSpec, Loss, MAX_LEARNING_RATE, Optimizer};
use crate::session::Setup;

/// Optimizers on offer.
const OPTIMIZERS: [Optimizer; 4] = [
    Optimizer::Sgd,
    Optimizer::MOMENTUM,
    Optimizer::ADAM,
    Optimizer::Perceptron,
];

/// Draws the section.
pub fn ui(ui: &mut egui::Ui, frame: &FrameData<'_>, commands: &mut CommandQueue) {
    let (setup, text) = (&frame.session.setup, frame.text);
    let config = &setup.config;
    let mut rebuilt: Option<Setup> = None;
    Grid::new("hyper_grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            row(ui, text.loss, text.hover_loss, |ui| {
                let (response, picked) =
                    choice(ui, "loss", config.loss, &Loss::ALL, |l| text.loss_name(l));
                if let Some(loss) = picked {
                    let mut next = setup.clone();
                    next.config.loss = loss;
                    if let Some(output) = loss.required_output() {
                        next.output_activation = output;
                    }
                    rebuilt = Some(next);
                }
                response
            });
            row(ui, text.optimizer, text.hover_optimizer, |ui| {
                let (response, picked) =
                    choice(ui, "optimizer", config.optimizer, &OPTIMIZERS, |o| {
                        text.optimizer_name(o)
                    });
                if let Some(optimizer) = picked {
                    rebuilt = Some(with_optimizer(setup, optimizer));
                }
                response
            });
            let mut learning_rate = config.learning_rate;
            let drag_speed = f64::from(learning_rate) * 0.01;
            let label = (text.learning_rate, text.hover_learning_rate);
            if concept_row(ui, label, (Concept::LearningRate, text), commands, |ui| {
                ui.add(
                    DragValue::new(&mut learning_rate)
                        .range(1e-5..=MAX_LEARNING_RATE)
                        .speed(drag_speed)
                        .max_decimals(5),
                )
            }) && learning_rate.to_bits() != config.learning_rate.to_bits()
            {
                commands.push(SetupCommand::SetLearningRate(learning_rate));
            }
            let mut batch_size = config.batch_size;
            let samples = frame.trainer.train_data().len().max(1);
            let label = (text.batch_size, text.hover_batch_size);
            if concept_row(ui, label, (Concept::Epoch, text), commands, |ui| {
                ui.add(DragValue::new(&mut batch_size).range(1..=samples))
            }) && batch_size != config.batch_size
            {
                commands.push(SetupCommand::SetBatchSize(batch_size));
            }
            let mut l2 = config.l2;
            if row(ui, text.l2, text.hover_l2, |ui| {
                ui.add(
                    DragValue::new(&mut l2)
                        .range(0.0..=1.0)
                        .speed(0.0001)
                        .max_decimals(4),
                )
            }) && l2.to_bits() != config.l2.to_bits()
            {
                commands.push(SetupCommand::SetL2(l2));
            }
            let mut seed = config.seed;
            if row(ui, text.init_seed, text.hover_init_seed, |ui| {
                ui.add(DragValue::new(&mut seed))
            }) && seed != config.seed
            {
                let mut next = setup.clone();
                next.config.seed = seed;
                rebuilt = Some(next);
            }
        });
    if let Some(next) = rebuilt {
        commands.push(SetupCommand::Rebuild {
            setup: Box::new(next),
            section: text.hyperparameters,
        });
    }
}

/// `setup` with another optimizer, adapting the shape where the rule demands it (the
/// perceptron rule trains a single layer of step units) and taking the optimizer's usual
/// learning rate.
fn with_optimizer(setup: &Setup, optimizer: Optimizer) -> Setup {
    let mut next = setup.clone();
    let was_perceptron = setup.config.optimizer == Optimizer::Perceptron;
    next.config.optimizer = optimizer;
    next.config.learning_rate = optimizer.default_learning_rate();
    if optimizer == Optimizer::Perceptron {
        next.hidden.clear();
        next.output_activation = Activation::Step;
        next.config.loss = Loss::Mse;
    } else if was_perceptron {
        next.hidden = vec![LayerSpec {
            width: 4,
            activation: Activation::Tanh,
        }];
        next.output_activation = Activation::Softmax;
        next.config.loss = Loss::Ce;
    }
    next
}
