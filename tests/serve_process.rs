//! `perceptron-lab serve` end to end, the process: a bad model file exits 2 before listening;
//! CORS headers only when asked; a warning when listening beyond loopback; Ctrl+C exits
//! cleanly.

mod serve_support;

use std::process::{Command, Stdio};
use std::time::Duration;

use serve_support::{BIN, Server, WAIT, agent, call, first_line, iris, run, serve};

#[test]
fn a_bad_model_file_exits_2_before_listening() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let good = iris(dir.path());
    let bad = dir.path().join("broken.ron");
    std::fs::write(&bad, "(format_version: 1, layers: [").expect("writes");
    let missing = dir.path().join("missing.ron");
    let (good, bad, missing) = (
        good.to_str().expect("UTF-8"),
        bad.to_str().expect("UTF-8"),
        missing.to_str().expect("UTF-8"),
    );
    for args in [vec![bad], vec![good, bad], vec![missing], vec![good, good]] {
        let mut all = vec!["serve", "--port", "0"];
        all.extend(&args);
        let (code, out, err) = run(&all);
        assert_eq!(code, 2, "{args:?}: exit 2 ({err})");
        assert!(
            !out.contains("listening"),
            "{args:?}: never listened: {out}"
        );
        assert_eq!(err.trim().lines().count(), 1, "{args:?}: one line: {err}");
    }
    let (_, _, err) = run(&["serve", "--port", "0", bad]);
    assert!(
        err.contains("broken.ron"),
        "the message names the file: {err}"
    );
}

#[test]
fn cors_only_when_asked_and_a_warning_off_loopback() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let model = iris(dir.path());
    let model = model.to_str().expect("UTF-8");
    let allowed = |server: &Server| {
        let response = agent()
            .get(format!("{}/health", server.url))
            .header("Origin", "http://class.example")
            .call()
            .expect("answers");
        response
            .headers()
            .get("access-control-allow-origin")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let closed = serve(&[model]);
    assert_eq!(allowed(&closed), None, "no CORS by default");
    let open = serve(&[model, "--cors", "http://class.example"]);
    assert_eq!(
        allowed(&open).as_deref(),
        Some("http://class.example"),
        "the origin asked for"
    );
    let mut child = Command::new(BIN)
        .args(["serve", model, "--host", "0.0.0.0", "--port", "0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let stderr = child.stderr.take().expect("piped");
    let guard = Server {
        child,
        url: String::new(),
    };
    let warning = first_line(stderr);
    drop(guard);
    assert!(
        warning.contains("warning"),
        "others on the network are warned of: {warning:?}"
    );
}

#[test]
fn ctrl_c_shuts_down_gracefully() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let model = iris(dir.path());
    let mut server = serve(&[model.to_str().expect("UTF-8")]);
    let (status, _) = call("GET", &format!("{}/health", server.url), None);
    assert_eq!(status, 200, "up");
    let pid = server.child.id().to_string();
    let sent = Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("kill runs");
    assert!(sent.success(), "SIGINT sent");
    let start = std::time::Instant::now();
    let exit = loop {
        if let Some(status) = server.child.try_wait().expect("waits") {
            break status;
        }
        assert!(start.elapsed() < WAIT, "exits after Ctrl+C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(exit.success(), "a clean exit: {exit:?}");
}
