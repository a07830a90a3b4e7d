//! The speed paths compute the engine's maths: a large mini-batch (its products cut in halves
//! on two threads) steps by the gradient of the whole batch, a large forward pass run in chunks
//! gives each row's own forward pass, and the number of threads never changes a result.

use std::process::Command;

use ndarray::{Array2, Axis};
use perceptron_lab::data::Dataset;
use perceptron_lab::nn::{
    Activation, Architecture, LARGE_PRODUCT, Loss, Network, Optimizer, TrainConfig, Trainer,
    matmul_threads, shuffled_order, two_thread_runs,
};
use rand::{RngExt as _, SeedableRng as _};
use rand_chacha::ChaCha8Rng;

fn random_inputs(rows: usize, cols: usize, seed: u64) -> Array2<f32> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    Array2::from_shape_simple_fn((rows, cols), || rng.random_range(-2.0f32..2.0))
}

/// A 100-256-3 network and a batch of 64 make 64 × 25 600 multiply-adds in the widest
/// product, enough for it to be cut in two halves on two threads.
#[test]
fn a_large_batch_step_equals_the_whole_batch_gradient_step() {
    let architecture = Architecture::of(100, &[(256, Activation::Tanh), (3, Activation::Softmax)]);
    let n = 96;
    let features = random_inputs(n, 100, 7);
    let labels: Vec<usize> = (0..n).map(|i| (i * 7 + i / 5) % 3).collect();
    let data = Dataset::classification(
        (0..100).map(|i| format!("x{i}")).collect(),
        features.clone(),
        vec!["a".into(), "b".into(), "c".into()],
        labels.clone(),
    );
    let config = TrainConfig {
        loss: Loss::Ce,
        optimizer: Optimizer::Sgd,
        learning_rate: 0.5,
        l2: 0.0,
        batch_size: 64,
        seed: 3,
    };
    let network = Network::new(&architecture, 3).unwrap();
    let mut trainer = Trainer::new(network.clone(), config, data, None).unwrap();
    let step = trainer.step_batch().unwrap();
    assert_eq!(step.samples, 64, "a full batch was stepped");

    // The same step computed directly: the whole batch's gradient in one backward pass.
    let rows = &shuffled_order(3, 0, n)[..64];
    let x = features.select(Axis(0), rows);
    let y = Array2::from_shape_fn((64, 3), |(i, j)| f32::from(u8::from(labels[rows[i]] == j)));
    let grads = network.backward(&network.forward(x.view()), y.view(), Loss::Ce);
    assert!(
        (step.loss - grads.loss).abs() <= 1e-6 * grads.loss.abs().max(1.0),
        "the step's loss {} is the batch loss {}",
        step.loss,
        grads.loss
    );
    let mut largest_change = 0.0f32;
    for ((got, before), g) in trainer
        .network()
        .layers
        .iter()
        .zip(&network.layers)
        .zip(&grads.layers)
    {
        let want = &before.weights - &(&g.weights * 0.5);
        for (a, b) in got.weights.iter().zip(&want) {
            assert!((a - b).abs() < 1e-6, "weight {a} vs whole-batch step {b}");
        }
        let want_b = &before.biases - &(&g.biases * 0.5);
        for (a, b) in got.biases.iter().zip(&want_b) {
            assert!((a - b).abs() < 1e-6, "bias {a} vs whole-batch step {b}");
        }
        largest_change = (&got.weights - &before.weights)
            .iter()
            .fold(largest_change, |m, v| m.max(v.abs()));
    }
    assert!(
        largest_change > 1e-3,
        "the step moved the weights (by up to {largest_change})"
    );
}

/// A 5000-row forward pass runs in chunks on two threads; every row equals that row's own
/// forward pass bit for bit (the small-network loops compute each row independently).
#[test]
fn a_chunked_forward_pass_equals_each_rows_own_pass() {
    let network = Network::new(
        &Architecture::of(
            2,
            &[
                (8, Activation::Tanh),
                (8, Activation::Relu),
                (3, Activation::Softmax),
            ],
        ),
        5,
    )
    .unwrap();
    let x = random_inputs(5000, 2, 9);
    let whole = network.forward(x.view());
    let output = network.forward_output(x.view());
    assert_eq!(
        &output,
        whole.layers.last().unwrap(),
        "the output-only pass equals the full pass's output layer"
    );
    for i in (0..5000).step_by(37).chain([4095, 4096, 4999]) {
        let one = network.forward(x.slice(ndarray::s![i..=i, ..]));
        for (l, (a, b)) in whole.layers.iter().zip(&one.layers).enumerate() {
            assert_eq!(
                a.z.row(i),
                b.z.row(0),
                "layer {l} z of row {i} equals its own pass"
            );
            assert_eq!(
                a.a.row(i),
                b.a.row(0),
                "layer {l} a of row {i} equals its own pass"
            );
        }
    }
}

