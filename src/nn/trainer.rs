//! The trainer: walks the training set with a cursor (epoch, batch, sample), one sample, one
//! mini-batch or one epoch at a time, and records the per-epoch history.

use std::sync::Arc;

use ndarray::Array2;
use rand::SeedableRng as _;
use rand::seq::SliceRandom as _;
use rand_chacha::ChaCha8Rng;

use super::Dataset;
use super::evaluate::{Evaluation, evaluate};
use super::linalg::array_finite;
use super::{ConfigError, Gradients, Network, OptimizerState, TrainError};

mod config;
mod records;
mod workspace;

pub use config::{MAX_LEARNING_RATE, TrainConfig};
pub use records::{BatchStep, Cursor, EpochRecord, SamplePass, SampleStep};
use workspace::Workspace;

/// A snapshot of the network with the data it is evaluated on, to run anywhere
/// (see [`Trainer::evaluation_job`]).
#[derive(Debug, Clone)]
pub struct EvaluationJob {
    network: Network,
    loss: crate::nn::Loss,
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

/// Trains a network on a dataset, step by step.
#[derive(Debug, Clone)]
pub struct Trainer {
    network: Network,
    config: TrainConfig,
    state: OptimizerState,
    /// Shared (not copied) with evaluations running on other threads.
    train: Arc<Dataset>,
    test: Option<Arc<Dataset>>,
    train_targets: Array2<f32>,
    cursor: Cursor,
    order: Vec<usize>,
    history: Vec<EpochRecord>,
    /// Sum of per-sample gradients while a batch is stepped through sample by sample.
    pending: Option<Gradients>,
    /// Buffers for the full batch size and for the smaller last batch of an epoch.
    workspaces: Vec<Workspace>,
    /// Weights and optimizer state at the start of the epoch, restored if an update ever
    /// produces non-finite weights.
    epoch_start: (Network, OptimizerState),
    stopped: Option<TrainError>,
    /// Evaluate the whole training and test sets at the end of every epoch (the default).
    /// Off, an epoch's record holds the running mean of its batch losses and no accuracy:
    /// for timing the training itself.
    evaluate_each_epoch: bool,
    /// Sum over this epoch's updates of (batch mean loss × batch size).
    epoch_loss_sum: f64,
}

impl Trainer {
    /// A trainer at the very start: fresh state, cursor at epoch 0.
    pub fn new(
        network: Network,
        config: TrainConfig,
        train: Dataset,
        test: Option<Dataset>,
    ) -> Result<Self, TrainError> {
        let state = OptimizerState::new(config.optimizer, &network);
        Self::resume(
            network,
            config,
            state,
            train,
            test,
            Cursor::default(),
            Vec::new(),
        )
    }

    /// A trainer continuing from saved state (see the experiment file).
    pub fn resume(
        network: Network,
        config: TrainConfig,
        state: OptimizerState,
        train: Dataset,
        test: Option<Dataset>,
        cursor: Cursor,
        history: Vec<EpochRecord>,
    ) -> Result<Self, TrainError> {
        config
            .validate(&network)
            .map_err(|e| TrainError::Mismatch(e.to_string()))?;
        check_fits(&network, &train, "training")?;
        if let Some(test) = &test {
            check_fits(&network, test, "test")?;
        }
        if !state.fits(config.optimizer, &network) {
            return Err(TrainError::Mismatch(
                "the optimizer state does not fit the network".into(),
            ));
        }
        if train.is_empty() {
            return Err(TrainError::Mismatch("the training set is empty".into()));
        }
        if cursor.sample > train.len() || cursor.batch_start > cursor.sample {
            return Err(TrainError::Mismatch(format!(
                "the cursor (sample {}) lies outside the {} training samples",
                cursor.sample,
                train.len()
            )));
        }
        let train_targets = train.target_matrix(network.outputs());
        let order = shuffled_order(config.seed, cursor.epoch, train.len());
        let epoch_start = (network.clone(), state.clone());
        let mut trainer = Self {
            network,
            config,
            state,
            train: Arc::new(train),
            test: test.map(Arc::new),
            train_targets,
            cursor,
            order,
            history,
            pending: None,
            workspaces: Vec::new(),
            epoch_start,
            stopped: None,
            evaluate_each_epoch: true,
            epoch_loss_sum: 0.0,
        };
        // A batch half stepped through when saved is replayed, so its gradient sum is exact.
        let mid = trainer.cursor.sample - trainer.cursor.batch_start;
        if mid > 0 {
            trainer.cursor.sample = trainer.cursor.batch_start;
            for _ in 0..mid {
                trainer.accumulate_next_sample()?;
            }
        }
        Ok(trainer)
    }

