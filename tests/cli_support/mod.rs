//! What the command-line tests share: running the built binary and reading its JSON.

use std::ffi::OsStr;
use std::process::Command;

/// Runs the binary with `args`; returns (exit code, stdout, stderr).
#[allow(dead_code, reason = "not every test binary passes plain strings")]
pub fn run(args: &[&str]) -> (i32, String, String) {
    run_os(args)
}

/// Runs the binary with arguments that need not be UTF-8; returns (exit code, stdout, stderr).
#[allow(dead_code, reason = "not every test binary passes OS strings")]
pub fn run_os<I, S>(args: I) -> (i32, String, String)
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let out = Command::new(env!("CARGO_BIN_EXE_perceptron-lab"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `text` parsed as JSON; a test failure quoting it otherwise.
#[allow(dead_code, reason = "not every test binary reads JSON")]
pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}
