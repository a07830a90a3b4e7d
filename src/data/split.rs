//! Seeded train/test splits, stratified by class for classification.

use rand::SeedableRng as _;
use rand::seq::SliceRandom as _;
use rand_chacha::ChaCha8Rng;

use super::{Dataset, DatasetError, Target};

/// The test fraction must be below this (a test set cannot take nearly everything).
pub const MAX_TEST_FRACTION: f32 = 0.95;

/// Splits `data` into (train, test) with `test_fraction` of the samples in the test set.
///
/// For classification the split is stratified: each class contributes the same fraction
/// (rounded), so a small class is not lost from either side. Indices are shuffled with a
/// `ChaCha8Rng` seeded by `seed`; each side keeps its samples in the original order.
/// A fraction of 0 returns no test set.
pub fn split_train_test(
    data: &Dataset,
    test_fraction: f32,
    seed: u64,
) -> Result<(Dataset, Option<Dataset>), DatasetError> {
    let strata = match &data.target {
        Target::Classes { names, labels } => Some((labels.as_slice(), names.len())),
        Target::Values { .. } => None,
    };
    match split_indices(data.len(), strata, test_fraction, seed)? {
        (_, None) => Ok((data.clone(), None)),
        (train, Some(test)) => Ok((data.select(&train), Some(data.select(&test)))),
    }
}

/// Splits the positions `0..n` into sorted (train, test) index lists; the index form of
/// [`split_train_test`], used when preprocessing must be fitted on the training rows only.
///
/// `strata` is `(labels, number of classes)` for a stratified split (every label must be below
/// the class count), `None` for a plain shuffle. A fraction of 0 returns all of `0..n` and no test set.
pub fn split_indices(
    n: usize,
    strata: Option<(&[usize], usize)>,
    test_fraction: f32,
    seed: u64,
) -> Result<(Vec<usize>, Option<Vec<usize>>), DatasetError> {
    if !test_fraction.is_finite() || !(0.0..MAX_TEST_FRACTION).contains(&test_fraction) {
        return Err(DatasetError::InvalidParameter {
            name: "test fraction",
            message: format!(
                "must be at least 0 and below {MAX_TEST_FRACTION}, got {test_fraction}"
            ),
        });
    }
    if test_fraction == 0.0 {
        return Ok(((0..n).collect(), None));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let groups: Vec<Vec<usize>> = match strata {
        Some((labels, classes)) => {
            let mut groups = vec![Vec::new(); classes];
            for (i, &label) in labels.iter().enumerate().take(n) {
                if let Some(group) = groups.get_mut(label) {
                    group.push(i);
                }
            }
            groups
        }
        None => vec![(0..n).collect()],
    };
    let mut test = Vec::new();
    let mut train = Vec::new();
    for mut group in groups {
        group.shuffle(&mut rng);
        let n_test = ((group.len() as f32) * test_fraction).round() as usize;
        // Keep at least one training sample of every class that has one.
        let n_test = n_test.min(group.len().saturating_sub(1));
        test.extend_from_slice(&group[..n_test]);
        train.extend_from_slice(&group[n_test..]);
    }
    if test.is_empty() {
        return Err(DatasetError::InvalidParameter {
            name: "test fraction",
            message: format!(
                "{test_fraction} of {n} samples leaves no test sample; use 0 for no test set"
            ),
        });
    }
    train.sort_unstable();
    test.sort_unstable();
    Ok((train, Some(test)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::builtin::Generator;

    #[test]
    fn split_is_stratified_seeded_and_disjoint() {
        let data = Generator::Gauss.generate(Some(100), 0.0, 1).unwrap();
        let (train, test) = split_train_test(&data, 0.2, 5).unwrap();
        let test = test.unwrap();
        assert_eq!((train.len(), test.len()), (80, 20), "20% of 100 is 20");
        let ones = test.labels().unwrap().iter().filter(|&&l| l == 1).count();
        assert_eq!(
            ones, 10,
            "stratified: half the test set is class 1 like the data"
        );
        let mut rows: Vec<usize> = train
            .source_rows
            .iter()
            .chain(&test.source_rows)
            .copied()
            .collect();
        rows.sort_unstable();
        assert_eq!(
            rows,
            (0..100).collect::<Vec<_>>(),
            "every sample lands on exactly one side"
        );
        let (_, again) = split_train_test(&data, 0.2, 5).unwrap();
        assert_eq!(
            again.unwrap().source_rows,
            test.source_rows,
            "same seed, same split"
        );
        let (_, other) = split_train_test(&data, 0.2, 6).unwrap();
        assert_ne!(
            other.unwrap().source_rows,
            test.source_rows,
            "other seed, other split"
        );
    }

    #[test]
    fn bad_fractions_are_refused() {
        let data = Generator::Gauss.generate(Some(10), 0.0, 1).unwrap();
        assert!(
            split_train_test(&data, 1.0, 0).is_err(),
            "nothing left to train on"
        );
        assert!(split_train_test(&data, f32::NAN, 0).is_err(), "NaN");
        assert!(
            split_train_test(&data, 0.01, 0).is_err(),
            "rounds to an empty test set"
        );
    }
}
