//! The step-through of one sample, the lecture moment: ① forward (each layer lights up in
//! turn), ② loss against the target, ③ backward (the gradient flows right to left), ④ update
//! (edges show Δw). Plays by itself at an adjustable speed; → or "Next phase" advances by hand.
//!
//! The engine takes the step only when phase ④ begins: during ①–③ the trainer, and so every
//! view drawn from it (boundary, neuron maps, counters, curves), still holds the weights the
//! sample is computed with.

use ndarray::Array2;

use super::strings::Strings;
use super::update_rule::UpdateInputs;
use crate::nn::{ForwardTrace, Gradients, Network, Optimizer, OptimizerState, SamplePass, Trainer};

/// Seconds per layer while the forward pass lights up.
const FORWARD_SECS_PER_LAYER: f64 = 0.3;
/// Seconds per layer while the gradient flows back.
const BACKWARD_SECS_PER_LAYER: f64 = 0.4;
/// Seconds the loss is shown before the backward pass starts.
const LOSS_SECS: f64 = 1.5;

/// The four phases, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    /// ① The input enters and each layer computes its activations.
    Forward,
    /// ② The output is compared with the target: the loss.
    Loss,
    /// ③ δ and ∂L/∂w flow back from the output to the input.
    Backward,
    /// ④ The weights change by Δw.
    Update,
}

impl Phase {
    /// All phases in order.
    pub const ALL: [Self; 4] = [Self::Forward, Self::Loss, Self::Backward, Self::Update];

    /// The phase strip's label, in the interface language.
    pub fn label(self, text: &Strings) -> &'static str {
        text.phase_labels[self as usize]
    }

    /// A one-line explanation of what the phase shows, in the interface language.
    pub fn explanation(self, text: &Strings) -> &'static str {
        text.phase_explanations[self as usize]
    }

    fn next(self) -> Option<Self> {
        match self {
            Self::Forward => Some(Self::Loss),
            Self::Loss => Some(Self::Backward),
            Self::Backward => Some(Self::Update),
            Self::Update => None,
        }
    }
}

/// One sample being played through, captured from the trainer that will step it when the
/// update phase begins.
#[derive(Debug, Clone)]
pub struct StepThrough {
    /// Training-set index of the sample.
    pub sample: usize,
    /// The weights the sample was computed with (before the update).
    pub before: Network,
    /// The forward pass of the sample with those weights. `[1, …]`
    pub trace: ForwardTrace,
    /// Its backward pass: δ per node and ∂L/∂w per edge, for this sample alone.
    pub grads: Gradients,
    /// The target the output is compared with. `[1, outputs]`
    pub target: Array2<f32>,
    /// Learning rate at the time of the step.
    pub learning_rate: f32,
    /// The optimizer and its L2 coefficient λ.
    optimizer: (Optimizer, f32),
    /// The optimizer's memory before the update (momentum's v, Adam's m and v, the step t).
    optimizer_before: OptimizerState,
    /// ∂L/∂w averaged over the mini-batch's samples up to and including this one, per layer
    /// (all of them when this sample completes the batch: then the update uses it).
    /// `[outputs, inputs]` per layer
    batch_grads: Vec<Array2<f32>>,
    /// This sample's place in its mini-batch (1-based) and the batch's size.
    batch_position: (usize, usize),
    /// The phase shown.
    pub phase: Phase,
    /// When the current phase began (`None` until the first frame draws it).
    phase_start_secs: Option<f64>,
    /// Weight change new − old, once the trainer's weights have changed; `None` while the
    /// update has not been applied yet (before phase ④, or mid-batch).
    pub delta_weights: Option<Vec<Array2<f32>>>,
    /// True once the engine has been asked to take the step (phase ④ began, or the
    /// step-through was closed early).
    stepped: bool,
}

