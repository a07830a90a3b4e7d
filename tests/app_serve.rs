//! File ▸ Serve this model…, driven like a user would: the window's Start button serves the
//! current experiment on loopback, a real request to the URL it shows is answered and
//! counted, each finished epoch's weights replace the served ones, and Stop (or closing the
//! app) frees the port. Only loopback is bound here.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use perceptron_lab::app::PerceptronApp;
use perceptron_lab::serve::Model;

/// How long the server may take to start or a counter to rise.
const WAIT: Duration = Duration::from_secs(20);

/// Held by each test that serves: the app tries port 8000 first, so a test that checks its
/// port is free after Stop must not race another test taking that port at that moment.
static SERVING: Mutex<()> = Mutex::new(());

/// Waits for the other serving tests to finish (a failed one does not block the rest).
fn serving_alone() -> MutexGuard<'static, ()> {
    SERVING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The app as it opens, 1600×1000, in a headless harness.
fn harness() -> Harness<'static, PerceptronApp> {
    Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_max_steps(20)
        .build_eframe(|cc| PerceptronApp::new(cc, None))
}

/// The text of the first label starting with `prefix`, if one is shown.
fn text_starting_with(harness: &Harness<'_, PerceptronApp>, prefix: &str) -> Option<String> {
    harness
        .query_all_by(|n| {
            n.value().is_some_and(|v| v.starts_with(prefix))
                || n.label().is_some_and(|v| v.starts_with(prefix))
        })
        .next()
        .and_then(|n| {
            let node = n.accesskit_node();
            node.value().or_else(|| node.label())
        })
}

/// Steps frames until a label starting with `prefix` is shown; its text.
fn wait_for(harness: &mut Harness<'_, PerceptronApp>, prefix: &str) -> String {
    let start = Instant::now();
    loop {
        if let Some(text) = text_starting_with(harness, prefix) {
            return text;
        }
        assert!(
            start.elapsed() < WAIT,
            "a label starting with {prefix:?} appears within {WAIT:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
}

/// File ▸ Serve this model… ▸ Start serving; the URL the window shows.
fn start_serving(harness: &mut Harness<'_, PerceptronApp>) -> String {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Serve this model…").click();
    harness.run();
    harness.get_by_label("Start serving").click();
    // A spinner turns while the server starts: step frames instead of running to rest.
    harness.step();
    let listening = wait_for(harness, "Listening on ");
    let url = listening.trim_start_matches("Listening on ").to_owned();
    assert!(
        url.starts_with("http://127.0.0.1:"),
        "the server binds loopback unless asked otherwise: {url}"
    );
    url
}

/// POSTs `body` to `url`; status and answer.
fn post(url: &str, body: &str) -> (u16, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(WAIT))
        .build()
        .into();
    let mut response = agent
        .post(url)
        .header("content-type", "application/json")
        .send(body)
        .unwrap_or_else(|e| panic!("POST {url}: {e}"));
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().expect("a text body");
    (status, text)
}

/// The predict URL and the body of the `curl` example the window shows.
fn curl_parts(curl: &str) -> (String, String) {
    let url = curl
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("the example names the URL")
        .to_owned();
    let body = curl
        .split_once("-d '")
        .and_then(|(_, rest)| rest.strip_suffix('\''))
        .expect("the example sends a quoted body")
        .replace(r"'\''", "'");
    (url, body)
}

/// The answer the app's current weights give to `body`, by the same model code as the server.
fn expected_answer(app: &mut PerceptronApp, body: &str) -> String {
    let session = app.session();
    let experiment = perceptron_lab::session::experiment_of(&session.setup, session.trainer())
        .expect("the experiment as saved");
    let model = Model::from_experiment("model", &experiment, String::new()).expect("a model");
    model.predict_json(body.as_bytes()).expect("a valid body")
}

#[test]
fn serving_from_the_menu_answers_a_real_request_and_counts_it() {
    let _alone = serving_alone();
    let mut harness = harness();
    harness.run();
    let url = start_serving(&mut harness);
    assert!(
        text_starting_with(&harness, "Requests answered: 0").is_some(),
        "nothing answered yet"
    );
    let curl = wait_for(&mut harness, "curl -X POST ");
    let (predict_url, body) = curl_parts(&curl);
    assert!(
        predict_url.starts_with(&url) && predict_url.ends_with("/predict"),
        "the example calls the shown server's predict route: {predict_url}"
    );
    assert!(
        body.starts_with(r#"{"rows":[{"#),
        "the example sends a row of named features: {body}"
    );
    let (status, answer) = post(&predict_url, &body);
    assert_eq!(status, 200, "the example's request is answered: {answer}");
    assert_eq!(
        answer,
        expected_answer(harness.state_mut(), &body),
        "the answer is the current model's prediction for the example row"
    );
    wait_for(&mut harness, "Requests answered: 1");

    let port = url.rsplit(':').next().unwrap().parse::<u16>().unwrap();
    harness.get_by_label("Stop serving").click();
    harness.run();
    assert!(
        harness
            .state()
            .notice()
            .is_some_and(|n| n.contains("Stopped")),
        "the app says it stopped: {:?}",
        harness.state().notice()
    );
    assert!(
        std::net::TcpListener::bind(("127.0.0.1", port)).is_ok(),
        "after Stop the port {port} is free again"
    );
}

#[test]
fn the_served_answers_change_with_each_epoch_and_closing_frees_the_port() {
    let _alone = serving_alone();
    let mut harness = harness();
    harness.run();
    let url = start_serving(&mut harness);
    let predict_url = format!("{url}/ai/v1/model/predict");
    let body = r#"{"inputs": [[0.0, 1.0], [1.0, 1.0]]}"#;
    let before = expected_answer(harness.state_mut(), body);
    let (status, answer) = post(&predict_url, body);
    assert_eq!(status, 200, "answered: {answer}");
    assert_eq!(answer, before, "the untrained weights are served at first");

    harness.get_by_label("Step epoch").click();
    harness.run();
    assert_eq!(harness.state_mut().epoch(), 1, "one epoch was trained");
    wait_for(&mut harness, "Serving the weights after epoch 1");
    let after = expected_answer(harness.state_mut(), body);
    assert_ne!(after, before, "an epoch of training changes the prediction");
    let (_, answer) = post(&predict_url, body);
    assert_eq!(
        answer, after,
        "after the epoch the server answers with the new weights"
    );

    let port = url.rsplit(':').next().unwrap().parse::<u16>().unwrap();
    drop(harness);
    assert!(
        std::net::TcpListener::bind(("127.0.0.1", port)).is_ok(),
        "closing the app frees the port {port}"
    );
}

#[test]
fn allowing_the_network_shows_a_warning_first() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Serve this model…").click();
    harness.run();
    assert!(
        text_starting_with(&harness, "Warning: anyone").is_none(),
        "no warning while only this computer can call it"
    );
    harness.get_by_label("Allow others on this network").click();
    harness.run();
    assert!(
        text_starting_with(&harness, "Warning: anyone").is_some(),
        "the network option warns who can call the model"
    );
}
