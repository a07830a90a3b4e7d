//! The router: the five routes with their handlers, the OpenAPI document that describes them
//! (checked in as `assets/openapi.json` and embedded; a test keeps the two in step), and the
//! layers around them — body limit (413, at once for a declared length, else once the limit
//! is read), request timeout (408), CORS, and the counter of requests answered.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::header::{CONTENT_TYPE, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use super::error::ApiError;
use super::model::Model;
use super::{ServeError, ServeOptions};

/// One route the server answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// `GET` or `POST`.
    pub method: &'static str,
    /// The path, with `{model}` for the model's name.
    pub path: &'static str,
}

/// Every route, in the order of the OpenAPI document.
pub const ROUTES: [Route; 5] = [
    Route {
        method: "GET",
        path: "/health",
    },
    Route {
        method: "GET",
        path: "/openapi.json",
    },
    Route {
        method: "GET",
        path: "/ai/v1/models",
    },
    Route {
        method: "GET",
        path: "/ai/v1/{model}",
    },
    Route {
        method: "POST",
        path: "/ai/v1/{model}/predict",
    },
];

/// The OpenAPI 3 description of [`ROUTES`], served at `/openapi.json`.
pub const OPENAPI_JSON: &str = include_str!("../../assets/openapi.json");

/// The models served and the count of requests answered, shared by every request.
#[derive(Debug)]
pub struct Served {
    /// Each model by name; a model is replaced whole (see `ServerHandle::swap_model`).
    pub models: BTreeMap<String, RwLock<Arc<Model>>>,
    /// Requests answered so far, errors included.
    pub requests_answered: Arc<AtomicU64>,
    /// The body limit, for the 413 message.
    pub max_body_bytes: usize,
}

impl Served {
    /// The model called `name`, as it is now.
    fn model(&self, name: &str) -> Result<Arc<Model>, ApiError> {
        let Some(slot) = self.models.get(name) else {
            let known: Vec<&str> = self.models.keys().map(String::as_str).collect();
            return Err(ApiError::unknown_model(name, &known));
        };
        // A poisoned lock still holds a whole model: a panicking writer never half-writes an Arc.
        Ok(Arc::clone(
            &slot
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        ))
    }
}

/// The `Content-Type` of every answer.
pub fn json_headers() -> [(axum::http::HeaderName, HeaderValue); 1] {
    [(CONTENT_TYPE, HeaderValue::from_static("application/json"))]
}

/// The router with its layers.
pub fn router(served: Arc<Served>, options: &ServeOptions) -> Result<Router, ServeError> {
    let [
        health_route,
        openapi_route,
        models_route,
        card_route,
        predict_route,
    ] = ROUTES;
    let mut router = Router::new()
        .route(health_route.path, get(health))
        .route(openapi_route.path, get(openapi))
        .route(models_route.path, get(models))
        .route(card_route.path, get(card))
        .route(predict_route.path, post(predict))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(options.max_body_bytes))
        // Refuses a declared Content-Length over the limit at once, before reading the body.
        .layer(RequestBodyLimitLayer::new(options.max_body_bytes))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            options.request_timeout,
        ))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&served),
            answered,
        ));
    if let Some(cors) = cors_layer(&options.cors_origins)? {
        router = router.layer(cors);
    }
    Ok(router.with_state(served))
}

fn cors_layer(origins: &[String]) -> Result<Option<CorsLayer>, ServeError> {
    if origins.is_empty() {
        return Ok(None);
    }
    let allow = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        let values = origins
            .iter()
            .map(|o| {
                HeaderValue::from_str(o.trim_end_matches('/')).map_err(|_| ServeError::Option {
                    option: "--cors",
                    message: format!("'{o}' is not an origin such as http://localhost:3000"),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        AllowOrigin::list(values)
    };
    Ok(Some(
        CorsLayer::new()
            .allow_origin(allow)
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([CONTENT_TYPE]),
    ))
}

/// Counts the answer, and gives an error from a layer (405, 408, 413), which has no body or a
/// plain-text one, the JSON body every error has.
async fn answered(State(served): State<Arc<Served>>, request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    served.requests_answered.fetch_add(1, Ordering::Relaxed);
    let status = response.status();
    let is_json = response
        .headers()
        .get(CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !status.is_client_error() || is_json {
        return response;
    }
    let reason = match status {
        StatusCode::METHOD_NOT_ALLOWED => {
            "this route does not take this method (see /openapi.json)".to_owned()
        }
        StatusCode::REQUEST_TIMEOUT => "the request took too long".to_owned(),
        StatusCode::PAYLOAD_TOO_LARGE => too_large(served.max_body_bytes),
        other => other
            .canonical_reason()
            .unwrap_or("bad request")
            .to_lowercase(),
    };
    let mut filled = ApiError::new(status, reason).into_response();
    for (name, value) in response.headers() {
        if name != CONTENT_TYPE && name != axum::http::header::CONTENT_LENGTH {
            filled.headers_mut().insert(name.clone(), value.clone());
        }
    }
    filled
}

/// The message of a 413.
fn too_large(max_body_bytes: usize) -> String {
    format!("the body is over the limit of {max_body_bytes} bytes; send fewer rows per request")
}

async fn health(State(served): State<Arc<Served>>) -> Response {
    let body = format!(r#"{{"status":"ok","models":{}}}"#, served.models.len());
    (json_headers(), body).into_response()
}

async fn openapi() -> Response {
    (json_headers(), OPENAPI_JSON).into_response()
}

async fn models(State(served): State<Arc<Served>>) -> Response {
    let list: Vec<serde_json::Value> = served
        .models
        .keys()
        .filter_map(|name| served.model(name).ok())
        .map(|m| {
            serde_json::json!({
                "name": m.name(),
                "title": m.info().title,
                "task": m.task(),
                "card": format!("/ai/v1/{}", m.name()),
                "predict": format!("/ai/v1/{}/predict", m.name()),
            })
        })
        .collect();
    (
        json_headers(),
        serde_json::json!({ "models": list }).to_string(),
    )
        .into_response()
}

async fn card(
    State(served): State<Arc<Served>>,
    name: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let model = served.model(&model_name(name)?)?;
    Ok((json_headers(), model.card().to_owned()).into_response())
}

async fn predict(
    State(served): State<Arc<Served>>,
    name: Result<Path<String>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let model = served.model(&model_name(name)?)?;
    let body = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            too_large(served.max_body_bytes),
        ),
        status => ApiError::new(status, e.body_text()),
    })?;
    let answer = model.predict_json(&body)?;
    Ok((json_headers(), answer).into_response())
}

async fn not_found(method: Method, uri: axum::http::Uri) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        format!(
            "no route {method} {}; see /openapi.json",
            uri.path().chars().take(200).collect::<String>()
        ),
    )
}

fn model_name(name: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    name.map(|Path(n)| n)
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, e.body_text()))
}
