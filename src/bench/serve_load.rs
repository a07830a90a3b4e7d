//! The `serve` workload: the iris model served in-process on a free loopback port, and a load
//! generator that fires N predict requests over C keep-alive connections and times each one.
//! The client is a small hand-written HTTP/1.1 client over tokio's `TcpStream`, all
//! connections on one thread, so the server keeps the rest of the machine.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

use crate::data::{Bundled, RawTable};
use crate::experiment::Experiment;
use crate::serve::{Model, ServeOptions, ServerHandle};

/// The shipped example that is served.
const MODEL: &str = "builtin-example:iris-softmax";
/// Time one request may take before the bench counts it as an error.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// How hard the server is loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServeLoad {
    /// Keep-alive connections, each sending its next request when the last is answered.
    pub connections: usize,
    /// Requests in all.
    pub requests: usize,
    /// Iris rows per request.
    pub rows: usize,
    /// Worker threads of the server (0: one per core).
    pub server_threads: usize,
}

/// What the serve workload measured.
#[derive(Debug, Clone, Serialize)]
pub struct ServeReport {
    /// `serve`.
    pub workload: &'static str,
    /// Connections used.
    pub connections: usize,
    /// Requests sent.
    pub requests: usize,
    /// Rows per request.
    pub rows: usize,
    /// Wall time from the first request to the last answer, in seconds.
    pub seconds: f64,
    /// Requests answered per second.
    pub requests_per_sec: f64,
    /// Rows predicted per second.
    pub rows_per_sec: f64,
    /// Median latency of one request, in milliseconds.
    pub p50_ms: f64,
    /// 99th-percentile latency, in milliseconds.
    pub p99_ms: f64,
    /// Slowest request, in milliseconds.
    pub max_ms: f64,
    /// Requests that failed (not 200, a broken connection or a timeout).
    pub errors: usize,
    /// Worker threads of the server.
    pub server_threads: usize,
}

/// Runs the serve workload.
pub fn run(load: ServeLoad) -> Result<ServeReport, String> {
    let experiment = Experiment::open(MODEL).map_err(|e| e.to_string())?;
    let model = Model::from_experiment("iris", &experiment, String::new())?;
    let options = ServeOptions {
        port: 0,
        worker_threads: load.server_threads,
        ..ServeOptions::default()
    };
    let server = ServerHandle::start(vec![model], &options).map_err(|e| e.to_string())?;
    let requests = request_bytes(load.rows, server.addr().to_string().as_str())?;
    let client = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let addr = server.addr();
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let results: Vec<Connection> = client.block_on(async {
        let tasks: Vec<_> = (0..load.connections)
            .map(|c| {
                let next = Arc::clone(&next);
                let requests = Arc::clone(&requests);
                tokio::spawn(connection(addr, c, next, load.requests, requests))
            })
            .collect();
        let mut results = Vec::with_capacity(tasks.len());
        for task in tasks {
            results.push(task.await.unwrap_or_default());
        }
        results
    });
    let seconds = start.elapsed().as_secs_f64();
    server.stop();
    let mut latencies: Vec<Duration> = results.iter().flat_map(|r| r.latencies.clone()).collect();
    let errors = results.iter().map(|r| r.errors).sum::<usize>();
    latencies.sort();
    let quantile = |q: f64| {
        latencies
            .get(((latencies.len() as f64 * q).ceil() as usize).saturating_sub(1))
            .map_or(0.0, |d| d.as_secs_f64() * 1e3)
    };
    let answered = latencies.len();
    Ok(ServeReport {
        workload: "serve",
        connections: load.connections,
        requests: load.requests,
        rows: load.rows,
        seconds,
        requests_per_sec: answered as f64 / seconds,
        rows_per_sec: (answered * load.rows) as f64 / seconds,
        p50_ms: quantile(0.5),
        p99_ms: quantile(0.99),
        max_ms: quantile(1.0),
        errors,
        server_threads: match load.server_threads {
            0 => std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
            n => n,
        },
    })
}

/// What one connection saw.
#[derive(Debug, Default)]
struct Connection {
    /// Latency of each successful request.
    latencies: Vec<Duration>,
    /// Failed requests.
    errors: usize,
}

/// One keep-alive connection: takes request numbers from `next` until `total` are taken,
/// reconnecting after a failure.
async fn connection(
    addr: std::net::SocketAddr,
    index: usize,
    next: Arc<AtomicUsize>,
    total: usize,
    requests: Arc<Vec<Vec<u8>>>,
) -> Connection {
    let mut seen = Connection::default();
    let mut stream: Option<TcpStream> = None;
    let mut buffer = Vec::with_capacity(4096);
    loop {
        let n = next.fetch_add(1, Ordering::Relaxed);
        if n >= total {
            return seen;
        }
        let request = &requests[(n + index) % requests.len()];
        let begun = Instant::now();
        let answer = tokio::time::timeout(REQUEST_TIMEOUT, async {
            if stream.is_none() {
                let s = TcpStream::connect(addr).await?;
                s.set_nodelay(true)?;
                stream = Some(s);
            }
            let Some(s) = stream.as_mut() else {
                return Err(std::io::Error::other("no connection"));
            };
            s.write_all(request).await?;
            read_response(s, &mut buffer).await
        })
        .await;
        match answer {
            Ok(Ok(200)) => seen.latencies.push(begun.elapsed()),
            Ok(Ok(_)) => seen.errors += 1,
            Ok(Err(_)) | Err(_) => {
                seen.errors += 1;
                stream = None;
            }
        }
    }
}

/// Reads one response (headers and a `Content-Length` body) and returns its status.
async fn read_response(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> std::io::Result<u16> {
    buffer.clear();
    let mut chunk = [0u8; 4096];
    let header_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::Error::other("the server closed the connection"));
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = std::str::from_utf8(&buffer[..header_end]).map_err(std::io::Error::other)?;
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| std::io::Error::other("no status line"))?;
    let length = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())
                .flatten()
        })
        .ok_or_else(|| std::io::Error::other("no content-length"))?;
    let mut have = buffer.len() - header_end;
    while have < length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::Error::other("the body was cut short"));
        }
        have += n;
    }
    Ok(status)
}

/// The predict requests: each carries `rows` consecutive iris rows (as raw CSV values), one
/// request per starting row.
fn request_bytes(rows: usize, host: &str) -> Result<Arc<Vec<Vec<u8>>>, String> {
    let table = RawTable::from_bytes(Bundled::Iris.csv().as_bytes(), "builtin:iris")
        .map_err(|e| e.to_string())?;
    let features = &table.headers[..table.headers.len() - 1];
    let row_json = |r: usize| {
        let cells: Vec<String> = features
            .iter()
            .enumerate()
            .map(|(c, name)| {
                let cell = table.cell(r, c).text();
                format!("{}:{cell}", serde_json::Value::from(name.as_str()))
            })
            .collect();
        format!("{{{}}}", cells.join(","))
    };
    let n = table.row_count();
    let requests = (0..n)
        .map(|start| {
            let body_rows: Vec<String> = (0..rows)
                .map(|i| row_json((start + i) % n))
                .collect();
            let body = format!("{{\"rows\":[{}]}}", body_rows.join(","));
            format!(
                "POST /ai/v1/iris/predict HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            )
            .into_bytes()
        })
        .collect();
    Ok(Arc::new(requests))
}