impl StepThrough {
    /// Captures the forward and backward pass of `trainer`'s next sample with its current
    /// weights — exactly what `step_sample` is about to compute.
    pub fn capture(trainer: &Trainer) -> Option<Self> {
        let sample = trainer.next_sample();
        let train = trainer.train_data();
        if sample >= train.len() {
            return None;
        }
        let network = trainer.network().clone();
        let SamplePass {
            trace,
            grads,
            target,
        } = trainer.inspect_sample(sample);
        let batch = trainer.current_batch();
        let position = batch.iter().position(|&i| i == sample).unwrap_or(0);
        let mut batch_grads: Vec<Array2<f32>> = grads
            .layers
            .iter()
            .map(|g| Array2::zeros(g.weights.raw_dim()))
            .collect();
        // The same weights for every sample of the batch: the update comes at its end.
        for &i in &batch[..=position] {
            let pass = trainer.inspect_sample(i);
            for (sum, g) in batch_grads.iter_mut().zip(&pass.grads.layers) {
                *sum += &g.weights;
            }
        }
        for sum in &mut batch_grads {
            *sum /= (position + 1) as f32;
        }
        let config = trainer.config();
        Some(Self {
            sample,
            before: network,
            trace,
            grads,
            target,
            learning_rate: config.learning_rate,
            optimizer: (config.optimizer, config.l2),
            optimizer_before: trainer.optimizer_state().clone(),
            batch_grads,
            batch_position: (position + 1, batch.len()),
            phase: Phase::Forward,
            phase_start_secs: None,
            delta_weights: None,
            stepped: false,
        })
    }

    /// Notes the trainer's current weights: once they differ from `before`, Δw is known.
    pub fn observe(&mut self, network: &Network) {
        if self.delta_weights.is_none()
            && network.layers.len() == self.before.layers.len()
            && *network != self.before
        {
            self.delta_weights = Some(
                network
                    .layers
                    .iter()
                    .zip(&self.before.layers)
                    .map(|(new, old)| &new.weights - &old.weights)
                    .collect(),
            );
        }
    }

    /// The update of the weight from input `input` to neuron `neuron` of layer `layer`:
    /// `Ok` with what the optimizer makes of it when this sample completes its mini-batch,
    /// `Err` with (place in the batch, batch size, mean ∂L/∂w so far) while it waits.
    pub fn weight_update(
        &self,
        (layer, neuron, input): (usize, usize, usize),
    ) -> Option<Result<UpdateInputs, (usize, usize, f32)>> {
        let grad = *self.batch_grads.get(layer)?.get([neuron, input])?;
        let (place, size) = self.batch_position;
        if place < size {
            return Some(Err((place, size, grad)));
        }
        let weight = *self
            .before
            .layers
            .get(layer)?
            .weights
            .get([neuron, input])?;
        let moments = self.optimizer_before.moments.get(layer);
        let moment = |m: Option<&Array2<f32>>| {
            m.and_then(|m| m.get([neuron, input]).copied())
                .unwrap_or(0.0)
        };
        Some(Ok(UpdateInputs {
            optimizer: self.optimizer.0,
            learning_rate: self.learning_rate,
            l2: self.optimizer.1,
            weight,
            grad,
            first_moment: moment(moments.map(|m| &m.weights)),
            second_moment: moment(moments.map(|m| &m.weights_sq)),
            step: self.optimizer_before.step + 1,
        }))
    }

    /// True while the engine has not taken this step yet.
    pub fn pending(&self) -> bool {
        !self.stepped
    }

    /// True exactly once: when the update phase has begun and the engine has not taken the
    /// step yet (the caller then asks it to), or when `closing` an unfinished step-through.
    pub fn take_due_step(&mut self, closing: bool) -> bool {
        let due = !self.stepped && (closing || self.phase == Phase::Update);
        self.stepped |= due;
        due
    }

    /// Moves back one phase within ①–③ (PageUp); false in ① and once the update is made
    /// (an update is never undone).
    pub fn previous_phase(&mut self, now_secs: f64) -> bool {
        let previous = match self.phase {
            Phase::Loss => Phase::Forward,
            Phase::Backward => Phase::Loss,
            Phase::Forward | Phase::Update => return false,
        };
        self.phase = previous;
        self.phase_start_secs = Some(now_secs);
        true
    }

    /// Moves to the next phase (the → key); false when already at the last one.
    pub fn next_phase(&mut self, now_secs: f64) -> bool {
        match self.phase.next() {
            Some(next) => {
                self.phase = next;
                self.phase_start_secs = Some(now_secs);
                true
            }
            None => false,
        }
    }

    /// Jumps to `phase` ("Show me"); false once the update is made and `phase` is before it
    /// (an update is never undone).
    pub fn go_to(&mut self, phase: Phase) -> bool {
        if self.stepped && phase != Phase::Update {
            return false;
        }
        self.phase = phase;
        // The phase's animation starts when it is next drawn.
        self.phase_start_secs = None;
        true
    }

    /// Jumps to the update, the end of the step.
    pub fn skip(&mut self, now_secs: f64) {
        self.phase = Phase::Update;
        self.phase_start_secs = Some(now_secs);
    }

