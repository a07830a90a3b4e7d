//! `perceptron-lab serve` end to end, the API: the built binary started on port 0 (see
//! `serve_support`), called over loopback with `ureq`. Predictions equal `eval`'s bit for bit;
//! every bad request gets its 4xx and the server keeps answering; a slow body gets 408; the
//! OpenAPI document lists exactly the routes the router answers; several models are served
//! under their stems.

mod serve_support;

use std::io::{Read as _, Write as _};
use std::net::TcpStream;

use perceptron_lab::data::{Bundled, RawTable};
use perceptron_lab::serve::{OPENAPI_JSON, ROUTES};
use serde_json::Value;
use serve_support::{WAIT, call, iris, run, serve, train};

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Every iris row as a JSON object of its raw CSV cells (numbers as written, the species too).
fn iris_rows() -> Vec<String> {
    let table = RawTable::from_bytes(Bundled::Iris.csv().as_bytes(), "iris").expect("bundled");
    (0..table.row_count())
        .map(|r| {
            let cells: Vec<String> = table
                .headers
                .iter()
                .enumerate()
                .map(|(c, h)| (h, table.cell(r, c).text()))
                .map(|(h, cell)| match cell.parse::<f64>() {
                    Ok(_) => format!("{}:{cell}", Value::from(h.as_str())),
                    Err(_) => format!("{}:{}", Value::from(h.as_str()), Value::from(cell.as_ref())),
                })
                .collect();
            format!("{{{}}}", cells.join(","))
        })
        .collect()
}

#[test]
fn predictions_equal_evals_bit_for_bit() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let model = iris(dir.path());
    let model_arg = model.to_str().expect("UTF-8");
    let (code, out, err) = run(&[
        "eval",
        model_arg,
        "--data",
        "builtin:iris",
        "--json",
        "--predictions",
        "--quiet",
    ]);
    assert_eq!(code, 0, "eval runs: {err}");
    let eval = json(&out);
    let expected_rows: Vec<Value> = (0..150).map(Value::from).collect();
    assert_eq!(
        eval["rows"].as_array(),
        Some(&expected_rows),
        "eval keeps every row, in file order"
    );
    let server = serve(&[model_arg]);
    let rows = iris_rows();
    let url = format!("{}/ai/v1/iris/predict", server.url);
    let (status, body) = call(
        "POST",
        &url,
        Some(&format!("{{\"rows\":[{}]}}", rows.join(","))),
    );
    assert_eq!(status, 200, "{body}");
    let answer = json(&body);
    assert_eq!(
        answer["predictions"], eval["predictions"],
        "the 150 rows as one batch: class, index and every probability equal eval's"
    );
    assert_eq!(
        answer["predictions"][100]["class"], "virginica",
        "a trained model names a virginica"
    );
    for r in [0, 77, 149] {
        let (status, body) = call("POST", &url, Some(&format!("{{\"rows\":[{}]}}", rows[r])));
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            json(&body)["predictions"][0],
            eval["predictions"][r],
            "row {r} alone equals its row in eval's batch"
        );
    }
}

/// An iris row that predicts.
const GOOD: &str =
    r#"{"sepal_length_cm":6.3,"sepal_width_cm":3.3,"petal_length_cm":6.0,"petal_width_cm":2.5}"#;

/// A body with the good row, `key` set to the JSON text `value` (kept as written, even 1e400).
fn with(key: &str, value: &str) -> String {
    let mut cells: Vec<String> = json(GOOD)
        .as_object()
        .expect("an object")
        .iter()
        .filter(|(k, _)| k.as_str() != key)
        .map(|(k, v)| format!("{}:{v}", Value::from(k.as_str())))
        .collect();
    cells.push(format!("{}:{value}", Value::from(key)));
    format!("{{\"rows\":[{{{}}}]}}", cells.join(","))
}

