//! Activation functions a = f(z) and their derivatives, applied to whole batches.

use std::fmt;
use std::str::FromStr;

use ndarray::{Array2, ArrayView2, ArrayViewMut2, Zip};
use serde::{Deserialize, Serialize};

use super::ConfigError;

/// Slope of leaky ReLU for negative inputs.
pub const LEAKY_SLOPE: f32 = 0.01;

/// The non-linearity a layer applies to its weighted sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Activation {
    /// f(z) = z (a linear neuron).
    Identity,
    /// Heaviside step, f(z) = 1 if z ≥ 0 else 0: Rosenblatt's threshold unit. Its derivative is
    /// 0 almost everywhere, so it learns only with the perceptron rule.
    Step,
    /// f(z) = 1 / (1 + e^−z), squashes to (0, 1).
    Sigmoid,
    /// f(z) = tanh z, squashes to (−1, 1).
    Tanh,
    /// f(z) = max(0, z).
    Relu,
    /// f(z) = z for z > 0, 0.01·z otherwise.
    LeakyRelu,
    /// Softmax over the layer, a_j = e^{z_j} / Σ_k e^{z_k}: probabilities that sum to 1.
    /// Output layer only.
    Softmax,
}

impl Activation {
    /// Every activation, in menu order.
    pub const ALL: [Self; 7] = [
        Self::Identity,
        Self::Step,
        Self::Sigmoid,
        Self::Tanh,
        Self::Relu,
        Self::LeakyRelu,
        Self::Softmax,
    ];

    /// The short name used on the command line and in files.
    pub fn name(self) -> &'static str {
        match self {
            Self::Identity => "linear",
            Self::Step => "step",
            Self::Sigmoid => "sigmoid",
            Self::Tanh => "tanh",
            Self::Relu => "relu",
            Self::LeakyRelu => "leaky_relu",
            Self::Softmax => "softmax",
        }
    }

    /// f(z) for one value. Softmax depends on the whole layer; see [`Activation::apply`].
    pub fn scalar(self, z: f32) -> f32 {
        match self {
            Self::Identity | Self::Softmax => z,
            Self::Step => {
                if z >= 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Self::Sigmoid => sigmoid(z),
            Self::Tanh => tanh(z),
            Self::Relu => z.max(0.0),
            Self::LeakyRelu => {
                if z > 0.0 {
                    z
                } else {
                    LEAKY_SLOPE * z
                }
            }
        }
    }

    /// f′(z) for one value, given z and a = f(z) (whichever is cheaper). Not for softmax.
    pub fn derivative(self, z: f32, a: f32) -> f32 {
        match self {
            Self::Identity | Self::Softmax => 1.0,
            Self::Step => 0.0,
            Self::Sigmoid => a * (1.0 - a),
            Self::Tanh => 1.0 - a * a,
            Self::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Self::LeakyRelu => {
                if z > 0.0 {
                    1.0
                } else {
                    LEAKY_SLOPE
                }
            }
        }
    }

    /// a = f(z) for a batch, written into `a`.
    /// # Shapes
    /// `z`, `a`: `[batch, neurons]`
    pub fn apply(self, z: ArrayView2<'_, f32>, mut a: ArrayViewMut2<'_, f32>) {
        if self == Self::Softmax {
            let width = z.ncols().max(1);
            if let (Some(a), Some(z)) = (a.as_slice_mut(), z.as_slice()) {
                softmax_rows(a, z, width);
                return;
            }
            for (z_row, mut a_row) in z.rows().into_iter().zip(a.rows_mut()) {
                // Subtract the row maximum so e^z never overflows.
                let max = z_row.fold(f32::NEG_INFINITY, |m, &v| m.max(v));
                let mut sum = 0.0;
                Zip::from(&mut a_row).and(&z_row).for_each(|a, &z| {
                    *a = (z - max).exp();
                    sum += *a;
                });
                a_row.mapv_inplace(|v| v / sum);
            }
        } else if let (Some(a), Some(z)) = (a.as_slice_mut(), z.as_slice()) {
            // One loop per activation, so each is a straight SIMD loop with no dispatch inside.
            match self {
                Self::Tanh => map_into(a, z, tanh),
                Self::Relu => map_into(a, z, |z| z.max(0.0)),
                Self::Sigmoid => map_into(a, z, sigmoid),
                _ => map_into(a, z, |z| self.scalar(z)),
            }
        } else {
            Zip::from(&mut a)
                .and(&z)
                .for_each(|a, &z| *a = self.scalar(z));
        }
    }

    /// Turns ∂L/∂a (in `grad`) into δ = ∂L/∂z, in place, for a batch.
    ///
    /// Element-wise activations multiply by f′(z); softmax applies its Jacobian,
    /// δ_j = a_j·(g_j − Σ_k g_k·a_k).
    /// # Shapes
    /// `z`, `a`, `grad`: `[batch, neurons]`
    pub fn backprop(
        self,
        z: ArrayView2<'_, f32>,
        a: ArrayView2<'_, f32>,
        mut grad: ArrayViewMut2<'_, f32>,
    ) {
        match self {
            Self::Identity => {}
            Self::Softmax => {
                for (a_row, mut g_row) in a.rows().into_iter().zip(grad.rows_mut()) {
                    let dot: f32 = a_row.iter().zip(g_row.iter()).map(|(a, g)| a * g).sum();
                    Zip::from(&mut g_row)
                        .and(&a_row)
                        .for_each(|g, &a| *g = a * (*g - dot));
                }
            }
            // The common cases as their own loops, free of the per-value dispatch.
            Self::Tanh => {
                Zip::from(&mut grad)
                    .and(&a)
                    .for_each(|g, &a| *g *= 1.0 - a * a);
            }
            Self::Relu => {
                Zip::from(&mut grad)
                    .and(&z)
                    .for_each(|g, &z| *g *= if z > 0.0 { 1.0 } else { 0.0 });
            }
            _ => Zip::from(&mut grad)
                .and(&z)
                .and(&a)
                .for_each(|g, &z, &a| *g *= self.derivative(z, a)),
        }
    }

    /// f(z) of a whole batch, as a new array (convenience for callers off the hot path).
    pub fn applied(self, z: ArrayView2<'_, f32>) -> Array2<f32> {
        let mut a = Array2::zeros(z.raw_dim());
        self.apply(z, a.view_mut());
        a
    }
}

