//! The left side: the data, the network's shape and the hyperparameters — everything the
//! user sets. Learned values are drawn elsewhere; this panel only says how many there are.

use egui::{ComboBox, DragValue, Grid, RichText, Slider};

use crate::data::DataSource;
use crate::data::builtin::Generator;
use crate::nn::{Activation, LayerSpec, Loss, Optimizer, Trainer};

use super::columns::ColumnsView;
use super::network_edit::{HIDDEN_ACTIVATIONS, MAX_EDIT_HIDDEN, MAX_EDIT_WIDTH};
use super::strings::{Strings, fill};
use crate::session::Setup;

/// What the user changed on the left side.
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub enum SetupCommand {
    /// Data, architecture, loss, optimizer or a seed changed: rebuild and restart training.
    /// `what` names the section, for the notice.
    Rebuild {
        /// The new setup.
        setup: Box<Setup>,
        /// Which part changed ("Data", "Network", ...).
        what: &'static str,
    },
    /// New learning rate from the next update.
    SetLearningRate(f32),
    /// New batch size from the next mini-batch.
    SetBatchSize(usize),
    /// New L2 coefficient from the next update.
    SetL2(f32),
}

/// Draws the Data, Network and Hyperparameters sections.
pub fn ui(
    ui: &mut egui::Ui,
    columns: &mut ColumnsView,
    setup: &Setup,
    trainer: &Trainer,
    text: &Strings,
) -> Vec<SetupCommand> {
    let mut commands = Vec::new();
    let mut draft = setup.clone();

    section(ui, text.data, text.hover_dataset);
    if data_ui(ui, columns, &mut draft, text) {
        commands.push(SetupCommand::Rebuild {
            setup: Box::new(draft.clone()),
            what: text.data,
        });
    }
    let train = trainer.train_data();
    ui.label(
        RichText::new(fill(
            text.data_summary,
            &[
                &train.len(),
                &trainer.test_data().map_or(0, crate::data::Dataset::len),
                &train.num_features(),
                &train.class_names().map_or(0, <[String]>::len),
            ],
        ))
        .small(),
    );

    ui.add_space(8.0);
    section(ui, text.network, text.hover_network);
    if network_ui(ui, &mut draft, trainer, text) {
        commands.push(SetupCommand::Rebuild {
            setup: Box::new(draft.clone()),
            what: text.network,
        });
    }
    learned_ui(ui, trainer, text);

    ui.add_space(8.0);
    section(ui, text.hyperparameters, text.hover_hyperparameters);
    commands.extend(hyperparameters_ui(ui, &mut draft, trainer, text));
    commands
}

fn section(ui: &mut egui::Ui, title: &str, hover: &str) {
    ui.label(RichText::new(title).heading().strong())
        .on_hover_text(hover);
    ui.separator();
}

/// A label in the first grid column and `add` in the second, labelled by it for
/// screen readers and tests. Returns whether the widget changed.
fn row(
    ui: &mut egui::Ui,
    label: &str,
    hover: &str,
    add: impl FnOnce(&mut egui::Ui) -> egui::Response,
) -> bool {
    let label = ui.label(label).on_hover_text(hover);
    let response = add(ui).labelled_by(label.id).on_hover_text(hover);
    ui.end_row();
    response.changed()
}

fn data_ui(
    ui: &mut egui::Ui,
    columns: &mut ColumnsView,
    setup: &mut Setup,
    text: &Strings,
) -> bool {
    let mut changed = false;
    Grid::new("data_grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            changed |= row(ui, text.dataset, text.hover_dataset, |ui| {
                dataset_picker(ui, &mut setup.data)
            });
            if let DataSource::Generator {
                samples,
                noise,
                seed,
                ..
            } = &mut setup.data
            {
                let mut count = samples.unwrap_or(crate::data::builtin::DEFAULT_SAMPLES);
                if row(ui, text.samples, text.hover_samples, |ui| {
                    ui.add(DragValue::new(&mut count).range(4..=5000).speed(2.0))
                }) {
                    *samples = Some(count);
                    changed = true;
                }
                changed |= row(ui, text.noise, text.hover_noise, |ui| {
                    ui.add(Slider::new(noise, 0.0..=1.0).fixed_decimals(2))
                });
                changed |= row(ui, text.test_fraction, text.hover_test_fraction, |ui| {
                    ui.add(Slider::new(&mut setup.test_fraction, 0.0..=0.5).fixed_decimals(2))
                });
                changed |= row(ui, text.data_seed, text.hover_data_seed, |ui| {
                    ui.add(DragValue::new(seed))
                });
            } else {
                changed |= row(ui, text.test_fraction, text.hover_test_fraction, |ui| {
                    ui.add(Slider::new(&mut setup.test_fraction, 0.0..=0.5).fixed_decimals(2))
                });
            }
        });
    // A new dataset starts with its own columns: edit the options of an unchanged source only.
    if !changed {
        changed = columns.ui(ui, &mut setup.data, text);
    }
    changed
}

