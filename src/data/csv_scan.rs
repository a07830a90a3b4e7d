//! The bytes of a CSV as they stream in, looked at once on their way to the parser: counted
//! (for the progress bar and the size limit), hashed (the file's content hash), searched for
//! NUL bytes (binary files) and followed quote by quote (a quoted field that never closes),
//! so none of these needs the whole file in memory or a second read.

use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// How far a CSV read has come, and whether the user wants it stopped. Shared between the
/// reading thread and the one that shows a progress bar.
#[derive(Debug, Default)]
pub struct ReadProgress {
    /// Bytes read so far.
    read: AtomicU64,
    /// The file's length in bytes; 0 when unknown (a pipe).
    total: AtomicU64,
    /// Set to stop the read at its next block.
    cancelled: AtomicBool,
}

impl ReadProgress {
    /// A fresh progress, shared.
    pub fn shared() -> Arc<Self> {
        Arc::new(Self::default())
    }

    /// The fraction of the file read, from 0 to 1; `None` while the length is unknown.
    pub fn fraction(&self) -> Option<f32> {
        let total = self.total.load(Ordering::Relaxed);
        (total > 0)
            .then(|| (self.read.load(Ordering::Relaxed) as f64 / total as f64).min(1.0) as f32)
    }

    /// Bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }

    /// Asks the read to stop; it ends with [`super::DatasetError::Cancelled`].
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// True once [`Self::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    pub(super) fn set_total(&self, total: u64) {
        self.total.store(total, Ordering::Relaxed);
    }
}

/// Why the scan stopped the read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// More than the byte limit.
    TooLarge,
    /// A NUL byte on this 1-based line: not a text file.
    Nul(u64),
    /// The user cancelled.
    Cancelled,
}

/// The quote state of the bytes seen so far, following the parser's rules: a quote opens a
/// quoted field only as a field's first byte, and `""` inside one is a literal quote.
#[derive(Debug, Clone)]
pub struct Quotes {
    delimiter: u8,
    line: u64,
    field_start: bool,
    /// The line on which the open quoted field began.
    open: Option<u64>,
    /// Inside a quoted field, the previous byte was a quote (closing it, or the first of `""`).
    quote_pending: bool,
}

impl Quotes {
    /// The state at the start of a file split by `delimiter`.
    pub fn new(delimiter: u8) -> Self {
        Self {
            delimiter,
            line: 1,
            field_start: true,
            open: None,
            quote_pending: false,
        }
    }

    /// Follows `bytes`, which continue the bytes fed before.
    pub fn feed(&mut self, bytes: &[u8]) {
        // Blocks without a quote only move the line count and the field start.
        for block in bytes.chunks(64) {
            let quotes = block.contains(&b'"');
            if quotes || self.open.is_some() || self.quote_pending {
                self.feed_bytes(block);
            } else if let Some(&last) = block.last() {
                self.line += newlines(block);
                self.field_start = last == self.delimiter || last == b'\n' || last == b'\r';
            }
        }
    }

    /// [`Self::feed`], byte by byte.
    fn feed_bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if self.quote_pending {
                self.quote_pending = false;
                if b == b'"' {
                    // `""`: a literal quote; the field stays open.
                    continue;
                }
                self.open = None;
            }
            if b == b'\n' {
                self.line += 1;
            }
            if self.open.is_some() {
                if b == b'"' {
                    self.quote_pending = true;
                }
            } else if b == b'"' && self.field_start {
                self.open = Some(self.line);
                self.field_start = false;
            } else {
                self.field_start = b == self.delimiter || b == b'\n' || b == b'\r';
            }
        }
    }

    /// The line of a quoted field still open after everything fed (at the end of the file:
    /// one that never closes).
    pub fn open_line(&self) -> Option<u64> {
        if self.quote_pending { None } else { self.open }
    }
}

