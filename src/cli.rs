//! The headless command line: `train`, `inspect`, and friends.

use std::process::ExitCode;

/// Runs the command line with `args` (without the program name) and returns the exit code.
pub fn main(args: &[String]) -> ExitCode {
    let _ = args;
    ExitCode::SUCCESS
}
