//! The three matrix products of a dense layer, written for the shapes training uses.
//!
//! Small products (the teaching sizes: a few neurons, small batches) run as plain loops over
//! contiguous rows, which the compiler vectorises and which never allocate. Larger ones go to
//! `matrixmultiply` (through ndarray's `general_mat_mul`), cache-blocked with AVX2/FMA kernels
//! chosen at run time. The largest are cut in two halves along the neurons (or, for the error
//! sent down, along the inputs), computed on two threads by [`both`]: every output number is
//! still the same sum in the same order, so one thread and two give the same bits.
//!
//! Beside the kernels: `pool.rs`, the two-thread hand-off, and `finite.rs`, the NaN/∞ scans.

use ndarray::linalg::general_mat_mul;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, ArrayViewMut2, Axis};

mod finite;
mod pool;

pub use finite::array_finite;
pub(crate) use pool::{both, both_once};
pub use pool::{matmul_threads, two_thread_runs};

/// Products with more multiply-adds than this use the blocked kernel.
pub const SMALL: usize = 1 << 16;

/// Products with more multiply-adds than this are split in two halves, computed on two
/// threads.
pub const LARGE: usize = 1 << 20;

/// z = a·wᵀ + b: a `[batch, in]`, w `[out, in]`, b `[out]`, z `[batch, out]`.
pub fn affine(a: &Array2<f32>, w: &Array2<f32>, b: &Array1<f32>, z: &mut Array2<f32>) {
    let (batch, inputs) = a.dim();
    let outputs = w.nrows();
    if let (Some(a_s), Some(w_s), Some(b_s), Some(z_s)) =
        (a.as_slice(), w.as_slice(), b.as_slice(), z.as_slice_mut())
        && batch * inputs * outputs <= SMALL
    {
        if inputs <= NARROW && outputs <= NARROW_OUTPUTS {
            affine_narrow(a_s, w_s, b_s, z_s, inputs, outputs);
            return;
        }
        for (a_row, z_row) in a_s
            .chunks_exact(inputs.max(1))
            .zip(z_s.chunks_exact_mut(outputs.max(1)))
        {
            for ((z, w_row), bias) in z_row
                .iter_mut()
                .zip(w_s.chunks_exact(inputs.max(1)))
                .zip(b_s)
            {
                *z = dot(a_row, w_row) + bias;
            }
        }
        return;
    }
    if batch * inputs * outputs > LARGE && outputs >= 2 {
        let mid = outputs / 2;
        let (z0, z1) = z.view_mut().split_at(Axis(1), mid);
        let (w0, w1) = w.view().split_at(Axis(0), mid);
        let (b0, b1) = b.view().split_at(Axis(0), mid);
        let each =
            |mut z: ArrayViewMut2<'_, f32>, w: ArrayView2<'_, f32>, b: ArrayView1<'_, f32>| {
                general_mat_mul(1.0, &a.view(), &w.t(), 0.0, &mut z);
                z += &b;
            };
        both(|| each(z0, w0, b0), || each(z1, w1, b1));
        return;
    }
    general_mat_mul(1.0, a, &w.t(), 0.0, z);
    *z += b;
}

/// Layers with at most this many inputs (a 2-D plane, a few hidden neurons) use
/// [`affine_narrow`].
const NARROW: usize = 8;
/// ... and at most this many neurons.
const NARROW_OUTPUTS: usize = 64;

/// z = a·wᵀ + b for a narrow layer: each row of z is built as Σ_k a_k·(column k of w), one
/// SIMD multiply-add across the neurons per input, instead of one short dot product per
/// neuron. The sum runs over k in order from −0, as [`dot`] sums up to eight terms, so both
/// forms give the same bits (up to the sign of an exact zero).
fn affine_narrow(a: &[f32], w: &[f32], b: &[f32], z: &mut [f32], inputs: usize, outputs: usize) {
    // The common widths get their own copy with the width known at compile time, so the
    // loops over the neurons unroll into a few SIMD instructions.
    match outputs {
        2 => affine_fixed::<2>(a, w, b, z, inputs),
        4 => affine_fixed::<4>(a, w, b, z, inputs),
        8 => affine_fixed::<8>(a, w, b, z, inputs),
        16 => affine_fixed::<16>(a, w, b, z, inputs),
        _ => {
            let mut columns = [0.0f32; NARROW * NARROW_OUTPUTS];
            for (j, w_row) in w.chunks_exact(inputs).enumerate() {
                for (k, &v) in w_row.iter().enumerate() {
                    columns[k * outputs + j] = v;
                }
            }
            for (a_row, z_row) in a.chunks_exact(inputs).zip(z.chunks_exact_mut(outputs)) {
                z_row.fill(-0.0);
                for (&x, column) in a_row.iter().zip(columns.chunks_exact(outputs)) {
                    axpy(x, column, z_row);
                }
                for (z, bias) in z_row.iter_mut().zip(b) {
                    *z += bias;
                }
            }
        }
    }
}

