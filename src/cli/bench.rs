//! `bench`: times a fixed training workload, the decision-boundary grid or one frame's
//! drawing, and prints the median.

use serde_json::json;

use super::args::BenchArgs;
use super::{EXIT_FAILED, Failure, FrameBench, print_out};

pub fn bench(a: &BenchArgs, frame_bench: FrameBench) -> Result<(), Failure> {
    if a.boundary || a.frame {
        let (name, seconds) = if a.boundary {
            (
                "boundary",
                crate::bench::boundary_seconds(a.repeat).map_err(Failure::usage)?,
            )
        } else {
            ("frame", frame_bench(a.repeat.max(10)).as_secs_f64())
        };
        let report = json!({"workload": name, "seconds": seconds, "repeat": a.repeat});
        if a.json {
            print_out(&report.to_string());
        } else {
            println!("{name}: {:.3} ms", seconds * 1e3);
        }
        return Ok(());
    }
    let Some(&(_, workload)) = crate::bench::Workload::ALL
        .iter()
        .find(|(n, _)| *n == a.workload)
    else {
        let names: Vec<&str> = crate::bench::Workload::ALL
            .iter()
            .map(|(n, _)| *n)
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
