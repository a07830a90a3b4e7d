//! File ▸ Serve this model…: the experiment's model as an HTTP API on this machine (the same
//! server as `perceptron-lab serve`), in a small window with its URL, a `curl` example made
//! from a real training row in the data's own units, and a live count of requests answered.
//! While training goes on, the weights of every completed epoch replace the served ones whole
//! (the session's epoch hook takes a copy; the frame swaps it in), so a class calling the
//! lecturer's model sees its answers change epoch by epoch.
//!
//! The server starts on a background thread (loading a CSV to refit its preprocessing may
//! take a moment); Stop, a new server or closing the app release the port.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::{Arc, Mutex, PoisonError};

use egui::RichText;
use serde_json::{Map, Value};

use super::command::{CommandQueue, ServeCommand};
use super::strings::Strings;
use crate::data::raw_values::{RawValue, raw_values};
use crate::experiment::Experiment;
use crate::nn::{EpochRecord, Network};
use crate::serve::{Inputs, Model, ServeOptions, ServerHandle};
use crate::session::{EpochObserver, shortest_f32};

/// The name of the thread that starts the server (for debuggers, not shown).
const START_THREAD: &str = "serve-start";

/// The port tried first, as in the course (`perceptron-lab serve` uses it too); when it is
/// taken, any free port.
const PREFERRED_PORT: u16 = 8000;

/// The weights of the latest completed epoch, waiting to be served.
type LatestEpoch = Arc<Mutex<Option<(Network, EpochRecord)>>>;

/// A server being started: the answer of its thread, the epoch and the network option.
type Starting = (Receiver<Result<Started, String>>, usize, bool);

/// What the starting thread hands back.
#[derive(Debug)]
struct Started {
    handle: ServerHandle,
    model: Model,
    curl: String,
}

/// A running server and what the window shows of it.
#[derive(Debug)]
struct Running {
    handle: ServerHandle,
    /// The served model, whose shape and meaning later weights keep.
    model: Model,
    counter: Arc<AtomicU64>,
    latest: LatestEpoch,
    /// The epoch whose weights are served (0: the weights it started with).
    served_epoch: usize,
    /// A later network did not fit the served one: the last weights stay.
    frozen: bool,
    url: String,
    curl: String,
    loopback: bool,
}

/// What starting a server needs from the app, taken on the UI thread.
#[derive(Debug)]
pub struct ServeRequest {
    /// The experiment as it would be saved now.
    pub experiment: Experiment,
    /// The name it is served under.
    pub name: String,
    /// One training sample's network inputs, for the `curl` example. `[inputs]`
    pub sample: Vec<f32>,
    /// Epochs completed.
    pub epoch: usize,
    /// Bind every address instead of loopback only.
    pub allow_network: bool,
}

/// What a frame's [`ServePanel::sync`] reports to the app.
#[derive(Debug)]
pub enum ServeEvent {
    /// A server is up: install this hook on the session.
    Started(EpochObserver),
    /// It could not start: why.
    Failed(String),
    /// Later weights do not fit the served model (the architecture changed).
    Frozen,
}

/// The Serve window and the server it controls.
#[derive(Debug, Default)]
pub struct ServePanel {
    open: bool,
    allow_network: bool,
    starting: Option<Starting>,
    running: Option<Running>,
}

impl ServePanel {
    /// Shows the window.
    pub fn show(&mut self) {
        self.open = true;
    }

    /// Starts a server for `request` on a background thread (stopping any running one first,
    /// which releases its port).
    pub fn start(&mut self, request: ServeRequest) {
        self.stop();
        let (tx, rx) = mpsc::channel();
        let allow_network = request.allow_network;
        let epoch = request.epoch;
        let spawned = std::thread::Builder::new()
            .name(START_THREAD.to_owned())
            .spawn(move || {
                // The app may be gone by now; then nobody needs the server.
                let _ = tx.send(start_server(&request));
            });
        match spawned {
            Ok(_) => self.starting = Some((rx, epoch, allow_network)),
            Err(e) => {
                let (failed, receiver) = mpsc::channel();
                let _ = failed.send(Err(e.to_string()));
                self.starting = Some((receiver, epoch, allow_network));
            }
        }
    }

    /// Stops the server, if one runs; returns once its port is free.
    pub fn stop(&mut self) -> bool {
        self.starting = None;
        match self.running.take() {
            Some(running) => {
                running.handle.stop();
                true
            }
            None => false,
        }
    }