/// Sends `METHOD base+path` with `body`, checks the status, the error body and its `field`,
/// then that the server still answers.
fn expect_error(
    base: &str,
    method: &str,
    path: &str,
    body: Option<&str>,
    status: u16,
    field: Option<&str>,
) {
    let (got, text) = call(method, &format!("{base}{path}"), body);
    assert_eq!(got, status, "{method} {path}: {text}");
    let error = json(&text);
    assert!(
        error["error"].as_str().is_some_and(|e| !e.is_empty()),
        "{method} {path}: an error message in {text}"
    );
    assert_eq!(error["field"].as_str(), field, "{method} {path}: {text}");
    let (health, _) = call("GET", &format!("{base}/health"), None);
    assert_eq!(health, 200, "still answering after {method} {path}");
}

#[test]
fn bad_bodies_get_400_or_422_and_the_server_keeps_answering() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let model = iris(dir.path());
    let server = serve(&[model.to_str().expect("UTF-8")]);
    let cases: [(String, u16, Option<&str>); 10] = [
        ("{not json".into(), 400, None),
        (r#"{"rows":"all"}"#.into(), 400, None),
        (String::new(), 400, None),
        (
            with("sepal_width_cm", r#""wide""#),
            422,
            Some("rows[0].sepal_width_cm"),
        ),
        (
            with("petal_width_cm", "[1]"),
            422,
            Some("rows[0].petal_width_cm"),
        ),
        (with("colour", r#""red""#), 422, Some("rows[0].colour")),
        (
            with("sepal_length_cm", r#""Infinity""#),
            422,
            Some("rows[0].sepal_length_cm"),
        ),
        (
            with("sepal_length_cm", "1e400"),
            422,
            Some("rows[0].sepal_length_cm"),
        ),
        (
            r#"{"rows":[{"sepal_length_cm":1}]}"#.into(),
            422,
            Some("rows[0].sepal_width_cm"),
        ),
        (r#"{"inputs":[[1,2,3]]}"#.into(), 422, Some("inputs[0]")),
    ];
    for (body, status, field) in &cases {
        let predict = "/ai/v1/iris/predict";
        expect_error(&server.url, "POST", predict, Some(body), *status, *field);
    }
    // A category the model never saw, on a model with a categorical feature.
    let titanic = train(
        dir.path(),
        "titanic",
        &["--data", "builtin:titanic", "--epochs", "2"],
    );
    let server = serve(&[titanic.to_str().expect("UTF-8")]);
    let row =
        r#"{"pclass":1,"sex":"robot","age":29,"sibsp":0,"parch":0,"fare":211.3,"embarked":"S"}"#;
    let body = format!("{{\"rows\":[{row}]}}");
    let predict = "/ai/v1/titanic/predict";
    expect_error(
        &server.url,
        "POST",
        predict,
        Some(&body),
        422,
        Some("rows[0].sex"),
    );
}

#[test]
fn unknown_models_and_routes_wrong_methods_and_large_bodies_get_their_4xx() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let model = iris(dir.path());
    let server = serve(&[model.to_str().expect("UTF-8")]);
    let body = with("colour", "1");
    expect_error(
        &server.url,
        "POST",
        "/ai/v1/tulip/predict",
        Some(&body),
        404,
        Some("model"),
    );
    expect_error(&server.url, "GET", "/ai/v1/tulip", None, 404, Some("model"));
    expect_error(&server.url, "GET", "/nowhere", None, 404, None);
    expect_error(&server.url, "GET", "/ai/v1/iris/predict", None, 405, None);
    expect_error(&server.url, "DELETE", "/ai/v1/iris", None, 405, None);
    // A body declared over the default 1 MiB limit is refused before it is read. (Sending
    // it all would race the server closing the connection, as with any server that refuses a
    // body early.)
    let addr = server.url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).expect("connects");
    stream.set_read_timeout(Some(WAIT)).expect("a read timeout");
    let head = format!(
        "POST /ai/v1/iris/predict HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n{GOOD}",
        2 * 1024 * 1024
    );
    stream.write_all(head.as_bytes()).expect("writes");
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "413: {answer:?}");
    let body = answer.split("\r\n\r\n").nth(1).unwrap_or_default();
    assert!(
        json(body)["error"]
            .as_str()
            .is_some_and(|e| e.contains("limit")),
        "{answer}"
    );
    let (health, _) = call("GET", &format!("{}/health", server.url), None);
    assert_eq!(health, 200, "still answering after 413");
}

#[test]
fn a_slow_body_times_out_with_408() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let model = iris(dir.path());
    let server = serve(&[model.to_str().expect("UTF-8"), "--timeout", "1"]);
    let addr = server.url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).expect("connects");
    stream.set_read_timeout(Some(WAIT)).expect("a read timeout");
    // Headers promise 100 bytes; only 10 come, then nothing.
    stream
        .write_all(b"POST /ai/v1/iris/predict HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"rows\":[")
        .expect("writes");
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(
        answer.starts_with("HTTP/1.1 408"),
        "a slow body gets 408: {answer:?}"
    );
    let (health, _) = call("GET", &format!("{}/health", server.url), None);
    assert_eq!(health, 200, "still answering");
}