    /// How many columns (input + layers) the phase's wave has reached, fractional while
    /// animating: forward counts from the left, backward from the right. Advances to the
    /// next phase when `auto` and the phase's time is up.
    pub fn progress(&mut self, now_secs: f64, speed: f64, auto: bool, reduce_motion: bool) -> f32 {
        let start = *self.phase_start_secs.get_or_insert(now_secs);
        let elapsed = (now_secs - start) * speed.max(0.05);
        let columns = self.trace.layers.len() as f64 + 1.0;
        let layers = self.trace.layers.len() as f64;
        let (reached, duration) = match self.phase {
            Phase::Forward => (
                1.0 + elapsed / FORWARD_SECS_PER_LAYER,
                layers * FORWARD_SECS_PER_LAYER + 0.3,
            ),
            Phase::Loss => (columns, LOSS_SECS),
            Phase::Backward => (
                elapsed / BACKWARD_SECS_PER_LAYER,
                layers * BACKWARD_SECS_PER_LAYER + 0.4,
            ),
            Phase::Update => (columns, f64::INFINITY),
        };
        if auto && elapsed >= duration {
            self.next_phase(now_secs);
            return self.progress(now_secs, speed, auto, reduce_motion);
        }
        let reached = if reduce_motion {
            columns
        } else {
            reached.min(columns)
        };
        reached as f32
    }

    /// True while the phase animates (the view keeps repainting).
    pub fn animating(&self) -> bool {
        self.phase != Phase::Update
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{Setup, open_shipped_example};

    fn setup_of(example: &str) -> Setup {
        open_shipped_example(example).unwrap().setup
    }

    /// Steps `trainer` one mini-batch sample by sample, checking each weight's written update
    /// against the engine's change of that weight.
    fn check_one_batch(mut trainer: Trainer, what: &str) {
        let batch = trainer.current_batch().len();
        let mut moved = false;
        for place in 1..=batch {
            let st = StepThrough::capture(&trainer).unwrap();
            let before = trainer.network().clone();
            trainer.step_sample().unwrap();
            let after = trainer.network();
            for (l, (old, new)) in before.layers.iter().zip(&after.layers).enumerate() {
                for ((n, i), &w) in old.weights.indexed_iter() {
                    let actual = new.weights[[n, i]] - w;
                    match st.weight_update((l, n, i)).unwrap() {
                        Err((shown_place, size, _)) => {
                            assert!(place < batch, "{what}: only mid-batch waits");
                            assert_eq!((shown_place, size), (place, batch), "{what}: place");
                            assert!(actual == 0.0, "{what}: no update mid-batch");
                        }
                        Ok(inputs) => {
                            assert_eq!(place, batch, "{what}: the batch's last sample updates");
                            let (lines, shown) = inputs.lines();
                            moved |= actual != 0.0;
                            assert!(
                                (shown - actual).abs() <= 1e-3 * actual.abs() + 1e-6,
                                "{what}: weight {l},{n},{i} shown Δw {shown} ({lines:?}) but the \
                                 engine changed it by {actual}"
                            );
                        }
                    }
                }
            }
        }
        assert!(
            moved,
            "{what}: the update moved some weight (else the check is empty)"
        );
    }

    #[test]
    fn the_written_update_is_the_engines_for_every_optimizer() {
        let optimizers = [
            (Optimizer::Sgd, 0.0),
            (Optimizer::Sgd, 0.01),
            (Optimizer::MOMENTUM, 0.0),
            (Optimizer::MOMENTUM, 0.01),
            (Optimizer::ADAM, 0.0),
            (Optimizer::ADAM, 0.01),
        ];
        for (optimizer, l2) in optimizers {
            // xor-mlp: a tanh network, batches of 4 (the update waits for the batch's end).
            let mut setup = setup_of("xor-mlp");
            setup.config.optimizer = optimizer;
            setup.config.l2 = l2;
            let mut trainer = setup.build().unwrap();
            // One epoch first, so momentum's v and Adam's m, v and t are not zero.
            trainer.step_epoch().unwrap();
            check_one_batch(trainer, &format!("{optimizer} l2 {l2}"));
        }
        let mut trainer = setup_of("xor-perceptron").build().unwrap();
        // Find a sample the perceptron gets wrong, so its rule changes the weights.
        for _ in 0..8 {
            let pass = trainer.inspect_sample(trainer.next_sample());
            let wrong = pass.trace.layers.last().unwrap().a != pass.target;
            if wrong {
                break;
            }
            trainer.step_sample().unwrap();
        }
        check_one_batch(trainer, "perceptron");
    }
}
