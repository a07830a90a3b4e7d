//! Loss functions L(prediction, target) in numerically stable form, and the error signal
//! δ = ∂L/∂z they send back into the output layer.

use std::fmt;
use std::str::FromStr;

use ndarray::{ArrayView1, ArrayView2, ArrayViewMut2, Zip};
use serde::{Deserialize, Serialize};

use super::{Activation, ConfigError};

/// How wrong the network's output is, per sample; training minimises its mean over a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Loss {
    /// Mean squared error over the outputs, L = (1/k)·Σ_j (a_j − y_j)².
    Mse,
    /// Binary cross-entropy on sigmoid outputs, mean over the outputs:
    /// L = −(1/k)·Σ_j [y_j·ln a_j + (1 − y_j)·ln(1 − a_j)].
    Bce,
    /// Categorical cross-entropy on softmax outputs, L = −Σ_j y_j·ln a_j.
    Ce,
}

impl Loss {
    /// Every loss, in menu order.
    pub const ALL: [Self; 3] = [Self::Mse, Self::Bce, Self::Ce];

    /// The short name used on the command line and in files.
    pub fn name(self) -> &'static str {
        match self {
            Self::Mse => "mse",
            Self::Bce => "bce",
            Self::Ce => "ce",
        }
    }

    /// The output activation this loss requires, if it requires one.
    pub fn required_output(self) -> Option<Activation> {
        match self {
            Self::Mse => None,
            Self::Bce => Some(Activation::Sigmoid),
            Self::Ce => Some(Activation::Softmax),
        }
    }

    /// The loss of one sample from the output layer's z and a.
    ///
    /// Cross-entropies are computed from z (log-sum-exp and softplus), never as ln(a), so a
    /// confident wrong answer gives a large finite loss instead of ln(0) = −∞.
    pub fn sample_loss(
        self,
        z: ArrayView1<'_, f32>,
        a: ArrayView1<'_, f32>,
        y: ArrayView1<'_, f32>,
    ) -> f32 {
        let k = z.len() as f32;
        match self {
            Self::Mse => a.iter().zip(y).map(|(a, y)| (a - y) * (a - y)).sum::<f32>() / k,
            Self::Bce => {
                // −[y ln σ(z) + (1−y) ln(1−σ(z))] = max(z, 0) − z·y + ln(1 + e^−|z|)
                z.iter()
                    .zip(y)
                    .map(|(&z, &y)| z.max(0.0) - z * y + (-z.abs()).exp().ln_1p())
                    .sum::<f32>()
                    / k
            }
            Self::Ce => {
                // −Σ y_j (z_j − lse(z)) with lse(z) = m + ln Σ e^{z_j − m}
                let max = z.fold(f32::NEG_INFINITY, |m, &v| m.max(v));
                let lse = max + z.iter().map(|&v| (v - max).exp()).sum::<f32>().ln();
                z.iter().zip(y).map(|(&z, &y)| y * (lse - z)).sum()
            }
        }
    }

    /// The sum of the per-sample losses of a batch.
    /// # Shapes
    /// `z`, `a`, `y`: `[batch, outputs]`
    pub fn batch_loss_sum(
        self,
        z: ArrayView2<'_, f32>,
        a: ArrayView2<'_, f32>,
        y: ArrayView2<'_, f32>,
    ) -> f32 {
        z.rows()
            .into_iter()
            .zip(a.rows())
            .zip(y.rows())
            .map(|((z, a), y)| self.sample_loss(z, a, y))
            .sum()
    }

    /// Writes δ = ∂L_s/∂z for every sample s of the batch into `delta`.
    ///
    /// Sigmoid + BCE and softmax + CE use their combined closed forms (a − y, scaled), which
    /// never divide by a saturated a·(1 − a). MSE goes through the activation's derivative.
    /// # Shapes
    /// `z`, `a`, `y`, `delta`: `[batch, outputs]`
    pub fn output_delta(
        self,
        activation: Activation,
        z: ArrayView2<'_, f32>,
        a: ArrayView2<'_, f32>,
        y: ArrayView2<'_, f32>,
        mut delta: ArrayViewMut2<'_, f32>,
    ) {
        let k = z.ncols() as f32;
        match self {
            Self::Mse => {
                Zip::from(&mut delta)
                    .and(&a)
                    .and(&y)
                    .for_each(|d, &a, &y| *d = 2.0 * (a - y) / k);
                activation.backprop(z, a, delta);
            }
            Self::Bce => {
                // Valid for sigmoid outputs, which validation guarantees.
                Zip::from(&mut delta)
                    .and(&a)
                    .and(&y)
                    .for_each(|d, &a, &y| *d = (a - y) / k);
            }
            Self::Ce => {
                // Valid for softmax outputs: δ_j = a_j·Σ_k y_k − y_j (= a_j − y_j for one-hot y).
                for ((mut d, a), y) in delta.rows_mut().into_iter().zip(a.rows()).zip(y.rows()) {
                    let total = y.sum();
                    Zip::from(&mut d)
                        .and(&a)
                        .and(&y)
                        .for_each(|d, &a, &y| *d = a * total - y);
                }
            }
        }
    }
}

impl fmt::Display for Loss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Loss {
    type Err = ConfigError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "mse" => Ok(Self::Mse),
            "bce" | "binary_cross_entropy" => Ok(Self::Bce),
            "ce" | "cross_entropy" | "categorical_cross_entropy" => Ok(Self::Ce),
            _ => Err(ConfigError::UnknownName {
                what: "loss",
                name: s.to_owned(),
                expected: "mse, bce, ce",
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn hand_computed_losses() {
        let z = array![0.0_f32, 0.0];
        let a = array![0.5_f32, 0.5];
        let y = array![1.0_f32, 0.0];
        // MSE: ((0.5−1)² + 0.5²)/2 = 0.25
        assert!(
            (Loss::Mse.sample_loss(z.view(), a.view(), y.view()) - 0.25).abs() < 1e-6,
            "mse"
        );
        // BCE at σ(0) = ½: ln 2 for each output
        assert!(
            (Loss::Bce.sample_loss(z.view(), a.view(), y.view()) - 2f32.ln()).abs() < 1e-6,
            "bce"
        );
        // CE with two equal logits: ln 2
        assert!(
            (Loss::Ce.sample_loss(z.view(), a.view(), y.view()) - 2f32.ln()).abs() < 1e-6,
            "ce"
        );
    }

    #[test]
    fn confident_wrong_answers_give_finite_losses() {
        let z = array![-200.0_f32, 200.0];
        let a = Activation::Softmax.applied(z.view().insert_axis(ndarray::Axis(0)));
        let y = array![1.0_f32, 0.0];
        let ce = Loss::Ce.sample_loss(z.view(), a.row(0), y.view());
        assert!(
            (ce - 400.0).abs() < 1e-3,
            "CE = z_wrong − z_right = 400, got {ce}"
        );
        let bce = Loss::Bce.sample_loss(
            array![-200.0_f32].view(),
            array![0.0_f32].view(),
            array![1.0_f32].view(),
        );
        assert!(
            (bce - 200.0).abs() < 1e-3,
            "BCE of σ(−200) vs 1 = 200, got {bce}"
        );
    }
}