    /// The network being trained.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// The hyperparameters.
    pub fn config(&self) -> &TrainConfig {
        &self.config
    }

    /// The optimizer's running state.
    pub fn optimizer_state(&self) -> &OptimizerState {
        &self.state
    }

    /// Where the trainer is.
    pub fn cursor(&self) -> Cursor {
        self.cursor
    }

    /// One record per completed epoch.
    pub fn history(&self) -> &[EpochRecord] {
        &self.history
    }

    /// The training set.
    pub fn train_data(&self) -> &Dataset {
        &self.train
    }

    /// The test set, if any.
    pub fn test_data(&self) -> Option<&Dataset> {
        self.test.as_deref()
    }

    /// A recipe to evaluate the current network on another thread, sharing the data.
    pub fn evaluation_job(&self) -> EvaluationJob {
        EvaluationJob {
            network: self.network.clone(),
            loss: self.config.loss,
            train: Arc::clone(&self.train),
            test: self.test.clone(),
        }
    }

    /// Why training stopped, if it did (divergence).
    pub fn stopped(&self) -> Option<&TrainError> {
        self.stopped.as_ref()
    }

    /// The training-set index of the sample the next sample step will use.
    pub fn next_sample(&self) -> usize {
        self.order[self.cursor.sample.min(self.order.len() - 1)]
    }

    /// The training-set indices of the current mini-batch, in order (those already stepped
    /// through and those still to come).
    pub fn current_batch(&self) -> &[usize] {
        let end = (self.cursor.batch_start + self.config.batch_size).min(self.order.len());
        &self.order[self.cursor.batch_start..end]
    }

    /// Updates (mini-batches) in a full epoch at the current batch size.
    pub fn batches_per_epoch(&self) -> usize {
        self.train.len().div_ceil(self.config.batch_size)
    }

    /// Turns the end-of-epoch evaluation of the whole training and test sets on or off.
    pub fn set_epoch_evaluation(&mut self, on: bool) {
        self.evaluate_each_epoch = on;
    }

    /// Changes the learning rate from the next update on.
    pub fn set_learning_rate(&mut self, learning_rate: f32) -> Result<(), ConfigError> {
        let config = TrainConfig {
            learning_rate,
            ..self.config
        };
        config.validate(&self.network)?;
        self.config = config;
        Ok(())
    }

    /// Changes the batch size from the next mini-batch on.
    pub fn set_batch_size(&mut self, batch_size: usize) -> Result<(), ConfigError> {
        let config = TrainConfig {
            batch_size,
            ..self.config
        };
        config.validate(&self.network)?;
        self.config = config;
        Ok(())
    }