/// A reader that scans what passes through it (see the module docs).
pub struct Scan<'p, R> {
    inner: R,
    progress: &'p ReadProgress,
    limit: u64,
    read: u64,
    /// 64-bit FNV-1a of the bytes so far.
    hash: u64,
    /// Newlines so far, plus one.
    line: u64,
    /// Fed once the delimiter is known, with everything read before then.
    quotes: Option<Quotes>,
    /// Why the read was stopped, if it was.
    stop: Option<Stop>,
    /// True once the inner reader reported its end.
    at_end: bool,
}

/// The FNV-1a offset basis.
pub const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// Continues a 64-bit FNV-1a hash over `bytes`.
pub fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

impl<'p, R> Scan<'p, R> {
    /// Scans `inner`, refusing more than `limit` bytes and reporting to `progress`.
    pub fn new(inner: R, progress: &'p ReadProgress, limit: u64) -> Self {
        Self {
            inner,
            progress,
            limit,
            read: 0,
            hash: FNV_START,
            line: 1,
            quotes: None,
            stop: None,
            at_end: false,
        }
    }

    /// Starts following quotes with `quotes`, which has been fed everything read so far.
    pub fn follow_quotes(&mut self, quotes: Quotes) {
        self.quotes = Some(quotes);
    }

    /// Why the read stopped early, if it did.
    pub fn stop(&self) -> Option<Stop> {
        self.stop
    }

    /// The content hash of everything read, as [`super::csv_read::content_hash`] writes it.
    pub fn content_hash(&self) -> String {
        format!("fnv1a64:{:016x}", self.hash)
    }

    /// The line of a quoted field left open at the end of the file, once the end was read.
    pub fn unterminated_quote(&self) -> Option<u64> {
        if self.at_end {
            self.quotes.as_ref().and_then(Quotes::open_line)
        } else {
            None
        }
    }

    fn halt(&mut self, why: Stop) -> io::Error {
        self.stop = Some(why);
        io::Error::other("the read was stopped")
    }
}

impl<R: Read> Read for Scan<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(why) = self.stop {
            return Err(self.halt(why));
        }
        if self.progress.is_cancelled() {
            return Err(self.halt(Stop::Cancelled));
        }
        let n = self.inner.read(buf)?;
        if n == 0 {
            self.at_end = true;
            return Ok(0);
        }
        let bytes = &buf[..n];
        self.read += n as u64;
        if self.read > self.limit {
            return Err(self.halt(Stop::TooLarge));
        }
        // A word-at-a-time search first: almost every block has no NUL.
        if bytes.contains(&0)
            && let Some(at) = bytes.iter().position(|&b| b == 0)
        {
            let line = self.line + newlines(&bytes[..at]);
            return Err(self.halt(Stop::Nul(line)));
        }
        self.line += newlines(bytes);
        self.hash = fnv1a(self.hash, bytes);
        if let Some(quotes) = &mut self.quotes {
            quotes.feed(bytes);
        }
        self.progress.read.store(self.read, Ordering::Relaxed);
        Ok(n)
    }
}

/// The newlines in `bytes`.
fn newlines(bytes: &[u8]) -> u64 {
    bytes.iter().map(|&b| u64::from(b == b'\n')).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_followed_across_blocks() {
        let text = b"a,b\n1,\"x\"\"y\"\n2,\"open\n3,4\n";
        for split in 0..text.len() {
            let mut quotes = Quotes::new(b',');
            quotes.feed(&text[..split]);
            quotes.feed(&text[split..]);
            assert_eq!(
                quotes.open_line(),
                Some(3),
                "the quote opened on line 3 never closes (split at {split})"
            );
        }
        let mut closed = Quotes::new(b',');
        closed.feed(b"a,b\n1,\"x\"\"\"\n");
        assert_eq!(
            closed.open_line(),
            None,
            "a field ending in a literal quote is closed"
        );
    }

    #[test]
    fn the_hash_is_fnv1a() {
        assert_eq!(
            fnv1a(FNV_START, b"a"),
            0xaf63_dc4c_8601_ec8c,
            "the published FNV-1a 64 of 'a'"
        );
    }
}
