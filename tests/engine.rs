//! Engine integration tests: gradients against finite differences, the classic XOR result,
//! the spiral, and bit-for-bit reproducibility.

use ndarray::Array2;
use perceptron_lab::data::builtin::Generator;
use perceptron_lab::nn::{
    Activation, Architecture, ConfigError, Gradients, Loss, Network, Optimizer, TrainConfig,
    TrainError, Trainer,
};
use rand::{RngExt as _, SeedableRng as _};
use rand_chacha::ChaCha8Rng;

/// Mean loss of `net` on a batch, recomputed from scratch (the function being differentiated).
fn mean_loss(net: &Network, x: &Array2<f32>, y: &Array2<f32>, loss: Loss) -> f64 {
    let grads = net.backward(&net.forward(x.view()), y.view(), loss);
    f64::from(grads.loss)
}

/// A network with hidden layers of `hidden`, an output layer of `outputs` `output` neurons,
/// and a random batch with targets that suit `loss`.
fn gradient_case(
    hidden: Activation,
    output: Activation,
    outputs: usize,
    loss: Loss,
    batch: usize,
    seed: u64,
) -> (Network, Array2<f32>, Array2<f32>) {
    let net = Network::new(
        &Architecture::of(3, &[(4, hidden), (3, hidden), (outputs, output)]),
        seed,
    )
    .unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(seed + 100);
    let x = Array2::from_shape_simple_fn((batch, 3), || rng.random_range(-1.5f32..1.5));
    let y = match loss {
        Loss::Ce => Array2::from_shape_fn((batch, outputs), |(i, j)| {
            f32::from(u8::from(j == i % outputs))
        }),
        Loss::Bce => Array2::from_shape_fn((batch, outputs), |(i, j)| ((i + j) % 2) as f32),
        Loss::Mse => {
            Array2::from_shape_simple_fn((batch, outputs), || rng.random_range(-0.9f32..0.9))
        }
    };
    (net, x, y)
}

/// The gradient check: compares every ∂L/∂W and ∂L/∂b in `analytic` with a central finite
/// difference of the mean loss of `net` on `(x, y)`. `Err` names the first parameter that
/// disagrees, or says too few parameters were away from a ReLU kink to be compared.
fn check_against_finite_differences(
    net: &Network,
    x: &Array2<f32>,
    y: &Array2<f32>,
    loss: Loss,
    analytic: &Gradients,
) -> Result<(), String> {
    let h = 4e-3f32;
    let (mut checked, mut total) = (0usize, 0usize);
    for l in 0..net.layers.len() {
        let params = net.layers[l].weights.len() + net.layers[l].biases.len();
        for p in 0..params {
            let nudge = |delta: f32| {
                let mut n = net.clone();
                let wlen = n.layers[l].weights.len();
                if p < wlen {
                    let cols = n.layers[l].weights.ncols();
                    n.layers[l].weights[[p / cols, p % cols]] += delta;
                } else {
                    n.layers[l].biases[p - wlen] += delta;
                }
                mean_loss(&n, x, y, loss)
            };
            // Central difference computed in f64 from f32 forward passes. Where the two
            // one-sided slopes disagree, the nudge crossed a ReLU kink: no derivative to compare.
            let centre = mean_loss(net, x, y, loss);
            let (plus, minus) = (nudge(h), nudge(-h));
            let numeric = (plus - minus) / (2.0 * f64::from(h));
            let (right, left) = (
                (plus - centre) / f64::from(h),
                (centre - minus) / f64::from(h),
            );
            total += 1;
            if (right - left).abs() > 0.02 * right.abs().max(left.abs()).max(1e-2) {
                continue;
            }
            checked += 1;
            let wlen = analytic.layers[l].weights.len();
            let got = if p < wlen {
                let cols = analytic.layers[l].weights.ncols();
                analytic.layers[l].weights[[p / cols, p % cols]]
            } else {
                analytic.layers[l].biases[p - wlen]
            };
            let err = (f64::from(got) - numeric).abs();
            let scale = numeric.abs().max(f64::from(got).abs()).max(1e-2);
            if !(err / scale < 3e-2 || err < 5e-4) {
                return Err(format!(
                    "layer {l} param {p}: backprop {got} vs finite difference {numeric}"
                ));
            }
        }
    }
    if checked * 10 < total * 6 {
        return Err(format!(
            "only {checked} of {total} parameters were away from a kink"
        ));
    }
    Ok(())
}

