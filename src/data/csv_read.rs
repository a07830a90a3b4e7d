//! A CSV file as a [`RawTable`]: its header, its cells (one `f32` matrix for a table of
//! numbers, text cells otherwise) and where each row came from. The reading itself streams
//! (`csv_stream.rs`, `csv_scan.rs`): the delimiter is sniffed among `,` `;` and tab, a UTF-8
//! byte-order mark is dropped, quotes and CRLF are handled by the `csv` crate's parser, and
//! every problem (binary data, invalid UTF-8, ragged rows, limits) becomes a [`DatasetError`]
//! naming the file, line and column.

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::Path;

use super::DatasetError;
use super::cells::{is_missing, parse_number};
use super::csv_scan::{FNV_START, ReadProgress, fnv1a};
use super::csv_stream::{number_text, read_table};
use super::user_file::{PIPE_OPEN_TIMEOUT, ReadError, open_for_reading};

/// Largest CSV file read, in bytes (1 GiB). The cells of a table of numbers take 4 bytes each
/// in memory, and a CSV spends at least 2 bytes on a cell (`0,`): a 1 GiB file needs at most
/// 2 GiB for its matrix. Experiment files have their own, smaller limit.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024 * 1024;
/// Most data rows accepted.
pub const MAX_ROWS: usize = 20_000_000;
/// Most columns accepted.
pub const MAX_COLUMNS: usize = 2_000;
/// Most cells (rows × columns) of a table with a text column: each text cell is kept as text.
pub const MAX_CELLS: usize = 20_000_000;
/// Most cells of a table of numbers only (kept as 4-byte numbers: 2 GiB).
pub const MAX_NUMBER_CELLS: usize = 512 * 1024 * 1024;

/// The delimiters tried when sniffing, in order of preference on a tie.
const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];
/// Records looked at when sniffing the delimiter.
const SNIFF_RECORDS: usize = 50;

/// The cells of a [`RawTable`].
#[derive(Debug, Clone, PartialEq)]
pub enum Cells {
    /// Every cell a number (or missing): `[rows, columns]` row-major, NaN for a missing cell;
    /// with each column's summary, gathered as the rows streamed in.
    Numbers(Vec<f32>, Vec<NumberColumn>),
    /// Every cell's text, whitespace-trimmed, row by row (a table with a text column).
    Text(Vec<Vec<String>>),
}

/// What the import needs to know of a column of numbers, gathered row by row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NumberColumn {
    /// Missing cells.
    pub missing: usize,
    /// True once a present value is not a whole number.
    pub fractions: bool,
    /// The distinct present values.
    distinct: Distinct,
}

impl NumberColumn {
    /// Takes one more cell (NaN: missing).
    #[expect(
        clippy::float_cmp,
        reason = "an exact test: is the value a whole number"
    )]
    pub fn add(&mut self, v: f32) {
        if v.is_nan() {
            self.missing += 1;
            return;
        }
        // Every f32 from 2²³ on is whole; below, the cast to i32 is exact for whole numbers.
        let whole = v.abs() >= 8_388_608.0 || (v as i32) as f32 == v;
        self.fractions |= !whole;
        self.distinct.insert(v, whole);
    }

    /// Distinct present values.
    pub fn distinct(&self) -> usize {
        self.distinct.len()
    }

    /// True when every present value is a whole number.
    pub fn integers(&self) -> bool {
        !self.fractions
    }
}

/// Distinct values: small whole numbers (pixels, labels) in a bitmap, the others by their bits.
#[derive(Debug, Clone, Default, PartialEq)]
struct Distinct {
    /// One bit for each of 0..=65535, allocated with the first.
    small: Vec<u64>,
    other: HashSet<u32>,
}

impl Distinct {
    fn insert(&mut self, v: f32, whole: bool) {
        if whole && (0.0..=65535.0).contains(&v) {
            if self.small.is_empty() {
                self.small = vec![0; 1024];
            }
            let i = v as usize;
            self.small[i / 64] |= 1 << (i % 64);
        } else {
            // -0 and 0 are one value.
            self.other.insert((v + 0.0).to_bits());
        }
    }

    fn len(&self) -> usize {
        self.small
            .iter()
            .map(|w| w.count_ones() as usize)
            .sum::<usize>()
            + self.other.len()
    }
}

