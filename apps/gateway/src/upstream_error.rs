//! Failures of the system of record and of the analytics use cases, as API errors.

use actix_web::http::header::{self, HeaderValue};
use app::AnalyticsError;
use ports::SourceError;
use serde_json::json;

use crate::error::{ApiError, ErrorCode};

impl From<SourceError> for ApiError {
    fn from(e: SourceError) -> Self {
        match e {
            SourceError::Unauthorized => {
                Self::new(ErrorCode::UpstreamUnauthorized, "the Java service rejected the caller's token")
            }
            SourceError::Forbidden => {
                Self::new(ErrorCode::UpstreamForbidden, "the Java service denied the caller access")
            }
            SourceError::NotFound { what } => Self::new(ErrorCode::UpstreamNotFound, format!("{what} not found")),
            SourceError::Unavailable { reason, retry_after } => {
                let secs = retry_after.map_or(5, |d| d.as_secs().max(1));
                Self::new(ErrorCode::UpstreamUnavailable, "the Java service is unavailable")
                    .with_details(json!({ "reason": reason, "retry_after_secs": secs }))
                    .with_header(header::RETRY_AFTER, HeaderValue::from(secs))
            }
            SourceError::BadResponse { reason } => {
                Self::new(ErrorCode::UpstreamBadResponse, "the Java service sent an invalid response")
                    .with_details(json!({ "reason": reason }))
            }
        }
    }
}

impl From<AnalyticsError> for ApiError {
    fn from(e: AnalyticsError) -> Self {
        match e {
            AnalyticsError::InvalidRequest { field, message } => {
                Self::new(ErrorCode::InvalidQuery, message).with_details(json!({ "field": field }))
            }
            AnalyticsError::Source(source) => source.into(),
        }
    }
}
