//! Numbers for JSON: the engine computes in `f32`, JSON numbers are `f64`; an `f32` is written
//! as the shortest decimal that reads back as the same `f32` (0.1, not 0.10000000149011612).
//! Shared by the command line's output and the server's answers.

/// `x` as the JSON number of its shortest round-trip decimal; `None` if not finite.
pub fn shortest_f32(x: f32) -> Option<serde_json::Number> {
    // f32's Display is the shortest decimal that parses back to the same f32.
    x.to_string()
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
}
