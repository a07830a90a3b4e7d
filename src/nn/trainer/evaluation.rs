//! Looking without stepping: the evaluations of the whole training and test sets (here or,
//! as an [`EvaluationJob`], on another thread) and one sample's forward and backward pass.

use std::sync::Arc;

use super::{SamplePass, Trainer};
use crate::nn::Dataset;
use crate::nn::evaluate::{Evaluation, evaluate};
use crate::nn::{Loss, Network};

/// A snapshot of the network with the data it is evaluated on, to run anywhere
/// (see [`Trainer::evaluation_job`]).
#[derive(Debug, Clone)]
pub struct EvaluationJob {
    network: Network,
    loss: Loss,
    train: Arc<Dataset>,
    test: Option<Arc<Dataset>>,
}

impl EvaluationJob {
    /// The evaluations on the training set and on the test set (if any).
    pub fn run(&self) -> (Evaluation, Option<Evaluation>) {
        let train = evaluate(&self.network, &self.train, self.loss);
        let test = self
            .test
            .as_deref()
            .map(|t| evaluate(&self.network, t, self.loss));
        (train, test)
    }
}

impl Trainer {
    /// A recipe to evaluate the current network on another thread, sharing the data.
    pub fn evaluation_job(&self) -> EvaluationJob {
        EvaluationJob {
            network: self.network.clone(),
            loss: self.config.loss,
            train: Arc::clone(&self.train),
            test: self.test.clone(),
        }
    }

    /// Evaluates the current network on the training set.
    pub fn evaluate_train(&self) -> Evaluation {
        evaluate(&self.network, &self.train, self.config.loss)
    }

    /// Evaluates the current network on the test set, if there is one.
    pub fn evaluate_test(&self) -> Option<Evaluation> {
        self.test
            .as_deref()
            .map(|t| evaluate(&self.network, t, self.config.loss))
    }

    /// Forward and backward pass of training sample `index` with the current weights, exactly
    /// as a sample step would compute it, changing nothing: what the network view shows.
    pub fn inspect_sample(&self, index: usize) -> SamplePass {
        let index = index.min(self.train.len().saturating_sub(1));
        let rows = ndarray::s![index..=index, ..];
        let trace = self.network.forward(self.train.features.slice(rows));
        let target = self.train_targets.slice(rows).to_owned();
        let mut grads = self.network.gradients_for(1);
        self.network.backward_in_place(
            &trace,
            target.view(),
            self.config.error_signal(),
            &mut grads,
        );
        SamplePass {
            trace,
            grads,
            target,
        }
    }
}