/// One cell of a [`RawTable`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// A cell of a table of numbers: NaN when missing.
    Number(f32),
    /// A cell of a table with text.
    Text(&'a str),
}

impl<'a> Cell<'a> {
    /// True for a missing cell (see [`is_missing`]).
    pub fn is_missing(self) -> bool {
        match self {
            Self::Number(v) => v.is_nan(),
            Self::Text(text) => is_missing(text),
        }
    }

    /// The cell as a finite number, if it is one.
    pub fn number(self) -> Option<f64> {
        match self {
            Self::Number(v) => (!v.is_nan()).then_some(f64::from(v)),
            Self::Text(text) => parse_number(text),
        }
    }

    /// The cell's text (a number written as the shortest text that reads back the same).
    pub fn text(self) -> Cow<'a, str> {
        match self {
            Self::Number(v) => Cow::Owned(number_text(v)),
            Self::Text(text) => Cow::Borrowed(text),
        }
    }
}

/// A CSV file: the header, every data row's cells, before any interpretation.
#[derive(Debug, Clone, PartialEq)]
pub struct RawTable {
    /// The file name used in messages.
    pub path: String,
    /// Column names from the header row, exactly as written (empty names become `column_N`).
    pub headers: Vec<String>,
    /// The data rows' cells; each row has exactly `headers.len()`.
    pub cells: Cells,
    /// The 1-based line on which each data row starts.
    pub lines: Vec<u64>,
    /// The delimiter that was detected.
    pub delimiter: u8,
    /// [`content_hash`] of the file's bytes.
    pub content_hash: String,
}

impl RawTable {
    /// Parses CSV bytes; `path` names the file in messages.
    pub fn from_bytes(bytes: &[u8], path: &str) -> Result<Self, DatasetError> {
        let progress = ReadProgress::default();
        progress.set_total(bytes.len() as u64);
        read_table(bytes, path, &progress)
    }

    /// Reads and parses a CSV file (regular files and pipes only, see [`open_for_reading`]).
    pub fn from_file(path: &Path) -> Result<Self, DatasetError> {
        Self::from_file_with(path, &ReadProgress::default())
    }

    /// [`Self::from_file`], reporting to `progress` and stopping when it is cancelled.
    pub fn from_file_with(path: &Path, progress: &ReadProgress) -> Result<Self, DatasetError> {
        let shown = path.display().to_string();
        let file = open_for_reading(path, PIPE_OPEN_TIMEOUT).map_err(|e| match e {
            ReadError::TooLarge { .. } => DatasetError::Invalid {
                path: shown.clone(),
                line: None,
                column: None,
                message: too_big(MAX_FILE_BYTES + 1),
            },
            other => DatasetError::Io {
                path: shown.clone(),
                message: other.to_string(),
            },
        })?;
        if let Ok(meta) = file.metadata()
            && meta.is_file()
        {
            progress.set_total(meta.len());
        }
        // The parser buffers the reads itself.
        read_table(file, &shown, progress)
    }

    /// Data rows.
    pub fn row_count(&self) -> usize {
        self.lines.len()
    }

    /// The cell of data row `row` (an index into `lines`) and column `column`.
    ///
    /// # Panics
    /// If either is out of range.
    pub fn cell(&self, row: usize, column: usize) -> Cell<'_> {
        match &self.cells {
            Cells::Numbers(values, _) => Cell::Number(values[row * self.headers.len() + column]),
            Cells::Text(rows) => Cell::Text(&rows[row][column]),
        }
    }

    /// The position of the column called `name`.
    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// An error about this file at data row `row` (an index into `rows`) and column `column`.
    pub fn error_at(
        &self,
        row: Option<usize>,
        column: Option<usize>,
        message: impl Into<String>,
    ) -> DatasetError {
        DatasetError::Invalid {
            path: self.path.clone(),
            line: row.and_then(|r| self.lines.get(r).copied()),
            column: column.and_then(|c| self.headers.get(c).cloned()),
            message: message.into(),
        }
    }
}

/// A stable fingerprint of file contents (64-bit FNV-1a, hex), to notice a changed CSV.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("fnv1a64:{:016x}", fnv1a(FNV_START, bytes))
}