/// One list of every dataset: the 2-D generators, then the bundled real tables (and the
/// user's CSV file, when one is open). Picking one replaces the data source.
fn dataset_picker(ui: &mut egui::Ui, data: &mut DataSource) -> egui::Response {
    let current = match data {
        DataSource::Generator { kind, .. } => kind.name().to_owned(),
        DataSource::Bundled { name, .. } => name.name().to_owned(),
        DataSource::Csv { path, .. } => path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
    };
    let mut picked: Option<DataSource> = None;
    let mut response = ComboBox::from_id_salt("dataset")
        .selected_text(current.clone())
        .show_ui(ui, |ui| {
            for g in Generator::ALL {
                if ui.selectable_label(current == g.name(), g.name()).clicked() {
                    picked = Some(DataSource::Generator {
                        kind: g,
                        samples: Some(crate::data::builtin::DEFAULT_SAMPLES),
                        noise: 0.1,
                        seed: 1,
                    });
                }
            }
            ui.separator();
            for b in crate::data::Bundled::ALL {
                if ui.selectable_label(current == b.name(), b.name()).clicked() {
                    picked = Some(DataSource::Bundled {
                        name: b,
                        options: b.default_options(),
                        preprocessing: None,
                    });
                }
            }
        })
        .response;
    if let Some(new) = picked {
        // Picking the generator already in use keeps its settings.
        let same_generator = matches!((&new, &*data), (DataSource::Generator { kind: a, .. }, DataSource::Generator { kind: b, .. }) if a == b);
        if !same_generator && new.to_string() != data.to_string() {
            *data = new;
            response.mark_changed();
        }
    }
    response
}

fn activation_combo(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    value: &mut Activation,
    choices: &[Activation],
) -> egui::Response {
    let mut picked = *value;
    let mut response = ComboBox::from_id_salt(id)
        .selected_text(picked.name())
        .show_ui(ui, |ui| {
            for &a in choices {
                ui.selectable_value(&mut picked, a, a.name());
            }
        })
        .response;
    if picked != *value {
        *value = picked;
        response.mark_changed();
    }
    response
}

fn network_ui(ui: &mut egui::Ui, setup: &mut Setup, trainer: &Trainer, text: &Strings) -> bool {
    const OUTPUT_CHOICES: [Activation; 4] = [
        Activation::Softmax,
        Activation::Sigmoid,
        Activation::Identity,
        Activation::Step,
    ];
    let mut changed = false;
    let mut remove = None;
    let perceptron = setup.config.optimizer == Optimizer::Perceptron;
    Grid::new("network_grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            for (i, layer) in setup.hidden.iter_mut().enumerate() {
                ui.label(RichText::new(fill(text.hidden_layer, &[&(i + 1)])).strong());
                if ui.small_button(text.remove_layer).clicked() {
                    remove = Some(i);
                }
                ui.end_row();
                changed |= row(ui, text.neurons, text.hover_neurons, |ui| {
                    ui.add(DragValue::new(&mut layer.width).range(1..=MAX_EDIT_WIDTH))
                });
                changed |= row(ui, text.activation, text.hover_activation, |ui| {
                    activation_combo(
                        ui,
                        ("hidden_activation", i),
                        &mut layer.activation,
                        &HIDDEN_ACTIVATIONS,
                    )
                });
            }
            ui.label(
                RichText::new(fill(text.output_layer, &[&trainer.network().outputs()])).strong(),
            );
            ui.end_row();
            let before = setup.output_activation;
            if row(
                ui,
                text.output_activation,
                text.hover_output_activation,
                |ui| {
                    activation_combo(
                        ui,
                        "output_activation",
                        &mut setup.output_activation,
                        &OUTPUT_CHOICES,
                    )
                },
            ) {
                changed = true;
                if !perceptron && before != setup.output_activation {
                    setup.config.loss = Setup::loss_for_output(setup.output_activation);
                }
            }
        });
    if let Some(i) = remove {
        setup.hidden.remove(i);
        changed = true;
    }
    if setup.hidden.len() < MAX_EDIT_HIDDEN
        && !perceptron
        && ui
            .button(text.add_layer)
            .on_hover_text(text.hover_add_layer)
            .clicked()
    {
        let activation = setup
            .hidden
            .last()
            .map_or(Activation::Tanh, |l| l.activation);
        setup.hidden.push(LayerSpec {
            width: 4,
            activation,
        });
        changed = true;
    }
    changed
}

