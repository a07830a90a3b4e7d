//! The built-in 2-D toy datasets (XOR, circles, two Gaussians, spiral, moons, linearly
//! separable): small, seeded, deterministic generators for teaching decision boundaries.

use std::f32::consts::PI;
use std::fmt;
use std::str::FromStr;

use ndarray::Array2;
use rand::{RngExt as _, SeedableRng as _};
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;
use serde::{Deserialize, Serialize};

use super::{Dataset, DatasetError};

/// Largest sample count a generator accepts.
pub const MAX_GENERATED_SAMPLES: usize = 1_000_000;
/// Sample count used when none is given (XOR is the exception: its truth table).
pub const DEFAULT_SAMPLES: usize = 200;
/// Largest standard deviation of the noise added to generated points.
pub const MAX_NOISE: f32 = 10.0;

/// Which 2-D toy problem to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Generator {
    /// Exclusive or: class 1 where exactly one coordinate is "on".
    Xor,
    /// A disk of class 0 inside a ring of class 1.
    Circle,
    /// Two Gaussian blobs.
    Gauss,
    /// Two interleaved spiral arms.
    Spiral,
    /// Two interleaving half circles.
    Moons,
    /// Two classes split by a straight line.
    Linear,
}

impl Generator {
    /// Every generator, in menu order.
    pub const ALL: [Self; 6] = [
        Self::Xor,
        Self::Circle,
        Self::Gauss,
        Self::Spiral,
        Self::Moons,
        Self::Linear,
    ];

    /// The name used after `builtin:`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Xor => "xor",
            Self::Circle => "circle",
            Self::Gauss => "gauss",
            Self::Spiral => "spiral",
            Self::Moons => "moons",
            Self::Linear => "linear",
        }
    }

    /// Generates the dataset. `samples: None` gives the default size (for XOR, the 4-row
    /// truth table). `noise` is the standard deviation of Gaussian jitter added to every point.
    pub fn generate(
        self,
        samples: Option<usize>,
        noise: f32,
        seed: u64,
    ) -> Result<Dataset, DatasetError> {
        if !noise.is_finite() || !(0.0..=MAX_NOISE).contains(&noise) {
            return Err(DatasetError::InvalidParameter {
                name: "noise",
                message: format!("must be a number from 0 to {MAX_NOISE}, got {noise}"),
            });
        }
        if let Some(n) = samples
            && !(4..=MAX_GENERATED_SAMPLES).contains(&n)
        {
            return Err(DatasetError::InvalidParameter {
                name: "samples",
                message: format!("must be from 4 to {MAX_GENERATED_SAMPLES}, got {n}"),
            });
        }
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        if self == Self::Xor && samples.is_none() {
            return Ok(xor_truth_table(noise, &mut rng));
        }
        let n = samples.unwrap_or(DEFAULT_SAMPLES);
        let mut points = Vec::with_capacity(n);
        let mut labels = Vec::with_capacity(n);
        for i in 0..n {
            let (x, y, label) = match self {
                Self::Xor => xor_point(i, &mut rng),
                Self::Circle => circle_point(i, &mut rng),
                Self::Gauss => gauss_point(i, &mut rng),
                Self::Spiral => spiral_point(i, n),
                Self::Moons => moons_point(i, n),
                Self::Linear => linear_point(&mut rng),
            };
            points.push([x + jitter(noise, &mut rng), y + jitter(noise, &mut rng)]);
            labels.push(label);
        }
        Ok(to_dataset(&points, labels))
    }
}

impl fmt::Display for Generator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Generator {
    type Err = DatasetError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|g| g.name() == s)
            .ok_or_else(|| DatasetError::UnknownBuiltin { name: s.to_owned() })
    }
}

fn jitter(noise: f32, rng: &mut ChaCha8Rng) -> f32 {
    if noise == 0.0 {
        0.0
    } else {
        noise * rng.sample::<f32, _>(StandardNormal)
    }
}

fn to_dataset(points: &[[f32; 2]], labels: Vec<usize>) -> Dataset {
    let features = Array2::from_shape_fn((points.len(), 2), |(i, j)| points[i][j]);
    Dataset::classification(
        vec!["x1".into(), "x2".into()],
        features,
        vec!["0".into(), "1".into()],
        labels,
    )
}

/// (0,0)→0, (0,1)→1, (1,0)→1, (1,1)→0.
fn xor_truth_table(noise: f32, rng: &mut ChaCha8Rng) -> Dataset {
    let corners = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]];
    let points: Vec<[f32; 2]> = corners
        .iter()
        .map(|c| [c[0] + jitter(noise, rng), c[1] + jitter(noise, rng)])
        .collect();
    to_dataset(&points, vec![0, 1, 1, 0])
}

