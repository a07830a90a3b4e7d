//! How one CSV cell is read: the spellings of a missing value, a number (finite and within
//! the network's 32-bit range, or refused with a message that quotes an excerpt of the cell),
//! and the stable order of class and category names.

use std::cmp::Ordering;

use super::excerpt;

/// True for the spellings of a missing value: empty, `NA`, `NaN`, `?` (any case for NA/NaN).
pub fn is_missing(cell: &str) -> bool {
    let cell = cell.trim();
    cell.is_empty()
        || cell == "?"
        || cell.eq_ignore_ascii_case("na")
        || cell.eq_ignore_ascii_case("nan")
}

/// The cell as a finite number, if it is one.
pub fn parse_number(cell: &str) -> Option<f64> {
    cell.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && v.abs() <= f64::from(f32::MAX))
}

/// True for a cell written as a number that is infinite or beyond the range of the network's
/// 32-bit numbers (`inf`, `-Infinity`, `1e309`, `1e39`).
pub fn is_out_of_range_number(cell: &str) -> bool {
    cell.trim().parse::<f64>().is_ok() && parse_number(cell).is_none()
}

/// Why `cell` cannot be read as a number, quoting at most an [`excerpt`] of it.
pub fn not_a_number(cell: &str) -> String {
    if is_out_of_range_number(cell) {
        format!(
            "'{}' is not a finite number within ±{:e}; write a number, or leave the cell empty (or NA) to mark it missing",
            excerpt(cell),
            f32::MAX
        )
    } else {
        format!("'{}' is not a number", excerpt(cell))
    }
}

/// Orders class or category names: numbers by value (so "2" < "10") before text, text by
/// its characters; a stable order that does not depend on the file.
pub fn compare_names(a: &str, b: &str) -> Ordering {
    match (parse_number(a), parse_number(b)) {
        (Some(x), Some(y)) => x.total_cmp(&y).then_with(|| a.cmp(b)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp(b),
    }
}