/// tanh z as a rational function, p(z)/q(z) with z clamped to ±7.9 where f32 rounds tanh to
/// ±1 (the approximation Eigen uses). Within 4e-7 of the exact value, and without a branch or
/// a call, so a loop over a layer runs it on every SIMD lane at once.
pub fn tanh(z: f32) -> f32 {
    const CLAMP: f32 = 7.905_311;
    const ALPHA: [f32; 7] = [
        4.893_524_6e-3,
        6.372_619_3e-4,
        1.485_722_4e-5,
        5.122_297e-8,
        -8.604_671e-11,
        2.000_188e-13,
        -2.760_768_5e-16,
    ];
    const BETA: [f32; 4] = [4.893_525e-3, 2.268_434_6e-3, 1.185_347_1e-4, 1.198_258_4e-6];
    // `clamp` keeps NaN as NaN, so a diverging network is still caught.
    let x = z.clamp(-CLAMP, CLAMP);
    let x2 = x * x;
    let p = ALPHA.iter().rev().fold(0.0, |acc, &c| acc * x2 + c) * x;
    let q = BETA.iter().rev().fold(0.0, |acc, &c| acc * x2 + c);
    // Below 4e-4, tanh z rounds to z itself.
    if z.abs() < 4e-4 { z } else { p / q }
}

