//! Every piece of text the app shows, in one place, so a translation (Korean first) is one
//! more table. Templates use `{}` placeholders filled in order by [`fill`].

use serde::{Deserialize, Serialize};

mod en;

pub use en::EN;

/// A language the interface can be shown in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Language {
    /// English (the only complete table for now).
    #[default]
    English,
}

impl Language {
    /// Every language, in menu order.
    pub const ALL: [Self; 1] = [Self::English];

    /// The language's own name, for the menu.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::English => "English",
        }
    }

    /// The table of strings for this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Self::English => &EN,
        }
    }
}

/// Replaces each `{}` in `template` with the next of `args`.
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        if let Some(arg) = args.next() {
            out.push_str(&arg.to_string());
        }
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

/// One language's text.
#[derive(Debug)]
pub struct Strings {
    // Window and menus.
    pub app_name: &'static str,
    pub menu_file: &'static str,
    pub menu_view: &'static str,
    pub menu_help: &'static str,
    pub new: &'static str,
    pub open: &'static str,
    pub open_example: &'static str,
    pub recent: &'static str,
    pub save: &'static str,
    pub save_as: &'static str,
    pub import_csv: &'static str,
    pub export: &'static str,
    pub export_history: &'static str,
    pub export_confusion: &'static str,
    pub export_pytorch: &'static str,
    pub exported_pytorch: &'static str,
    pub export_pytorch_failed: &'static str,
    pub quit: &'static str,
    pub theme: &'static str,
    pub theme_light: &'static str,
    pub theme_dark: &'static str,
    pub theme_system: &'static str,
    pub zoom_in: &'static str,
    pub zoom_out: &'static str,
    pub zoom_reset: &'static str,
    pub language: &'static str,
    pub focus_view: &'static str,
    pub fullscreen: &'static str,
    pub shortcuts: &'static str,
    pub about: &'static str,
    pub about_text: &'static str,
    pub shortcut_list: &'static [(&'static str, &'static str)],
    pub close: &'static str,

    // Toolbar.
    pub reset: &'static str,
    pub play: &'static str,
    pub pause: &'static str,
    pub step_sample: &'static str,
    pub step_batch: &'static str,
    pub step_epoch: &'static str,
    pub speed: &'static str,
    pub speed_max: &'static str,
    pub status_template: &'static str,
    pub hover_reset: &'static str,
    pub hover_play: &'static str,
    pub hover_step_sample: &'static str,
    pub hover_step_batch: &'static str,
    pub hover_step_epoch: &'static str,
    pub hover_speed: &'static str,
    pub hover_status: &'static str,

