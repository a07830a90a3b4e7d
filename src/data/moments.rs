//! The statistics a numeric encoding is fitted from (count, mean, population standard
//! deviation, min, max), over the training rows of many columns at once, read row by row.

use super::csv_read::RawTable;
use super::preprocess::Encoding;
use super::schema::Scale;

/// The statistics of one column of numbers over the training rows.
#[derive(Debug, Clone, Copy)]
pub(super) struct Moments {
    count: usize,
    sum: f64,
    /// Σ (v − mean)², from the second pass.
    squares: f64,
    min: f64,
    max: f64,
}

impl Default for Moments {
    fn default() -> Self {
        Self {
            count: 0,
            sum: 0.0,
            squares: 0.0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
        }
    }
}

impl Moments {
    fn mean(&self) -> f64 {
        self.sum / self.count as f64
    }

    /// Mean, population standard deviation, min and max (0, 1, 0, 1 without values).
    pub(super) fn encoding(self, scale: Scale) -> Encoding {
        if self.count == 0 {
            return Encoding::Numeric {
                scale,
                mean: 0.0,
                std: 1.0,
                min: 0.0,
                max: 1.0,
            };
        }
        Encoding::Numeric {
            scale,
            mean: self.mean() as f32,
            std: (self.squares / self.count as f64).sqrt() as f32,
            min: self.min as f32,
            max: self.max as f32,
        }
    }
}

/// The [`Moments`] of each of `columns` over the table rows `rows`, in two passes row by row
/// (the table's own order in memory). Each column's sums are added in row order, so the
/// result does not depend on how many columns are fitted together.
pub(super) fn column_moments(table: &RawTable, rows: &[usize], columns: &[usize]) -> Vec<Moments> {
    let mut moments = vec![Moments::default(); columns.len()];
    for &r in rows {
        for (m, &c) in moments.iter_mut().zip(columns) {
            if let Some(v) = table.cell(r, c).number() {
                m.count += 1;
                m.sum += v;
                m.min = m.min.min(v);
                m.max = m.max.max(v);
            }
        }
    }
    let means: Vec<f64> = moments.iter().map(Moments::mean).collect();
    for &r in rows {
        for ((m, &c), mean) in moments.iter_mut().zip(columns).zip(&means) {
            if let Some(v) = table.cell(r, c).number() {
                m.squares += (v - mean).powi(2);
            }
        }
    }
    moments
}
