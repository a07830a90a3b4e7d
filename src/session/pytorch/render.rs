//! Writing the generated text: `model.py` from its template (Python literals for the fitted
//! preprocessing, the layers, the example rows, and the training code that matches the loss
//! and optimizer) and the student's README.

use std::fmt::Write as _;

use crate::experiment::Experiment;
use crate::nn::{Activation, LEAKY_SLOPE, Loss, Network, Optimizer};

use super::facts::{ColumnRecipe, ExportData};

/// The model.py template; each `{{NAME}}` is replaced once.
const MODEL_TEMPLATE: &str = include_str!("model_template.py");
/// The README.md template.
const README_TEMPLATE: &str = include_str!("readme_template.md");
/// How many training rows model.py predicts when run.
const EXAMPLE_ROWS: usize = 3;

/// A Python string literal for `text`: JSON's escaping is valid Python (non-ASCII stays as
/// it is; quotes, backslashes and control characters are escaped).
pub fn py_str(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

/// A Python float literal that reads back to exactly `value`.
pub fn py_float(value: f64) -> String {
    format!("{value:?}")
}

/// A list of Python strings.
fn py_str_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| py_str(s)).collect();
    format!("[{}]", items.join(", "))
}

/// Text for a `#` comment: one line, no control characters.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// `4 inputs → 8 tanh → 3 softmax`.
pub fn architecture_line(network: &Network) -> String {
    let mut line = format!("{} inputs", network.inputs());
    for layer in &network.layers {
        let _ = write!(line, " → {} {}", layer.width(), layer.activation);
    }
    line
}

/// The data source in words, for the headers.
fn data_line(experiment: &Experiment, data: &ExportData) -> String {
    let task = match &data.classes {
        Some(classes) => format!("{} classes ({})", classes.len(), classes.join(", ")),
        None => "regression".to_owned(),
    };
    one_line(&format!(
        "{}, target '{}', {task}",
        experiment.data.source, data.target
    ))
}

fn column_literal(recipe: &ColumnRecipe) -> String {
    match recipe {
        ColumnRecipe::Numeric {
            column,
            scale,
            offset,
            divisor,
            impute,
            drop_missing,
        } => format!(
            "    {{\"column\": {}, \"kind\": \"numeric\", \"scale\": \"{scale}\", \"offset\": {}, \"divisor\": {}, \"impute\": {}, \"drop\": {}}},",
            py_str(column),
            py_float(*offset),
            py_float(*divisor),
            impute.map_or_else(|| "None".to_owned(), py_float),
            py_bool(*drop_missing),
        ),
        ColumnRecipe::Categorical {
            column,
            categories,
            impute,
            drop_missing,
        } => format!(
            "    {{\"column\": {}, \"kind\": \"categorical\", \"categories\": {}, \"impute\": {}, \"drop\": {}}},",
            py_str(column),
            py_str_list(categories),
            py_str(impute),
            py_bool(*drop_missing),
        ),
    }
}

fn py_bool(value: bool) -> &'static str {
    if value { "True" } else { "False" }
}

/// The torch module for an activation, with a comment where the app differs or explains.
fn activation_module(activation: Activation) -> String {
    match activation {
        Activation::Identity => "nn.Identity(),  # linear: a = z".to_owned(),
        Activation::Step => "Step(),  # a = 1 if z >= 0 else 0 (see Step)".to_owned(),
        Activation::Sigmoid => "nn.Sigmoid(),  # a = 1 / (1 + e^-z)".to_owned(),
        Activation::Tanh => {
            "nn.Tanh(),  # the app's tanh is a rational approximation, within 4e-7".to_owned()
        }
        Activation::Relu => "nn.ReLU(),  # a = max(0, z)".to_owned(),
        Activation::LeakyRelu => {
            format!("nn.LeakyReLU({LEAKY_SLOPE}),  # a = z for z > 0, {LEAKY_SLOPE}·z otherwise")
        }
        Activation::Softmax => {
            "nn.Softmax(dim=1),  # a_j = e^z_j / Σ_k e^z_k: probabilities".to_owned()
        }
    }
}

fn layer_lines(network: &Network) -> (String, String) {
    let mut linears = Vec::new();
    let mut activations = Vec::new();
    let last = network.layers.len().saturating_sub(1);
    for (i, layer) in network.layers.iter().enumerate() {
        let (outputs, inputs) = layer.weights.dim();
        let role = if i == last {
            "output layer".to_owned()
        } else {
            format!("hidden layer {}", i + 1)
        };
        let plural = if outputs == 1 { "" } else { "s" };
        linears.push(format!(
            "            nn.Linear({inputs}, {outputs}),  # layers.{i}: {role}, {outputs} neuron{plural}"
        ));
        activations.push(format!(
            "            {}",
            activation_module(layer.activation)
        ));
    }
    (linears.join("\n"), activations.join("\n"))
}

