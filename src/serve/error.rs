//! The one error type of a request: a 4xx status with `{"error": "...", "field": "..."}`
//! naming what is wrong. The server never answers 500: every failure a request can cause is
//! one of these.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// A request that cannot be answered, and why. Status codes, used consistently:
/// - 400: the body is not JSON, or not the documented shape (`{"rows": [...]}` or
///   `{"inputs": [[...]]}`);
/// - 404: no such model or route; 405: the route exists for another method;
/// - 408: the request took too long; 413: the body is over the limit;
/// - 422: the shape is right but a value is not (a wrong type, an unknown or missing feature,
///   an unknown category, a non-finite number, a wrong count of inputs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiError {
    /// The HTTP status (always 4xx).
    #[serde(skip)]
    pub status: StatusCode,
    /// What is wrong, in one line.
    pub error: String,
    /// Where: a JSON path such as `rows[2].sepal_length_cm`, or `null`.
    pub field: Option<String>,
}

impl ApiError {
    /// An error with `status`, not tied to a field.
    pub fn new(status: StatusCode, error: impl Into<String>) -> Self {
        Self {
            status,
            error: error.into(),
            field: None,
        }
    }

    /// 400: the body is not JSON or not the documented shape.
    pub fn bad_request(error: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, error)
    }

    /// 422: a value in `field` is wrong.
    pub fn invalid(field: impl Into<String>, error: impl Into<String>) -> Self {
        Self {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            error: error.into(),
            field: Some(field.into()),
        }
    }

    /// 404: no model called `name`.
    pub fn unknown_model(name: &str, known: &[&str]) -> Self {
        Self {
            status: StatusCode::NOT_FOUND,
            error: format!(
                "no model named '{name}'; the models are {}",
                known.join(", ")
            ),
            field: Some("model".to_owned()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::to_string(&self).unwrap_or_else(|_| {
            r#"{"error":"the error could not be written","field":null}"#.to_owned()
        });
        (self.status, super::routes::json_headers(), body).into_response()
    }
}