    /// Once per frame: takes in a server that finished starting, and serves the weights of
    /// the latest completed epoch if they are new.
    pub fn sync(&mut self) -> Option<ServeEvent> {
        if let Some((rx, epoch, allow_network)) = &self.starting {
            let (epoch, loopback) = (*epoch, !*allow_network);
            match rx.try_recv() {
                Ok(Ok(started)) => {
                    self.starting = None;
                    let latest = LatestEpoch::default();
                    let slot = Arc::clone(&latest);
                    let observer = EpochObserver::new(move |network, record| {
                        *slot.lock().unwrap_or_else(PoisonError::into_inner) =
                            Some((network.clone(), *record));
                    });
                    self.running = Some(Running {
                        counter: started.handle.requests_counter(),
                        url: started.handle.url(),
                        handle: started.handle,
                        model: started.model,
                        latest,
                        served_epoch: epoch,
                        frozen: false,
                        curl: started.curl,
                        loopback,
                    });
                    return Some(ServeEvent::Started(observer));
                }
                Ok(Err(message)) => {
                    self.starting = None;
                    return Some(ServeEvent::Failed(message));
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => {
                    self.starting = None;
                    return Some(ServeEvent::Failed(
                        "the server stopped while starting".into(),
                    ));
                }
            }
        }
        let running = self.running.as_mut()?;
        let next = running
            .latest
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        let (network, record) = next?;
        if running.frozen {
            return None;
        }
        let swapped = running
            .model
            .with_network(network, Some(record))
            .and_then(|model| {
                running
                    .handle
                    .swap_model(model.clone())
                    .map_err(|e| e.to_string())?;
                Ok(model)
            });
        if let Ok(model) = swapped {
            running.model = model;
            running.served_epoch = record.epoch;
            None
        } else {
            running.frozen = true;
            Some(ServeEvent::Frozen)
        }
    }

    /// The window, when open: the network option and Start, or the URL, the example, the
    /// count and Stop.
    pub fn ui(&mut self, ctx: &egui::Context, text: &Strings, commands: &mut CommandQueue) {
        if !self.open {
            return;
        }
        let mut open = true;
        // Low in the middle, over the graph's lower part: the toolbar and the plots stay
        // free to watch while the class calls the model.
        let bottom = ctx.content_rect().center_bottom() - egui::vec2(0.0, 40.0);
        egui::Window::new(text.serve_title)
            .open(&mut open)
            .collapsible(false)
            .pivot(egui::Align2::CENTER_BOTTOM)
            .default_pos(bottom)
            .default_width(560.0)
            .show(ctx, |ui| match &self.running {
                Some(running) => running_ui(ui, running, text, commands),
                None => self.start_ui(ui, text, commands),
            });
        self.open = open;
        if self.running.is_some() || self.starting.is_some() {
            // The counter is live, and a server may finish starting.
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
        }
    }

    fn start_ui(&mut self, ui: &mut egui::Ui, text: &Strings, commands: &mut CommandQueue) {
        ui.label(text.serve_explanation);
        ui.checkbox(&mut self.allow_network, text.serve_allow_network);
        if self.allow_network {
            ui.label(RichText::new(text.serve_network_warning).color(ui.visuals().warn_fg_color));
        }
        if self.starting.is_some() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(text.serve_starting);
            });
        } else if ui.button(text.serve_start).clicked() {
            commands.push(ServeCommand::Start {
                allow_network: self.allow_network,
            });
        }
    }
}

fn running_ui(ui: &mut egui::Ui, running: &Running, text: &Strings, commands: &mut CommandQueue) {
    ui.label(RichText::new(text.serve_listening(running.url.as_str())).strong());
    if !running.loopback {
        ui.label(RichText::new(text.serve_network_warning).color(ui.visuals().warn_fg_color));
    }
    ui.label(text.serve_curl_intro);
    ui.add(
        egui::Label::new(RichText::new(&running.curl).monospace())
            .wrap()
            .selectable(true),
    );
    if ui.button(text.serve_copy).clicked() {
        ui.ctx().copy_text(running.curl.clone());
    }
    ui.separator();
    let answered = running.counter.load(Ordering::Relaxed);
    ui.label(RichText::new(text.serve_requests(answered)).monospace());
    ui.label(text.serve_epoch(running.served_epoch));
    if running.frozen {
        ui.label(RichText::new(text.serve_frozen).color(ui.visuals().warn_fg_color));
    }
    if ui.button(text.serve_stop).clicked() {
        commands.push(ServeCommand::Stop);
    }
}

