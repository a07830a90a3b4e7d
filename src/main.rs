//! The `perceptron-lab` binary: no arguments (or a file or `builtin-example:NAME` to open)
//! starts the desktop app; a subcommand runs the headless command line.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    // OS strings, not `String`s: a file name need not be valid UTF-8.
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let opens_file = match args.as_slice() {
        [one] => {
            let path = PathBuf::from(one);
            let text = one.to_string_lossy();
            let file = path.extension().is_some_and(|e| e == "ron" || e == "csv");
            (file && !text.starts_with('-'))
                || text.starts_with(perceptron_lab::experiment::EXAMPLE_PREFIX)
        }
        _ => false,
    };
    if args.is_empty() || opens_file {
        match perceptron_lab::app::run(args.first().map(std::path::Path::new)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("perceptron-lab: {message}");
                ExitCode::FAILURE
            }
        }
    } else {
        perceptron_lab::cli::main(args, perceptron_lab::app::bench_frame)
    }
}