/// Where [`train_with_this_process_threads`] saves the bits of its weights; set only in the child
/// processes of [`one_thread_or_two_give_the_same_weights_bit_for_bit`].
const CHILD_OUTPUT: &str = "PERCEPTRON_LAB_TEST_THREADS_OUTPUT";

/// The child half of [`one_thread_or_two_give_the_same_weights_bit_for_bit`]: the number of
/// threads is fixed once per process (`MATMUL_NUM_THREADS`), so each count trains in a test
/// process of its own. Checks that the thread count took effect and that the products were
/// (or, on one thread, were not) shared between two threads, then saves every weight's bits.
#[test]
#[ignore = "run in a child process by one_thread_or_two_give_the_same_weights_bit_for_bit"]
fn train_with_this_process_threads() {
    let Some(output) = std::env::var_os(CHILD_OUTPUT) else {
        return;
    };
    let threads: usize = std::env::var("MATMUL_NUM_THREADS")
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        matmul_threads(),
        threads,
        "MATMUL_NUM_THREADS={threads} sets the threads for the split products"
    );
    // 64 samples × 64 inputs × 512 neurons: the first layer's products are cut in halves.
    let (n, inputs, hidden, batch) = (256, 64, 512, 64);
    assert!(
        batch * inputs * hidden > LARGE_PRODUCT,
        "the first layer's products are large enough to be split"
    );
    let labels: Vec<usize> = (0..n).map(|i| (i * 7 + i / 3) % 10).collect();
    let data = Dataset::classification(
        (0..inputs).map(|i| format!("x{i}")).collect(),
        random_inputs(n, inputs, 11),
        (0..10).map(|c| c.to_string()).collect(),
        labels,
    );
    let architecture = Architecture::of(
        inputs,
        &[(hidden, Activation::Relu), (10, Activation::Softmax)],
    );
    let config = TrainConfig {
        loss: Loss::Ce,
        optimizer: Optimizer::Sgd,
        learning_rate: 0.1,
        l2: 0.0,
        batch_size: batch,
        seed: 1,
    };
    let network = Network::new(&architecture, 1).unwrap();
    let mut trainer = Trainer::new(network, config, data, None).unwrap();
    let before = two_thread_runs();
    trainer.step_batch().unwrap();
    let shared = two_thread_runs() - before;
    // The first layer's z = a·Wᵀ + b and ∂L/∂W = δᵀ·a are large; the output layer's are not,
    // and no error is sent down below the first layer.
    let want = if threads == 2 { 2 } else { 0 };
    assert_eq!(
        shared, want,
        "on {threads} thread(s), a batch step shares {want} products between two threads"
    );
    trainer.step_epoch().unwrap();
    let bits: Vec<String> = trainer
        .network()
        .layers
        .iter()
        .flat_map(|l| l.weights.iter().chain(&l.biases))
        .map(|v| format!("{:08x}", v.to_bits()))
        .collect();
    std::fs::write(output, bits.join("\n")).unwrap();
}

/// Trains a network large enough for split products on one thread and on two (each in a child
/// process running [`train_with_this_process_threads`]) and compares the saved weights.
#[test]
fn one_thread_or_two_give_the_same_weights_bit_for_bit() {
    let dir = tempfile::tempdir().unwrap();
    let mut weights = Vec::new();
    for threads in ["1", "2"] {
        let path = dir.path().join(format!("t{threads}.ron"));
        let out = Command::new(std::env::current_exe().unwrap())
            .env("MATMUL_NUM_THREADS", threads)
            .env(CHILD_OUTPUT, &path)
            .args([
                "train_with_this_process_threads",
                "--exact",
                "--ignored",
                "--test-threads=1",
            ])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("1 passed"),
            "training on {threads} thread(s) failed: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        weights.push(std::fs::read_to_string(&path).unwrap());
    }
    assert!(
        !weights[0].is_empty() && weights[0] == weights[1],
        "every weight and bias has the same bits on one thread and two"
    );
}
