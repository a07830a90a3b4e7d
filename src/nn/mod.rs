//! The engine: layers, activations, losses, optimizers, initialisation, the forward trace,
//! backpropagation, the trainer and metrics. Knows nothing of the UI.

mod activation;
mod dataset;
mod error;
mod evaluate;
mod init;
mod linalg;
pub use linalg::{LARGE as LARGE_PRODUCT, matmul_threads, two_thread_runs};
mod loss;
mod metrics;
mod network;
mod optimizer;
mod trainer;

pub use activation::{Activation, LEAKY_SLOPE, sigmoid, tanh};
pub use dataset::{Dataset, Target};
pub use error::{ConfigError, TrainError};
pub use evaluate::{Evaluation, evaluate};
pub use loss::Loss;
pub use metrics::{ClassificationMetrics, RegressionMetrics};
pub use network::{
    Architecture, ErrorSignal, ForwardTrace, Gradients, Layer, LayerGradients, LayerSpec,
    LayerTrace, MAX_INPUTS, MAX_LAYERS, MAX_NEURONS, MAX_PARAMETERS, Network, argmax, layer_name,
};
pub use optimizer::{Moments, Optimizer, OptimizerState};
pub use trainer::{
    BatchStep, Cursor, EpochRecord, EvaluationJob, MAX_LEARNING_RATE, SamplePass, SampleStep,
    Snapshot, TrainConfig, Trainer, shuffled_order,
};