    // Data.
    pub data: &'static str,
    pub dataset: &'static str,
    pub samples: &'static str,
    pub noise: &'static str,
    pub test_fraction: &'static str,
    pub data_seed: &'static str,
    pub data_summary: &'static str,
    pub hover_dataset: &'static str,
    pub hover_samples: &'static str,
    pub hover_noise: &'static str,
    pub hover_test_fraction: &'static str,
    pub columns: &'static str,
    pub hover_columns: &'static str,
    pub column_name: &'static str,
    pub column_kind: &'static str,
    pub column_missing: &'static str,
    pub column_role: &'static str,
    pub role_of: &'static str,
    pub kind_of: &'static str,
    pub hover_role: &'static str,
    pub hover_kind: &'static str,
    pub hover_missing_count: &'static str,
    pub role_names: [&'static str; 3],
    pub kind_names: [&'static str; 3],
    pub scaling: &'static str,
    pub hover_scaling: &'static str,
    pub scale_names: [&'static str; 3],
    pub missing_values: &'static str,
    pub hover_missing_values: &'static str,
    pub missing_names: [&'static str; 2],
    pub columns_unreadable: &'static str,
    pub loading: &'static str,
    pub hover_cancel_loading: &'static str,
    pub loading_cancelled: &'static str,
    pub hover_data_seed: &'static str,

    // Network.
    pub network: &'static str,
    pub hidden_layer: &'static str,
    pub neurons: &'static str,
    pub activation: &'static str,
    pub output_activation: &'static str,
    pub output_layer: &'static str,
    /// The output layer's heading for a single neuron (plural rules come with Fluent).
    pub output_layer_one: &'static str,
    pub add_layer: &'static str,
    pub remove_layer: &'static str,
    pub learned_parameters: &'static str,
    pub hover_network: &'static str,
    pub hover_neurons: &'static str,
    pub hover_activation: &'static str,
    pub hover_output_activation: &'static str,
    pub hover_add_layer: &'static str,
    pub hover_learned: &'static str,

    // Hyperparameters.
    pub hyperparameters: &'static str,
    pub hover_hyperparameters: &'static str,
    pub loss: &'static str,
    pub optimizer: &'static str,
    pub learning_rate: &'static str,
    pub batch_size: &'static str,
    pub l2: &'static str,
    pub init_seed: &'static str,
    pub hover_loss: &'static str,
    pub hover_optimizer: &'static str,
    pub hover_learning_rate: &'static str,
    pub hover_batch_size: &'static str,
    pub hover_l2: &'static str,
    pub hover_init_seed: &'static str,

    // Notices.
    pub reset_notice: &'static str,
    /// Reset and New: training starts over with the same (or the default) setup.
    pub training_restarted: &'static str,
    pub applies_next_step: &'static str,
    pub cannot_apply: &'static str,
    pub opened: &'static str,
    pub saved: &'static str,
    pub file_error: &'static str,
    pub csv_not_yet: &'static str,
    pub unsupported_file: &'static str,
    pub diverged_advice: &'static str,
    pub crashed: &'static str,
    pub imported: &'static str,
    pub unsaved_title: &'static str,
    pub unsaved_body: &'static str,
    pub save_first: &'static str,
    pub discard: &'static str,
    pub cancel: &'static str,
    pub dismiss: &'static str,
    pub drop_hint: &'static str,

    // Output column.
    pub output: &'static str,
    pub sample_in_focus: &'static str,
    pub true_class: &'static str,
    pub predicted_class: &'static str,
    pub feature: &'static str,
    pub value: &'static str,
    pub probability: &'static str,
    pub previous_sample: &'static str,
    pub next_sample: &'static str,
    pub hover_sample: &'static str,

    // Plots.
    pub loss_plot: &'static str,
    pub accuracy_plot: &'static str,
    pub log_scale: &'static str,
    pub train_loss: &'static str,
    pub test_loss: &'static str,
    pub train_accuracy: &'static str,
    pub test_accuracy: &'static str,
    pub epoch_axis: &'static str,
    pub no_epochs_yet: &'static str,
    pub hover_loss_plot: &'static str,
    pub hover_accuracy_plot: &'static str,
    pub hover_log_scale: &'static str,

    // Confusion matrix.
    pub confusion_matrix: &'static str,
    pub train_set: &'static str,
    pub test_set: &'static str,
    pub row_normalised: &'static str,
    pub true_axis: &'static str,
    pub predicted_axis: &'static str,
    pub class: &'static str,
    pub precision: &'static str,
    pub recall: &'static str,
    pub f1: &'static str,
    pub accuracy: &'static str,
    pub total: &'static str,
    pub notebook: &'static str,
    pub notebook_empty: &'static str,
    pub notebook_hint: &'static str,
    pub index: &'static str,
    pub probabilities: &'static str,
    pub features: &'static str,
    pub regression_only: &'static str,
    pub hover_confusion: &'static str,
    pub hover_row_normalised: &'static str,
    pub hover_precision: &'static str,
    pub hover_recall: &'static str,
    pub hover_f1: &'static str,
    pub hover_accuracy: &'static str,
    pub hover_train_test: &'static str,

    // Window and files (more).
    pub untitled: &'static str,
    pub cannot_write: &'static str,
    pub load_stopped: &'static str,
    pub window_failed: &'static str,
    pub filter_experiment_or_dataset: &'static str,
    pub filter_csv_dataset: &'static str,
    pub filter_experiment: &'static str,
    pub filter_csv: &'static str,
    pub speed_per_sec: &'static str,

    // Output, boundary, plots, confusion (more).
    pub output_n: &'static str,
    pub boundary_needs_two_features: &'static str,
    pub boundary_axes: &'static str,
    pub boundary_key: &'static str,
    pub boundary_point: &'static str,
    pub class_named: &'static str,
    pub plot_point: &'static str,
    pub confusion_cell: &'static str,

    // Network view.
    pub mode_forward: &'static str,
    pub mode_backprop: &'static str,
    pub hover_mode_forward: &'static str,
    pub hover_mode_backprop: &'static str,
    pub step_hint: &'static str,
    pub loss_value: &'static str,
    pub next_phase: &'static str,
    pub hover_next_phase: &'static str,
    pub skip: &'static str,
    pub hover_skip: &'static str,
    pub done: &'static str,
    /// PageUp after the update phase: the update stays.
    pub update_not_undone: &'static str,
    pub hover_done: &'static str,
    pub auto_advance: &'static str,
    pub hover_auto_advance: &'static str,
    pub animation_speed: &'static str,
    pub hover_animation_speed: &'static str,
    pub reduce_motion: &'static str,
    pub hover_reduce_motion: &'static str,
    pub add_layer_here: &'static str,
    pub hover_add_layer_here: &'static str,
    pub remove_layer_here: &'static str,
    pub hover_remove_layer_here: &'static str,
    pub fit_view: &'static str,
    pub hover_fit_view: &'static str,
    pub hover_remove_neuron: &'static str,
    pub hover_add_neuron: &'static str,
    pub hover_layer_activation: &'static str,
    pub legend_weight: &'static str,
    pub legend_weight_gradient: &'static str,
    pub legend_weight_change: &'static str,
    pub legend_weight_change_expected: &'static str,
    pub legend_delta: &'static str,
    pub legend_activation: &'static str,
    pub inspector_hint: &'static str,
    pub inspector_sample: &'static str,
    pub inspector_input: &'static str,
    pub inspector_with: &'static str,
    pub inspector_edge: &'static str,
    /// Phase ④'s heading of an edge's update, with the optimizer's name.
    pub update_made: &'static str,
    /// Outside a step-through: the update the sample alone would give, with the optimizer.
    pub update_alone: &'static str,
    /// Phase ④ mid-batch: place in the batch, its size, mean ∂L/∂w so far.
    pub update_waits: &'static str,
    pub sparkline_title: &'static str,
    pub layer_hidden: &'static str,
    pub layer_output: &'static str,
    pub neuron_of_layer: &'static str,
    /// One per step-through phase, in order.
    pub phase_labels: [&'static str; 4],
    /// One per step-through phase, in order.
    pub phase_explanations: [&'static str; 4],
    // history
    /// Heading of the timeline (the strip along the bottom of the window).
    pub timeline: &'static str,
    /// The marker while rewound: the epoch shown, the live epoch.
    pub viewing_epoch: &'static str,
    /// The timeline at the live run: its epoch.
    pub timeline_live: &'static str,
    /// Button: leave the rewound view.
    pub back_to_live: &'static str,
    /// Button: train on from the epoch shown (later epochs are dropped).
    pub continue_from_here: &'static str,
    /// Snapshots kept, their size and the budget (MiB).
    pub history_budget: &'static str,
    /// File menu: the submenu that puts experiment B beside the live one.
    pub compare_with: &'static str,
    /// Compare with: B is a copy of the live experiment.
    pub compare_copy: &'static str,
    /// Open example: the heading of the shipped comparisons.
    pub comparisons: &'static str,
    /// B's window title: what B is.
    pub comparison_title: &'static str,
    /// B's status: its epoch, its last loss and accuracy.
    pub comparison_status: &'static str,
    /// Heading of the overlaid loss plot.
    pub comparison_loss: &'static str,
    /// Legend: the live experiment.
    pub comparison_a: &'static str,
    /// Legend: experiment B (what it is).
    pub comparison_b: &'static str,
    /// File ▸ Export: the decision boundary over the kept epochs as a GIF.
    pub export_animation: &'static str,
    /// The file dialog's filter for GIF files.
    pub filter_gif: &'static str,
    /// Notice after the export: the file, the frames.
    pub exported_animation: &'static str,
    /// The question before continuing from a past epoch: that epoch, the first and the last
    /// epoch dropped.
    pub continue_question: &'static str,
    /// Button: drop the later epochs and continue.
    pub continue_confirm: &'static str,
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fill_replaces_placeholders_in_order() {
        assert_eq!(
            fill("a {} b {} c", &[&1, &"x"]),
            "a 1 b x c",
            "placeholders in order"
        );
        assert_eq!(
            fill("{} {}", &[&1]),
            "1 ",
            "missing arguments leave nothing"
        );
    }
}
