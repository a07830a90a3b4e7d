//! `inspect`: one forward and backward pass of one sample through a saved model, every
//! intermediate number printed.

use ndarray::Array2;
use serde_json::{Value, json};

use super::args::InspectArgs;
use super::{Failure, data_cmd, load_model, parse_numbers, print_json};
use crate::nn::{ForwardTrace, Gradients, Network};

pub fn inspect(a: &InspectArgs) -> Result<(), Failure> {
    let experiment = load_model(&a.model)?;
    let network = experiment.network();
    let preprocessing = experiment.data.source.preprocessing();
    let raw_input: Option<Vec<String>> = (!a.scaled && preprocessing.is_some())
        .then(|| a.input.split(',').map(|c| c.trim().to_owned()).collect());
    let input = if a.scaled {
        parse_numbers(&a.input, "--input")?
    } else {
        data_cmd::model_input(preprocessing, &a.input, network.inputs())?
    };
    if input.len() != network.inputs() {
        return Err(Failure::usage(format!(
            "--input has {} values but the model has {} inputs",
            input.len(),
            network.inputs()
        )));
    }
    let x = Array2::from_shape_vec((1, input.len()), input).map_err(Failure::usage)?;
    let trace = network.forward(x.view());
    let saved_classes = preprocessing
        .and_then(|p| p.class_names())
        .map(<[String]>::to_vec);
    let classes = saved_classes
        .or_else(|| experiment.embedded_classes())
        .or_else(|| {
            experiment
                .data
                .load()
                .ok()
                .and_then(|d| d.train.class_names().map(<[String]>::to_vec))
        });
    let outputs = network.outputs();
    let target: Vec<f32> = match (&classes, &a.label) {
        (Some(names), label) => {
            let class = if let Some(l) = label {
                class_index(l, names)?
            } else {
                let mut p = Vec::new();
                Network::predict_classes(&trace, &mut p);
                p.first().copied().unwrap_or(0)
            };
            one_hot(class, outputs)
        }
        (None, Some(l)) => {
            let v = parse_numbers(l, "--label")?;
            if v.len() != outputs {
                return Err(Failure::usage(format!("--label needs {outputs} values")));
            }
            v
        }
        (None, None) => trace.output().row(0).to_vec(),
    };
    let y = Array2::from_shape_vec((1, outputs), target.clone()).map_err(Failure::usage)?;
    // The error signal the trainer uses: the loss's gradient, or for Rosenblatt's perceptron
    // δ = ŷ − y with no derivative, so these numbers are the app's step-through's.
    let mut grads = network.gradients_for(1);
    network.backward_in_place(
        &trace,
        y.view(),
        experiment.training.error_signal(),
        &mut grads,
    );
    let layers = layers_json(&network, &trace, &grads);
    let report = json!({
        "raw_input": raw_input,
        "input": trace.input.row(0).to_vec(),
        "target": target,
        "loss": grads.loss,
        "layers": layers,
    });
    if a.json {
        print_json(&report);
    } else {
        if let Some(raw) = &raw_input {
            println!("raw    {}", raw.join(", "));
        }
        println!("input  {}", report["input"]);
        for (i, l) in report["layers"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            println!(
                "layer {} ({}):",
                i + 1,
                l["activation"].as_str().unwrap_or("?")
            );
            println!("  z     {}", l["z"]);
            println!("  a     {}", l["a"]);
            println!("  delta {}", l["delta"]);
        }
        println!("target {target:?}  loss {}", grads.loss);
    }
    Ok(())
}

fn one_hot(class: usize, outputs: usize) -> Vec<f32> {
    if outputs == 1 {
        vec![class as f32]
    } else {
        (0..outputs)
            .map(|j| if j == class { 1.0 } else { 0.0 })
            .collect()
    }
}

fn class_index(label: &str, names: &[String]) -> Result<usize, Failure> {
    if let Some(i) = names.iter().position(|n| n == label) {
        return Ok(i);
    }
    match label.trim().parse::<usize>() {
        Ok(i) if i < names.len() => Ok(i),
        _ => Err(Failure::usage(format!(
            "--label '{label}' is not a class; the classes are {}",
            names.join(", ")
        ))),
    }
}

/// Every layer's weights, biases, z, a, δ and gradients for the one sample, as JSON objects.
fn layers_json(network: &Network, trace: &ForwardTrace, grads: &Gradients) -> Vec<Value> {
    let row = |a: &Array2<f32>| a.row(0).to_vec();
    let rows = |a: &Array2<f32>| a.rows().into_iter().map(|r| r.to_vec()).collect::<Vec<_>>();
    network
        .layers
        .iter()
        .zip(&trace.layers)
        .zip(&grads.layers)
        .map(|((layer, t), g)| {
            json!({
                "activation": layer.activation.name(),
                "weights": rows(&layer.weights),
                "biases": layer.biases.to_vec(),
                "z": row(&t.z),
                "a": row(&t.a),
                "delta": row(&g.delta),
                "weight_grads": rows(&g.weights),
                "bias_grads": g.biases.to_vec(),
            })
        })
        .collect()
}