/// The example rows: the first training rows, or one row of imputed values when the data
/// could not be read.
fn example_lines(data: &ExportData) -> String {
    let header = data.header();
    let rows: Vec<Vec<String>> = if data.train_rows.is_empty() {
        let mut row: Vec<String> = data
            .columns
            .iter()
            .map(|c| match c {
                ColumnRecipe::Numeric { impute, .. } => {
                    impute.map_or_else(|| "0".to_owned(), py_float)
                }
                ColumnRecipe::Categorical { impute, .. } => impute.clone(),
            })
            .collect();
        row.push(String::new());
        vec![row]
    } else {
        example_rows(&data.train_rows)
    };
    rows.iter()
        .map(|row| {
            let pairs: Vec<String> = header
                .iter()
                .zip(row)
                .map(|(k, v)| format!("{}: {}", py_str(k), py_str(v)))
                .collect();
            format!("    {{{}}},", pairs.join(", "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Up to [`EXAMPLE_ROWS`] training rows, of different targets where there are (the first row
/// of each target in order, then the next rows), kept in their training order.
fn example_rows(rows: &[Vec<String>]) -> Vec<Vec<String>> {
    let mut chosen: Vec<usize> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if chosen.len() == EXAMPLE_ROWS {
            break;
        }
        if !chosen.iter().any(|&c| rows[c].last() == row.last()) {
            chosen.push(i);
        }
    }
    for i in 0..rows.len() {
        if chosen.len() == EXAMPLE_ROWS {
            break;
        }
        if !chosen.contains(&i) {
            chosen.push(i);
        }
    }
    chosen.sort_unstable();
    chosen.iter().map(|&i| rows[i].clone()).collect()
}

/// The loss, the target tensor, the optimizer and one update, for this configuration.
fn training_code(experiment: &Experiment, data: &ExportData, outputs: usize) -> String {
    let config = &experiment.training;
    let targets = match (&data.classes, config.loss) {
        (None, _) => {
            "    # The target values, [rows, 1].\n    return torch.tensor([to_number(row[TARGET], TARGET) for row in rows], dtype=torch.float64).to(torch.float32).reshape(-1, 1)"
        }
        (Some(_), Loss::Ce) => {
            "    # Class indices, as nn.CrossEntropyLoss takes them.\n    return class_indices(rows)"
        }
        (Some(_), _) if outputs == 1 => {
            "    # The class index (0 or 1) as the one output's target, [rows, 1].\n    return class_indices(rows).to(torch.float32).reshape(-1, 1)"
        }
        (Some(_), _) => {
            "    # One-hot rows: 1 for the true class's output, 0 for the others.\n    return nn.functional.one_hot(class_indices(rows), len(CLASSES)).to(torch.float32)"
        }
    };
    let mut code = format!(
        "def targets(rows):\n    \"\"\"What the loss compares the output with.\"\"\"\n{targets}\n\n\n"
    );
    if config.optimizer == Optimizer::Perceptron {
        code.push_str(PERCEPTRON_UPDATE);
        return code;
    }
    let (loss, output) = match config.loss {
        Loss::Mse => (
            "nn.MSELoss()  # mean of (a - y)² over the outputs and the batch",
            "model(x)",
        ),
        Loss::Bce => (
            "nn.BCEWithLogitsLoss()  # binary cross-entropy of σ(z), from z (stable)",
            "model.output_sums(x)",
        ),
        Loss::Ce => (
            "nn.CrossEntropyLoss()  # -ln softmax(z)[true class], from z (log-sum-exp)",
            "model.output_sums(x)",
        ),
    };
    let optimizer = match config.optimizer {
        Optimizer::Sgd | Optimizer::Perceptron => {
            "torch.optim.SGD(groups, lr=LEARNING_RATE)  # w <- w - lr·g".to_owned()
        }
        Optimizer::Momentum { beta } => format!(
            "torch.optim.SGD(groups, lr=LEARNING_RATE, momentum={beta})  # v <- β·v + g; w <- w - lr·v"
        ),
        Optimizer::Adam {
            beta1,
            beta2,
            epsilon,
        } => format!(
            "torch.optim.Adam(groups, lr=LEARNING_RATE, betas=({beta1}, {beta2}), eps={epsilon:e})"
        ),
    };
    let _ = write!(
        code,
        "LOSS = {loss}\n\n\n\
def make_optimizer(model):\n    \
\"\"\"The app's optimizer ({name}); L2 decays the weights only. Its memory (momentum, Adam's\n    \
moments and step count) is not exported: it starts from zero here.\"\"\"\n    \
weights = [layer.weight for layer in model.layers]\n    \
biases = [layer.bias for layer in model.layers]\n    \
groups = [{{\"params\": weights, \"weight_decay\": L2}}, {{\"params\": biases, \"weight_decay\": 0.0}}]\n    \
return {optimizer}\n\n\n\
def update(model, optimizer, x, y):\n    \
\"\"\"One step on a mini-batch: forward, loss, backpropagation, update. Returns the loss.\"\"\"\n    \
optimizer.zero_grad()\n    \
loss = LOSS({output}, y)\n    \
loss.backward()\n    \
optimizer.step()\n    \
return loss.item()\n",
        name = config.optimizer.name(),
    );
    code
}

/// The perceptron rule by hand: PyTorch has no optimizer for it.
const PERCEPTRON_UPDATE: &str = r#"def make_optimizer(model):
    """The perceptron rule needs no optimizer object: `update` applies it by hand."""
    return None


def update(model, optimizer, x, y):
    """Rosenblatt's perceptron rule on a mini-batch, as the app applies it:
    w <- w - lr·(mean of (ŷ - y)·x + L2·w), b <- b - lr·mean of (ŷ - y).
    Returns the batch's mean squared error, the loss the app reports for it."""
    with torch.no_grad():
        layer = model.layers[0]
        y_hat = model(x)
        delta = y_hat - y  # [batch, outputs]
        layer.weight -= LEARNING_RATE * (delta.T @ x / len(x) + L2 * layer.weight)
        layer.bias -= LEARNING_RATE * delta.mean(dim=0)
        return float((delta ** 2).mean())
"#;

/// Replaces each `{{NAME}}` of `template` with its value, in one pass: a value that itself
/// contains `{{...}}` (a column named so) is never filled again.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut text = String::with_capacity(template.len() * 2);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let found = after.find("}}").and_then(|end| {
            let name = &after[..end];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (v, end))
        });
        if let Some((value, end)) = found {
            text.push_str(&rest[..start]);
            text.push_str(value);
            rest = &after[end + 2..];
        } else {
            text.push_str(&rest[..start + 2]);
            rest = after;
        }
    }
    text.push_str(rest);
    text
}

