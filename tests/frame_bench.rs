//! `bench --frame --net WIDTHS`: the network view's frame benchmark on a network of the
//! user's shape, thinned as the view draws it, and its refusal of malformed widths.

mod cli_support;

use cli_support::{json, run};

#[test]
fn the_frame_bench_draws_the_strongest_edges_of_the_given_network() {
    let (per_frame, edges) =
        perceptron_lab::app::bench_frame(2, Some(&[784, 128, 64, 10])).unwrap();
    assert!(per_frame.as_nanos() > 0, "a frame takes some time");
    assert_eq!(
        edges,
        (128 + 64 + 10) * 8,
        "8 strongest incoming edges per neuron of 784-128-64-10, not its 109,184"
    );
    let (_, default_edges) = perceptron_lab::app::bench_frame(2, None).unwrap();
    assert_eq!(
        default_edges,
        8 * 64 * 8,
        "the default 8 × 64 network, thinned the same way"
    );
    let (_, small) = perceptron_lab::app::bench_frame(2, Some(&[2, 8, 1])).unwrap();
    assert_eq!(small, 2 * 8 + 8, "a small network draws every edge");
}

#[test]
fn the_net_flag_reports_json_and_refuses_bad_widths() {
    let (code, out, err) = run(&[
        "bench", "--frame", "--net", "64,32,10", "--repeat", "1", "--json",
    ]);
    assert_eq!(code, 0, "runs: {err}");
    let report = json(&out);
    assert_eq!(
        report["net"],
        serde_json::json!([64, 32, 10]),
        "the widths used: {out}"
    );
    assert_eq!(report["edges_drawn"], (32 + 10) * 8, "thinned edges: {out}");
    for bad in ["784,,10", "784", "0,10", "784,x", "100000,100000"] {
        let (code, _, err) = run(&["bench", "--frame", "--net", bad, "--repeat", "1"]);
        assert_eq!(code, 2, "--net {bad} is a usage error: {err}");
        assert!(err.contains("--net"), "the message names the flag: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    }
}