fn learned_ui(ui: &mut egui::Ui, trainer: &Trainer, text: &Strings) {
    egui::Frame::group(ui.style())
        .fill(ui.visuals().faint_bg_color)
        .show(ui, |ui| {
            ui.label(
                RichText::new(fill(
                    text.learned_parameters,
                    &[&trainer.network().parameter_count()],
                ))
                .italics(),
            )
            .on_hover_text(text.hover_learned);
        });
}

fn hyperparameters_ui(
    ui: &mut egui::Ui,
    setup: &mut Setup,
    trainer: &Trainer,
    text: &Strings,
) -> Vec<SetupCommand> {
    let mut commands = Vec::new();
    let mut rebuild = false;
    Grid::new("hyper_grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            let mut loss = setup.config.loss;
            if row(ui, text.loss, text.hover_loss, |ui| {
                let mut response = ComboBox::from_id_salt("loss")
                    .selected_text(loss.name())
                    .show_ui(ui, |ui| {
                        for l in Loss::ALL {
                            ui.selectable_value(&mut loss, l, l.name());
                        }
                    })
                    .response;
                if loss != setup.config.loss {
                    response.mark_changed();
                }
                response
            }) && loss != setup.config.loss
            {
                setup.config.loss = loss;
                if let Some(output) = loss.required_output() {
                    setup.output_activation = output;
                }
                rebuild = true;
            }
            let mut optimizer = setup.config.optimizer;
            let choices = [
                Optimizer::Sgd,
                Optimizer::MOMENTUM,
                Optimizer::ADAM,
                Optimizer::Perceptron,
            ];
            if row(ui, text.optimizer, text.hover_optimizer, |ui| {
                let mut response = ComboBox::from_id_salt("optimizer")
                    .selected_text(optimizer.name())
                    .show_ui(ui, |ui| {
                        for o in choices {
                            ui.selectable_value(&mut optimizer, o, o.name());
                        }
                    })
                    .response;
                if optimizer != setup.config.optimizer {
                    response.mark_changed();
                }
                response
            }) && optimizer != setup.config.optimizer
            {
                switch_optimizer(setup, optimizer);
                rebuild = true;
            }
            let config = &mut setup.config;
            let mut learning_rate = config.learning_rate;
            let drag_speed = f64::from(learning_rate) * 0.01;
            if row(ui, text.learning_rate, text.hover_learning_rate, |ui| {
                ui.add(
                    DragValue::new(&mut learning_rate)
                        .range(1e-5..=crate::nn::MAX_LEARNING_RATE)
                        .speed(drag_speed)
                        .max_decimals(5),
                )
            }) && learning_rate.to_bits() != config.learning_rate.to_bits()
            {
                config.learning_rate = learning_rate;
                commands.push(SetupCommand::SetLearningRate(learning_rate));
            }
            let mut batch_size = config.batch_size;
            if row(ui, text.batch_size, text.hover_batch_size, |ui| {
                ui.add(DragValue::new(&mut batch_size).range(1..=trainer.train_data().len().max(1)))
            }) && batch_size != config.batch_size
            {
                config.batch_size = batch_size;
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
                config.l2 = l2;
                commands.push(SetupCommand::SetL2(l2));
            }
            rebuild |= row(ui, text.init_seed, text.hover_init_seed, |ui| {
                ui.add(DragValue::new(&mut config.seed))
            });
        });
    if rebuild {
        commands.push(SetupCommand::Rebuild {
            setup: Box::new(setup.clone()),
            what: text.hyperparameters,
        });
    }
    commands
}

/// Switches optimizer, adapting the shape where the rule demands it (the perceptron rule
/// trains a single layer of step units) and taking the optimizer's usual learning rate.
fn switch_optimizer(setup: &mut Setup, optimizer: Optimizer) {
    let was_perceptron = setup.config.optimizer == Optimizer::Perceptron;
    setup.config.optimizer = optimizer;
    setup.config.learning_rate = optimizer.default_learning_rate();
    if optimizer == Optimizer::Perceptron {
        setup.hidden.clear();
        setup.output_activation = Activation::Step;
        setup.config.loss = Loss::Mse;
    } else if was_perceptron {
        setup.hidden = vec![LayerSpec {
            width: 4,
            activation: Activation::Tanh,
        }];
        setup.output_activation = Activation::Softmax;
        setup.config.loss = Loss::Ce;
    }
}