/// True for a number written with a decimal comma, like `-1,5`.
fn is_decimal_comma(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let Some((whole, fraction)) = digits.split_once(',') else {
        return false;
    };
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

pub(super) fn too_big(bytes: u64) -> String {
    format!(
        "the file is larger than the {} MiB limit ({bytes} bytes or more)",
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

fn reader(bytes: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes)
}

/// Picks the delimiter that splits the first records into the most columns, preferring one that
/// gives every record the same number of fields; `,` when nothing splits anything.
pub(super) fn sniff_delimiter(bytes: &[u8]) -> u8 {
    let mut best = (false, 1usize, b',');
    for delimiter in DELIMITERS {
        let mut reader = reader(bytes, delimiter);
        let mut counts = reader
            .byte_records()
            .take(SNIFF_RECORDS)
            .map_while(Result::ok)
            .map(|r| r.len());
        let Some(first) = counts.next() else { continue };
        let consistent = counts.all(|n| n == first);
        let candidate = (consistent && first > 1, first, delimiter);
        if (candidate.0, candidate.1) > (best.0, best.1) {
            best = candidate;
        }
    }
    best.2
}

/// A number cell's value straight from its bytes: NaN for the spellings of a missing cell,
/// `None` for a cell that is not a finite number within the `f32` range (text, `inf`, `1e39`).
/// A short integer is read digit by digit; anything else as `f64` rounded once to `f32`.
pub(super) fn number_cell(field: &[u8], delimiter: u8) -> Option<f32> {
    let field = field.trim_ascii();
    let digits = field.strip_prefix(b"-").unwrap_or(field);
    if !digits.is_empty() && digits.len() <= 9 && digits.iter().all(u8::is_ascii_digit) {
        let magnitude = digits
            .iter()
            .fold(0u32, |n, &d| n * 10 + u32::from(d - b'0'));
        let value = f64::from(magnitude);
        return Some(if digits.len() < field.len() {
            -value
        } else {
            value
        } as f32);
    }
    let text = std::str::from_utf8(field).ok()?;
    if is_missing(text) {
        return Some(f32::NAN);
    }
    let value = if delimiter == b';' && is_decimal_comma(text) {
        parse_number(&text.replace(',', "."))
    } else {
        parse_number(text)
    }?;
    Some(value as f32)
}

/// The record's fields as text (a decimal comma read as a point in a `;` file); invalid UTF-8
/// is an error naming the line and column.
pub(super) fn text_fields(
    record: &csv::ByteRecord,
    line: u64,
    headers: &[String],
    path: &str,
    delimiter: u8,
) -> Result<Vec<String>, DatasetError> {
    record
        .iter()
        .enumerate()
        .map(|(i, field)| match std::str::from_utf8(field.trim_ascii()) {
            // Semicolon files usually come from locales that write 1,5 for 1.5.
            Ok(text) if delimiter == b';' && is_decimal_comma(text) => Ok(text.replace(',', ".")),
            Ok(text) => Ok(text.to_owned()),
            Err(_) => Err(DatasetError::Invalid {
                path: path.to_owned(),
                line: Some(line),
                column: Some(
                    headers
                        .get(i)
                        .cloned()
                        .unwrap_or_else(|| format!("column_{}", i + 1)),
                ),
                message: "this field is not UTF-8 text; save the file as UTF-8 CSV".into(),
            }),
        })
        .collect()
}

/// Validates the header row: not too wide, names unique; empty names become `column_N`.
pub(super) fn header_names(cells: Vec<String>, path: &str) -> Result<Vec<String>, DatasetError> {
    let invalid = |column: Option<String>, message: String| DatasetError::Invalid {
        path: path.to_owned(),
        line: Some(1),
        column,
        message,
    };
    if cells.len() > MAX_COLUMNS {
        return Err(invalid(
            None,
            format!(
                "{} columns is more than the limit of {MAX_COLUMNS}",
                cells.len()
            ),
        ));
    }
    let mut seen = HashSet::new();
    let mut names = Vec::with_capacity(cells.len());
    for (i, cell) in cells.into_iter().enumerate() {
        let name = if cell.is_empty() {
            format!("column_{}", i + 1)
        } else {
            cell
        };
        if !seen.insert(name.clone()) {
            return Err(invalid(
                Some(name),
                "two columns have this name; column names must be unique".into(),
            ));
        }
        names.push(name);
    }
    Ok(names)
}
