//! Errors of actix's built-in extractors (JSON, query, path) mapped into the envelope.

use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::{HttpRequest, web};
use serde_json::json;

use crate::error::{ApiError, ErrorCode};

fn json_error(err: JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let error = match err {
        JsonPayloadError::OverflowKnownLength { length, limit } => {
            ApiError::new(ErrorCode::PayloadTooLarge, "JSON body too large")
                .with_details(json!({ "length": length, "limit": limit }))
        }
        JsonPayloadError::Overflow { limit } => {
            ApiError::new(ErrorCode::PayloadTooLarge, "JSON body too large").with_details(json!({ "limit": limit }))
        }
        JsonPayloadError::ContentType => {
            ApiError::new(ErrorCode::UnsupportedMediaType, "expected Content-Type: application/json")
        }
        JsonPayloadError::Deserialize(e) if e.is_data() => {
            ApiError::new(ErrorCode::InvalidBody, format!("invalid body: {e}"))
                .with_details(json!({ "line": e.line(), "column": e.column() }))
        }
        JsonPayloadError::Deserialize(e) => ApiError::new(ErrorCode::MalformedJson, format!("malformed JSON: {e}"))
            .with_details(json!({ "line": e.line(), "column": e.column() })),
        other => ApiError::new(ErrorCode::BadRequest, other.to_string()),
    };
    error.into()
}

#[expect(clippy::needless_pass_by_value, reason = "the signature actix's error_handler requires")]
fn query_error(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::new(ErrorCode::InvalidQuery, format!("invalid query: {err}")).into()
}

#[expect(clippy::needless_pass_by_value, reason = "the signature actix's error_handler requires")]
fn path_error(err: PathError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::new(ErrorCode::InvalidPath, format!("invalid path parameter: {err}")).into()
}

/// Extractor configurations with the body limits from the settings.
pub(crate) fn configure(cfg: &mut web::ServiceConfig, json_limit: usize, body_limit: usize) {
    cfg.app_data(web::JsonConfig::default().limit(json_limit).error_handler(json_error))
        .app_data(web::PayloadConfig::new(body_limit))
        .app_data(web::QueryConfig::default().error_handler(query_error))
        .app_data(web::PathConfig::default().error_handler(path_error));
}
