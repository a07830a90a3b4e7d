//! Fixed benchmark workloads (`perceptron-lab bench`): the same training runs on every
//! machine, timed without the data generation, so speed is measured, never guessed. The
//! `serve` workload (an HTTP load on the model server) lives in `bench/serve_load.rs`, the
//! `csv-import` workload (a generated MNIST-shaped CSV) in `bench/csv_import.rs`.

pub mod csv_import;
pub mod serve_load;

use std::time::Instant;

use ndarray::Array2;
use rand::{RngExt as _, SeedableRng as _};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::data::builtin::Generator;
use crate::data::{DataSource, Dataset};
use crate::nn::{
    Activation, Architecture, Loss, Network, Optimizer, TrainConfig, TrainError, Trainer,
};

/// One benchmark workload: a dataset recipe plus a fixed network and training schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workload {
    /// 2-class spiral, 1000 samples; 2-8-8-2 tanh/softmax; SGD 0.03, batch 10; 200 epochs.
    SpiralTiny,
    /// The bundled digits, pixels / 16, first 1437 rows for training; 64-32-10 ReLU/softmax;
    /// Adam 0.001, batch 32; 50 epochs.
    Digits,
    /// 60 000 × 784 synthetic inputs; 784-128-64-10 ReLU/softmax; SGD 0.05, batch 64; 1 epoch.
    MnistScale,
}

impl Workload {
    /// Every workload, by its command-line name.
    pub const ALL: [(&'static str, Self); 3] = [
        ("spiral-tiny", Self::SpiralTiny),
        ("digits", Self::Digits),
        ("mnist-scale", Self::MnistScale),
    ];

    /// The command-line name.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, w)| *w == self)
            .map_or("?", |(n, _)| n)
    }
}

/// What one benchmark run measured.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    /// Workload name.
    pub workload: String,
    /// Median training wall time over the repeats, in seconds.
    pub seconds: f64,
    /// Training samples processed per second (epochs × samples / seconds).
    pub samples_per_sec: f64,
    /// Training loss after the last epoch.
    pub final_loss: f32,
    /// Accuracy after the last epoch (test set if there is one, else training set).
    pub accuracy: f32,
    /// Threads used for the matrix products.
    pub threads: usize,
}

/// Data, network shape, hyperparameters and epochs of a workload.
struct Setup {
    train: Dataset,
    test: Option<Dataset>,
    architecture: Architecture,
    config: TrainConfig,
    epochs: usize,
}

fn setup(workload: Workload) -> Result<Setup, String> {
    let sgd = |learning_rate, batch_size| TrainConfig {
        loss: Loss::Ce,
        optimizer: Optimizer::Sgd,
        learning_rate,
        l2: 0.0,
        batch_size,
        seed: 1,
    };
    match workload {
        Workload::SpiralTiny => {
            let train = Generator::Spiral
                .generate(Some(1000), 0.0, 1)
                .map_err(|e| e.to_string())?;
            Ok(Setup {
                train,
                test: None,
                architecture: Architecture::of(
                    2,
                    &[
                        (8, Activation::Tanh),
                        (8, Activation::Tanh),
                        (2, Activation::Softmax),
                    ],
                ),
                config: sgd(0.03, 10),
                epochs: 200,
            })
        }
        Workload::Digits => {
            let (train, test) = digits_split()?;
            Ok(Setup {
                train,
                test: Some(test),
                architecture: Architecture::of(
                    64,
                    &[(32, Activation::Relu), (10, Activation::Softmax)],
                ),
                config: TrainConfig {
                    optimizer: Optimizer::ADAM,
                    ..sgd(0.001, 32)
                },
                epochs: 50,
            })
        }
        Workload::MnistScale => Ok(Setup {
            train: synthetic_mnist(60_000, 1),
            test: None,
            architecture: Architecture::of(
                784,
                &[
                    (128, Activation::Relu),
                    (64, Activation::Relu),
                    (10, Activation::Softmax),
                ],
            ),
            config: sgd(0.05, 64),
            epochs: 1,
        }),
    }
}

/// The bundled digits with raw pixels divided by 16: rows 0..1437 train, the rest test.
fn digits_split() -> Result<(Dataset, Dataset), String> {
    let mut options = crate::data::Bundled::Digits.default_options();
    options.scale = crate::data::Scale::None;
    let source = DataSource::Bundled {
        name: crate::data::Bundled::Digits,
        options,
        preprocessing: None,
    };
    let mut all = source.load(0.0, 0).map_err(|e| e.to_string())?.train;
    if all.len() != 1797 {
        return Err(format!(
            "the bundled digits have {} rows, expected 1797",
            all.len()
        ));
    }
    all.features.mapv_inplace(|p| p / 16.0);
    let rows: Vec<usize> = all.source_rows.clone();
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by_key(|&i| rows[i]);
    Ok((all.select(&order[..1437]), all.select(&order[1437..])))
}

