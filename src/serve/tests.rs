//! Unit tests of the server: request bodies against hand-computed inputs and the documented
//! status codes, and a live [`ServerHandle`] whose model is swapped and which releases its
//! port when stopped.

use ndarray::{Array1, array};

use super::model::{Inputs, Model, ModelInfo, Outputs};
use super::predict::parse_body;
use super::{ServeOptions, ServerHandle};
use crate::data::preprocess::{Encoding, FeatureEncoding, TargetEncoding};
use crate::data::{MissingPolicy, Preprocessing, Scale};
use crate::nn::{Activation, Architecture, Loss, Network, Optimizer, TrainConfig};

fn info() -> ModelInfo {
    ModelInfo {
        title: "test".into(),
        training: TrainConfig {
            loss: Loss::Ce,
            optimizer: Optimizer::Sgd,
            learning_rate: 0.1,
            l2: 0.0,
            batch_size: 1,
            seed: 1,
        },
        epochs: 0,
        last_epoch: None,
        file_hash: String::new(),
    }
}

/// A softmax layer over `inputs` inputs whose class 1 wins when input 0 is positive (or
/// negative, with `flipped`).
fn network(inputs: usize, flipped: bool) -> Network {
    let mut network = Network::new(&Architecture::of(inputs, &[(2, Activation::Softmax)]), 1)
        .expect("a valid shape");
    let sign = if flipped { -1.0 } else { 1.0 };
    let mut weights = ndarray::Array2::zeros((2, inputs));
    weights[(0, 0)] = -sign;
    weights[(1, 0)] = sign;
    network.layers[0].weights = weights;
    network.layers[0].biases = Array1::zeros(2);
    network
}

/// `age` (numeric, standardised with mean 30 and std 10, imputed) and `sex` (female/male,
/// rows missing it were dropped in training); target `survived`.
fn titanic_like() -> Model {
    let preprocessing = Preprocessing {
        features: vec![
            FeatureEncoding {
                column: "age".into(),
                missing: MissingPolicy::Impute,
                encoding: Encoding::Numeric {
                    scale: Scale::Standard,
                    mean: 30.0,
                    std: 10.0,
                    min: 0.0,
                    max: 80.0,
                },
            },
            FeatureEncoding {
                column: "sex".into(),
                missing: MissingPolicy::Drop,
                encoding: Encoding::Categorical {
                    categories: vec!["female".into(), "male".into()],
                    most_frequent: "male".into(),
                },
            },
        ],
        target: TargetEncoding::Classes {
            column: "survived".into(),
            names: vec!["no".into(), "yes".into()],
        },
        image_shape: None,
    };
    Model::new(
        "titanic",
        network(3, false),
        Inputs::Preprocessed(preprocessing),
        Outputs::Classes(vec!["no".into(), "yes".into()]),
        info(),
    )
    .expect("the parts fit")
}

fn plane(flipped: bool) -> Model {
    Model::new(
        "plane",
        network(2, flipped),
        Inputs::Raw(vec!["x1".into(), "x2".into()]),
        Outputs::Classes(vec!["blue".into(), "orange".into()]),
        info(),
    )
    .expect("the parts fit")
}

