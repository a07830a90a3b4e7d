//! Perceptron Lab: watch a neural network learn.
//!
//! Layers, each using only those below it (see ARCHITECTURE.md): the engine ([`nn`]) ←
//! the datasets ([`data`]) ← the experiment file ([`experiment`]) ← a running experiment
//! without a UI ([`session`]) ← a model served over HTTP ([`serve`]) ← its clients: the desktop
//! app ([`app`]), the command line ([`cli`]) and the benchmarks ([`bench`]).

pub mod app;
pub mod bench;
pub mod cli;
pub mod data;
pub mod experiment;
pub mod nn;
pub mod serve;
pub mod session;
