//! Starting and stopping the server: a [`ServerHandle`] runs it on a tokio runtime in a
//! background thread (the app, the bench, tests), [`run_until_ctrl_c`] on the calling thread
//! (the command line). Either way the address is bound before anything is reported, shutdown
//! is graceful (in-flight requests finish, for at most the request timeout), and the port is
//! released when it returns.

use std::collections::BTreeMap;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::thread::JoinHandle;

use tokio::sync::watch;

use super::listener::IdleTimeoutListener;
use super::model::Model;
use super::routes::{Served, router};
use super::{ServeError, ServeOptions};

/// A server running in a background thread. Dropping it stops the server.
#[derive(Debug)]
pub struct ServerHandle {
    addr: SocketAddr,
    served: Arc<Served>,
    stop: watch::Sender<bool>,
    thread: Option<JoinHandle<()>>,
}

impl ServerHandle {
    /// Binds `options.host:options.port` and serves `models` from a background thread.
    pub fn start(models: Vec<Model>, options: &ServeOptions) -> Result<Self, ServeError> {
        let (served, router, listener, runtime) = prepare(models, options)?;
        let addr = local_addr(&listener, options)?;
        let (stop, stopped) = watch::channel(false);
        let thread_options = options.clone();
        let thread = std::thread::Builder::new()
            .name("serve".into())
            .spawn(move || {
                let mut signal = stopped;
                let stop_signal = async move {
                    let _ = signal.wait_for(|stop| *stop).await;
                };
                let _ = run(&runtime, listener, router, &thread_options, stop_signal);
                runtime.shutdown_background();
            })
            .map_err(|e| bind_error(options, &e))?;
        Ok(Self {
            addr,
            served,
            stop,
            thread: Some(thread),
        })
    }

    /// The address it listens on (the port chosen when 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://ADDRESS:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Requests answered so far (errors included).
    pub fn requests_answered(&self) -> u64 {
        self.served.requests_answered.load(Ordering::Relaxed)
    }

    /// The live counter of requests answered, to read from another thread.
    pub fn requests_counter(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.served.requests_answered)
    }

    /// Replaces the model served under `model.name()` by `model`, atomically: a request sees
    /// the old model or the new one, whole. Requests already running finish on the old one.
    pub fn swap_model(&self, model: Model) -> Result<(), ServeError> {
        let Some(slot) = self.served.models.get(model.name()) else {
            return Err(ServeError::Model {
                path: model.name().to_owned(),
                message: "no model is served under this name".to_owned(),
            });
        };
        let model = Arc::new(model);
        *slot
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = model;
        Ok(())
    }

    /// Stops accepting, lets in-flight requests finish, and releases the port before
    /// returning.
    pub fn stop(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        let _ = self.stop.send(true);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for ServerHandle {
    fn drop(&mut self) {
        self.shut_down();
    }
}

/// Serves `models` on the calling thread until Ctrl+C, then shuts down gracefully. Calls
/// `listening` with the bound address once connections are accepted.
pub fn run_until_ctrl_c(
    models: Vec<Model>,
    options: &ServeOptions,
    listening: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let (_, router, listener, runtime) = prepare(models, options)?;
    let addr = local_addr(&listener, options)?;
    let ctrl_c = async {
        // If the handler cannot be installed, the server runs until it is killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    listening(addr);
    let result = run(&runtime, listener, router, options, ctrl_c);
    runtime.shutdown_background();
    result.map_err(|e| bind_error(options, &e))
}

/// What [`prepare`] makes: the shared models, the router, the bound socket and the runtime.
type Prepared = (
    Arc<Served>,
    axum::Router,
    std::net::TcpListener,
    tokio::runtime::Runtime,
);

/// Checks the models and options, builds the router, binds the address and builds the
/// runtime: a bad option (a CORS origin) fails before anything listens.
fn prepare(models: Vec<Model>, options: &ServeOptions) -> Result<Prepared, ServeError> {
    if models.is_empty() {
        return Err(ServeError::NoModels);
    }
    if options.max_body_bytes == 0 {
        return Err(ServeError::Option {
            option: "--max-body",
            message: "must be at least 1 byte".to_owned(),
        });
    }
    let mut slots = BTreeMap::new();
    for model in models {
        let name = model.name().to_owned();
        if slots
            .insert(name.clone(), RwLock::new(Arc::new(model)))
            .is_some()
        {
            return Err(ServeError::DuplicateName { name });
        }
    }
    let served = Arc::new(Served {
        models: slots,
        requests_answered: Arc::new(AtomicU64::new(0)),
        max_body_bytes: options.max_body_bytes,
    });
    let router = router(Arc::clone(&served), options)?;
    let listener = std::net::TcpListener::bind((options.host.as_str(), options.port))
        .map_err(|e| bind_error(options, &e))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| bind_error(options, &e))?;
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    if options.worker_threads > 0 {
        builder.worker_threads(options.worker_threads);
    }
    let runtime = builder
        .enable_all()
        .thread_name("serve-worker")
        .build()
        .map_err(|e| bind_error(options, &e))?;
    Ok((served, router, listener, runtime))
}

/// Serves until `stop` completes, then waits for in-flight requests for at most the request
/// timeout.
fn run(
    runtime: &tokio::runtime::Runtime,
    listener: std::net::TcpListener,
    router: axum::Router,
    options: &ServeOptions,
    stop: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let grace = options.request_timeout;
    let idle = options.idle_timeout;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let (stopping, mut stopped) = watch::channel(false);
        let signal = async move {
            stop.await;
            let _ = stopping.send(true);
        };
        let server = axum::serve(IdleTimeoutListener::new(listener, idle), router)
            .with_graceful_shutdown(signal);
        let deadline = async move {
            let _ = stopped.wait_for(|s| *s).await;
            tokio::time::sleep(grace).await;
        };
        tokio::select! {
            result = server => result,
            () = deadline => Ok(()),
        }
    })
}

fn local_addr(
    listener: &std::net::TcpListener,
    options: &ServeOptions,
) -> Result<SocketAddr, ServeError> {
    listener.local_addr().map_err(|e| bind_error(options, &e))
}

fn bind_error(options: &ServeOptions, e: &impl std::fmt::Display) -> ServeError {
    ServeError::Bind {
        address: format!("{}:{}", options.host, options.port),
        message: e.to_string(),
    }
}