/// [`affine_narrow`] for exactly `OUT` neurons: the same sums in the same order.
fn affine_fixed<const OUT: usize>(a: &[f32], w: &[f32], b: &[f32], z: &mut [f32], inputs: usize) {
    let mut columns = [[0.0f32; OUT]; NARROW];
    for (j, w_row) in w.chunks_exact(inputs).enumerate().take(OUT) {
        for (column, &v) in columns.iter_mut().zip(w_row) {
            column[j] = v;
        }
    }
    let mut bias = [0.0f32; OUT];
    for (slot, &v) in bias.iter_mut().zip(b) {
        *slot = v;
    }
    for (a_row, z_row) in a.chunks_exact(inputs).zip(z.chunks_exact_mut(OUT)) {
        let mut acc = [-0.0f32; OUT];
        for (&x, column) in a_row.iter().zip(&columns) {
            for (acc, &c) in acc.iter_mut().zip(column) {
                *acc += x * c;
            }
        }
        for ((z, acc), bias) in z_row.iter_mut().zip(acc).zip(bias) {
            *z = acc + bias;
        }
    }
}

/// g = scale·δᵀ·a: δ `[batch, out]`, a `[batch, in]`, g `[out, in]` (the weight gradient).
pub fn outer_sum(scale: f32, delta: &Array2<f32>, a: &Array2<f32>, g: &mut Array2<f32>) {
    let (batch, outputs) = delta.dim();
    let inputs = a.ncols();
    if let (Some(d_s), Some(a_s), Some(g_s)) = (delta.as_slice(), a.as_slice(), g.as_slice_mut())
        && batch * inputs * outputs <= SMALL
    {
        g_s.fill(0.0);
        for (d_row, a_row) in d_s
            .chunks_exact(outputs.max(1))
            .zip(a_s.chunks_exact(inputs.max(1)))
        {
            for (&d, g_row) in d_row.iter().zip(g_s.chunks_exact_mut(inputs.max(1))) {
                axpy(scale * d, a_row, g_row);
            }
        }
        return;
    }
    if batch * inputs * outputs > LARGE && outputs >= 2 {
        let mid = outputs / 2;
        let (g0, g1) = g.view_mut().split_at(Axis(0), mid);
        let (d0, d1) = delta.view().split_at(Axis(1), mid);
        let each = |mut g: ArrayViewMut2<'_, f32>, d: ArrayView2<'_, f32>| {
            general_mat_mul(scale, &d.t(), &a.view(), 0.0, &mut g);
        };
        both(|| each(g0, d0), || each(g1, d1));
        return;
    }
    general_mat_mul(scale, &delta.t(), a, 0.0, g);
}

/// p = δ·w: δ `[batch, out]`, w `[out, in]`, p `[batch, in]` (the error sent to the layer below).
pub fn back(delta: &Array2<f32>, w: &Array2<f32>, p: &mut Array2<f32>) {
    let (batch, outputs) = delta.dim();
    let inputs = w.ncols();
    if let (Some(d_s), Some(w_s), Some(p_s)) = (delta.as_slice(), w.as_slice(), p.as_slice_mut())
        && batch * inputs * outputs <= SMALL
    {
        for (d_row, p_row) in d_s
            .chunks_exact(outputs.max(1))
            .zip(p_s.chunks_exact_mut(inputs.max(1)))
        {
            p_row.fill(0.0);
            for (&d, w_row) in d_row.iter().zip(w_s.chunks_exact(inputs.max(1))) {
                axpy(d, w_row, p_row);
            }
        }
        return;
    }
    if batch * inputs * outputs > LARGE && inputs >= 2 {
        let mid = inputs / 2;
        let (p0, p1) = p.view_mut().split_at(Axis(1), mid);
        let (w0, w1) = w.view().split_at(Axis(1), mid);
        let each = |mut p: ArrayViewMut2<'_, f32>, w: ArrayView2<'_, f32>| {
            general_mat_mul(1.0, &delta.view(), &w, 0.0, &mut p);
        };
        both(|| each(p0, w0), || each(p1, w1));
        return;
    }
    general_mat_mul(1.0, delta, w, 0.0, p);
}

/// x·y with eight independent partial sums, so the compiler can keep them in one SIMD
/// register (a single running sum would force strictly sequential adds).
/// Shorter vectors (a 2-D input layer) are summed straight, which gives the same value the
/// lanes would (their sum is just the tail) without the set-up.
fn dot(x: &[f32], y: &[f32]) -> f32 {
    if x.len() < 8 {
        return x.iter().zip(y).map(|(a, b)| a * b).sum();
    }
    let mut lanes = [0.0f32; 8];
    let (xc, yc) = (x.chunks_exact(8), y.chunks_exact(8));
    let tail: f32 = xc
        .remainder()
        .iter()
        .zip(yc.remainder())
        .map(|(a, b)| a * b)
        .sum();
    for (xs, ys) in xc.zip(yc) {
        for i in 0..8 {
            lanes[i] += xs[i] * ys[i];
        }
    }
    lanes.iter().sum::<f32>() + tail
}

