//! A safety net: any error response that is not already our JSON envelope (actix's own 400s,
//! 404s, 405s, 413s, CORS rejections…) is rewritten into it, so no client ever gets an HTML or
//! empty error body.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};

use crate::error::{ApiError, ErrorCode};

fn code_for(status: StatusCode) -> ErrorCode {
    match status {
        StatusCode::NOT_FOUND => ErrorCode::NotFound,
        StatusCode::METHOD_NOT_ALLOWED => ErrorCode::MethodNotAllowed,
        StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::PayloadTooLarge,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::UnsupportedMediaType,
        StatusCode::UNPROCESSABLE_ENTITY => ErrorCode::InvalidBody,
        StatusCode::UNAUTHORIZED => ErrorCode::AuthMissing,
        StatusCode::FORBIDDEN => ErrorCode::Forbidden,
        StatusCode::SERVICE_UNAVAILABLE => ErrorCode::NotReady,
        s if s.is_client_error() => ErrorCode::BadRequest,
        _ => ErrorCode::Internal,
    }
}

fn is_json(res: &HttpResponse<impl MessageBody>) -> bool {
    res.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}

/// Passes successes and JSON errors through; replaces the body of any other error response.
pub(crate) fn ensure_envelope<B: MessageBody>(res: ServiceResponse<B>) -> ServiceResponse<EitherBody<B>> {
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) || is_json(res.response()) {
        return res.map_into_left_body();
    }
    let (req, old) = res.into_parts();
    let message = match status {
        StatusCode::NOT_FOUND => format!("no route for {} {}", req.method(), req.path()),
        s => s.canonical_reason().unwrap_or("error").to_lowercase(),
    };
    let mut new = ApiError::new(code_for(status), message).error_response();
    // Keep the original status (e.g. 408, 431) even when it shares a generic code, and what
    // outer layers and the route set (Allow, CORS, Retry-After…), but not the old body's headers.
    *new.status_mut() = status;
    for (name, value) in old.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            new.headers_mut().insert(name.clone(), value.clone());
        }
    }
    new.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    ServiceResponse::new(req, new).map_into_right_body()
}
