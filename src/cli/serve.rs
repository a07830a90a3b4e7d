//! `serve MODEL.ron [MORE.ron ...]`: every model under its file's stem as an HTTP API until
//! Ctrl+C. The models are loaded and checked before anything listens; a bad one exits 2 with
//! its file's message.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use super::{Failure, print_out};
use crate::data::csv_read::content_hash;
use crate::experiment::{EXAMPLE_PREFIX, EXAMPLES, Experiment};
use crate::serve::{DEFAULT_MAX_BODY_BYTES, Model, ServeError, ServeOptions, run_until_ctrl_c};

/// Largest `--max-body` accepted (64 MiB).
const MAX_BODY_LIMIT: usize = 64 * 1024 * 1024;

/// `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Saved experiments (.ron) or builtin-example:NAME; each is served under its file's stem.
    #[arg(required = true)]
    models: Vec<PathBuf>,
    /// The address to listen on. Anything but a loopback address lets others on the network call it.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// The port; 0 picks a free one.
    #[arg(long, default_value_t = 8000)]
    port: u16,
    /// Largest request body in bytes; larger ones get 413.
    #[arg(long, default_value_t = DEFAULT_MAX_BODY_BYTES)]
    max_body: usize,
    /// An origin allowed to call the API from a browser (repeatable; * for any). None by default.
    #[arg(long = "cors", value_name = "ORIGIN")]
    cors: Vec<String>,
    /// Seconds to answer one request before giving up with 408.
    #[arg(long, default_value_t = 10)]
    timeout: u64,
}

/// Runs `serve`.
pub fn serve(a: &ServeArgs) -> Result<(), Failure> {
    if !(1..=MAX_BODY_LIMIT).contains(&a.max_body) {
        return Err(Failure::usage(format!(
            "--max-body must be from 1 to {MAX_BODY_LIMIT} bytes"
        )));
    }
    if !(1..=3600).contains(&a.timeout) {
        return Err(Failure::usage("--timeout must be from 1 to 3600 seconds"));
    }
    let models = a
        .models
        .iter()
        .map(|path| load(path))
        .collect::<Result<Vec<_>, _>>()?;
    let options = ServeOptions {
        host: a.host.clone(),
        port: a.port,
        max_body_bytes: a.max_body,
        cors_origins: a.cors.clone(),
        request_timeout: Duration::from_secs(a.timeout),
        ..ServeOptions::default()
    };
    if !options.is_loopback() {
        eprintln!(
            "perceptron-lab: warning: listening on {}, so anyone who can reach this machine on the network can call the models",
            options.host
        );
    }
    let names: Vec<String> = models.iter().map(|m| m.name().to_owned()).collect();
    run_until_ctrl_c(models, &options, |addr| {
        print_out(&format!("listening on http://{addr}"));
        for name in &names {
            eprintln!(
                "  {name}: GET http://{addr}/ai/v1/{name}, POST http://{addr}/ai/v1/{name}/predict"
            );
        }
        eprintln!("  API description: http://{addr}/openapi.json; Ctrl+C stops");
    })
    .map_err(Failure::usage)
}

/// Loads one model: its name is the file's stem (or the example's name).
fn load(path: &std::path::Path) -> Result<Model, Failure> {
    let spec = path.to_string_lossy();
    let experiment = Experiment::open(&spec).map_err(Failure::usage)?;
    let (name, hash) = if let Some(example) = spec.strip_prefix(EXAMPLE_PREFIX) {
        let text = EXAMPLES
            .iter()
            .find(|(n, _)| *n == example)
            .map_or("", |(_, t)| t);
        (example.to_owned(), content_hash(text.as_bytes()))
    } else {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Read again only once it loaded, so within the experiment file's size limit.
        let bytes = std::fs::read(path).map_err(|e| Failure::usage(format!("{spec}: {e}")))?;
        (name, content_hash(&bytes))
    };
    if name.is_empty() || name == "models" {
        return Err(Failure::usage(format!(
            "{spec}: a model cannot be served under the name '{name}'; rename the file"
        )));
    }
    Model::from_experiment(&name, &experiment, hash).map_err(|message| {
        Failure::usage(ServeError::Model {
            path: spec.into_owned(),
            message,
        })
    })
}
