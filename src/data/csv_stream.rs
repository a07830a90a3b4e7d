//! Streaming a CSV into a [`RawTable`]: the file is read once, block by block (so a pipe
//! works and the text is never held whole), tokenised by the `csv` crate into reused
//! `ByteRecord`s on this thread while a second thread turns batches of records into cells.
//! A table of numbers goes straight into one `f32` matrix, with no `String` per cell; the
//! first batch decides that, and the rest confirms it as it streams by: the first cell that
//! is not a number turns the table into text cells from there on (the numbers read so far
//! are written back as text).

use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel, sync_channel};

use csv::ByteRecord;

use super::DatasetError;
use super::csv_read::{
    Cells, MAX_CELLS, MAX_FILE_BYTES, MAX_NUMBER_CELLS, MAX_ROWS, NumberColumn, RawTable,
    header_names, number_cell, sniff_delimiter, text_fields, too_big,
};
use super::csv_scan::{Quotes, ReadProgress, Scan, Stop};

/// Bytes read before parsing starts: enough to sniff the delimiter on whole records.
const PREFIX_BYTES: usize = 64 * 1024;
/// Records handed to the cell thread at a time.
const BATCH_RECORDS: usize = 256;

/// Reusable records, the first `len` of them filled.
#[derive(Default)]
struct Batch {
    records: Vec<ByteRecord>,
    len: usize,
}

impl Batch {
    fn slot(&mut self) -> &mut ByteRecord {
        if self.records.len() == self.len {
            self.records.push(ByteRecord::new());
        }
        &mut self.records[self.len]
    }
}

/// What the cell thread needs to know about the file.
struct Context<'a> {
    path: &'a str,
    headers: &'a [String],
    delimiter: u8,
    failed: &'a AtomicBool,
}

/// The cells built so far.
enum Builder {
    Numbers(Vec<f32>, Vec<NumberColumn>),
    Text(Vec<Vec<String>>),
}

impl Builder {
    fn push(&mut self, record: &ByteRecord, context: &Context<'_>) -> Result<(), DatasetError> {
        let line = record.position().map_or(0, csv::Position::line);
        match self {
            Self::Numbers(values, columns) => {
                let start = values.len();
                for field in record {
                    if let Some(v) = number_cell(field, context.delimiter) {
                        values.push(v);
                    } else {
                        values.truncate(start);
                        self.switch_to_text(context)?;
                        return self.push(record, context);
                    }
                }
                for (column, &v) in columns.iter_mut().zip(&values[start..]) {
                    column.add(v);
                }
                Ok(())
            }
            Self::Text(rows) => {
                if (rows.len() + 1) * context.headers.len() > MAX_CELLS {
                    return Err(too_many_text_cells(context.path, Some(line)));
                }
                rows.push(text_fields(
                    record,
                    line,
                    context.headers,
                    context.path,
                    context.delimiter,
                )?);
                Ok(())
            }
        }
    }

    /// Turns the numbers read so far into text cells.
    fn switch_to_text(&mut self, context: &Context<'_>) -> Result<(), DatasetError> {
        let Self::Numbers(values, _) = self else {
            return Ok(());
        };
        let width = context.headers.len();
        if values.len() > MAX_CELLS {
            return Err(too_many_text_cells(context.path, None));
        }
        let rows = values
            .chunks(width)
            .map(|row| row.iter().map(|&v| number_text(v)).collect())
            .collect();
        *self = Self::Text(rows);
        Ok(())
    }
}

/// A number cell written back as text: the shortest text that reads as the same `f32`;
/// empty for a missing cell.
pub fn number_text(v: f32) -> String {
    if v.is_nan() {
        String::new()
    } else {
        v.to_string()
    }
}

fn too_many_text_cells(path: &str, line: Option<u64>) -> DatasetError {
    DatasetError::Invalid {
        path: path.to_owned(),
        line,
        column: None,
        message: format!(
            "more than {MAX_CELLS} cells in a table with text columns (a table of numbers only may have up to {MAX_NUMBER_CELLS}); use a smaller sample of the data"
        ),
    }
}