#[test]
fn raw_rows_become_the_hand_computed_inputs() {
    let model = titanic_like();
    let cases: [(&str, [f32; 3]); 5] = [
        (r#"{"rows":[{"age":40,"sex":"male"}]}"#, [1.0, 0.0, 1.0]),
        (
            r#"{"rows":[{"age":"15","sex":"female"}]}"#,
            [-1.5, 1.0, 0.0],
        ),
        // Missing age: the training mean, 0 once standardised.
        (r#"{"rows":[{"age":null,"sex":"female"}]}"#, [0.0, 1.0, 0.0]),
        (r#"{"rows":[{"age":"","sex":"male"}]}"#, [0.0, 0.0, 1.0]),
        // The target's key is ignored, so a CSV row can be sent as it is.
        (
            r#"{"rows":[{"age":30,"sex":"male","survived":"yes"}]}"#,
            [0.0, 0.0, 1.0],
        ),
    ];
    for (body, want) in cases {
        let got = parse_body(&model, body.as_bytes()).expect("a valid body");
        assert_eq!(got.row(0).to_vec(), want.to_vec(), "{body}");
    }
    let Inputs::Preprocessed(p) = model.inputs() else {
        panic!("a preprocessed model");
    };
    let got = parse_body(&model, br#"{"rows":[{"age":41.3,"sex":"male"}]}"#).expect("valid");
    let want = p.encode(&["41.3", "male"]).expect("valid cells");
    assert_eq!(
        got.row(0).to_vec(),
        want,
        "a JSON number goes through encode as the CSV cell with the same text"
    );
}

#[test]
fn every_bad_body_gets_its_status_and_field() {
    let model = titanic_like();
    let cases: [(&str, u16, Option<&str>); 17] = [
        ("not json", 400, None),
        (r#"{"rows":[{"age":1,"sex":"male"}"#, 400, None),
        (r#"{"rows":5}"#, 400, None),
        (r#"{"rows":[[1,2]]}"#, 400, None),
        (r"{}", 400, None),
        (r#"{"foo":[]}"#, 400, None),
        (r#"{"rows":[],"inputs":[]}"#, 400, None),
        (r#"{"rows":[]}"#, 422, Some("rows")),
        (r#"{"rows":[{"sex":"male"}]}"#, 422, Some("rows[0].age")),
        (
            r#"{"rows":[{"age":1,"sex":"male"},{"age":1,"sex":null}]}"#,
            422,
            Some("rows[1].sex"),
        ),
        (
            r#"{"rows":[{"age":1,"sex":"other"}]}"#,
            422,
            Some("rows[0].sex"),
        ),
        (
            r#"{"rows":[{"age":"abc","sex":"male"}]}"#,
            422,
            Some("rows[0].age"),
        ),
        (
            r#"{"rows":[{"age":"NaN","sex":"male"}]}"#,
            422,
            Some("rows[0].age"),
        ),
        (
            r#"{"rows":[{"age":1e999,"sex":"male"}]}"#,
            422,
            Some("rows[0].age"),
        ),
        (
            r#"{"rows":[{"age":true,"sex":"male"}]}"#,
            422,
            Some("rows[0].age"),
        ),
        (
            r#"{"rows":[{"age":1,"sex":"male","fare":3}]}"#,
            422,
            Some("rows[0].fare"),
        ),
        (r#"{"inputs":[[1,0]]}"#, 422, Some("inputs[0]")),
    ];
    for (body, status, field) in cases {
        let error = parse_body(&model, body.as_bytes()).expect_err(body);
        assert_eq!(error.status.as_u16(), status, "{body}: {}", error.error);
        assert_eq!(error.field.as_deref(), field, "{body}: {}", error.error);
    }
}

#[test]
fn inputs_and_named_raw_rows_are_the_network_inputs() {
    let model = plane(false);
    let from_inputs = parse_body(&model, br#"{"inputs":[[0.3,-0.7],[1,2]]}"#).expect("valid");
    assert_eq!(from_inputs, array![[0.3f32, -0.7], [1.0, 2.0]], "as given");
    let from_rows = parse_body(&model, br#"{"rows":[{"x2":-0.7,"x1":0.3}]}"#).expect("valid");
    assert_eq!(from_rows, array![[0.3f32, -0.7]], "keys in any order");
    for body in [
        r#"{"inputs":[["a",1]]}"#,
        r#"{"inputs":[[1e40,1]]}"#,
        r#"{"rows":[{"x1":null,"x2":1}]}"#,
        r#"{"rows":[{"x1":1}]}"#,
    ] {
        let error = parse_body(&model, body.as_bytes()).expect_err(body);
        assert_eq!(error.status.as_u16(), 422, "{body}: {}", error.error);
    }
}

fn post(url: &str, body: &str) -> (u16, serde_json::Value) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent
        .post(url)
        .header("content-type", "application/json")
        .send(body)
        .expect("the server answers");
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().expect("a text body");
    (status, serde_json::from_str(&text).expect("a JSON body"))
}

fn loopback() -> ServeOptions {
    ServeOptions {
        port: 0,
        worker_threads: 1,
        ..ServeOptions::default()
    }
}

#[test]
fn a_swapped_model_changes_the_answers() {
    let server = ServerHandle::start(vec![plane(false)], &loopback()).expect("starts");
    let url = format!("{}/ai/v1/plane/predict", server.url());
    let body = r#"{"rows":[{"x1":2,"x2":0}]}"#;
    let (status, answer) = post(&url, body);
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        answer["predictions"][0]["class"], "orange",
        "x1 > 0 is orange before the swap"
    );
    server.swap_model(plane(true)).expect("same name");
    let (_, answer) = post(&url, body);
    assert_eq!(
        answer["predictions"][0]["class"], "blue",
        "the flipped weights answer after the swap"
    );
    assert_eq!(server.requests_answered(), 2, "both requests counted");
    let other = Model::new(
        "other",
        network(2, false),
        Inputs::Raw(vec!["x1".into(), "x2".into()]),
        Outputs::Classes(vec!["a".into(), "b".into()]),
        info(),
    )
    .expect("fits");
    assert!(
        server.swap_model(other).is_err(),
        "a name that is not served cannot be swapped in"
    );
}

#[test]
fn stop_releases_the_port() {
    let server = ServerHandle::start(vec![plane(false)], &loopback()).expect("starts");
    let addr = server.addr();
    let (status, _) = post(
        &format!("{}/ai/v1/plane/predict", server.url()),
        r#"{"inputs":[[1,1]]}"#,
    );
    assert_eq!(status, 200, "served before stopping");
    server.stop();
    let again = std::net::TcpListener::bind(addr);
    assert!(
        again.is_ok(),
        "the port is free once stop returns: {again:?}"
    );
}

#[test]
fn loopback_hosts_are_recognised() {
    for host in ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"] {
        let options = ServeOptions {
            host: host.into(),
            ..ServeOptions::default()
        };
        assert!(options.is_loopback(), "{host} only reaches this machine");
    }
    for host in ["0.0.0.0", "192.168.1.5", "::", "example.org"] {
        let options = ServeOptions {
            host: host.into(),
            ..ServeOptions::default()
        };
        assert!(!options.is_loopback(), "{host} may be reached from others");
    }
}
