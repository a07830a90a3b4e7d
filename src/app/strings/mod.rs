//! Every piece of text the app shows, in one place, so a translation (Korean first) is one
//! more table. Templates use `{}` placeholders filled in order by [`fill`].

use serde::{Deserialize, Serialize};

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
}

/// English.
pub static EN: Strings = Strings {
    app_name: "Perceptron Lab",
    menu_file: "File",
    menu_view: "View",
    menu_help: "Help",
    new: "New",
    open: "Open…",
    open_example: "Open example",
    recent: "Open recent",
    save: "Save",
    save_as: "Save as…",
    import_csv: "Import CSV…",
    export: "Export",
    export_history: "Loss and accuracy history (CSV)…",
    export_confusion: "Confusion matrix (CSV)…",
    quit: "Quit",
    theme: "Theme",
    theme_light: "Light",
    theme_dark: "Dark",
    theme_system: "Follow the system",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    zoom_reset: "Reset zoom",
    language: "Language",
    focus_view: "Focus view (graph and output only)",
    fullscreen: "Fullscreen",
    shortcuts: "Keyboard shortcuts",
    about: "About Perceptron Lab",
    about_text: "Perceptron Lab lets you watch a neural network learn, from a single perceptron to a \
                 multi-layer network: every weight, activation and gradient is on screen.",
    shortcut_list: &[
        ("Space", "Play / pause training"),
        ("B", "Step one mini-batch"),
        ("E", "Step one epoch"),
        ("→", "Next phase of the sample step-through (network view)"),
        ("F", "Focus view: only the graph and the output"),
        ("F11", "Fullscreen"),
        ("Ctrl + / Ctrl −", "Zoom in / out"),
        ("Ctrl 0", "Reset zoom"),
        ("Ctrl S", "Save"),
        ("Ctrl O", "Open…"),
    ],
    close: "Close",

    reset: "Reset",
    play: "Play",
    pause: "Pause",
    step_sample: "Step sample",
    step_batch: "Step batch",
    step_epoch: "Step epoch",
    speed: "Speed",
    speed_max: "as fast as possible",
    status_template: "Epoch {} · batch {}/{} · sample {}/{} · {}",
    hover_reset: "Start training again from fresh random weights. Your settings stay as they are.",
    hover_play: "Train continuously, one mini-batch after another (Space). Press again to pause.",
    hover_step_sample: "Show one sample to the network: forward pass, loss, backward pass. The weights \
                        change only when the mini-batch is complete.",
    hover_step_batch: "Train on one mini-batch (B): average the gradients of its samples, then update \
                       every weight once.",
    hover_step_epoch: "Train until every training sample has been used once (E). One pass over the whole \
                       training set is an epoch (에포크).",
    hover_speed: "How many weight updates (mini-batches) per second while playing.",
    hover_status: "Epoch: full passes over the training data. Batch: updates done in this epoch. \
                   Sample: how far through the shuffled data this epoch is. Then the training time.",

    data: "Data",
    dataset: "Dataset",
    samples: "Samples",
    noise: "Noise",
    test_fraction: "Test fraction",
    data_seed: "Data seed",
    data_summary: "{} training · {} test samples · {} features · {} classes",
    hover_dataset: "The labelled examples the network learns from (supervised learning, 지도 학습): \
                    each row (record, sample) has feature values x and a class label y.",
    hover_samples: "How many points to generate. More points give a clearer picture but slower epochs.",
    hover_noise: "How much random jitter is added to every point. Noisy data is harder to separate \
                  and tempts the network to memorise.",
    hover_test_fraction: "The share of samples held back and never trained on. The test loss tells you \
                          whether the network generalises or only memorises the training set.",
    columns: "Columns",
    hover_columns: "What each column of the table is for. Features are the independent variables x \
                    (독립변수, the network's inputs); the target is the dependent variable y \
                    (종속변수, what it learns to predict); ignored columns are left out.",
    column_name: "Column",
    column_kind: "Kind",
    column_missing: "Missing",
    column_role: "Role",
    role_of: "Role of {}",
    kind_of: "Kind of {}",
    hover_role: "feature: an independent variable x, one input of the network (독립변수). \
                 target: the dependent variable y, what the network predicts (종속변수; one column). \
                 ignored: not used (ids, free text).",
    hover_kind: "How the cells are read: numeric (numbers, rescaled), categorical (labels from a small \
                 set, one input per value: one-hot) or ignored. Inferred from the cells; override it here.",
    hover_missing_count: "Cells that are empty, NA, NaN or ?.",
    role_names: ["feature", "target", "ignored"],
    kind_names: ["numeric", "categorical", "ignored"],
    scaling: "Scaling",
    hover_scaling: "How numeric features are rescaled, with statistics of the training split: \
                    standard is (x − mean) / standard deviation, min-max squeezes into 0..1, none \
                    keeps the raw values (large values make training slow or unstable).",
    scale_names: ["standard", "min-max", "none"],
    missing_values: "Missing values",
    hover_missing_values: "What to do with a missing feature cell: drop the whole row, or impute \
                           (fill in the training mean, or the most frequent label). Rows with a \
                           missing target are always dropped.",
    missing_names: ["drop rows", "impute"],
    columns_unreadable: "Can't read the columns: {}",
    loading: "Loading {}…",
    hover_cancel_loading: "Stop loading and keep the current experiment",
    loading_cancelled: "Loading {} cancelled; the current experiment stays",
    hover_data_seed: "The random seed for generating and splitting the data: the same seed gives the \
                      same samples.",

    network: "Network (architecture)",
    hidden_layer: "Hidden layer {}",
    neurons: "Neurons",
    activation: "Activation",
    output_activation: "Output activation",
    output_layer: "Output layer: {} neurons",
    add_layer: "Add hidden layer",
    remove_layer: "Remove",
    learned_parameters: "The model learns {} weights and biases (drawn in the middle).",
    hover_network: "The shape of the network. Hidden layers between input and output let a multi-layer \
                    perceptron (은닉층) bend its decision boundary; with none it can only draw a straight line.",
    hover_neurons: "How many neurons this layer has. Each neuron computes a weighted sum z = w·x + b \
                    of its inputs and passes it through the activation: a = f(z).",
    hover_activation: "The activation function f in a = f(z) (활성화 함수). Without a non-linear one \
                       (tanh, sigmoid, ReLU) extra layers add nothing.",
    hover_output_activation: "How the output layer turns its sums into an answer: sigmoid gives one \
                              probability for two classes (logistic regression), softmax gives \
                              probabilities over many classes that sum to 1.",
    hover_add_layer: "Add another hidden layer: a deeper network (심층 신경망) can build more complex shapes.",
    hover_learned: "Weights and biases (가중치, 편향) are parameters the network learns by itself. \
                    Everything on this side is a hyperparameter that you choose.",

    hyperparameters: "Hyperparameters (you set these)",
    hover_hyperparameters: "Hyperparameters (하이퍼파라미터) are chosen by you before training; the \
                            weights are parameters the network learns.",
    loss: "Loss",
    optimizer: "Optimizer",
    learning_rate: "Learning rate (lr)",
    batch_size: "Batch size",
    l2: "L2 regularisation",
    init_seed: "Weight seed",
    hover_loss: "The loss (손실) measures how wrong the output is for one sample; training lowers its \
                 average. Cross-entropy pairs with softmax or sigmoid outputs, MSE with any.",
    hover_optimizer: "How the gradients become weight updates (옵티마이저). SGD steps straight downhill; \
                      momentum and Adam remember past steps to move faster.",
    hover_learning_rate: "How big a step each update takes: w ← w − lr·∂L/∂w (학습률). Too small learns \
                          slowly; too large overshoots and can diverge. Applies from the next step.",
    hover_batch_size: "How many samples are averaged before each weight update (mini-batch, 미니 배치). \
                       1 updates after every sample; the whole set is full-batch descent. Applies from \
                       the next batch.",
    hover_l2: "Weight decay: pulls every weight a little towards zero on each update, which keeps the \
               boundary smooth. 0 turns it off.",
    hover_init_seed: "The random seed for the starting weights and the shuffling of each epoch.",

    reset_notice: "{} changed: training restarted from epoch 0 with fresh weights.",
    applies_next_step: "{} is now {}; it applies from the next step.",
    cannot_apply: "Can't use that setting: {}",
    opened: "Opened {}",
    saved: "Saved {}",
    file_error: "{}",
    csv_not_yet: "Importing CSV files is not available in this build yet ({}).",
    unsupported_file: "Can't open {}: Perceptron Lab opens experiment files (.ron) and datasets (.csv).",
    diverged_advice: "{}. Lower the learning rate and press Reset.",
    crashed: "Training stopped by an internal error ({}). The experiment is kept: save it, then Reset to continue, and please report the error.",
    imported: "Imported {}",
    unsaved_title: "Unsaved changes",
    unsaved_body: "This experiment has changes that are not saved. What should happen to them?",
    save_first: "Save first",
    discard: "Discard changes",
    cancel: "Cancel",
    dismiss: "Dismiss",
    drop_hint: "Drop a .ron experiment or a .csv dataset to open it",

    output: "Output",
    sample_in_focus: "Sample in focus: #{} (row {})",
    true_class: "True class",
    predicted_class: "Predicted",
    feature: "Feature",
    value: "Value",
    probability: "Probability",
    previous_sample: "Previous sample",
    next_sample: "Next sample",
    hover_sample: "One row of the data (record = sample): its feature values x are the inputs, its \
                   label y is the answer the network should give.",

    loss_plot: "Loss per epoch",
    accuracy_plot: "Accuracy per epoch",
    log_scale: "Log scale",
    train_loss: "train loss",
    test_loss: "test loss",
    train_accuracy: "train accuracy",
    test_accuracy: "test accuracy",
    epoch_axis: "epoch",
    no_epochs_yet: "No epoch finished yet: press Play or Step epoch.",
    hover_loss_plot: "The average loss after each epoch. Falling means learning; a test loss that rises \
                      while the train loss falls means the network memorises (overfitting).",
    hover_accuracy_plot: "The fraction of samples classified correctly after each epoch (정확도).",
    hover_log_scale: "Show the loss on a logarithmic axis, so small late improvements stay visible.",

    confusion_matrix: "Confusion matrix",
    train_set: "Train",
    test_set: "Test",
    row_normalised: "Row-normalised",
    true_axis: "true ↓",
    predicted_axis: "predicted →",
    class: "Class",
    precision: "Precision",
    recall: "Recall",
    f1: "F1",
    accuracy: "Accuracy",
    total: "Total: {} samples",
    notebook: "Wrong-answer notebook: true {} → predicted {} ({} samples)",
    notebook_empty: "No samples in this cell.",
    notebook_hint: "Click a cell to list its samples (the wrong-answer notebook, 오답 노트).",
    index: "#",
    probabilities: "Probabilities",
    features: "Features",
    regression_only: "This dataset has numeric targets, so there is no confusion matrix.",
    hover_confusion: "Rows are the true classes, columns what the network predicted (혼동 행렬). The \
                      diagonal holds the right answers; every other cell is a kind of mistake.",
    hover_row_normalised: "Show each row as fractions of that true class instead of counts.",
    hover_precision: "Precision (정밀도): of the samples predicted as this class, the share that really \
                      are. — when the class was never predicted.",
    hover_recall: "Recall (재현율): of the samples of this class, the share the network found.",
    hover_f1: "F1: the harmonic mean of precision and recall, high only when both are.",
    hover_accuracy: "Accuracy (정확도): the share of all samples classified correctly.",
    hover_train_test: "Count the training samples (what the network learned from) or the held-back test \
                       samples (how well it generalises).",
};

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
