//! The step-through of one sample, the lecture moment: ① forward (each layer lights up in
//! turn), ② loss against the target, ③ backward (the gradient flows right to left), ④ update
//! (edges show Δw). Plays by itself at an adjustable speed; → or "Next phase" advances by hand.
//!
//! The engine takes the step only when phase ④ begins: during ①–③ the trainer, and so every
//! view drawn from it (boundary, neuron maps, counters, curves), still holds the weights the
//! sample is computed with.

use ndarray::Array2;

use super::strings::Strings;
use crate::nn::{ForwardTrace, Gradients, Network, SamplePass, Trainer};

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
        Some(Self {
            sample,
            before: network,
            trace,
            grads,
            target,
            learning_rate: trainer.config().learning_rate,
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
