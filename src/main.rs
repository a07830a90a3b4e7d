//! The `perceptron-lab` binary.
fn main() {}