/// Softmax of each `width`-long row of `z` into `a`, the same arithmetic as the general loop
/// in [`Activation::apply`] without a row iterator per sample.
fn softmax_rows(a: &mut [f32], z: &[f32], width: usize) {
    for (a, z) in a.chunks_exact_mut(width).zip(z.chunks_exact(width)) {
        // Subtract the row maximum so e^z never overflows.
        let max = z.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v));
        let mut sum = 0.0;
        for (a, &z) in a.iter_mut().zip(z) {
            *a = (z - max).exp();
            sum += *a;
        }
        for a in a.iter_mut() {
            *a /= sum;
        }
    }
}

fn map_into(out: &mut [f32], input: &[f32], f: impl Fn(f32) -> f32) {
    for (o, &i) in out.iter_mut().zip(input) {
        *o = f(i);
    }
}

/// The logistic function, computed without overflow for large |z|.
pub fn sigmoid(z: f32) -> f32 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

impl fmt::Display for Activation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Activation {
    type Err = ConfigError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        let found = match lower.as_str() {
            "identity" | "linear" => Self::Identity,
            "step" | "heaviside" => Self::Step,
            "sigmoid" | "logistic" => Self::Sigmoid,
            "tanh" => Self::Tanh,
            "relu" => Self::Relu,
            "leaky_relu" | "leakyrelu" | "leaky-relu" => Self::LeakyRelu,
            "softmax" => Self::Softmax,
            _ => {
                return Err(ConfigError::UnknownName {
                    what: "activation",
                    name: s.to_owned(),
                    expected: "linear, step, sigmoid, tanh, relu, leaky_relu, softmax",
                });
            }
        };
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn softmax_rows_sum_to_one_even_for_huge_logits() {
        let z = array![
            [1000.0_f32, 999.0, -1000.0],
            [0.0, 0.0, 0.0],
            [-1e30, 1e30, 3.0]
        ];
        let a = Activation::Softmax.applied(z.view());
        for row in a.rows() {
            assert!(row.iter().all(|v| v.is_finite()), "no overflow: {row}");
            assert!(
                (row.sum() - 1.0).abs() < 1e-6,
                "probabilities sum to 1: {row}"
            );
        }
        assert!(
            (a[[1, 0]] - 1.0 / 3.0).abs() < 1e-6,
            "equal logits give equal probabilities"
        );
        assert!(a[[0, 0]] > a[[0, 1]], "larger logit, larger probability");
    }

    #[test]
    fn sigmoid_is_stable_at_the_extremes() {
        assert!(
            sigmoid(-1000.0).abs() < f32::MIN_POSITIVE,
            "no NaN from e^1000"
        );
        assert!(
            (sigmoid(1000.0) - 1.0).abs() < f32::EPSILON,
            "saturates to 1"
        );
        assert!((sigmoid(0.0) - 0.5).abs() < 1e-7, "σ(0) = ½");
    }

    #[test]
    fn fast_tanh_matches_the_exact_one() {
        for i in -2000..=2000 {
            let z = i as f32 * 0.01;
            let err = (tanh(z) - z.tanh()).abs();
            assert!(err < 4e-7, "tanh({z}) off by {err}");
        }
        for i in 0..=900 {
            // Relative accuracy from 1e-8 up to 10, where tanh z is tiny as well as near 1.
            let z = 10f32.powf(i as f32 / 100.0 - 8.0);
            let exact = f64::from(z).tanh();
            let rel = ((f64::from(tanh(z)) - exact) / exact).abs();
            assert!(rel < 5e-7, "tanh({z}) off by {rel} relative");
            assert!(tanh(-z).to_bits() == (-tanh(z)).to_bits(), "odd at {z}");
        }
        assert!(
            tanh(1e30).to_bits() == 1f32.to_bits() && tanh(-1e30).to_bits() == (-1f32).to_bits(),
            "saturates to ±1"
        );
        assert!(
            tanh(f32::NAN).is_nan(),
            "NaN stays NaN so divergence is caught"
        );
    }

    #[test]
    fn names_round_trip() {
        for act in Activation::ALL {
            assert_eq!(
                act.name().parse::<Activation>().unwrap(),
                act,
                "{act} parses back"
            );
        }
        assert!(
            "swish".parse::<Activation>().is_err(),
            "unknown names are refused"
        );
    }
}