/// Builds the model and starts its server (on the starting thread).
fn start_server(request: &ServeRequest) -> Result<Started, String> {
    let text = request.experiment.to_ron().map_err(|e| e.to_string())?;
    let hash = crate::data::csv_read::content_hash(text.as_bytes());
    let model = Model::from_experiment(&request.name, &request.experiment, hash)?;
    let mut options = ServeOptions {
        host: if request.allow_network {
            "0.0.0.0"
        } else {
            "127.0.0.1"
        }
        .to_owned(),
        port: PREFERRED_PORT,
        // Training shares the cores: one thread answers.
        worker_threads: 1,
        ..ServeOptions::default()
    };
    let handle = if let Ok(handle) = ServerHandle::start(vec![model.clone()], &options) {
        handle
    } else {
        // The preferred port is taken: any free one.
        options.port = 0;
        ServerHandle::start(vec![model.clone()], &options).map_err(|e| e.to_string())?
    };
    let curl = curl_example(&handle.url(), &model, &request.sample);
    Ok(Started {
        handle,
        model,
        curl,
    })
}

/// `curl` posting one row to the model: raw values as in the data's file (through the saved
/// preprocessing backwards), or the named inputs of generated data.
pub fn curl_example(url: &str, model: &Model, sample: &[f32]) -> String {
    let mut row = Map::new();
    match model.inputs() {
        Inputs::Preprocessed(p) => {
            for feature in raw_values(p, ndarray::ArrayView1::from(sample)).unwrap_or_default() {
                let value = match feature.value {
                    RawValue::Number(x) => shortest_f32(x).map_or(Value::Null, Value::Number),
                    RawValue::Category(Some(c)) => Value::String(c),
                    RawValue::Category(None) => Value::Null,
                };
                row.insert(feature.column, value);
            }
        }
        Inputs::Raw(names) => {
            for (name, &x) in names.iter().zip(sample) {
                row.insert(
                    name.clone(),
                    shortest_f32(x).map_or(Value::Null, Value::Number),
                );
            }
        }
    }
    let body = serde_json::json!({ "rows": [row] }).to_string();
    format!(
        "curl -X POST {url}/ai/v1/{}/predict -H 'Content-Type: application/json' -d '{}'",
        model.name(),
        body.replace('\'', r"'\''")
    )
}

/// The name a model is served under: the file's stem or the example's name, in letters,
/// digits, `-` and `_` (others become `-`); `model` when nothing is left.
pub fn served_name(file_stem: Option<&str>) -> String {
    let mut name: String = file_stem
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    while name.contains("--") {
        name = name.replace("--", "-");
    }
    let name = name.trim_matches('-').to_owned();
    if name.is_empty() || name == "models" {
        "model".to_owned()
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::{curl_example, served_name};
    use crate::experiment::Experiment;
    use crate::serve::Model;

    #[test]
    fn the_curl_example_sends_the_sample_in_raw_units() {
        let experiment = Experiment::open("builtin-example:iris-softmax").unwrap();
        let model = Model::from_experiment("iris", &experiment, String::new()).unwrap();
        let train = experiment.data.load().unwrap().train;
        let sample = train.features.row(7).to_vec();
        let curl = curl_example("http://127.0.0.1:8000", &model, &sample);
        assert!(
            curl.starts_with("curl -X POST http://127.0.0.1:8000/ai/v1/iris/predict "),
            "the example calls the model's predict route: {curl}"
        );
        let body = curl
            .split_once("-d '")
            .and_then(|(_, rest)| rest.strip_suffix('\''))
            .unwrap();
        assert!(
            body.contains("\"sepal_length_cm\":") && !body.contains("\"inputs\""),
            "named raw features, as the CSV has them: {body}"
        );
        let as_sample = ndarray::Array2::from_shape_vec((1, sample.len()), sample).unwrap();
        assert_eq!(
            model.predict_json(body.as_bytes()).unwrap(),
            model.predict_rows_json(&as_sample),
            "the raw row goes through the saved preprocessing back to the sample's inputs: {body}"
        );
    }

    #[test]
    fn served_names_are_url_safe() {
        assert_eq!(served_name(Some("iris")), "iris", "a stem stays");
        assert_eq!(
            served_name(Some("Two Gaussians: logistic regression")),
            "two-gaussians-logistic-regression",
            "a title becomes a path segment"
        );
        assert_eq!(served_name(None), "model", "no name, a default");
        assert_eq!(
            served_name(Some("models")),
            "model",
            "the list route is taken"
        );
    }
}
