//! A trained model as an HTTP API: `axum` on `tokio`, one layer above the session. Each model
//! is served under its name like the course's gateway (`/ai/v1/{model}`), its card at
//! `GET /ai/v1/{model}` and its predictions at `POST /ai/v1/{model}/predict`, with the saved
//! preprocessing applied exactly as `eval` applies it. Nothing here reads or writes a file once
//! the models are loaded; the clients (the command line, the bench, the app) start a
//! [`ServerHandle`] or run [`run_until_ctrl_c`].
//!
//! Layout: [`Model`] (model.rs, with its card in card.rs) turns request bodies into network
//! inputs (predict.rs) and outputs into answers; routes.rs is the router and its OpenAPI
//! document; server.rs starts and stops the server; listener.rs times out idle connections;
//! error.rs is the one error type of a request.

mod card;
mod error;
mod listener;
mod model;
mod predict;
mod routes;
mod server;
#[cfg(test)]
mod tests;

use std::time::Duration;

use thiserror::Error;

pub use error::ApiError;
pub use model::{Inputs, Model, ModelInfo, Outputs};
pub use predict::{Prediction, predictions};
pub use routes::{OPENAPI_JSON, ROUTES, Route};
pub use server::{ServerHandle, run_until_ctrl_c};

/// Largest request body accepted by default, in bytes (1 MiB).
pub const DEFAULT_MAX_BODY_BYTES: usize = 1024 * 1024;
/// Most rows predicted in one request.
pub const MAX_ROWS_PER_REQUEST: usize = 100_000;
/// A request not answered within this time gets 408 (slow bodies included).
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// A connection that sends nothing for this long is closed (slow headers, idle keep-alive).
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(30);

/// How a server is started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeOptions {
    /// The address to bind: `127.0.0.1` unless the user asks for another.
    pub host: String,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// Largest request body, in bytes; larger ones get 413.
    pub max_body_bytes: usize,
    /// Origins allowed by CORS (`*` for any); none by default.
    pub cors_origins: Vec<String>,
    /// Time to answer one request (408 after it).
    pub request_timeout: Duration,
    /// Time a connection may stay silent before it is closed.
    pub idle_timeout: Duration,
    /// Worker threads of the runtime (0: one per core).
    pub worker_threads: usize,
}

impl Default for ServeOptions {
    fn default() -> Self {
        Self {
            host: "127.0.0.1".to_owned(),
            port: 8000,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            cors_origins: Vec::new(),
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            worker_threads: 0,
        }
    }
}

impl ServeOptions {
    /// True when the address is reachable only from this machine.
    pub fn is_loopback(&self) -> bool {
        let host = self.host.trim_start_matches('[').trim_end_matches(']');
        host.eq_ignore_ascii_case("localhost")
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }
}

/// Why a server could not be set up or started.
#[derive(Debug, Error)]
pub enum ServeError {
    /// A model file could not be loaded or used.
    #[error("{path}: {message}")]
    Model {
        /// The file (or example) named by the user.
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// Two models would be served under the same name.
    #[error(
        "two models are named '{name}'; each is served under its file's name, so rename one file"
    )]
    DuplicateName {
        /// The name.
        name: String,
    },
    /// No model to serve.
    #[error("no model to serve")]
    NoModels,
    /// An option out of range.
    #[error("{option}: {message}")]
    Option {
        /// Which option.
        option: &'static str,
        /// What is wrong.
        message: String,
    },
    /// The address could not be bound or the runtime not started.
    #[error("cannot listen on {address}: {message}")]
    Bind {
        /// `host:port`.
        address: String,
        /// What the operating system said.
        message: String,
    },
}
