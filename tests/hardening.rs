//! Hostile input at the command line (issue 17): odd paths, pipes and devices, absurd
//! options, concurrent runs, divergence. Each case runs the built binary and checks its exit
//! code and its one-line message; none may panic, hang or lose data silently.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Command;

const IRIS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/datasets/iris.csv");

/// Runs the binary; returns (exit code, stdout, stderr).
fn run<I, S>(args: I) -> (i32, String, String)
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

/// Asserts a refusal: exit `code`, one line on stderr containing every one of `words`.
fn assert_refused(result: &(i32, String, String), code: i32, words: &[&str]) {
    let (got, _, err) = result;
    assert_eq!(*got, code, "exit code; stderr: {err}");
    assert!(!err.contains("panicked"), "no panic: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    for word in words {
        assert!(err.contains(word), "'{word}' in: {err}");
    }
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn path_arg(path: &Path) -> OsString {
    path.as_os_str().to_owned()
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_a_path_like_any_other() {
    use std::os::unix::ffi::OsStringExt as _;
    let dir = temp();
    let name = OsString::from_vec(b"\xff.ron".to_vec());
    let path: PathBuf = dir.path().join(&name);
    let result = run([OsString::from("export"), path_arg(&path)]);
    assert_refused(&result, 2, &[".ron"]);
    // Such names work as a CSV to read and as an experiment to save and read back.
    let csv = dir.path().join(OsString::from_vec(b"\xfe.csv".to_vec()));
    std::fs::copy(IRIS, &csv).unwrap();
    let (code, _, err) = run([
        OsString::from("train"),
        "--data".into(),
        path_arg(&csv),
        "--epochs".into(),
        "1".into(),
        "-q".into(),
    ]);
    assert_eq!(code, 0, "train on a non-UTF-8 CSV name: {err}");
    let (code, _, err) = run([
        OsString::from("train"),
        "--epochs".into(),
        "1".into(),
        "-q".into(),
        "--save".into(),
        path_arg(&path),
    ]);
    assert_eq!(code, 0, "save to a non-UTF-8 name: {err}");
    let (code, _, err) = run([OsString::from("export"), path_arg(&path)]);
    assert_eq!(code, 0, "export a non-UTF-8 experiment name: {err}");
}

#[cfg(unix)]
#[test]
fn a_pipe_without_a_writer_is_given_up_with_a_message() {
    let dir = temp();
    let fifo = dir.path().join("p.csv");
    mkfifo(&fifo);
    let result = run([OsString::from("data"), "describe".into(), path_arg(&fifo)]);
    assert_refused(&result, 2, &["p.csv", "pipe"]);
}

#[cfg(unix)]
#[test]
fn a_device_is_not_read_as_a_csv() {
    for device in ["/dev/zero", "/dev/urandom"] {
        let result = run(["data", "describe", device]);
        assert_refused(&result, 2, &[device, "device"]);
        let result = run(["train", "--data", device]);
        assert_refused(&result, 2, &[device, "device"]);
    }
}

#[cfg(unix)]
#[test]
fn a_csv_from_a_pipe_is_read_once() {
    let bin = env!("CARGO_BIN_EXE_perceptron-lab");
    let script =
        format!("'{bin}' train --data <(cat '{IRIS}') --target species --epochs 2 --json -q");
    let out = Command::new("bash").arg("-c").arg(script).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "train from a pipe: {err}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["epochs"], 2, "trained on the piped iris: {json}");
}
