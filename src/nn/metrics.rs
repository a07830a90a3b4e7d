//! Metrics: accuracy, the confusion matrix (rows = true class, columns = predicted), per-class
//! precision, recall and F1 with macro averages; MSE, MAE and R² for regression.

use serde::{Deserialize, Serialize};

/// How a classifier did on a set of samples.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassificationMetrics {
    /// `confusion[t][p]`: samples of true class t predicted as class p.
    pub confusion: Vec<Vec<u64>>,
    /// Fraction of samples predicted correctly (0 for an empty set).
    pub accuracy: f32,
    /// Per class: of the samples predicted as this class, the fraction that are. `None`
    /// (undefined) when the class was never predicted.
    pub precision: Vec<Option<f32>>,
    /// Per class: of the samples of this class, the fraction found. `None` when the class has
    /// no samples.
    pub recall: Vec<Option<f32>>,
    /// Per class: harmonic mean of precision and recall; `None` when either is undefined, 0
    /// when both are 0.
    pub f1: Vec<Option<f32>>,
    /// Mean of the defined per-class precisions (`None` if none is defined).
    pub macro_precision: Option<f32>,
    /// Mean of the defined per-class recalls.
    pub macro_recall: Option<f32>,
    /// Mean of the defined per-class F1 scores.
    pub macro_f1: Option<f32>,
}

impl ClassificationMetrics {
    /// Computes every metric from true and predicted class indices over `classes` classes.
    /// Indices ≥ `classes` are ignored.
    pub fn new(truth: &[usize], predicted: &[usize], classes: usize) -> Self {
        let mut confusion = vec![vec![0u64; classes]; classes];
        for (&t, &p) in truth.iter().zip(predicted) {
            if t < classes && p < classes {
                confusion[t][p] += 1;
            }
        }
        Self::from_confusion(confusion)
    }

    /// Computes every metric from a k×k confusion matrix.
    pub fn from_confusion(confusion: Vec<Vec<u64>>) -> Self {
        let k = confusion.len();
        let total: u64 = confusion.iter().flatten().sum();
        let correct: u64 = (0..k).map(|i| confusion[i][i]).sum();
        let ratio = |num: u64, den: u64| (den > 0).then(|| num as f32 / den as f32);
        let precision: Vec<Option<f32>> = (0..k)
            .map(|c| ratio(confusion[c][c], (0..k).map(|t| confusion[t][c]).sum()))
            .collect();
        let recall: Vec<Option<f32>> = (0..k)
            .map(|c| ratio(confusion[c][c], confusion[c].iter().sum()))
            .collect();
        let f1 = precision
            .iter()
            .zip(&recall)
            .map(|(p, r)| match (p, r) {
                (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
                (Some(_), Some(_)) => Some(0.0),
                _ => None,
            })
            .collect::<Vec<_>>();
        Self {
            accuracy: ratio(correct, total).unwrap_or(0.0),
            macro_precision: mean_defined(&precision),
            macro_recall: mean_defined(&recall),
            macro_f1: mean_defined(&f1),
            precision,
            recall,
            f1,
            confusion,
        }
    }

    /// Number of samples counted.
    pub fn total(&self) -> u64 {
        self.confusion.iter().flatten().sum()
    }
}

fn mean_defined(values: &[Option<f32>]) -> Option<f32> {
    let defined: Vec<f32> = values.iter().flatten().copied().collect();
    (!defined.is_empty()).then(|| defined.iter().sum::<f32>() / defined.len() as f32)
}

/// How a regressor did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegressionMetrics {
    /// Mean squared error.
    pub mse: f32,
    /// Mean absolute error.
    pub mae: f32,
    /// Coefficient of determination, 1 − SS_res / SS_tot; `None` when the targets are
    /// constant (SS_tot = 0).
    pub r2: Option<f32>,
}

impl RegressionMetrics {
    /// Computes the metrics over paired values (all target columns pooled).
    pub fn new(truth: &[f32], predicted: &[f32]) -> Self {
        let n = truth.len().max(1) as f64;
        let mean = truth.iter().map(|&v| f64::from(v)).sum::<f64>() / n;
        let (mut ss_res, mut abs, mut ss_tot) = (0.0f64, 0.0f64, 0.0f64);
        for (&t, &p) in truth.iter().zip(predicted) {
            let e = f64::from(t) - f64::from(p);
            ss_res += e * e;
            abs += e.abs();
            ss_tot += (f64::from(t) - mean).powi(2);
        }
        Self {
            mse: (ss_res / n) as f32,
            mae: (abs / n) as f32,
            r2: (ss_tot > 0.0).then(|| (1.0 - ss_res / ss_tot) as f32),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Worked by hand:
    /// truth     0 0 0 1 1 2
    /// predicted 0 0 1 1 0 0
    /// confusion [[2,1,0],[1,1,0],[1,0,0]]
    /// precision: c0 2/4, c1 1/2, c2 never predicted → undefined
    /// recall:    c0 2/3, c1 1/2, c2 0/1 = 0
    #[test]
    fn hand_computed_confusion_and_scores() {
        let m = ClassificationMetrics::new(&[0, 0, 0, 1, 1, 2], &[0, 0, 1, 1, 0, 0], 3);
        assert_eq!(
            m.confusion,
            vec![vec![2, 1, 0], vec![1, 1, 0], vec![1, 0, 0]],
            "rows true, columns predicted"
        );
        assert!((m.accuracy - 0.5).abs() < 1e-6, "3 of 6 correct");
        assert_eq!(
            m.precision,
            vec![Some(0.5), Some(0.5), None],
            "class 2 never predicted: undefined"
        );
        assert_eq!(m.recall[0], Some(2.0 / 3.0), "2 of 3 class-0 samples found");
        assert_eq!(m.recall[2], Some(0.0), "class 2's only sample missed");
        let f1_0 = 2.0 * 0.5 * (2.0 / 3.0) / (0.5 + 2.0 / 3.0);
        assert!(
            (m.f1[0].unwrap() - f1_0).abs() < 1e-6,
            "F1 is the harmonic mean"
        );
        assert_eq!(m.f1[2], None, "F1 undefined when precision is");
        assert!(
            (m.macro_precision.unwrap() - 0.5).abs() < 1e-6,
            "macro over defined classes"
        );
        assert!(
            (m.macro_recall.unwrap() - (2.0 / 3.0 + 0.5) / 3.0).abs() < 1e-6,
            "macro recall"
        );
        assert_eq!(m.total(), 6, "every sample counted once");
    }

    #[test]
    fn regression_metrics_by_hand() {
        let m = RegressionMetrics::new(&[1.0, 2.0, 3.0], &[1.0, 2.0, 5.0]);
        assert!((m.mse - 4.0 / 3.0).abs() < 1e-6, "(0 + 0 + 4) / 3");
        assert!((m.mae - 2.0 / 3.0).abs() < 1e-6, "(0 + 0 + 2) / 3");
        assert!((m.r2.unwrap() - (1.0 - 4.0 / 2.0)).abs() < 1e-6, "1 − 4/2");
        assert_eq!(
            RegressionMetrics::new(&[2.0, 2.0], &[1.0, 3.0]).r2,
            None,
            "constant target"
        );
    }
}
