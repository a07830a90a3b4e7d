//! The update one weight gets, written the way its optimizer makes it, with its numbers: SGD
//! −lr·g; momentum v ← μ·v + g, Δw = −lr·v; Adam m_hat, v_hat and −lr·m_hat/(√v_hat + ε); L2's extra term
//! λ·w; and Rosenblatt's rule lr·(y − ŷ)·x, which has no derivative. The engine makes the
//! update (`nn::OptimizerState::apply`); this file only writes it out for one weight, and the
//! tests check the Δw written here against the engine's change of that weight.

use super::numbers::sig3;
use crate::nn::Optimizer;

/// `x` to three significant digits, in parentheses when negative (a factor in a product).
fn factor(x: f32) -> String {
    if x < 0.0 {
        format!("({})", sig3(x))
    } else {
        sig3(x)
    }
}

/// What one weight's update is made from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UpdateInputs {
    /// The optimizer making the update.
    pub optimizer: Optimizer,
    /// Learning rate lr.
    pub learning_rate: f32,
    /// L2 coefficient λ (adds λ·w to the gradient).
    pub l2: f32,
    /// The weight before the update.
    pub weight: f32,
    /// ∂L/∂w averaged over the mini-batch, without the L2 term. For the perceptron rule
    /// this is (ŷ − y)·x.
    pub grad: f32,
    /// The optimizer's first moment for this weight before the update (momentum's v, Adam's
    /// m); 0 for SGD and the perceptron.
    pub first_moment: f32,
    /// Adam's second moment (mean of g²) before the update; 0 otherwise.
    pub second_moment: f32,
    /// The update's number t, counting from 1 (Adam's bias correction uses it).
    pub step: u64,
}

impl UpdateInputs {
    /// The update's lines (the rule with its numbers) and the weight change Δw it gives.
    pub fn lines(&self) -> (Vec<String>, f32) {
        let (lr, w) = (self.learning_rate, self.weight);
        // L2 adds λ·w to the gradient of every weight.
        let g = self.grad + self.l2 * w;
        let mut lines = Vec::new();
        if self.l2 > 0.0 {
            lines.push(format!(
                "g = ∂L/∂w + λ·w = {} + {}·{} = {}",
                sig3(self.grad),
                sig3(self.l2),
                factor(w),
                sig3(g)
            ));
        }
        let delta = match self.optimizer {
            Optimizer::Sgd => {
                let delta = -lr * g;
                lines.push(format!(
                    "Δw = −lr·g = −{}·{} = {}",
                    sig3(lr),
                    factor(g),
                    sig3(delta)
                ));
                delta
            }
            Optimizer::Perceptron => {
                // The engine's δ is ŷ − y, so g = (ŷ − y)·x and Δw = lr·(y − ŷ)·x.
                let delta = -lr * g;
                lines.push(format!(
                    "Δw = lr·(y − ŷ)·x = {}·({}) = {}",
                    sig3(lr),
                    sig3(-g),
                    sig3(delta)
                ));
                delta
            }
            Optimizer::Momentum { beta } => {
                let v = beta * self.first_moment + g;
                let delta = -lr * v;
                lines.push(format!(
                    "v ← μ·v + g = {}·{} + {} = {}",
                    sig3(beta),
                    factor(self.first_moment),
                    factor(g),
                    sig3(v)
                ));
                lines.push(format!(
                    "Δw = −lr·v = −{}·{} = {}",
                    sig3(lr),
                    factor(v),
                    sig3(delta)
                ));
                delta
            }
            Optimizer::Adam {
                beta1,
                beta2,
                epsilon,
            } => {
                let t = self.step.clamp(1, i32::MAX as u64) as i32;
                let m = beta1 * self.first_moment + (1.0 - beta1) * g;
                let v = beta2 * self.second_moment + (1.0 - beta2) * g * g;
                let m_hat = m / (1.0 - beta1.powi(t));
                let v_hat = v / (1.0 - beta2.powi(t));
                let delta = -lr * m_hat / (v_hat.sqrt() + epsilon);
                lines.push(format!(
                    "m ← β₁·m + (1−β₁)·g = {}, m_hat = m/(1−β₁^t) = {} (t = {t})",
                    sig3(m),
                    sig3(m_hat)
                ));
                lines.push(format!(
                    "v ← β₂·v + (1−β₂)·g² = {}, v_hat = v/(1−β₂^t) = {}",
                    sig3(v),
                    sig3(v_hat)
                ));
                lines.push(format!(
                    "Δw = −lr·m_hat/(√v_hat + ε) = −{}·{}/({} + {}) = {}",
                    sig3(lr),
                    factor(m_hat),
                    sig3(v_hat.sqrt()),
                    sig3(epsilon),
                    sig3(delta)
                ));
                delta
            }
        };
        (lines, delta)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(optimizer: Optimizer) -> UpdateInputs {
        UpdateInputs {
            optimizer,
            learning_rate: 0.5,
            l2: 0.0,
            weight: 1.0,
            grad: 0.2,
            first_moment: 0.0,
            second_moment: 0.0,
            step: 1,
        }
    }

    #[test]
    fn hand_computed_updates() {
        let (_, sgd) = inputs(Optimizer::Sgd).lines();
        assert!((sgd + 0.1).abs() < 1e-7, "−0.5·0.2 = −0.1, got {sgd}");
        let mut l2 = inputs(Optimizer::Sgd);
        l2.l2 = 0.1;
        let (lines, delta) = l2.lines();
        assert!((delta + 0.15).abs() < 1e-7, "−0.5·(0.2 + 0.1·1) = −0.15");
        assert!(lines[0].starts_with("g = ∂L/∂w + λ·w"), "L2 shows its term");
        let mut momentum = inputs(Optimizer::MOMENTUM);
        momentum.first_moment = 1.0;
        let (_, delta) = momentum.lines();
        assert!((delta + 0.55).abs() < 1e-6, "v = 0.9 + 0.2; −0.5·1.1");
        // Adam's first step moves every weight by lr against the gradient's sign.
        let (_, adam) = inputs(Optimizer::ADAM).lines();
        assert!((adam + 0.5).abs() < 1e-4, "first Adam step is −lr·sign(g)");
    }
}