/// Backpropagation through a fresh [`gradient_case`] passes the gradient check.
fn gradient_check(
    hidden: Activation,
    output: Activation,
    outputs: usize,
    loss: Loss,
    batch: usize,
    seed: u64,
) {
    let (net, x, y) = gradient_case(hidden, output, outputs, loss, batch, seed);
    let analytic = net.backward(&net.forward(x.view()), y.view(), loss);
    if let Err(problem) = check_against_finite_differences(&net, &x, &y, loss, &analytic) {
        panic!("{hidden}/{output}/{loss} batch {batch}: {problem}");
    }
}

#[test]
fn gradients_match_finite_differences_for_every_activation_and_loss() {
    let hidden = [
        Activation::Identity,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::LeakyRelu,
    ];
    let mse_outputs = [
        Activation::Identity,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::LeakyRelu,
        Activation::Softmax,
    ];
    for (i, &h) in hidden.iter().enumerate() {
        for (j, &o) in mse_outputs.iter().enumerate() {
            gradient_check(h, o, 3, Loss::Mse, 1 + (i + j) % 4, (i * 10 + j) as u64);
        }
        gradient_check(h, Activation::Sigmoid, 1, Loss::Bce, 5, i as u64);
        gradient_check(h, Activation::Sigmoid, 3, Loss::Bce, 2, i as u64 + 50);
        gradient_check(h, Activation::Softmax, 3, Loss::Ce, 6, i as u64 + 70);
        gradient_check(h, Activation::Softmax, 3, Loss::Ce, 1, i as u64 + 90);
    }
}

#[test]
fn gradient_check_would_catch_a_wrong_gradient() {
    // The oracle itself must be able to fail: the real gradient passes the check, and the same
    // gradient with one entry negated (the largest of a layer, weight or bias) fails it,
    // naming that entry.
    let (net, x, y) = gradient_case(Activation::Tanh, Activation::Sigmoid, 2, Loss::Bce, 3, 7);
    let real = net.backward(&net.forward(x.view()), y.view(), Loss::Bce);
    assert_eq!(
        check_against_finite_differences(&net, &x, &y, Loss::Bce, &real),
        Ok(()),
        "the real gradient passes"
    );
    for l in 0..net.layers.len() {
        let g = &real.layers[l];
        let params: Vec<f32> = g.weights.iter().chain(&g.biases).copied().collect();
        let (p, _) = params
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
            .unwrap();
        let mut wrong = real.clone();
        let wlen = g.weights.len();
        if p < wlen {
            let cols = g.weights.ncols();
            wrong.layers[l].weights[[p / cols, p % cols]] *= -1.0;
        } else {
            wrong.layers[l].biases[p - wlen] *= -1.0;
        }
        let verdict = check_against_finite_differences(&net, &x, &y, Loss::Bce, &wrong);
        let Err(problem) = verdict else {
            panic!("a negated ∂L/∂θ at layer {l} param {p} must fail the check");
        };
        assert!(
            problem.starts_with(&format!("layer {l} param {p}: backprop")),
            "the failure names the wrong entry (layer {l} param {p}): {problem}"
        );
    }
}

fn xor_trainer(
    layers: &[(usize, Activation)],
    optimizer: Optimizer,
    loss: Loss,
    lr: f32,
    seed: u64,
) -> Trainer {
    let data = Generator::Xor.generate(None, 0.0, 0).unwrap();
    let net = Network::new(&Architecture::of(2, layers), seed).unwrap();
    let config = TrainConfig {
        loss,
        optimizer,
        learning_rate: lr,
        l2: 0.0,
        batch_size: 4,
        seed,
    };
    Trainer::new(net, config, data, None).unwrap()
}

#[test]
fn single_layer_perceptron_cannot_fit_xor() {
    // Rosenblatt's rule, sample by sample, for many epochs: a line cannot separate XOR.
    for seed in 0..5 {
        let mut t = xor_trainer(
            &[(1, Activation::Step)],
            Optimizer::Perceptron,
            Loss::Mse,
            1.0,
            seed,
        );
        t.set_batch_size(1).unwrap();
        let mut best = 0.0f32;
        for _ in 0..200 {
            let record = t.step_epoch().unwrap();
            best = best.max(record.train_accuracy.unwrap());
        }
        assert!(
            best <= 0.75,
            "seed {seed}: a single-layer perceptron reached {best} on XOR"
        );
    }
    // Nor can a single sigmoid neuron trained by gradient descent.
    let mut t = xor_trainer(
        &[(1, Activation::Sigmoid)],
        Optimizer::ADAM,
        Loss::Bce,
        0.1,
        1,
    );
    for _ in 0..500 {
        t.step_epoch().unwrap();
    }
    let acc = t.history().last().unwrap().train_accuracy.unwrap();
    assert!(acc <= 0.75, "a single sigmoid neuron reached {acc} on XOR");
}

