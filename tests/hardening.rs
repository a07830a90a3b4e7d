//! Hostile input at the command line (issue 17): odd paths, pipes and devices, absurd
//! options, concurrent runs, divergence. Each case runs the built binary and checks its exit
//! code and its one-line message; none may panic, hang or lose data silently.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

mod cli_support;

use cli_support::run_os as run;

const IRIS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/datasets/iris.csv");

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

/// `train --data CSV --epochs 1 -q [--save SAVE] EXTRA...`.
fn train_csv(csv: &Path, save: Option<&Path>, extra: &[&str]) -> (i32, String, String) {
    let mut args: Vec<OsString> = vec!["train".into(), "--data".into(), path_arg(csv)];
    args.extend(["--epochs", "1", "-q"].map(OsString::from));
    if let Some(save) = save {
        args.extend(["--save".into(), path_arg(save)]);
    }
    args.extend(extra.iter().map(OsString::from));
    run(&args)
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
    let (code, _, err) = train_csv(&csv, None, &[]);
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

/// Asserts a refusal by the argument parser: exit 2, the first line names every one of `words`.
fn assert_bad_argument(args: &[&str], words: &[&str]) {
    let (code, _, err) = run(args);
    assert_eq!(code, 2, "{args:?}: exit code; stderr: {err}");
    let first = err.lines().next().unwrap_or_default();
    for word in words {
        assert!(first.contains(word), "{args:?}: '{word}' in: {err}");
    }
}

#[test]
fn negative_numbers_are_values_refused_with_their_range() {
    let cases: [(&[&str], &[&str]); 10] = [
        (&["train", "--lr", "-1"], &["--lr", "above 0", "1000000"]),
        (&["train", "--epochs", "-1"], &["--epochs", "0 to 1000000"]),
        (&["train", "--batch", "0"], &["--batch", "1 to 1000000"]),
        (&["train", "--batch", "-5"], &["--batch", "1 to 1000000"]),
        (
            &["train", "--l2", "-0.1"],
            &["--l2", "at least 0", "at most 10"],
        ),
        (&["train", "--noise", "-1"], &["--noise", "at least 0"]),
        (
            &["train", "--samples", "-3"],
            &["--samples", "4 to 1000000"],
        ),
        (&["train", "--seed", "-1"], &["--seed", "whole number"]),
        (
            &["train", "--test-fraction", "-0.2"],
            &["--test-fraction", "below 0.95"],
        ),
        (&["bench", "--repeat", "-1"], &["--repeat", "1 to 100"]),
    ];
    for (args, words) in cases {
        assert_bad_argument(args, words);
    }
    let (code, _, err) = run(["train", "--lr=-1"]);
    assert_eq!(code, 2, "written with '=' too: {err}");
}

/// Trains a small spiral experiment into `path` (with `extra` options); panics on failure.
fn train_into(path: &Path, extra: &[&str]) {
    let mut args: Vec<OsString> = [
        "train",
        "--data",
        "builtin:spiral",
        "--samples",
        "100",
        "--hidden",
        "6:tanh",
        "--epochs",
        "3",
        "-q",
        "--save",
    ]
    .iter()
    .map(OsString::from)
    .collect();
    args.push(path_arg(path));
    args.extend(extra.iter().map(OsString::from));
    let (code, _, err) = run(&args);
    assert_eq!(code, 0, "train --save: {err}");
}

fn resume(path: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec![OsString::from("train"), "--resume".into(), path_arg(path)];
    args.extend(extra.iter().map(OsString::from));
    run(&args)
}

fn saved(path: &Path) -> perceptron_lab::experiment::Experiment {
    perceptron_lab::experiment::Experiment::load(path).unwrap()
}

#[test]
fn resume_applies_what_it_can_and_refuses_the_rest_by_name() {
    let dir = temp();
    let path = dir.path().join("e.ron");
    train_into(&path, &[]);
    let before = std::fs::read(&path).unwrap();
    let result = resume(
        &path,
        &[
            "--hidden",
            "bogus",
            "--data",
            "builtin:bogus",
            "--seed",
            "3",
        ],
    );
    assert_refused(&result, 2, &["--hidden", "--data", "--seed", "e.ron"]);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is untouched"
    );
    assert_bad_argument(
        &["train", "--resume", "x.ron", "--batch", "0"],
        &["--batch"],
    );
    let (code, _, err) = resume(
        &path,
        &[
            "--lr", "0.25", "--batch", "7", "--l2", "0.001", "--epochs", "2", "-q",
        ],
    );
    assert_eq!(code, 0, "resume with new hyperparameters: {err}");
    let e = saved(&path);
    assert_eq!(
        (
            e.training.learning_rate,
            e.training.batch_size,
            e.training.l2
        ),
        (0.25, 7, 0.001),
        "the hyperparameters were applied and saved"
    );
    assert_eq!(e.history.len(), 5, "3 + 2 epochs");
}

