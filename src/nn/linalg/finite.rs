//! Finiteness checks: is any value NaN or ±∞? A branch-free scan of the exponent bits that
//! costs about as much as copying the values (run on every weight after every update).

/// True when no value is NaN or ±∞. Tests the exponent bits of every value without
/// stopping early, so the loop vectorises: a scan of the whole network costs about as much
/// as copying it, where `iter().all(is_finite)` took a branch per value.
pub fn all_finite(values: &[f32]) -> bool {
    const EXPONENT: u32 = 0x7f80_0000;
    let mut bad = 0u32;
    for chunk in values.chunks(1024) {
        bad |= chunk.iter().fold(0u32, |acc, v| {
            acc | u32::from(v.to_bits() & EXPONENT == EXPONENT)
        });
        if bad != 0 {
            return false;
        }
    }
    true
}

/// [`all_finite`] for an array in any memory layout.
pub fn array_finite<D: ndarray::Dimension>(a: &ndarray::ArrayRef<f32, D>) -> bool {
    match a.as_slice_memory_order() {
        Some(s) => all_finite(s),
        None => a.iter().all(|v| v.is_finite()),
    }
}

#[cfg(test)]
mod tests {
    use ndarray::Array2;

    use super::*;

    /// A NaN or infinity anywhere (in a full 1024 block, in the tail, first or last) is found;
    /// huge but finite values, subnormals and −0 are not mistaken for one.
    #[test]
    fn all_finite_finds_every_non_finite_value() {
        let clean: Vec<f32> = (0..2500).map(|i| i as f32 * 0.37 - 400.0).collect();
        assert!(all_finite(&clean), "ordinary values are finite");
        let edge = [f32::MAX, f32::MIN, f32::MIN_POSITIVE / 4.0, -0.0];
        assert!(all_finite(&edge), "extremes and subnormals are finite");
        for bad in [f32::NAN, f32::INFINITY, f32::NEG_INFINITY] {
            for at in [0, 1023, 1024, 2047, 2048, 2499] {
                let mut v = clean.clone();
                v[at] = bad;
                assert!(!all_finite(&v), "{bad} at {at} is found");
            }
        }
        let strided = Array2::from_shape_fn((4, 6), |(i, j)| (i * j) as f32);
        let mut t = strided.t().to_owned();
        assert!(
            array_finite(&strided.t()),
            "a transposed view is scanned too"
        );
        t[[5, 3]] = f32::NAN;
        assert!(!array_finite(&t.t()), "NaN in a transposed view is found");
    }
}
