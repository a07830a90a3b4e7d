//! Stepping: one sample, one mini-batch or one epoch; the update, the end of an epoch, and
//! the guard that stops training (and restores the epoch's first weights) on divergence.

use super::{BatchStep, Cursor, EpochRecord, SampleStep, Trainer, Workspace, shuffled_order};
use crate::nn::evaluate::Evaluation;
use crate::nn::linalg::array_finite;
use crate::nn::{Gradients, TrainError};

impl Trainer {
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
    pub(super) fn accumulate_next_sample(&mut self) -> Result<(usize, f32), TrainError> {
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