fn axpy(alpha: f32, x: &[f32], y: &mut [f32]) {
    for (y, x) in y.iter_mut().zip(x) {
        *y += alpha * x;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The loops and the blocked kernel agree with ndarray's `dot` on small and large shapes.
    #[test]
    fn kernels_match_ndarray_dot() {
        for &(batch, inputs, outputs) in &[(1, 2, 3), (10, 2, 8), (7, 33, 5), (64, 300, 40)] {
            let a = Array2::from_shape_fn((batch, inputs), |(i, j)| {
                ((i * 7 + j * 3) % 11) as f32 - 5.0
            });
            let w =
                Array2::from_shape_fn((outputs, inputs), |(i, j)| ((i * 5 + j) % 13) as f32 * 0.1);
            let b = Array1::from_shape_fn(outputs, |i| i as f32);
            let mut z = Array2::zeros((batch, outputs));
            affine(&a, &w, &b, &mut z);
            let want = a.dot(&w.t()) + &b;
            assert!(
                (&z - &want).iter().all(|v| v.abs() < 1e-3),
                "affine {batch}x{inputs}x{outputs}"
            );
            let d = Array2::from_shape_fn((batch, outputs), |(i, j)| (i + j) as f32 * 0.01);
            let mut g = Array2::zeros((outputs, inputs));
            outer_sum(0.5, &d, &a, &mut g);
            let want = d.t().dot(&a) * 0.5;
            assert!(
                (&g - &want).iter().all(|v| v.abs() < 1e-3),
                "outer_sum {batch}x{inputs}x{outputs}"
            );
            let mut p = Array2::zeros((batch, inputs));
            back(&d, &w, &mut p);
            let want = d.dot(&w);
            assert!(
                (&p - &want).iter().all(|v| v.abs() < 1e-3),
                "back {batch}x{inputs}x{outputs}"
            );
        }
    }

    /// The narrow kernel gives the same bits as one dot product per neuron, for every input
    /// count it serves.
    #[test]
    fn narrow_affine_equals_the_dot_product_form_bit_for_bit() {
        for inputs in 1..=NARROW {
            for outputs in [1, 2, 3, 4, 8, 16, 17, NARROW_OUTPUTS] {
                let a = Array2::from_shape_fn((9, inputs), |(i, j)| {
                    ((i * 31 + j * 17) % 23) as f32 * 0.173 - 1.9
                });
                let w = Array2::from_shape_fn((outputs, inputs), |(i, j)| {
                    ((i * 13 + j * 7) % 19) as f32 * 0.131 - 1.2
                });
                let b = Array1::from_shape_fn(outputs, |i| i as f32 * 0.37 - 0.5);
                let mut z = Array2::zeros((9, outputs));
                affine(&a, &w, &b, &mut z);
                for ((i, j), &got) in z.indexed_iter() {
                    let want =
                        dot(a.row(i).as_slice().unwrap(), w.row(j).as_slice().unwrap()) + b[j];
                    assert_eq!(
                        got.to_bits(),
                        want.to_bits(),
                        "z[{i},{j}] of a {inputs}->{outputs} layer"
                    );
                }
            }
        }
    }

    /// A product big enough to be cut in halves (and run on two threads when there are two)
    /// gives exactly the bits of the uncut `matrixmultiply` product.
    #[test]
    fn split_products_equal_the_uncut_product_bit_for_bit() {
        let (batch, inputs, outputs) = (64, 300, 101);
        assert!(batch * inputs * outputs > LARGE, "large enough to be split");
        let a = Array2::from_shape_fn((batch, inputs), |(i, j)| {
            ((i * 7 + j * 3) % 11) as f32 * 0.37 - 1.7
        });
        let w = Array2::from_shape_fn((outputs, inputs), |(i, j)| {
            ((i * 5 + j) % 13) as f32 * 0.011 - 0.06
        });
        let b = Array1::from_shape_fn(outputs, |i| i as f32 * 0.01);
        let d = Array2::from_shape_fn((batch, outputs), |(i, j)| {
            ((i * 3 + j * 7) % 17) as f32 * 0.013 - 0.1
        });

        let mut z = Array2::zeros((batch, outputs));
        affine(&a, &w, &b, &mut z);
        let mut want = Array2::zeros((batch, outputs));
        general_mat_mul(1.0, &a, &w.t(), 0.0, &mut want);
        want += &b;
        assert!(z == want, "z = a·wᵀ + b in halves");

        let mut g = Array2::zeros((outputs, inputs));
        outer_sum(0.25, &d, &a, &mut g);
        let mut want = Array2::zeros((outputs, inputs));
        general_mat_mul(0.25, &d.t(), &a, 0.0, &mut want);
        assert!(g == want, "∂L/∂W = δᵀ·a in halves");

        let mut p = Array2::zeros((batch, inputs));
        back(&d, &w, &mut p);
        let mut want = Array2::zeros((batch, inputs));
        general_mat_mul(1.0, &d, &w, 0.0, &mut want);
        assert!(p == want, "δ·W in halves");
    }
}