#[test]
fn openapi_lists_exactly_the_routes_the_router_answers() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let model = iris(dir.path());
    let server = serve(&[model.to_str().expect("UTF-8")]);
    let (status, text) = call("GET", &format!("{}/openapi.json", server.url), None);
    assert_eq!(status, 200, "{text}");
    assert_eq!(text, OPENAPI_JSON, "the checked-in document is served");
    let doc = json(&text);
    assert!(
        doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")),
        "OpenAPI 3"
    );
    let mut documented: Vec<(String, String)> = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("operations").keys() {
            documented.push((method.to_uppercase(), path.clone()));
        }
    }
    documented.sort();
    let mut routes: Vec<(String, String)> = ROUTES
        .iter()
        .map(|r| (r.method.to_owned(), r.path.to_owned()))
        .collect();
    routes.sort();
    assert_eq!(
        documented, routes,
        "the document and the router's route list agree"
    );
    for route in ROUTES {
        let url = format!("{}{}", server.url, route.path.replace("{model}", "iris"));
        let body = (route.method == "POST").then_some(r#"{"inputs":[[0,0,0,0]]}"#);
        let (status, text) = call(route.method, &url, body);
        assert_eq!(
            status, 200,
            "{} {} is answered: {text}",
            route.method, route.path
        );
    }
    let (status, _) = call("GET", &format!("{}/ai/v1/iris/train", server.url), None);
    assert_eq!(status, 404, "a route not in the document is not answered");
}

#[test]
fn two_models_are_served_under_their_stems() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let iris = iris(dir.path());
    let xor = train(
        dir.path(),
        "xor",
        &[
            "--data",
            "builtin:xor",
            "--hidden",
            "4:tanh",
            "--epochs",
            "300",
            "--lr",
            "0.05",
        ],
    );
    let server = serve(&[iris.to_str().expect("UTF-8"), xor.to_str().expect("UTF-8")]);
    let (status, text) = call("GET", &format!("{}/ai/v1/models", server.url), None);
    assert_eq!(status, 200, "{text}");
    let names: Vec<String> = json(&text)["models"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|m| m["name"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(names, ["iris", "xor"], "each under its stem, sorted");
    let (_, card) = call("GET", &format!("{}/ai/v1/xor", server.url), None);
    let card = json(&card);
    assert_eq!(
        card["inputs"],
        serde_json::json!(["x1", "x2"]),
        "generated data: raw inputs"
    );
    assert_eq!(card["classes"], serde_json::json!(["0", "1"]), "{card}");
    let predict = format!("{}/ai/v1/xor/predict", server.url);
    let (status, by_rows) = call(
        "POST",
        &predict,
        Some(r#"{"rows":[{"x1":0,"x2":1},{"x1":1,"x2":1}]}"#),
    );
    assert_eq!(status, 200, "{by_rows}");
    let (_, by_inputs) = call("POST", &predict, Some(r#"{"inputs":[[0,1],[1,1]]}"#));
    assert_eq!(
        json(&by_rows),
        json(&by_inputs),
        "named rows are the inputs themselves"
    );
    let answer = json(&by_rows);
    let classes: Vec<&str> = answer["predictions"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|p| p["class"].as_str())
        .collect();
    assert_eq!(classes, ["1", "0"], "XOR learned: 0⊕1 = 1, 1⊕1 = 0");
    let (_, card) = call("GET", &format!("{}/ai/v1/iris", server.url), None);
    assert_eq!(
        json(&card)["task"],
        "classification",
        "the other model is there too"
    );
}