#[test]
fn resume_keeps_the_embedded_data() {
    let dir = temp();
    let csv = dir.path().join("iris.csv");
    std::fs::copy(IRIS, &csv).unwrap();
    let path = dir.path().join("e.ron");
    let (code, _, err) = train_csv(&csv, Some(&path), &["--embed-data"]);
    assert_eq!(code, 0, "train --embed-data: {err}");
    let embedded = saved(&path).embedded_data;
    assert!(embedded.is_some(), "the samples are in the file");
    let (code, _, err) = resume(&path, &["--epochs", "1", "-q"]);
    assert_eq!(code, 0, "resume: {err}");
    assert_eq!(
        saved(&path).embedded_data,
        embedded,
        "resume keeps the samples"
    );
    std::fs::remove_file(&csv).unwrap();
    let (code, _, err) = resume(&path, &["--epochs", "1", "-q"]);
    assert_eq!(code, 0, "without its CSV the file still resumes: {err}");
    assert_eq!(saved(&path).history.len(), 3, "1 + 1 + 1 epochs");
}

#[test]
fn divergence_with_finite_numbers_stops_and_saves_nothing() {
    let dir = temp();
    let new = dir.path().join("new.ron");
    let (code, _, err) = run([
        OsString::from("train"),
        "--data".into(),
        "builtin:spiral".into(),
        "--lr".into(),
        "1e6".into(),
        "--epochs".into(),
        "100".into(),
        "-q".into(),
        "--save".into(),
        path_arg(&new),
    ]);
    assert_eq!(code, 1, "diverged: {err}");
    assert!(
        err.contains("diverged") && err.contains("--lr") && err.contains("--save-diverged"),
        "says what happened and what to do: {err}"
    );
    assert!(
        !err.contains("Reset"),
        "no app advice on the command line: {err}"
    );
    assert!(!new.exists(), "a diverged run is not saved");

    let good = dir.path().join("good.ron");
    train_into(&good, &[]);
    let before = std::fs::read(&good).unwrap();
    let (code, _, err) = resume(&good, &["--lr", "1e6", "--epochs", "100", "-q"]);
    assert_eq!(code, 1, "diverged on resume: {err}");
    assert_eq!(
        std::fs::read(&good).unwrap(),
        before,
        "the good model is not overwritten"
    );
    let (code, _, err) = resume(
        &good,
        &["--lr", "1e6", "--epochs", "100", "-q", "--save-diverged"],
    );
    assert_eq!(code, 1, "still a failure: {err}");
    assert_ne!(
        std::fs::read(&good).unwrap(),
        before,
        "--save-diverged saves it anyway"
    );
}

