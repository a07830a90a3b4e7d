//! `bench`: times a fixed training workload, the decision-boundary grid or one frame's
//! drawing, and prints the median; or loads the model server (`--workload serve`).

use serde_json::json;

use super::args::BenchArgs;
use super::{EXIT_FAILED, Failure, FrameBench, print_out};
use crate::bench::serve_load::{self, ServeLoad};

pub fn bench(a: &BenchArgs, frame_bench: FrameBench) -> Result<(), Failure> {
    if a.frame {
        return frame(a, frame_bench);
    }
    if a.boundary {
        let seconds = crate::bench::boundary_seconds(a.repeat).map_err(Failure::usage)?;
        let report = json!({"workload": "boundary", "seconds": seconds, "repeat": a.repeat});
        if a.json {
            print_out(&report.to_string());
        } else {
            println!("boundary: {:.3} ms", seconds * 1e3);
        }
        return Ok(());
    }
    if a.workload == "serve" {
        return serve(a);
    }
    if a.workload == "csv-import" {
        return csv_import(a);
    }
    let Some(&(_, workload)) = crate::bench::Workload::ALL
        .iter()
        .find(|(n, _)| *n == a.workload)
    else {
        let names: Vec<&str> = crate::bench::Workload::ALL
            .iter()
            .map(|(n, _)| *n)
            .chain(["serve", "csv-import"])
            .collect();
        return Err(Failure::usage(format!(
            "unknown workload '{}'; use {}",
            a.workload,
            names.join(", ")
        )));
    };
    let report = crate::bench::run(workload, a.repeat).map_err(|message| Failure {
        code: EXIT_FAILED,
        message,
    })?;
    if a.json {
        print_out(&serde_json::to_string(&report).map_err(Failure::usage)?);
    } else {
        println!(
            "{}: {:.4} s (median of {}), {:.0} samples/s, final loss {:.4}, accuracy {:.1}%, {} thread(s)",
            report.workload,
            report.seconds,
            a.repeat,
            report.samples_per_sec,
            report.final_loss,
            report.accuracy * 100.0,
            report.threads
        );
    }
    Ok(())
}

/// Most edges a `--net` network may have (its weights are allocated).
const MAX_FRAME_EDGES: usize = 10_000_000;

/// `bench --frame [--net WIDTHS]`: the network view's time per frame.
fn frame(a: &BenchArgs, frame_bench: FrameBench) -> Result<(), Failure> {
    let net = a
        .net
        .as_deref()
        .map(|text| {
            text.split(',')
                .map(|w| match w.trim().parse::<usize>() {
                    Ok(width) if (1..=100_000).contains(&width) => Ok(width),
                    _ => Err(Failure::usage(format!(
                        "--net: '{}' is not a layer width from 1 to 100000 (write widths like 784,128,64,10)",
                        w.trim()
                    ))),
                })
                .collect::<Result<Vec<usize>, _>>()
        })
        .transpose()?;
    if let Some(widths) = &net {
        let edges: usize = widths.windows(2).map(|w| w[0] * w[1]).sum();
        if edges > MAX_FRAME_EDGES {
            return Err(Failure::usage(format!(
                "--net: {edges} edges is more than the {MAX_FRAME_EDGES} the benchmark draws"
            )));
        }
    }
    let (per_frame, edges) =
        frame_bench(a.repeat.max(10), net.as_deref()).map_err(Failure::usage)?;
    let seconds = per_frame.as_secs_f64();
    let report = json!({
        "workload": "frame",
        "seconds": seconds,
        "repeat": a.repeat,
        "net": net,
        "edges_drawn": edges,
    });
    if a.json {
        print_out(&report.to_string());
    } else {
        println!("frame: {:.3} ms ({edges} edges drawn)", seconds * 1e3);
    }
    Ok(())
}

/// `bench --workload csv-import`: rows/s, MB/s and peak memory of importing an MNIST-shaped CSV.
fn csv_import(a: &BenchArgs) -> Result<(), Failure> {
    let rows = a.rows.unwrap_or(60_000);
    if !(1..=1_000_000).contains(&rows) {
        return Err(Failure::usage("--rows must be from 1 to 1000000"));
    }
    let report = crate::bench::csv_import::run(rows, a.repeat).map_err(|message| Failure {
        code: EXIT_FAILED,
        message,
    })?;
    if a.json {
        print_out(&serde_json::to_string(&report).map_err(Failure::usage)?);
        return Ok(());
    }
    let mb = |bytes: u64| bytes as f64 / 1e6;
    print_out(&format!(
        "csv-import: {} rows × {} columns, {:.0} MB in {:.3} s (median of {}): {:.0} rows/s, {:.0} MB/s; peak RSS {:.0} MB = {:.2}× the f32 matrix ({:.0} MB); image shape {}",
        report.rows,
        report.columns,
        mb(report.bytes),
        report.seconds,
        a.repeat,
        report.rows_per_sec,
        report.mb_per_sec,
        mb(report.peak_rss_bytes),
        report.peak_rss_ratio,
        mb(report.matrix_bytes),
        report
            .image_shape
            .map_or_else(|| "none".to_owned(), |[r, c]| format!("{r}×{c}")),
    ));
    print_out(&format!(
        "load into scaled train/test matrices: {:.3} s, peak RSS {:.0} MB",
        report.load_seconds,
        mb(report.load_peak_rss_bytes)
    ));
    print_out(&format!(
        "file: {} (kept; time pandas on it with:)\n{}",
        report.path.display(),
        report.pandas_command
    ));
    Ok(())
}

/// `bench --workload serve`: requests per second and latency of the model server.
fn serve(a: &BenchArgs) -> Result<(), Failure> {
    let load = ServeLoad {
        connections: a.connections,
        requests: a.requests,
        rows: a.rows.unwrap_or(1),
        server_threads: a.server_threads,
    };
    if !(1..=1024).contains(&load.connections) {
        return Err(Failure::usage("--connections must be from 1 to 1024"));
    }
    if !(1..=10_000_000).contains(&load.requests) {
        return Err(Failure::usage("--requests must be from 1 to 10000000"));
    }
    if !(1..=5_000).contains(&load.rows) {
        return Err(Failure::usage("--rows must be from 1 to 5000"));
    }
    if load.server_threads > 64 {
        return Err(Failure::usage("--server-threads must be from 0 to 64"));
    }
    let report = serve_load::run(load).map_err(|message| Failure {
        code: EXIT_FAILED,
        message,
    })?;
    if a.json {
        print_out(&serde_json::to_string(&report).map_err(Failure::usage)?);
    } else {
        print_out(&format!(
            "serve: {} requests ({} row(s) each) over {} connections in {:.2} s: {:.0} requests/s, {:.0} rows/s, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms, {} error(s)",
            report.requests,
            report.rows,
            report.connections,
            report.seconds,
            report.requests_per_sec,
            report.rows_per_sec,
            report.p50_ms,
            report.p99_ms,
            report.max_ms,
            report.errors
        ));
    }
    Ok(())
}
