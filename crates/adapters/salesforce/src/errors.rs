//! Salesforce's error bodies translated into the port's `CrmError`.
//!
//! REST errors are `[{"message": "...", "errorCode": "INVALID_FIELD"}]`; the token endpoint answers
//! `{"error": "invalid_grant", "error_description": "authentication failure"}`. Reasons name the
//! operation, never the instance URL (they reach API error bodies), nor any credential.

use ports::CrmError;
use serde::Deserialize;

use crate::http::Reply;

const MAX_CHARS: usize = 300;

#[derive(Deserialize)]
struct RestError {
    #[serde(rename = "errorCode", default)]
    error_code: String,
    #[serde(default)]
    message: String,
}

#[derive(Deserialize)]
struct OAuthError {
    error: String,
    #[serde(default)]
    error_description: String,
}

/// The first characters of a body, for logs and reasons.
pub(crate) fn excerpt(body: &[u8]) -> String {
    String::from_utf8_lossy(body).chars().take(MAX_CHARS).collect()
}

/// `INVALID_FIELD: No such column 'Website_Visits__c' on entity 'Lead'`, or the raw excerpt.
pub(crate) fn rest_message(body: &[u8]) -> String {
    match serde_json::from_slice::<Vec<RestError>>(body) {
        Ok(errors) if !errors.is_empty() => errors
            .iter()
            .map(|e| format!("{}: {}", e.error_code, e.message).chars().take(MAX_CHARS).collect::<String>())
            .collect::<Vec<_>>()
            .join("; "),
        _ => excerpt(body),
    }
}

/// A non-2xx REST answer (other than the 401 the client already handled).
pub(crate) fn rest_error(op: &str, reply: &Reply) -> CrmError {
    let message = rest_message(&reply.body);
    let status = reply.status;
    match status.as_u16() {
        401 => CrmError::Unauthorized(format!("{op}: the session was refused again after a fresh login: {message}")),
        // REQUEST_LIMIT_EXCEEDED: the org's daily API allowance is spent; waiting is the cure.
        403 if message.contains("REQUEST_LIMIT_EXCEEDED") => {
            CrmError::Unavailable(format!("{op}: Salesforce API limit reached: {message}"))
        }
        403 => CrmError::Unauthorized(format!("{op}: Salesforce answered {status}: {message}")),
        500..=599 => CrmError::Unavailable(format!("{op}: Salesforce answered {status}: {message}")),
        _ => CrmError::BadResponse(format!("{op}: Salesforce answered {status}: {message}")),
    }
}

/// A refusal from the token endpoint: bad credentials are `Unauthorized`, server trouble
/// `Unavailable`.
pub(crate) fn token_error(flow: &str, reply: &Reply) -> CrmError {
    let status = reply.status;
    let what = match serde_json::from_slice::<OAuthError>(&reply.body) {
        Ok(e) if e.error_description.is_empty() => e.error,
        Ok(e) => format!("{}: {}", e.error, e.error_description),
        Err(_) => excerpt(&reply.body),
    };
    if status.is_server_error() {
        CrmError::Unavailable(format!("login ({flow} flow): Salesforce answered {status}: {what}"))
    } else {
        CrmError::Unauthorized(format!("login ({flow} flow) refused with {status}: {what}"))
    }
}

/// A 2xx body that does not parse as the documented shape.
pub(crate) fn unreadable(op: &str, e: &serde_json::Error) -> CrmError {
    CrmError::BadResponse(format!("{op}: unreadable answer: {e}"))
}

#[cfg(test)]
mod tests {
    use reqwest::StatusCode;

    use super::*;

    fn reply(status: u16, body: &str) -> Reply {
        Reply { status: StatusCode::from_u16(status).unwrap(), body: body.as_bytes().to_vec() }
    }

    #[test]
    fn rest_errors_keep_the_code_and_message() {
        let body = r#"[{"message":"No such column 'Website_Visits__c' on entity 'Lead'","errorCode":"INVALID_FIELD"}]"#;
        let CrmError::BadResponse(reason) = rest_error("query Lead", &reply(400, body)) else { panic!() };
        assert_eq!(
            reason,
            "query Lead: Salesforce answered 400 Bad Request: INVALID_FIELD: No such column 'Website_Visits__c' on entity 'Lead'"
        );
    }

    #[test]
    fn the_daily_limit_is_unavailable_not_unauthorized() {
        let body = r#"[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"#;
        assert!(matches!(rest_error("query Lead", &reply(403, body)), CrmError::Unavailable(_)));
    }

    #[test]
    fn token_refusals_are_unauthorized_with_the_description() {
        let body = r#"{"error":"invalid_grant","error_description":"authentication failure"}"#;
        assert_eq!(
            token_error("password", &reply(400, body)),
            CrmError::Unauthorized(
                "login (password flow) refused with 400 Bad Request: invalid_grant: authentication failure".into()
            )
        );
        assert!(matches!(token_error("password", &reply(500, "oops")), CrmError::Unavailable(_)));
    }
}
