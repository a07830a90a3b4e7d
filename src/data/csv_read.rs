//! Reading CSV bytes into a [`RawTable`] of text cells with the `csv` crate: the delimiter is
//! sniffed among `,` `;` and tab, a UTF-8 byte-order mark is dropped, quotes and CRLF are handled
//! by the parser, and every problem (binary data, invalid UTF-8, ragged rows, limits) becomes a
//! [`DatasetError`] naming the file, line and column.

use std::collections::HashSet;
use std::path::Path;

use super::DatasetError;
use super::user_file::{ReadError, read_user_file};

/// Largest CSV file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Most data rows accepted.
pub const MAX_ROWS: usize = 500_000;
/// Most columns accepted.
pub const MAX_COLUMNS: usize = 2_000;
/// Most cells (rows × columns) accepted.
pub const MAX_CELLS: usize = 20_000_000;

/// The delimiters tried when sniffing, in order of preference on a tie.
const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];
/// Records looked at when sniffing the delimiter.
const SNIFF_RECORDS: usize = 50;

/// A CSV file as text cells: the header and every data row, before any interpretation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTable {
    /// The file name used in messages.
    pub path: String,
    /// Column names from the header row, exactly as written (empty names become `column_N`).
    pub headers: Vec<String>,
    /// Data rows; each has exactly `headers.len()` cells, whitespace-trimmed.
    pub rows: Vec<Vec<String>>,
    /// The 1-based line on which each data row starts.
    pub lines: Vec<u64>,
    /// The delimiter that was detected.
    pub delimiter: u8,
}

impl RawTable {
    /// Parses CSV bytes; `path` names the file in messages.
    pub fn from_bytes(bytes: &[u8], path: &str) -> Result<Self, DatasetError> {
        let invalid =
            |line: Option<u64>, column: Option<String>, message: String| DatasetError::Invalid {
                path: path.to_owned(),
                line,
                column,
                message,
            };
        let (bytes, delimiter) = check_text(bytes, path)?;
        let mut reader = reader(bytes, delimiter);
        let mut headers: Vec<String> = Vec::new();
        let mut rows = Vec::new();
        let mut lines = Vec::new();
        let mut record = csv::ByteRecord::new();
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    let line = e.position().map(csv::Position::line);
                    return Err(invalid(line, None, format!("not valid CSV: {e}")));
                }
            }
            let line = record.position().map_or(0, csv::Position::line);
            let mut cells = decode(&record, line, &headers, path)?;
            if delimiter == b';' {
                // Semicolon files usually come from locales that write 1,5 for 1.5.
                for cell in &mut cells {
                    if is_decimal_comma(cell) {
                        *cell = cell.replace(',', ".");
                    }
                }
            }
            if headers.is_empty() {
                headers = header_names(cells, path)?;
                continue;
            }
            if cells.len() != headers.len() {
                let (column, detail) = if cells.len() < headers.len() {
                    (Some(headers[cells.len()].clone()), "too few")
                } else {
                    (None, "too many")
                };
                return Err(invalid(
                    Some(line),
                    column,
                    format!(
                        "this row has {} fields but the header has {} ({detail}; check the delimiter and quotes)",
                        cells.len(),
                        headers.len()
                    ),
                ));
            }
            if rows.len() >= MAX_ROWS || (rows.len() + 1) * headers.len() > MAX_CELLS {
                return Err(invalid(
                    Some(line),
                    None,
                    format!(
                        "more than {MAX_ROWS} rows or {MAX_CELLS} cells; use a smaller sample of the data"
                    ),
                ));
            }
            rows.push(cells);
            lines.push(line);
        }
        if rows.is_empty() {
            return Err(invalid(
                Some(1),
                None,
                "the file has a header row but no data rows".into(),
            ));
        }
        Ok(Self {
            path: path.to_owned(),
            headers,
            rows,
            lines,
            delimiter,
        })
    }

    /// Reads and parses a CSV file.
    pub fn from_file(path: &Path) -> Result<Self, DatasetError> {
        let bytes = read_file(path)?;
        Self::from_bytes(&bytes, &path.display().to_string())
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

/// Reads a whole file the user named (see [`read_user_file`]: no devices, no endless wait on
/// a pipe), refusing files over [`MAX_FILE_BYTES`] without reading further.
pub fn read_file(path: &Path) -> Result<Vec<u8>, DatasetError> {
    read_user_file(path, MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::TooLarge { .. } => DatasetError::Invalid {
            path: path.display().to_string(),
            line: None,
            column: None,
            message: too_big(MAX_FILE_BYTES + 1),
        },
        other => DatasetError::Io {
            path: path.display().to_string(),
            message: other.to_string(),
        },
    })
}

/// A stable fingerprint of file contents (64-bit FNV-1a, hex), to notice a changed CSV.
pub fn content_hash(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("fnv1a64:{hash:016x}")
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

fn too_big(bytes: u64) -> String {
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
fn sniff_delimiter(bytes: &[u8]) -> u8 {
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

/// The bytes of a CSV without its byte-order mark, and its delimiter; or why they are not
/// CSV text at all (too large, empty, binary, a quote that never closes).
fn check_text<'b>(bytes: &'b [u8], path: &str) -> Result<(&'b [u8], u8), DatasetError> {
    let invalid = |line: Option<u64>, message: String| DatasetError::Invalid {
        path: path.to_owned(),
        line,
        column: None,
        message,
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(invalid(None, too_big(bytes.len() as u64)));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(invalid(
            None,
            "the file is empty; a CSV needs a header row and at least one data row".into(),
        ));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let line = bytes[..at].split(|&b| b == b'\n').count() as u64;
        return Err(invalid(
            Some(line),
            "this is not a text file (it contains NUL bytes); expected CSV text".into(),
        ));
    }
    let delimiter = sniff_delimiter(bytes);
    if let Some(line) = unterminated_quote(bytes, delimiter) {
        return Err(invalid(
            Some(line),
            "a quoted field opens here and its closing quote never comes (the rest of the file would be one field); check the quotes".into(),
        ));
    }
    Ok((bytes, delimiter))
}

/// The line on which a quoted field opens that is never closed, if any: the parser would read
/// the rest of the file into that one field. Follows the parser's rules: a quote opens a
/// quoted field only as a field's first byte, and `""` inside one is a literal quote.
fn unterminated_quote(bytes: &[u8], delimiter: u8) -> Option<u64> {
    let mut line = 1u64;
    let mut field_start = true;
    let mut open: Option<u64> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            line += 1;
        }
        if open.is_some() {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    open = None;
                }
            }
        } else if b == b'"' && field_start {
            open = Some(line);
            field_start = false;
        } else {
            field_start = b == delimiter || b == b'\n' || b == b'\r';
        }
        i += 1;
    }
    open
}

/// The record's fields as text; invalid UTF-8 is an error naming the line and column.
fn decode(
    record: &csv::ByteRecord,
    line: u64,
    headers: &[String],
    path: &str,
) -> Result<Vec<String>, DatasetError> {
    record
        .iter()
        .enumerate()
        .map(|(i, field)| match std::str::from_utf8(field) {
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
fn header_names(cells: Vec<String>, path: &str) -> Result<Vec<String>, DatasetError> {
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