#[test]
fn perceptron_rule_learns_a_linearly_separable_problem() {
    let data = Generator::Linear.generate(Some(200), 0.0, 4).unwrap();
    let net = Network::new(&Architecture::of(2, &[(1, Activation::Step)]), 4).unwrap();
    let config = TrainConfig {
        loss: Loss::Mse,
        optimizer: Optimizer::Perceptron,
        learning_rate: 1.0,
        l2: 0.0,
        batch_size: 1,
        seed: 4,
    };
    let mut t = Trainer::new(net, config, data, None).unwrap();
    let mut acc = 0.0;
    for _ in 0..100 {
        acc = t.step_epoch().unwrap().train_accuracy.unwrap();
    }
    assert!(
        acc >= 0.97,
        "the perceptron convergence theorem: separable data is learned, got {acc}"
    );
}

#[test]
fn two_four_one_mlp_solves_xor() {
    let mut t = xor_trainer(
        &[(4, Activation::Tanh), (1, Activation::Sigmoid)],
        Optimizer::ADAM,
        Loss::Bce,
        0.05,
        1,
    );
    for _ in 0..300 {
        t.step_epoch().unwrap();
    }
    let acc = t.history().last().unwrap().train_accuracy.unwrap();
    assert!(
        (acc - 1.0).abs() < f32::EPSILON,
        "2-4-1 must solve XOR within 300 epochs, got {acc}"
    );
}

fn spiral_trainer(seed: u64) -> Trainer {
    let data = Generator::Spiral.generate(Some(1000), 0.0, 0).unwrap();
    let net = Network::new(
        &Architecture::of(
            2,
            &[
                (8, Activation::Tanh),
                (8, Activation::Tanh),
                (2, Activation::Softmax),
            ],
        ),
        seed,
    )
    .unwrap();
    let config = TrainConfig {
        loss: Loss::Ce,
        optimizer: Optimizer::ADAM,
        learning_rate: 0.01,
        l2: 0.0,
        batch_size: 16,
        seed,
    };
    Trainer::new(net, config, data, None).unwrap()
}

#[test]
fn spiral_is_learned_by_2_8_8_2() {
    let mut t = spiral_trainer(2);
    for _ in 0..300 {
        t.step_epoch().unwrap();
    }
    let acc = t.history().last().unwrap().train_accuracy.unwrap();
    assert!(acc >= 0.95, "2-8-8-2 tanh/softmax on the spiral: {acc}");
}

#[test]
fn same_seed_same_weights_bit_for_bit_other_seed_differs() {
    let run = |seed| {
        let mut t = spiral_trainer(seed);
        for _ in 0..3 {
            t.step_epoch().unwrap();
        }
        t.network().clone()
    };
    let a = run(5);
    let b = run(5);
    let c = run(6);
    let bits = |n: &Network| -> Vec<u32> {
        n.layers
            .iter()
            .flat_map(|l| l.weights.iter().chain(l.biases.iter()).map(|v| v.to_bits()))
            .collect()
    };
    assert_eq!(bits(&a), bits(&b), "same seed must reproduce every bit");
    assert_ne!(bits(&a), bits(&c), "another seed must give other weights");
}

#[test]
fn sample_steps_through_a_batch_match_one_batch_step() {
    let mut by_sample = spiral_trainer(9);
    let mut by_batch = spiral_trainer(9);
    for _ in 0..16 {
        by_sample.step_sample().unwrap();
    }
    by_batch.step_batch().unwrap();
    assert_eq!(
        by_sample.cursor(),
        by_batch.cursor(),
        "both finished the first mini-batch"
    );
    for (a, b) in by_sample
        .network()
        .layers
        .iter()
        .zip(&by_batch.network().layers)
    {
        let diff = (&a.weights - &b.weights)
            .mapv(f32::abs)
            .fold(0.0f32, |m, &v| m.max(v));
        assert!(
            diff < 1e-5,
            "accumulated per-sample gradients equal the batch gradient (diff {diff})"
        );
    }
}