/// The cell thread: builds cells from the batches until they stop coming.
fn build(
    batches: Receiver<Batch>,
    spare: Sender<Batch>,
    context: &Context<'_>,
) -> Result<Cells, DatasetError> {
    let mut cells = Builder::Numbers(
        Vec::new(),
        vec![NumberColumn::default(); context.headers.len()],
    );
    for mut batch in batches {
        for record in &batch.records[..batch.len] {
            if let Err(e) = cells.push(record, context) {
                context.failed.store(true, Ordering::Relaxed);
                return Err(e);
            }
        }
        batch.len = 0;
        // The reader may have finished: then nobody reuses the batch.
        let _ = spare.send(batch);
    }
    Ok(match cells {
        Builder::Numbers(mut values, columns) => {
            values.shrink_to_fit();
            Cells::Numbers(values, columns)
        }
        Builder::Text(rows) => Cells::Text(rows),
    })
}

/// The error for a read that the scan or the operating system stopped.
fn stopped<R>(scan: &Scan<'_, R>, error: &io::Error, path: &str) -> DatasetError {
    let invalid = |line, message| DatasetError::Invalid {
        path: path.to_owned(),
        line,
        column: None,
        message,
    };
    match scan.stop() {
        Some(Stop::TooLarge) => invalid(None, too_big(MAX_FILE_BYTES + 1)),
        Some(Stop::Nul(line)) => invalid(
            Some(line),
            "this is not a text file (it contains NUL bytes); expected CSV text".into(),
        ),
        Some(Stop::Cancelled) => DatasetError::Cancelled {
            path: path.to_owned(),
        },
        None => DatasetError::Io {
            path: path.to_owned(),
            message: error.to_string(),
        },
    }
}

fn unterminated(path: &str, line: u64) -> DatasetError {
    DatasetError::Invalid {
        path: path.to_owned(),
        line: Some(line),
        column: None,
        message: "a quoted field opens here and its closing quote never comes (the rest of the file would be one field); check the quotes".into(),
    }
}