#[test]
fn a_file_in_training_is_refused_to_a_second_run_and_to_the_app() {
    use perceptron_lab::session::{SessionError, TrainingLock, check_not_in_training, open_path};
    let dir = temp();
    let path = dir.path().join("e.ron");
    train_into(&path, &[]);
    let mut first = Command::new(env!("CARGO_BIN_EXE_perceptron-lab"))
        .args(["train", "--epochs", "1000000", "-q", "--resume"])
        .arg(&path)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait (at most 60 s) until the first run holds the file.
    let held = (0..600).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        check_not_in_training(&path).is_err()
    });
    let second = resume(&path, &["--epochs", "1", "-q"]);
    let opened = open_path(&path);
    first.kill().unwrap();
    first.wait().unwrap();
    assert!(held, "the first run takes the lock");
    assert_refused(&second, 2, &["e.ron", "another training run"]);
    assert!(
        matches!(opened, Err(SessionError::InTraining { .. })),
        "the app refuses it too: {opened:?}"
    );
    // Killed, the first run released the lock and saved nothing: the file resumes.
    assert_eq!(saved(&path).history.len(), 3, "unchanged");
    let lock = TrainingLock::take(&path).unwrap();
    drop(lock);
    let (code, _, err) = resume(&path, &["--epochs", "2", "-q"]);
    assert_eq!(code, 0, "free again: {err}");
    assert_eq!(saved(&path).history.len(), 5, "3 + 2 epochs, none lost");
}

#[cfg(unix)]
#[test]
fn an_experiment_from_a_device_or_a_silent_pipe_is_refused() {
    let result = run(["export", "/dev/zero"]);
    assert_refused(&result, 2, &["/dev/zero", "device"]);
    let result = run(["inspect", "/dev/urandom", "--input", "0,0"]);
    assert_refused(&result, 2, &["/dev/urandom", "device"]);
    let dir = temp();
    let fifo = dir.path().join("p.ron");
    mkfifo(&fifo);
    let result = run([OsString::from("export"), path_arg(&fifo)]);
    assert_refused(&result, 2, &["p.ron", "pipe"]);
    // The app's open path is the session's: refused the same way.
    let opened = perceptron_lab::session::open_path(&fifo);
    let message = opened.map(|_| ()).unwrap_err().to_string();
    assert!(message.contains("pipe"), "{message}");
}

#[cfg(unix)]
#[test]
fn a_silent_pipe_named_inside_an_experiment_is_given_up() {
    let dir = temp();
    let csv = dir.path().join("iris.csv");
    std::fs::copy(IRIS, &csv).unwrap();
    let path = dir.path().join("e.ron");
    let (code, _, err) = train_csv(&csv, Some(&path), &[]);
    assert_eq!(code, 0, "train on the CSV: {err}");
    std::fs::remove_file(&csv).unwrap();
    mkfifo(&csv);
    let result = resume(&path, &["--epochs", "1", "-q"]);
    assert_refused(&result, 2, &["iris.csv", "pipe"]);
}

#[cfg(unix)]
#[test]
fn a_csv_path_an_experiment_cannot_store_is_refused_when_saving() {
    use std::os::unix::ffi::OsStringExt as _;
    let dir = temp();
    let csv = dir.path().join(OsString::from_vec(b"\xfe.csv".to_vec()));
    std::fs::copy(IRIS, &csv).unwrap();
    let path = dir.path().join("e.ron");
    let result = train_csv(&csv, Some(&path), &[]);
    assert_refused(&result, 2, &["e.ron", ".csv", "UTF-8"]);
    assert!(!path.exists(), "nothing written");
}

#[cfg(unix)]
#[test]
fn an_experiment_from_a_pipe_with_a_writer_opens() {
    let dir = temp();
    let file = dir.path().join("e.ron");
    train_into(&file, &[]);
    let fifo = dir.path().join("piped.ron");
    mkfifo(&fifo);
    let (source, target) = (file.clone(), fifo.clone());
    let writer = std::thread::spawn(move || {
        std::fs::write(target, std::fs::read(source).unwrap()).unwrap();
    });
    let opened = perceptron_lab::session::open_path(&fifo);
    writer.join().unwrap();
    assert!(
        opened.is_ok(),
        "read once, like any file: {:?}",
        opened.err()
    );
}
