//! Perceptron Lab: watch a neural network learn.
//!
//! The library holds the engine ([`nn`]), the datasets ([`data`]), the experiment file
//! ([`experiment`]) and the two clients of them: the command line ([`cli`]) and the desktop
//! app ([`app`]).

pub mod app;
pub mod bench;
pub mod cli;
pub mod data;
pub mod experiment;
pub mod nn;
