//! The headless command line: `train`, `eval`, `inspect`, `export`, `data describe`, `bench`,
//! `serve`, `compare`.
//! Every number the app shows can be reproduced here. Bad arguments or files give a one-line
//! error and exit code 2. One file per subcommand; this one parses and dispatches.

mod animate;
mod args;
mod bench;
mod compare;
mod data_cmd;
mod inspect;
mod report;
mod resume;
mod serve;
mod train;

use std::ffi::OsString;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};

use crate::experiment::{EXAMPLE_PREFIX, Experiment};

use args::{BenchArgs, ExportArgs, InspectArgs, TrainArgs};
pub use report::{evaluate_json, metrics_json};

/// Times one frame's drawing over the given number of frames, of the network with the given
/// layer widths (inputs first) or the benchmark's default one; returns the mean time per
/// frame and the edges drawn (the app's frame benchmark, handed in by `main` so the command
/// line never names the app).
pub type FrameBench = fn(usize, Option<&[usize]>) -> Result<(Duration, usize), String>;

/// Exit code for bad arguments, files or data.
const EXIT_USAGE: u8 = 2;
/// Exit code when training itself failed (divergence).
const EXIT_FAILED: u8 = 1;

#[derive(Debug, Parser)]
#[command(
    name = "perceptron-lab",
    version,
    about = "Watch a neural network learn. Without arguments, opens the desktop app.",
    after_help = "Examples:\n  perceptron-lab train --data builtin:xor --hidden \"4:tanh\" --epochs 300 --json\n  perceptron-lab train --data builtin:spiral --samples 1000 --hidden \"8:tanh,8:tanh\" --save spiral.ron\n  perceptron-lab inspect spiral.ron --input \"0.3,-0.7\" --label 1 --json"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Train a network and print its metrics (optionally save the experiment).
    Train(Box<TrainArgs>),
    /// One forward and backward pass of one sample through a saved model, every number shown.
    Inspect(InspectArgs),
    /// Print a saved experiment as JSON, or write it as a PyTorch script with its weights.
    Export(ExportArgs),
    /// Evaluate a saved model on another CSV file (through the model's saved preprocessing).
    Eval(data_cmd::EvalArgs),
    /// Look at a dataset: `data describe FILE` shows how its columns are understood.
    Data(data_cmd::DataArgs),
    /// Time a fixed training workload (median of --repeat runs), or the server (--workload serve).
    Bench(BenchArgs),
    /// Serve saved models as an HTTP API (POST /ai/v1/NAME/predict) until Ctrl+C.
    Serve(serve::ServeArgs),
    /// Continue two saved experiments on A's data for N more epochs, side by side.
    Compare(compare::CompareArgs),
}

/// A failure with the exit code it maps to.
pub(crate) struct Failure {
    pub(crate) code: u8,
    pub(crate) message: String,
}

impl Failure {
    #[expect(
        clippy::needless_pass_by_value,
        reason = "used as map_err(Failure::usage) on owned errors"
    )]
    pub(crate) fn usage(message: impl ToString) -> Self {
        Self {
            code: EXIT_USAGE,
            message: message.to_string(),
        }
    }
}

/// Runs the command line with `args` (without the program name) and returns the exit code.
/// Arguments are OS strings: a file name need not be UTF-8.
pub fn main(args: Vec<OsString>, frame_bench: FrameBench) -> ExitCode {
    let cli =
        match Cli::try_parse_from(std::iter::once(OsString::from("perceptron-lab")).chain(args)) {
            Ok(cli) => cli,
            Err(e) => {
                let _ = e.print();
                return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { 0 });
            }
        };
    let result = match cli.command {
        Command::Train(a) => train::train(&a),
        Command::Inspect(a) => inspect::inspect(&a),
        Command::Export(a) => report::export(&a),
        Command::Eval(a) => data_cmd::eval(&a),
        Command::Data(a) => data_cmd::data(&a),
        Command::Bench(a) => bench::bench(&a, frame_bench),
        Command::Serve(a) => serve::serve(&a),
        Command::Compare(a) => compare::compare(&a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("perceptron-lab: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

/// Prints `value` as one line of JSON on stdout, every number that is exactly an `f32` written
/// as the shortest decimal that reads back as that `f32` (`0.2`, not `0.20000000298023224`).
pub(crate) fn print_json(value: &serde_json::Value) {
    print_out(&shortest_f32(value.clone()).to_string());
}

/// `value` with every non-integer number that is exactly representable as an `f32` replaced by
/// the shortest decimal that round-trips that `f32` (the engine computes in `f32`; JSON numbers
/// are `f64`). Numbers that are not `f32` values (integers, other `f64`s) are kept as they are.
pub(crate) fn shortest_f32(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(n) if n.is_f64() => {
            let Some(wide) = n.as_f64() else {
                return Value::Number(n);
            };
            let narrow = wide as f32;
            if f64::from(narrow).to_bits() != wide.to_bits() {
                return Value::Number(n);
            }
            crate::session::shortest_f32(narrow).map_or(Value::Number(n), Value::Number)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(shortest_f32).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, item)| (key, shortest_f32(item)))
                .collect(),
        ),
        other => other,
    }
}

/// Prints one line on stdout; a closed pipe (`| head`) is not an error worth a panic.
pub(crate) fn print_out(text: &str) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
}

/// A saved experiment: a file (any OS path) or `builtin-example:NAME`.
pub(crate) fn load_model(path: &Path) -> Result<Experiment, Failure> {
    let result = match path.to_str() {
        Some(spec) if spec.starts_with(EXAMPLE_PREFIX) => Experiment::open(spec),
        _ => Experiment::load(path),
    };
    result.map_err(Failure::usage)
}

pub(crate) fn parse_numbers(text: &str, what: &str) -> Result<Vec<f32>, Failure> {
    text.split(',')
        .map(|v| {
            let v = v.trim();
            match v.parse::<f32>() {
                Ok(x) if x.is_finite() => Ok(x),
                _ => Err(Failure::usage(format!(
                    "{what}: '{v}' is not a finite number"
                ))),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::shortest_f32;

    #[test]
    fn f32_values_print_as_their_shortest_round_trip_decimal() {
        let value = json!({
            "lr": 0.2_f32,
            "loss": [0.1_f32, 1e-8_f32, -3.3_f32, 123_456.79_f32],
            "count": 7,
            "f64": 0.1_f64,
        });
        let text = shortest_f32(value).to_string();
        assert_eq!(
            text, r#"{"count":7,"f64":0.1,"loss":[0.1,1e-8,-3.3,123456.79],"lr":0.2}"#,
            "f32 values shortest, integers and f64 values as they were"
        );
        for x in [0.2_f32, 1.0 / 3.0, f32::MIN_POSITIVE, 16_777_217.0, -0.0] {
            let printed = shortest_f32(json!(x)).to_string();
            assert_eq!(
                printed.parse::<f32>().unwrap().to_bits(),
                x.to_bits(),
                "{x} printed as {printed} reads back as the same f32"
            );
        }
    }
}
