//! What the schema needs to know of each column, gathered in one pass: missing and distinct
//! cells, the first cell that is text or a number out of range, whether every number is whole.
//! A table of numbers brings these from its read (each column's summary); a table with text
//! is looked at cell by cell.

use std::collections::BTreeSet;

use super::csv_read::{Cell, Cells, RawTable};
use super::schema::{compare_names, is_missing, is_out_of_range_number, parse_number};

/// Per-column facts gathered in one pass.
#[derive(Debug, Clone)]
pub(super) struct Stats {
    pub missing: usize,
    /// Distinct non-missing values.
    pub distinct: usize,
    /// Row of the first non-numeric, non-missing cell.
    pub first_text: Option<usize>,
    /// Row of the first cell written as a number that is infinite or out of range.
    pub first_out_of_range: Option<usize>,
    pub integers: bool,
}

impl Stats {
    const EMPTY: Self = Self {
        missing: 0,
        distinct: 0,
        first_text: None,
        first_out_of_range: None,
        integers: true,
    };
}

/// The facts of every column, in column order.
pub(super) fn all_stats(table: &RawTable) -> Vec<Stats> {
    let width = table.headers.len();
    match &table.cells {
        Cells::Text(rows) => (0..width).map(|c| text_stats(rows, c)).collect(),
        // Gathered as the rows streamed in; a column of numbers has no text.
        Cells::Numbers(_, columns) => columns
            .iter()
            .map(|c| Stats {
                missing: c.missing,
                distinct: c.distinct(),
                first_text: None,
                first_out_of_range: None,
                integers: c.integers(),
            })
            .collect(),
    }
}

fn text_stats(rows: &[Vec<String>], column: usize) -> Stats {
    let mut stats = Stats::EMPTY;
    let mut distinct = BTreeSet::new();
    for (r, row) in rows.iter().enumerate() {
        let cell = row[column].as_str();
        if is_missing(cell) {
            stats.missing += 1;
            continue;
        }
        match parse_number(cell) {
            Some(v) => stats.integers &= v.fract() == 0.0,
            None if is_out_of_range_number(cell) => {
                stats.first_out_of_range.get_or_insert(r);
            }
            None => {
                stats.first_text.get_or_insert(r);
            }
        }
        distinct.insert(cell);
    }
    stats.distinct = distinct.len();
    stats
}

/// The distinct non-missing values of `column` as text, in their stable order.
pub(super) fn distinct_names(table: &RawTable, column: usize) -> Vec<String> {
    let mut names: Vec<String> = match &table.cells {
        Cells::Text(rows) => rows
            .iter()
            .map(|row| row[column].as_str())
            .filter(|cell| !is_missing(cell))
            .collect::<BTreeSet<&str>>()
            .into_iter()
            .map(str::to_owned)
            .collect(),
        Cells::Numbers(..) => (0..table.row_count())
            .filter_map(|r| table.cell(r, column).number())
            .map(|v| (v as f32).to_bits())
            .collect::<BTreeSet<u32>>()
            .into_iter()
            .map(|bits| Cell::Number(f32::from_bits(bits)).text().into_owned())
            .collect(),
    };
    names.sort_by(|a, b| compare_names(a, b));
    names
}
