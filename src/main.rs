//! The `perceptron-lab` binary: no arguments (or a file to open) starts the desktop app; a
//! subcommand runs the headless command line.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opens_file = args.len() == 1 && {
        let path = PathBuf::from(&args[0]);
        path.extension().is_some_and(|e| e == "ron" || e == "csv") && !args[0].starts_with('-')
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
        perceptron_lab::cli::main(&args)
    }
}