/// Reads a CSV from `source` (see the module docs); `path` names it in messages, and
/// `progress` counts the bytes and can stop the read.
#[expect(
    clippy::too_many_lines,
    reason = "one read loop: header, records, the cell thread and the order of errors"
)]
pub fn read_table(
    source: impl Read,
    path: &str,
    progress: &ReadProgress,
) -> Result<RawTable, DatasetError> {
    let invalid =
        |line: Option<u64>, column: Option<String>, message: String| DatasetError::Invalid {
            path: path.to_owned(),
            line,
            column,
            message,
        };
    let mut scan = Scan::new(source, progress, MAX_FILE_BYTES);
    let mut prefix = Vec::with_capacity(PREFIX_BYTES);
    if let Err(e) = (&mut scan)
        .take(PREFIX_BYTES as u64)
        .read_to_end(&mut prefix)
    {
        return Err(stopped(&scan, &e, path));
    }
    let whole = prefix.len() < PREFIX_BYTES;
    let start = if prefix.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let body = &prefix[start..];
    if whole && body.iter().all(u8::is_ascii_whitespace) {
        return Err(invalid(
            None,
            None,
            "the file is empty; a CSV needs a header row and at least one data row".into(),
        ));
    }
    // Sniff on whole records only.
    let sniffed = if whole {
        body
    } else {
        body.iter()
            .rposition(|&b| b == b'\n')
            .map_or(body, |end| &body[..end])
    };
    let delimiter = sniff_delimiter(sniffed);
    let mut quotes = Quotes::new(delimiter);
    quotes.feed(body);
    scan.follow_quotes(quotes);
    let mut cursor = io::Cursor::new(prefix);
    cursor.set_position(start as u64);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(256 * 1024)
        .from_reader(cursor.chain(scan));
    let scan_of = |reader: &csv::Reader<io::Chain<io::Cursor<Vec<u8>>, Scan<'_, _>>>| {
        // The scan's verdicts, read after the parser stopped.
        let scan = reader.get_ref().get_ref().1;
        (scan.unterminated_quote(), scan.content_hash())
    };
    let parse_error = |reader: &csv::Reader<_>, e: csv::Error| -> DatasetError {
        let scan: &Scan<'_, _> = io::Chain::get_ref(reader.get_ref()).1;
        match e.kind() {
            csv::ErrorKind::Io(io) => stopped(scan, io, path),
            _ => invalid(
                e.position().map(csv::Position::line),
                None,
                format!("not valid CSV: {e}"),
            ),
        }
    };
    let mut record = ByteRecord::new();
    match reader.read_byte_record(&mut record) {
        Ok(true) => {}
        Ok(false) => {
            return Err(invalid(
                None,
                None,
                "the file is empty; a CSV needs a header row and at least one data row".into(),
            ));
        }
        Err(e) => return Err(parse_error(&reader, e)),
    }
    let header_line = record.position().map_or(1, csv::Position::line);
    let headers = header_names(
        text_fields(&record, header_line, &[], path, delimiter)?,
        path,
    )?;
    let width = headers.len();
    let failed = AtomicBool::new(false);
    let context = Context {
        path,
        headers: &headers,
        delimiter,
        failed: &failed,
    };
    let mut lines: Vec<u64> = Vec::new();
    let (read_error, built) = std::thread::scope(|s| {
        let (to_cells, batches) = sync_channel::<Batch>(2);
        let (spare_sender, spare) = channel::<Batch>();
        let worker = s.spawn(|| build(batches, spare_sender, &context));
        let mut read_error: Option<DatasetError> = None;
        let mut batch = Batch::default();
        while !failed.load(Ordering::Relaxed) {
            let record = batch.slot();
            match reader.read_byte_record(record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    read_error = Some(parse_error(&reader, e));
                    break;
                }
            }
            let line = record.position().map_or(0, csv::Position::line);
            if record.len() != width {
                let (column, detail) = if record.len() < width {
                    (Some(headers[record.len()].clone()), "too few")
                } else {
                    (None, "too many")
                };
                read_error = Some(invalid(
                    Some(line),
                    column,
                    format!(
                        "this row has {} fields but the header has {width} ({detail}; check the delimiter and quotes)",
                        record.len(),
                    ),
                ));
                break;
            }
            let rows = lines.len() + 1;
            if rows > MAX_ROWS || rows * width > MAX_NUMBER_CELLS {
                read_error = Some(invalid(
                    Some(line),
                    None,
                    format!(
                        "more than {MAX_ROWS} rows or {MAX_NUMBER_CELLS} cells; use a smaller sample of the data"
                    ),
                ));
                break;
            }
            lines.push(line);
            batch.len += 1;
            if batch.len == BATCH_RECORDS {
                let next = spare.try_recv().unwrap_or_default();
                if to_cells.send(std::mem::replace(&mut batch, next)).is_err() {
                    break;
                }
            }
        }
        if batch.len > 0 {
            // A closed channel means the cell thread failed; its error is reported.
            let _ = to_cells.send(batch);
        }
        drop(to_cells);
        let built = worker
            .join()
            .unwrap_or_else(|_| Err(invalid(None, None, "reading the cells failed".into())));
        (read_error, built)
    });
    let (open_quote, content_hash) = scan_of(&reader);
    if let Some(line) = open_quote {
        return Err(unterminated(path, line));
    }
    let cells = match (built, read_error) {
        (Err(e), Some(r)) => return Err(if line_of(&r) < line_of(&e) { r } else { e }),
        (Err(e), None) | (Ok(_), Some(e)) => return Err(e),
        (Ok(cells), None) => cells,
    };
    if lines.is_empty() {
        return Err(invalid(
            Some(1),
            None,
            "the file has a header row but no data rows".into(),
        ));
    }
    Ok(RawTable {
        path: path.to_owned(),
        headers,
        cells,
        lines,
        delimiter,
        content_hash,
    })
}

fn line_of(error: &DatasetError) -> u64 {
    match error {
        DatasetError::Invalid {
            line: Some(line), ..
        } => *line,
        _ => u64::MAX,
    }
}
