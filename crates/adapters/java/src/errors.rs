//! Translation of Java's answers into the ports' error enums.
//!
//! Every reason names the method and path template only ("GET /sales/history: ..."): reasons
//! reach API error bodies, so they must not reveal where the Java service lives.

use std::time::Duration;

use ports::{SinkError, SourceError};
use reqwest::StatusCode;
use serde::Deserialize;

use crate::client::{Failure, Reply};

/// The retry hint given when Java did not send one.
pub(crate) const DEFAULT_RETRY_AFTER: Duration = Duration::from_secs(5);

/// Longest excerpt of Java's own words kept in a reason or a receipt.
pub(crate) const MAX_MESSAGE_CHARS: usize = 200;

/// Java's `ApiError` body (reference §9.1); `status` and `timestamp` are not needed.
#[derive(Debug, Deserialize)]
struct ApiError {
    code: Option<String>,
    message: Option<String>,
    details: Option<serde_json::Map<String, serde_json::Value>>,
}

/// `(code, message)` from an `ApiError` body, the validation details appended to the message.
fn api_error(body: &[u8]) -> Option<(String, String)> {
    let error: ApiError = serde_json::from_slice(body).ok()?;
    let code = error.code.filter(|c| !c.trim().is_empty())?;
    let mut message = error.message.unwrap_or_default();
    if let Some(details) = error.details.filter(|d| !d.is_empty()) {
        let fields: Vec<String> = details.iter().map(|(field, why)| format!("{field}: {}", plain(why))).collect();
        message = format!("{message} ({})", fields.join("; "));
    }
    Some((code, truncate(message.trim())))
}

fn plain(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

pub(crate) fn truncate(text: &str) -> String {
    text.chars().take(MAX_MESSAGE_CHARS).collect()
}

/// "Java answered 503 Service Unavailable (INTERNAL_ERROR)", code only when Java sent one.
pub(crate) fn answered(reply: &Reply) -> String {
    let code = api_error(&reply.body).map(|(code, _)| format!(" ({code})")).unwrap_or_default();
    format!("Java answered {}{code}", status_text(reply.status))
}

fn status_text(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("{} {reason}", status.as_u16()),
        None => status.as_u16().to_string(),
    }
}

pub(crate) fn transport_reason(failure: Failure) -> String {
    match failure {
        Failure::Transport { reason, .. } => reason,
        Failure::BadToken => "the caller's token cannot be sent".to_owned(),
    }
}

pub(crate) fn source_failure(failure: Failure) -> SourceError {
    match failure {
        Failure::BadToken => SourceError::Unauthorized,
        failure => {
            SourceError::Unavailable { reason: transport_reason(failure), retry_after: Some(DEFAULT_RETRY_AFTER) }
        }
    }
}

/// A non-2xx reply to a GET. A 404 names the endpoint; routes that look something up by key
/// rename it.
pub(crate) fn source_status(op: &str, reply: &Reply) -> SourceError {
    match reply.status.as_u16() {
        401 => SourceError::Unauthorized,
        403 => SourceError::Forbidden,
        404 => SourceError::NotFound { what: format!("Java endpoint {op}") },
        429 | 500..=599 => SourceError::Unavailable {
            reason: format!("{op}: {}", answered(reply)),
            retry_after: Some(reply.retry_after.unwrap_or(DEFAULT_RETRY_AFTER)),
        },
        _ => SourceError::BadResponse { reason: format!("{op}: unexpected answer: {}", with_message(reply)) },
    }
}

fn with_message(reply: &Reply) -> String {
    match api_error(&reply.body) {
        Some((code, message)) => format!("Java answered {} ({code}): {message}", status_text(reply.status)),
        None => format!("Java answered {}", status_text(reply.status)),
    }
}

pub(crate) fn sink_failure(failure: Failure) -> SinkError {
    match failure {
        Failure::BadToken => SinkError::Unauthorized,
        failure => SinkError::Unavailable { reason: transport_reason(failure), retry_after: Some(DEFAULT_RETRY_AFTER) },
    }
}

/// A non-2xx reply to a POST: content refusals become `Rejected` with Java's own code.
pub(crate) fn sink_status(op: &str, reply: &Reply) -> SinkError {
    match reply.status.as_u16() {
        401 => SinkError::Unauthorized,
        403 => SinkError::Forbidden,
        429 | 500..=599 => SinkError::Unavailable {
            reason: format!("{op}: {}", answered(reply)),
            retry_after: Some(reply.retry_after.unwrap_or(DEFAULT_RETRY_AFTER)),
        },
        400..=499 => match api_error(&reply.body) {
            Some((code, message)) => SinkError::Rejected { code, message },
            None => SinkError::BadResponse {
                reason: format!("{op}: Java answered {} without a readable error body", status_text(reply.status)),
            },
        },
        _ => SinkError::BadResponse { reason: format!("{op}: unexpected answer: {}", with_message(reply)) },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(status: u16, body: &str) -> Reply {
        Reply { status: StatusCode::from_u16(status).unwrap(), retry_after: None, body: body.as_bytes().to_vec() }
    }

    #[test]
    fn validation_details_are_kept_in_the_message() {
        let body = r#"{"status":400,"code":"VALIDATION_ERROR","message":"Validation failed",
            "timestamp":"2026-11-20 10:00:00","details":{"items[0].quantity":"must be greater than 0"}}"#;
        match sink_status("POST /sales/bulk", &reply(400, body)) {
            SinkError::Rejected { code, message } => {
                assert_eq!(code, "VALIDATION_ERROR");
                assert_eq!(message, "Validation failed (items[0].quantity: must be greater than 0)");
            }
            other => panic!("expected Rejected, got {other:?}"),
        }
    }

    #[test]
    fn a_get_refused_with_400_is_a_bad_response_naming_the_code() {
        let body = r#"{"status":400,"code":"RUNTIME_ERROR","message":"boom","timestamp":null,"details":null}"#;
        let SourceError::BadResponse { reason } = source_status("GET /inventory", &reply(400, body)) else {
            panic!("expected BadResponse");
        };
        assert_eq!(reason, "GET /inventory: unexpected answer: Java answered 400 Bad Request (RUNTIME_ERROR): boom");
    }

    #[test]
    fn long_messages_are_truncated() {
        let long = format!(r#"{{"code":"RUNTIME_ERROR","message":"{}"}}"#, "é".repeat(500));
        let SinkError::Rejected { message, .. } = sink_status("POST /sales/bulk", &reply(404, &long)) else {
            panic!("expected Rejected");
        };
        assert_eq!(message.chars().count(), MAX_MESSAGE_CHARS);
    }
}