fn title(experiment: &Experiment) -> String {
    if experiment.name.trim().is_empty() {
        format!("Perceptron Lab model on {}", experiment.data.source)
    } else {
        one_line(experiment.name.trim())
    }
}

/// The text of model.py.
pub fn model_py(experiment: &Experiment, network: &Network, data: &ExportData) -> String {
    let (linears, activations) = layer_lines(network);
    let columns: Vec<String> = data.columns.iter().map(column_literal).collect();
    let config = &experiment.training;
    fill(
        MODEL_TEMPLATE,
        &[
            ("TITLE", title(experiment)),
            ("ARCHITECTURE", architecture_line(network)),
            ("DATA", data_line(experiment, data)),
            ("COLUMNS", columns.join("\n")),
            ("INPUTS", data.input_width().to_string()),
            ("TARGET", py_str(&data.target)),
            (
                "CLASSES",
                data.classes
                    .as_deref()
                    .map_or_else(|| "None".to_owned(), py_str_list),
            ),
            ("LINEARS", linears),
            ("ACTIVATIONS", activations),
            ("LEARNING_RATE", config.learning_rate.to_string()),
            ("L2", config.l2.to_string()),
            ("BATCH_SIZE", config.batch_size.to_string()),
            ("SEED", config.seed.to_string()),
            (
                "TRAINING",
                training_code(experiment, data, network.outputs()),
            ),
            ("EXAMPLES", example_lines(data)),
        ],
    )
}

/// The text of README.md; `files` lists the data files written beside the model.
pub fn readme(
    experiment: &Experiment,
    network: &Network,
    data: &ExportData,
    files: &str,
) -> String {
    let config = &experiment.training;
    fill(
        README_TEMPLATE,
        &[
            ("TITLE", title(experiment)),
            ("ARCHITECTURE", architecture_line(network)),
            ("DATA", data_line(experiment, data)),
            (
                "TRAINING",
                format!(
                    "loss {}, optimizer {}, learning rate {}, L2 {}, batch size {}, {} epochs so far",
                    config.loss,
                    config.optimizer,
                    config.learning_rate,
                    config.l2,
                    config.batch_size,
                    experiment.cursor.epoch
                ),
            ),
            ("DATA_FILES", files.to_owned()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_become_safe_python_literals() {
        assert_eq!(py_str("a\"b\\c\nd"), r#""a\"b\\c\nd""#, "escaped");
        assert_eq!(py_str("생존"), "\"생존\"", "Korean stays readable");
        assert_eq!(one_line("a\nb\rc"), "a b c", "comments stay on one line");
    }

    #[test]
    fn examples_show_different_targets() {
        let rows: Vec<Vec<String>> = ["a", "a", "b", "a", "c", "d"]
            .iter()
            .enumerate()
            .map(|(i, t)| vec![i.to_string(), (*t).to_owned()])
            .collect();
        let chosen: Vec<String> = example_rows(&rows).iter().map(|r| r[0].clone()).collect();
        assert_eq!(chosen, ["0", "2", "4"], "the first row of a, b and c");
        let same = vec![vec!["x".to_owned()]; 5];
        assert_eq!(
            example_rows(&same).len(),
            3,
            "filled up when all targets agree"
        );
        assert!(example_rows(&[]).is_empty(), "no rows, no examples");
    }

    #[test]
    fn templates_fill_every_placeholder() {
        let text = fill(
            "x={{A}} y={{B}} {{A}} {{C}}",
            &[("A", "1".into()), ("B", "{{A}}".into())],
        );
        assert_eq!(
            text, "x=1 y={{A}} 1 {{C}}",
            "each name everywhere, values not refilled, unknown names kept"
        );
    }
}
