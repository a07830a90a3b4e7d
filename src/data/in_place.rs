//! Encoding the training rows of a table of numbers in the table's own memory: each row is
//! encoded over the rows before it (in file order, an encoded row is never longer than a raw
//! one, so no row is overwritten before it is read), the rest is given back, and the rows are
//! then put in the split's order in place. Peak memory is the raw matrix plus one row.

use ndarray::Array2;

use super::csv_read::{Cell, Cells, RawTable};
use super::preprocess::{Encoding, Preprocessing};
use super::{Dataset, DatasetError};

impl Preprocessing {
    /// [`Self::transform`] of the table rows `rows` of a table it consumes; in place when the
    /// table is all numbers and every feature is encoded as one number, else as `transform`.
    pub fn transform_owned(
        &self,
        table: RawTable,
        rows: &[usize],
    ) -> Result<Dataset, DatasetError> {
        let all_numbers = self
            .features
            .iter()
            .all(|f| matches!(f.encoding, Encoding::Numeric { .. }));
        if !all_numbers || !matches!(table.cells, Cells::Numbers(..)) {
            return self.transform(&table, rows);
        }
        let (columns, target) = self.locate(&table)?;
        let target = self.encode_target(&table, target, rows)?;
        let width = table.headers.len();
        let inputs = columns.len();
        let RawTable { cells, path, .. } = table;
        let Cells::Numbers(mut values, _) = cells else {
            return Err(DatasetError::Invalid {
                path,
                line: None,
                column: None,
                message: "expected a table of numbers".into(),
            });
        };
        let mut sorted = rows.to_vec();
        sorted.sort_unstable();
        let mut raw = vec![0.0_f32; width];
        for (i, &r) in sorted.iter().enumerate() {
            raw.copy_from_slice(&values[r * width..(r + 1) * width]);
            let cells = columns.iter().map(|&c| Cell::Number(raw[c]));
            // A number never fails to encode as a number.
            let _ = self.encode_into(cells, &mut values[i * inputs..(i + 1) * inputs]);
        }
        values.truncate(sorted.len() * inputs);
        values.shrink_to_fit();
        // Row k now holds table row sorted[k]; row i must hold table row rows[i].
        let from: Vec<usize> = rows
            .iter()
            .map(|r| sorted.binary_search(r).unwrap_or_else(|k| k))
            .collect();
        gather_rows(&mut values, inputs, &from);
        let features = Array2::from_shape_vec((rows.len(), inputs), values).map_err(|e| {
            DatasetError::InvalidParameter {
                name: "data",
                message: e.to_string(),
            }
        })?;
        Ok(Dataset {
            feature_names: self.input_names(),
            features,
            target,
            source_rows: rows.to_vec(),
            image_shape: self.image_shape,
        })
    }
}

/// Reorders the rows (of `width` values) of `values` in place so that row `i` is the old row
/// `from[i]` (a permutation), following its cycles with one row of scratch.
fn gather_rows(values: &mut [f32], width: usize, from: &[usize]) {
    let mut done = vec![false; from.len()];
    let mut held = vec![0.0_f32; width];
    for start in 0..from.len() {
        if done[start] {
            continue;
        }
        held.copy_from_slice(&values[start * width..(start + 1) * width]);
        let mut j = start;
        loop {
            done[j] = true;
            let k = from[j];
            if k == start {
                values[j * width..(j + 1) * width].copy_from_slice(&held);
                break;
            }
            values.copy_within(k * width..(k + 1) * width, j * width);
            j = k;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::gather_rows;

    #[test]
    fn rows_are_gathered_by_a_permutation() {
        let mut values: Vec<f32> = (0..10).map(|v| v as f32).collect();
        gather_rows(&mut values, 2, &[3, 0, 4, 1, 2]);
        assert_eq!(
            values,
            [6.0, 7.0, 0.0, 1.0, 8.0, 9.0, 2.0, 3.0, 4.0, 5.0],
            "row i is the old row from[i]"
        );
    }
}