    /// Changes the L2 weight decay from the next update on.
    pub fn set_l2(&mut self, l2: f32) -> Result<(), ConfigError> {
        let config = TrainConfig { l2, ..self.config };
        config.validate(&self.network)?;
        self.config = config;
        Ok(())
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

    /// Forward and backward pass of one sample, applying the update when it completes the
    /// current mini-batch.
    pub fn step_sample(&mut self) -> Result<SampleStep, TrainError> {
        self.check_running()?;
        let (index, loss) = self.accumulate_next_sample()?;
        let batch_end = (self.cursor.batch_start + self.config.batch_size).min(self.order.len());
        let mut updated = false;
        let mut epoch_end = None;
        if self.cursor.sample >= batch_end
            && let Some(mut sum) = self.pending.take()
        {
            let count = (self.cursor.sample - self.cursor.batch_start) as f32;
            for layer in &mut sum.layers {
                layer.weights /= count;
                layer.biases /= count;
            }
            self.apply_update(&sum)?;
            updated = true;
            epoch_end = self.finish_batch();
        }
        Ok(SampleStep {
            index,
            loss,
            updated,
            epoch_end,
        })
    }

    /// One mini-batch: forward and backward as matrices, then one update. If a batch is
    /// half stepped through sample by sample, completes it instead.
    pub fn step_batch(&mut self) -> Result<BatchStep, TrainError> {
        self.check_running()?;
        if self.pending.is_some() {
            let samples = self.cursor.sample - self.cursor.batch_start;
            let mut loss_sum = 0.0;
            let mut count = samples;
            loop {
                let step = self.step_sample()?;
                loss_sum += step.loss;
                count += 1;
                if step.updated {
                    return Ok(BatchStep {
                        loss: loss_sum / (count - samples) as f32,
                        samples: count,
                        epoch_end: step.epoch_end,
                    });
                }
            }
        }
        let start = self.cursor.sample;
        let end = (start + self.config.batch_size).min(self.order.len());
        let rows = end - start;
        let slot = self.workspace_slot(rows);
        let signal = self.config.error_signal();
        self.workspaces[slot].run(
            &self.network,
            &self.train.features,
            &self.train_targets,
            &self.order[start..end],
            signal,
        );
        let ws = std::mem::replace(&mut self.workspaces[slot], Workspace::empty());
        let loss = ws.grads.loss;
        self.epoch_loss_sum += f64::from(loss) * rows as f64;
        let result = self
            .check_gradients(&ws.grads)
            .and_then(|()| self.apply_update(&ws.grads));
        self.workspaces[slot] = ws;
        result?;
        self.cursor.sample = end;
        let epoch_end = self.finish_batch();
        Ok(BatchStep {
            loss,
            samples: rows,
            epoch_end,
        })
    }

    /// Steps batches until the current epoch ends; returns its record.
    pub fn step_epoch(&mut self) -> Result<EpochRecord, TrainError> {
        loop {
            if let Some(record) = self.step_batch()?.epoch_end {
                return Ok(record);
            }
        }
    }

    fn check_running(&self) -> Result<(), TrainError> {
        match &self.stopped {
            Some(e) => Err(e.clone()),
            None => Ok(()),
        }
    }

    /// Forward/backward of the next sample, adding its gradients to the pending sum.
    fn accumulate_next_sample(&mut self) -> Result<(usize, f32), TrainError> {
        let index = self.order[self.cursor.sample];
        let slot = self.workspace_slot(1);
        let signal = self.config.error_signal();
        let ws = &mut self.workspaces[slot];
        ws.run(
            &self.network,
            &self.train.features,
            &self.train_targets,
            &[index],
            signal,
        );
        let grads = ws.grads.clone();
        self.check_gradients(&grads)?;
        self.epoch_loss_sum += f64::from(grads.loss);
        match &mut self.pending {
            Some(sum) => {
                for (s, g) in sum.layers.iter_mut().zip(&grads.layers) {
                    s.weights += &g.weights;
                    s.biases += &g.biases;
                }
            }
            None => self.pending = Some(grads.clone()),
        }
        self.cursor.sample += 1;
        Ok((index, grads.loss))
    }

    fn workspace_slot(&mut self, rows: usize) -> usize {
        if let Some(i) = self.workspaces.iter().position(|w| w.rows() == rows) {
            return i;
        }
        let ws = Workspace::new(&self.network, rows);
        // Keep at most the full-batch and last-batch buffers plus the single-sample one.
        if self.workspaces.len() >= 3 {
            self.workspaces.remove(0);
        }
        self.workspaces.push(ws);
        self.workspaces.len() - 1
    }

    fn diverged(&mut self, what: String) -> TrainError {
        let error = TrainError::Diverged {
            epoch: self.cursor.epoch + 1,
            batch: self.cursor.batch + 1,
            what,
            learning_rate: self.config.learning_rate,
        };
        self.pending = None;
        self.cursor.sample = self.cursor.batch_start;
        self.stopped = Some(error.clone());
        error
    }

    fn check_gradients(&mut self, grads: &Gradients) -> Result<(), TrainError> {
        if !grads.loss.is_finite() {
            return Err(self.diverged(format!("the loss became {}", grads.loss)));
        }
        let finite = grads
            .layers
            .iter()
            .all(|l| array_finite(&l.weights) && array_finite(&l.biases));
        if !finite {
            return Err(self.diverged("a gradient became infinite".into()));
        }
        Ok(())
    }

    fn apply_update(&mut self, grads: &Gradients) -> Result<(), TrainError> {
        self.state.apply(
            self.config.optimizer,
            &mut self.network,
            grads,
            self.config.learning_rate,
            self.config.l2,
        );
        if !self.network.is_finite() {
            (self.network, self.state) = self.epoch_start.clone();
            self.cursor.sample = 0;
            self.cursor.batch = 0;
            self.cursor.batch_start = 0;
            return Err(self.diverged(
                "a weight became infinite (the weights from the start of this epoch are restored)"
                    .into(),
            ));
        }
        Ok(())
    }

    /// Advances the cursor past a completed update; at the end of the data, closes the epoch.
    fn finish_batch(&mut self) -> Option<EpochRecord> {
        self.cursor.batch += 1;
        self.cursor.batch_start = self.cursor.sample;
        if self.cursor.sample < self.order.len() {
            return None;
        }
        let record = if self.evaluate_each_epoch {
            let train = self.evaluate_train();
            let test = self.evaluate_test();
            EpochRecord {
                epoch: self.cursor.epoch + 1,
                train_loss: train.loss,
                train_accuracy: train.accuracy(),
                test_loss: test.as_ref().map(|t| t.loss),
                test_accuracy: test.as_ref().and_then(Evaluation::accuracy),
            }
        } else {
            EpochRecord {
                epoch: self.cursor.epoch + 1,
                train_loss: (self.epoch_loss_sum / self.order.len() as f64) as f32,
                train_accuracy: None,
                test_loss: None,
                test_accuracy: None,
            }
        };
        self.epoch_loss_sum = 0.0;
        self.history.push(record);
        self.cursor = Cursor {
            epoch: self.cursor.epoch + 1,
            ..Cursor::default()
        };
        self.order = shuffled_order(self.config.seed, self.cursor.epoch, self.train.len());
        self.epoch_start = (self.network.clone(), self.state.clone());
        Some(record)
    }
}

fn check_fits(network: &Network, data: &Dataset, which: &str) -> Result<(), TrainError> {
    if data.num_features() != network.inputs() {
        return Err(TrainError::Mismatch(format!(
            "the {which} set has {} features but the network has {} inputs",
            data.num_features(),
            network.inputs()
        )));
    }
    if let Some(names) = data.class_names() {
        let outputs = network.outputs();
        if !(outputs == names.len() || (outputs == 1 && names.len() == 2)) {
            return Err(TrainError::Mismatch(format!(
                "the {which} set has {} classes but the network has {outputs} outputs",
                names.len()
            )));
        }
    }
    if !array_finite(&data.features) {
        return Err(TrainError::Mismatch(format!(
            "the {which} set contains NaN or infinite values"
        )));
    }
    Ok(())
}

/// The order in which epoch `epoch` visits the samples: a shuffle seeded by (seed, epoch),
/// so any epoch's order can be recomputed without replaying the ones before it.
pub fn shuffled_order(seed: u64, epoch: usize, n: usize) -> Vec<usize> {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    key[8..16].copy_from_slice(&(epoch as u64).to_le_bytes());
    key[16..24].copy_from_slice(b"shuffle\0");
    let mut rng = ChaCha8Rng::from_seed(key);
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(&mut rng);
    order
}