/// A point in a square of half-width 0.25 around one of the four corners, taken in turn.
fn xor_point(i: usize, rng: &mut ChaCha8Rng) -> (f32, f32, usize) {
    let (a, b) = ((i / 2) % 2, i % 2);
    let x = a as f32 + rng.random_range(-0.25..0.25);
    let y = b as f32 + rng.random_range(-0.25..0.25);
    (x, y, a ^ b)
}

/// Class 0 inside radius 0.5, class 1 in the ring from 0.7 to 1.0 (alternating).
fn circle_point(i: usize, rng: &mut ChaCha8Rng) -> (f32, f32, usize) {
    let label = i % 2;
    let radius = if label == 0 {
        rng.random_range(0.0..0.5)
    } else {
        rng.random_range(0.7..1.0)
    };
    let angle = rng.random_range(0.0..2.0 * PI);
    (radius * angle.cos(), radius * angle.sin(), label)
}

/// Blobs of standard deviation 0.4 centred at (−1, −1) and (1, 1).
fn gauss_point(i: usize, rng: &mut ChaCha8Rng) -> (f32, f32, usize) {
    let label = i % 2;
    let centre = if label == 0 { -1.0 } else { 1.0 };
    let x = centre + 0.4 * rng.sample::<f32, _>(StandardNormal);
    let y = centre + 0.4 * rng.sample::<f32, _>(StandardNormal);
    (x, y, label)
}

/// Two arms of 1.25 turns each, the second rotated by half a turn; radius grows from 0 to 1.
fn spiral_point(i: usize, n: usize) -> (f32, f32, usize) {
    let label = i % 2;
    let per_class = n.div_ceil(2);
    let r = (i / 2) as f32 / per_class as f32;
    let angle = 1.25 * 2.0 * PI * r + label as f32 * PI;
    (r * angle.sin(), r * angle.cos(), label)
}

/// scikit-learn's two moons, evenly spaced along each arc.
fn moons_point(i: usize, n: usize) -> (f32, f32, usize) {
    let label = i % 2;
    let per_class = n.div_ceil(2).max(2);
    let t = PI * (i / 2) as f32 / (per_class - 1) as f32;
    if label == 0 {
        (t.cos(), t.sin(), 0)
    } else {
        (1.0 - t.cos(), 0.5 - t.sin(), 1)
    }
}

/// Uniform in [−1, 1]², class 1 above the line y = 0.5·x + 0.1.
fn linear_point(rng: &mut ChaCha8Rng) -> (f32, f32, usize) {
    let x = rng.random_range(-1.0..1.0);
    let y = rng.random_range(-1.0..1.0);
    (x, y, usize::from(y > 0.5 * x + 0.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xor_default_is_the_truth_table() {
        let d = Generator::Xor.generate(None, 0.0, 0).unwrap();
        assert_eq!(d.len(), 4, "the XOR truth table has four rows");
        let rows: Vec<(f32, f32, usize)> = (0..4)
            .map(|i| {
                (
                    d.features[[i, 0]],
                    d.features[[i, 1]],
                    d.labels().unwrap()[i],
                )
            })
            .collect();
        assert_eq!(
            rows,
            vec![(0.0, 0.0, 0), (0.0, 1.0, 1), (1.0, 0.0, 1), (1.0, 1.0, 0)],
            "XOR(a, b) = a != b"
        );
    }

    #[test]
    fn generators_are_deterministic_and_seed_dependent() {
        for g in Generator::ALL {
            let a = g.generate(Some(100), 0.1, 7).unwrap();
            let b = g.generate(Some(100), 0.1, 7).unwrap();
            let c = g.generate(Some(100), 0.1, 8).unwrap();
            assert_eq!(a, b, "{g}: same seed must give the same data");
            assert_ne!(
                a.features, c.features,
                "{g}: another seed must give other data"
            );
            assert_eq!(a.len(), 100, "{g}: sample count honoured");
            let labels = a.labels().unwrap();
            assert!(
                labels.contains(&0) && labels.contains(&1),
                "{g}: both classes present"
            );
        }
    }

    #[test]
    fn bad_parameters_are_refused() {
        assert!(
            Generator::Spiral.generate(Some(0), 0.0, 0).is_err(),
            "0 samples"
        );
        assert!(
            Generator::Spiral.generate(Some(10), f32::NAN, 0).is_err(),
            "NaN noise"
        );
        assert!("nonsense".parse::<Generator>().is_err(), "unknown name");
    }
}
