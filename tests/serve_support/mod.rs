//! What the `serve` end-to-end tests share: the built binary run as a `serve` child on port 0
//! behind a guard that kills it, a blocking `ureq` client over loopback, and small models
//! trained with the command line.

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The built `perceptron-lab`.
pub const BIN: &str = env!("CARGO_BIN_EXE_perceptron-lab");
/// Bounds every wait on a child, so a broken server fails the test instead of hanging it.
pub const WAIT: Duration = Duration::from_mins(1);

/// A running `serve` child; killed when dropped.
pub struct Server {
    /// The process.
    pub child: Child,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `serve ARGS --port 0` and waits for its `listening on` line.
pub fn serve(args: &[&str]) -> Server {
    let mut child = Command::new(BIN)
        .arg("serve")
        .args(args)
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let line = first_line(child.stdout.take().expect("piped stdout"));
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| {
            let _ = child.kill();
            panic!("no 'listening on' line, got {line:?}")
        })
        .to_owned();
    Server { child, url }
}

/// The first line from a child's pipe, or "" if none comes within [`WAIT`].
pub fn first_line(pipe: impl std::io::Read + Send + 'static) -> String {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(pipe).read_line(&mut line);
        let _ = tx.send(line);
    });
    rx.recv_timeout(WAIT).unwrap_or_default()
}

/// A blocking client that returns 4xx answers instead of failing on them.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(WAIT))
        .build()
        .into()
}

/// Status and body of `METHOD url` with an optional JSON body.
pub fn call(method: &str, url: &str, body: Option<&str>) -> (u16, String) {
    let agent = agent();
    let response = match (method, body) {
        ("GET", _) => agent.get(url).call(),
        ("POST", Some(b)) => agent
            .post(url)
            .header("content-type", "application/json")
            .send(b),
        ("POST", None) => agent.post(url).send_empty(),
        ("DELETE", _) => agent.delete(url).call(),
        _ => panic!("method {method}"),
    };
    let mut response = response.unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().expect("a text body");
    (status, text)
}

/// Runs the binary to the end: exit code, stdout, stderr.
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN).args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Trains a small model with the command line and saves it as `dir/name.ron`.
pub fn train(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let path = dir.join(format!("{name}.ron"));
    let save = path.to_str().expect("a UTF-8 temp path");
    let mut all = vec!["train", "--quiet", "--save", save];
    all.extend_from_slice(args);
    let (code, _, err) = run(&all);
    assert_eq!(code, 0, "training {name} succeeds: {err}");
    path
}

/// An iris model trained for 20 epochs, saved as `dir/iris.ron`.
pub fn iris(dir: &Path) -> PathBuf {
    train(dir, "iris", &["--data", "builtin:iris", "--epochs", "20"])
}
