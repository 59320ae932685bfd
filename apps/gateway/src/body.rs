//! JSON bodies whose errors name the offending field, accepting the upstream's
//! `{"payload": {...}}` wrapper as well as flat objects.

use actix_web::web;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::error::{ApiError, ErrorCode};

/// The object itself, or what the upstream's `{"payload": {...}}` wraps.
pub(crate) fn unwrap(body: web::Json<Value>) -> Value {
    let mut value = body.into_inner();
    if let Some(inner) = value.as_object_mut().filter(|o| o.len() == 1).and_then(|o| o.remove("payload")) {
        value = inner;
    }
    value
}

/// Deserialises `value` into `T` (which ignores fields it does not know, so several structs
/// can read the same body); a missing or mistyped field is a 422 `invalid_body` naming it.
pub(crate) fn parse<T: DeserializeOwned>(value: &Value) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let message = e.inner().to_string();
        let mut field = e.path().to_string();
        if field == "." {
            // A missing field is reported at the root; serde names it in the message.
            field = message
                .split('`')
                .nth(1)
                .filter(|_| message.starts_with("missing field"))
                .unwrap_or_default()
                .to_owned();
        }
        ApiError::new(ErrorCode::InvalidBody, format!("invalid body: {message}"))
            .with_details(json!({ "field": field }))
    })
}

/// A 422 naming `field`.
pub(crate) fn invalid(field: &str, message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::InvalidBody, message).with_details(json!({ "field": field }))
}
