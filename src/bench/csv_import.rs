//! The `csv-import` workload: writes a seeded MNIST-shaped CSV (`label,pixel0,…,pixel783`,
//! mostly zero pixels as in the real file) to the temp folder, then times what `data describe`
//! does with it (the streaming read, every cell parsed and checked, the schema inferred) and,
//! separately, the load into scaled train/test matrices as the app opens a large CSV (the
//! training matrix in the table's own memory). Peak memory is the process's resident
//! high-water mark (`VmHWM`), reset before the import where Linux allows it.

use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rand::{RngExt as _, SeedableRng as _};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::data::{DataSource, DataSpec, ImportOptions, RawTable, infer_schema};

/// Pixels of one generated row: a 28×28 picture.
pub const PIXELS: usize = 784;

/// What one `csv-import` run measured.
#[derive(Debug, Clone, Serialize)]
pub struct CsvImportReport {
    /// The generated file, kept so pandas can read the same bytes.
    pub path: PathBuf,
    /// Data rows.
    pub rows: usize,
    /// Columns (label and pixels).
    pub columns: usize,
    /// File size in bytes.
    pub bytes: u64,
    /// Median wall time of the import (read, parse, check, infer the schema), in seconds.
    pub seconds: f64,
    /// Rows imported per second.
    pub rows_per_sec: f64,
    /// Megabytes (10⁶ bytes) of CSV imported per second.
    pub mb_per_sec: f64,
    /// The picture shape the import recognised, `[rows, columns]`.
    pub image_shape: Option<[usize; 2]>,
    /// Bytes of the table as one f32 matrix (rows × columns × 4).
    pub matrix_bytes: u64,
    /// Peak resident memory of the process during the imports, in bytes (0 if unknown).
    pub peak_rss_bytes: u64,
    /// `peak_rss_bytes / matrix_bytes`.
    pub peak_rss_ratio: f64,
    /// Wall time of one load into scaled train/test matrices (80/20 split), in seconds.
    pub load_seconds: f64,
    /// Peak resident memory after that load too, in bytes (0 if unknown).
    pub load_peak_rss_bytes: u64,
    /// A shell command that times pandas `read_csv` on the same file.
    pub pandas_command: String,
}

/// Writes `rows` seeded MNIST-shaped rows (label 0–9, then 784 pixels, about four in five
/// zero and the rest 1–255) as CSV to `path`.
pub fn write_mnist_csv(path: &Path, rows: usize, seed: u64) -> std::io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut line = Vec::with_capacity(4 * (PIXELS + 1));
    line.extend_from_slice(b"label");
    for i in 0..PIXELS {
        line.extend_from_slice(format!(",pixel{i}").as_bytes());
    }
    line.push(b'\n');
    out.write_all(&line)?;
    for _ in 0..rows {
        line.clear();
        push_number(&mut line, rng.random_range(0..10u32));
        for _ in 0..PIXELS {
            line.push(b',');
            let pixel = if rng.random_range(0..5u32) == 0 {
                rng.random_range(1..=255u32)
            } else {
                0
            };
            push_number(&mut line, pixel);
        }
        line.push(b'\n');
        out.write_all(&line)?;
    }
    out.flush()
}

fn push_number(line: &mut Vec<u8>, n: u32) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    line.extend_from_slice(&digits[at..]);
}

/// The process's peak resident memory in bytes (`VmHWM`), if the system reports it.
pub fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}

/// Resets the peak resident memory to the current one (Linux 4.0 and later; ignored
/// elsewhere), so the peak measured next is the import's, not the file generation's.
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Writes the file (see [`write_mnist_csv`]) and times `repeat` imports of it and one load.
pub fn run(rows: usize, repeat: usize) -> Result<CsvImportReport, String> {
    let dir = std::env::temp_dir().join("perceptron-lab-bench");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join(format!("mnist-{rows}.csv"));
    write_mnist_csv(&path, rows, 1).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
    reset_peak_rss();
    let mut times = Vec::with_capacity(repeat.max(1));
    let mut image_shape = None;
    let mut columns = 0;
    for _ in 0..repeat.max(1) {
        let start = Instant::now();
        let table = RawTable::from_file(&path).map_err(|e| e.to_string())?;
        let schema = infer_schema(&table, &ImportOptions::default()).map_err(|e| e.to_string())?;
        times.push(start.elapsed().as_secs_f64());
        image_shape = schema.image_shape.map(|(r, c)| [r, c]);
        columns = table.headers.len();
    }
    let peak = peak_rss_bytes().unwrap_or(0);
    times.sort_by(f64::total_cmp);
    let seconds = times[times.len() / 2];
    let start = Instant::now();
    let (source, table) =
        DataSource::parse_with_table(path.as_os_str(), None, 0.0, 1).map_err(|e| e.to_string())?;
    let spec = DataSpec {
        source,
        test_fraction: 0.2,
        split_seed: 1,
    };
    let table = table.ok_or("no table")?;
    let loaded = spec.load_owned(table).map_err(|e| e.to_string())?;
    let load_seconds = start.elapsed().as_secs_f64();
    drop(loaded);
    let matrix_bytes = (rows * columns * 4) as u64;
    let shown = path.display();
    Ok(CsvImportReport {
        rows,
        columns,
        bytes,
        seconds,
        rows_per_sec: rows as f64 / seconds,
        mb_per_sec: bytes as f64 / 1e6 / seconds,
        image_shape,
        matrix_bytes,
        peak_rss_bytes: peak,
        peak_rss_ratio: peak as f64 / matrix_bytes.max(1) as f64,
        load_seconds,
        load_peak_rss_bytes: peak_rss_bytes().unwrap_or(0),
        pandas_command: format!(
            "python3 -c \"import time, resource, pandas as pd; t = time.perf_counter(); pd.read_csv('{shown}'); print(f'pandas read_csv: {{time.perf_counter() - t:.2f}} s, peak RSS {{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}} MB')\""
        ),
        path,
    })
}