/// `n` inputs uniform in [0, 1)⁷⁸⁴, labelled by the argmax of a fixed random linear map, so
/// the problem is learnable.
pub fn synthetic_mnist(n: usize, seed: u64) -> Dataset {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let map = Array2::from_shape_simple_fn((784, 10), || rng.random_range(-1.0f32..1.0));
    let features = Array2::from_shape_simple_fn((n, 784), || rng.random::<f32>());
    let scores = features.dot(&map);
    let labels = scores
        .rows()
        .into_iter()
        .map(|r| crate::nn::argmax(r.iter().copied()))
        .collect();
    Dataset::classification(
        (0..784).map(|i| format!("p{i}")).collect(),
        features,
        (0..10).map(|d| d.to_string()).collect(),
        labels,
    )
}

/// Runs `workload` `repeat` times and reports the median training time.
pub fn run(workload: Workload, repeat: usize) -> Result<BenchReport, String> {
    let s = setup(workload)?;
    let mut times = Vec::with_capacity(repeat);
    let mut last = None;
    for _ in 0..repeat.max(1) {
        let network = Network::new(&s.architecture, s.config.seed).map_err(|e| e.to_string())?;
        let mut trainer = Trainer::new(network, s.config, s.train.clone(), s.test.clone())
            .map_err(|e| e.to_string())?;
        // Time the training alone; the metrics are computed once, after the clock stops.
        trainer.set_epoch_evaluation(false);
        let start = Instant::now();
        for _ in 0..s.epochs {
            trainer
                .step_epoch()
                .map_err(|e: TrainError| e.to_string())?;
        }
        times.push(start.elapsed().as_secs_f64());
        last = Some(trainer);
    }
    times.sort_by(f64::total_cmp);
    let seconds = times[times.len() / 2];
    let trainer = last.ok_or("no run")?;
    let train = trainer.evaluate_train();
    let accuracy = trainer
        .evaluate_test()
        .unwrap_or_else(|| train.clone())
        .accuracy();
    Ok(BenchReport {
        workload: workload.name().to_owned(),
        seconds,
        samples_per_sec: (s.epochs * s.train.len()) as f64 / seconds,
        final_loss: train.loss,
        accuracy: accuracy.unwrap_or(0.0),
        threads: threads_used(&s),
    })
}

/// Median time to compute what the network view redraws for 2-D data: the 200×200 decision
/// grid and the 64×64 response map of every hidden neuron of a 2-8-8-2 tanh network.
pub fn boundary_seconds(repeat: usize) -> Result<f64, String> {
    let data = Generator::Spiral
        .generate(Some(200), 0.0, 1)
        .map_err(|e| e.to_string())?;
    let architecture = Architecture::of(
        2,
        &[
            (8, Activation::Tanh),
            (8, Activation::Tanh),
            (2, Activation::Softmax),
        ],
    );
    let network = Network::new(&architecture, 1).map_err(|e| e.to_string())?;
    let bounds = crate::session::PlaneBounds::around([&data]).ok_or("no bounds")?;
    let mut times = Vec::with_capacity(repeat);
    for _ in 0..repeat.max(1) {
        let start = Instant::now();
        let grid = crate::session::decision_grid(&network, &bounds, 200);
        let maps = crate::session::plane_trace(&network, &bounds, 64);
        times.push(start.elapsed().as_secs_f64());
        std::hint::black_box((grid, maps));
    }
    times.sort_by(f64::total_cmp);
    Ok(times[times.len() / 2])
}

/// Threads the workload trains on: a product is split across two threads only when it is
/// large (see `nn::LARGE_PRODUCT`); small ones stay on one.
fn threads_used(s: &Setup) -> usize {
    let mut fan_in = s.architecture.inputs;
    let mut widest = 0;
    for layer in &s.architecture.layers {
        widest = widest.max(fan_in * layer.width);
        fan_in = layer.width;
    }
    if s.config.batch_size >= 2 && s.config.batch_size * widest > crate::nn::LARGE_PRODUCT {
        crate::nn::matmul_threads()
    } else {
        1
    }
}