#[test]
fn divergence_stops_with_a_clear_error_and_keeps_finite_weights() {
    let data = Generator::Gauss.generate(Some(100), 0.0, 0).unwrap();
    let net = Network::new(
        &Architecture::of(2, &[(8, Activation::Relu), (1, Activation::Identity)]),
        0,
    )
    .unwrap();
    let config = TrainConfig {
        loss: Loss::Mse,
        optimizer: Optimizer::Sgd,
        learning_rate: 1e5,
        l2: 0.0,
        batch_size: 10,
        seed: 0,
    };
    let mut t = Trainer::new(net, config, data, None).unwrap();
    let mut error = None;
    for _ in 0..50 {
        if let Err(e) = t.step_epoch() {
            error = Some(e);
            break;
        }
    }
    let Some(TrainError::Diverged { .. }) = &error else {
        panic!("a learning rate of 1e5 must diverge, got {error:?}");
    };
    let message = error.unwrap().to_string();
    assert!(
        message.contains("epoch 1") && message.contains("learning rate 100000"),
        "the message carries the facts: {message}"
    );
    assert!(
        !message.contains("Reset") && !message.contains("--lr"),
        "advice is worded by the app or the CLI, not the engine: {message}"
    );
    assert!(t.network().is_finite(), "the last good weights are kept");
    assert!(
        t.step_batch().is_err(),
        "a stopped trainer stays stopped until reset"
    );
}

/// The setting and message of a configuration refused for reason `why`.
fn refusal(why: &str, result: Result<impl std::fmt::Debug, ConfigError>) -> (String, String) {
    match result {
        Err(ConfigError::Invalid { setting, message }) => (setting, message),
        other => panic!("{why}: expected ConfigError::Invalid, got {other:?}"),
    }
}

#[test]
fn invalid_configurations_are_refused() {
    // Architectures: each is refused by the setting at fault, with a message saying why.
    let architectures = [
        (
            "too wide",
            Architecture::of(2, &[(5000, Activation::Tanh), (1, Activation::Sigmoid)]),
            "hidden layer 1",
            "needs 1 to 4096 neurons, got 5000",
        ),
        (
            "too deep",
            Architecture::of(2, &[(2, Activation::Tanh); 40]),
            "layers",
            "1 to 32 layers (hidden + output), got 40",
        ),
        (
            "softmax in a hidden layer",
            Architecture::of(2, &[(3, Activation::Softmax), (2, Activation::Softmax)]),
            "hidden layer 1",
            "softmax is for the output layer only",
        ),
    ];
    for (why, architecture, want_setting, want_message) in architectures {
        let (setting, message) = refusal(why, Network::new(&architecture, 0));
        assert_eq!(setting, want_setting, "{why}: the setting at fault");
        assert!(
            message.contains(want_message),
            "{why}: the message says '{want_message}': {message}"
        );
    }

    // Hyperparameters: refused by validation, and by the trainer with the same reason.
    let net = Network::new(
        &Architecture::of(2, &[(2, Activation::Tanh), (1, Activation::Sigmoid)]),
        0,
    )
    .unwrap();
    let data = Generator::Xor.generate(None, 0.0, 0).unwrap();
    let ok = TrainConfig {
        loss: Loss::Bce,
        optimizer: Optimizer::Sgd,
        learning_rate: 0.1,
        l2: 0.0,
        batch_size: 4,
        seed: 0,
    };
    assert!(
        Trainer::new(net.clone(), ok, data.clone(), None).is_ok(),
        "the reference configuration is valid"
    );
    let configs = [
        (
            "NaN learning rate",
            TrainConfig {
                learning_rate: f32::NAN,
                ..ok
            },
            "learning rate",
            "must be above 0 and at most 1000000, got NaN",
        ),
        (
            "batch size 0",
            TrainConfig {
                batch_size: 0,
                ..ok
            },
            "batch size",
            "must be at least 1",
        ),
        (
            "CE needs softmax",
            TrainConfig {
                loss: Loss::Ce,
                ..ok
            },
            "loss",
            "needs a softmax output layer, but the output is sigmoid",
        ),
        (
            "perceptron needs one step layer",
            TrainConfig {
                optimizer: Optimizer::Perceptron,
                ..ok
            },
            "optimizer",
            "the perceptron rule trains a single layer of step units",
        ),
    ];
    for (why, config, want_setting, want_message) in configs {
        let (setting, message) = refusal(why, config.validate(&net));
        assert_eq!(setting, want_setting, "{why}: the setting at fault");
        assert!(
            message.contains(want_message),
            "{why}: the message says '{want_message}': {message}"
        );
        match Trainer::new(net.clone(), config, data.clone(), None) {
            Err(TrainError::Mismatch(reason)) => assert!(
                reason.contains(want_setting) && reason.contains(want_message),
                "{why}: the trainer refuses with the same reason: {reason}"
            ),
            other => panic!("{why}: the trainer must refuse with a mismatch, got {other:?}"),
        }
    }
}
