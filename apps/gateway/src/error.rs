//! The one error envelope, `{"code", "message", "details"}`, and the table of every code.
//!
//! Each code is a stable snake_case string a client may branch on; its HTTP status is defined
//! here and nowhere else. docs/ERRORS.md lists them (a test keeps the two in step).

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

macro_rules! codes {
    ($($variant:ident = ($code:literal, $status:ident, $doc:literal)),+ $(,)?) => {
        /// Every error code the API returns.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ErrorCode { $(#[doc = $doc] $variant),+ }

        impl ErrorCode {
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),+];

            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$variant => $code),+ }
            }

            #[must_use]
            pub const fn status(self) -> StatusCode {
                match self { $(ErrorCode::$variant => StatusCode::$status),+ }
            }

            #[must_use]
            pub const fn description(self) -> &'static str {
                match self { $(ErrorCode::$variant => $doc),+ }
            }
        }
    };
}

codes! {
    BadRequest = ("bad_request", BAD_REQUEST, "The request is malformed in a way no more specific code describes."),
    MalformedJson = ("malformed_json", BAD_REQUEST, "The body is not syntactically valid JSON."),
    InvalidBody = ("invalid_body", UNPROCESSABLE_ENTITY, "The JSON body is well formed but a field is missing or has the wrong type."),
    InvalidQuery = ("invalid_query", BAD_REQUEST, "A query parameter is missing, unknown or has an invalid value; `details.field` names it."),
    InvalidPath = ("invalid_path", BAD_REQUEST, "A path parameter has an invalid value."),
    NotFound = ("not_found", NOT_FOUND, "No such route or resource."),
    MethodNotAllowed = ("method_not_allowed", METHOD_NOT_ALLOWED, "The route exists but not for this method; see the `Allow` header."),
    PayloadTooLarge = ("payload_too_large", PAYLOAD_TOO_LARGE, "The body exceeds the configured limit."),
    UnsupportedMediaType = ("unsupported_media_type", UNSUPPORTED_MEDIA_TYPE, "The body's Content-Type is not accepted here (JSON routes need application/json)."),
    AuthMissing = ("auth_missing", UNAUTHORIZED, "No Authorization header was sent."),
    AuthInvalidHeader = ("auth_invalid_header", UNAUTHORIZED, "The Authorization header is not `Bearer <token>`."),
    AuthMalformedToken = ("auth_malformed_token", UNAUTHORIZED, "The bearer token is not a well-formed JWT."),
    AuthUnsupportedAlgorithm = ("auth_unsupported_algorithm", UNAUTHORIZED, "The token is not signed with HS256 (including `alg: none`)."),
    AuthInvalidSignature = ("auth_invalid_signature", UNAUTHORIZED, "The token's signature does not match the Java service's secret."),
    AuthTokenExpired = ("auth_token_expired", UNAUTHORIZED, "The token's `exp` is in the past (beyond the configured leeway)."),
    AuthTokenNotYetValid = ("auth_token_not_yet_valid", UNAUTHORIZED, "The token's `nbf` is in the future."),
    AuthInvalidIssuer = ("auth_invalid_issuer", UNAUTHORIZED, "The token's `iss` is not `salesflow-app`."),
    AuthInvalidAudience = ("auth_invalid_audience", UNAUTHORIZED, "The token's `aud` does not match the configured audience."),
    AuthInvalidClaims = ("auth_invalid_claims", UNAUTHORIZED, "A required claim (`sub`, `exp`, `iss`) is missing or has the wrong type."),
    Forbidden = ("forbidden", FORBIDDEN, "The token is valid but lacks the role this route requires."),
    CsrfRejected = ("csrf_rejected", FORBIDDEN, "A cookie-authenticated write came without a valid `X-CSRF-Token` header, or from another site."),
    InvalidCredentials = ("invalid_credentials", UNAUTHORIZED, "The Java service refused the login or password."),
    SessionExpired = ("session_expired", UNAUTHORIZED, "The browser session cannot be refreshed any more; sign in again."),
    NotEnoughHistory = ("not_enough_history", BAD_REQUEST, "The series is too short to forecast (at least 2 days of history)."),
    NoSalesHistory = ("no_sales_history", NOT_FOUND, "The shop or product has no sales in the history window."),
    UpstreamUnauthorized = ("upstream_unauthorized", UNAUTHORIZED, "The Java service rejected the caller's token."),
    UpstreamForbidden = ("upstream_forbidden", FORBIDDEN, "The Java service denied the caller access."),
    UpstreamNotFound = ("upstream_not_found", NOT_FOUND, "The Java service does not know the requested item."),
    UpstreamUnavailable = ("upstream_unavailable", SERVICE_UNAVAILABLE, "The Java service is down, refused the connection, timed out or failed; retry after `Retry-After`."),
    UpstreamBadResponse = ("upstream_bad_response", BAD_GATEWAY, "The Java service answered with something that breaks its contract."),
    StateUnavailable = ("state_unavailable", SERVICE_UNAVAILABLE, "SalesFlow's own database (alerts, jobs) could not be reached."),
    CacheUnavailable = ("cache_unavailable", SERVICE_UNAVAILABLE, "The cache backend could not be reached for an explicit cache operation."),
    EmptyFile = ("empty_file", BAD_REQUEST, "The uploaded file is empty."),
    MissingFile = ("missing_file", BAD_REQUEST, "The multipart body has no `file` field."),
    FileTooLarge = ("file_too_large", PAYLOAD_TOO_LARGE, "The uploaded file exceeds `imports.max_bytes`."),
    TooManyRows = ("too_many_rows", PAYLOAD_TOO_LARGE, "The file has more data rows than `imports.max_rows`."),
    DecompressedTooLarge = ("decompressed_too_large", PAYLOAD_TOO_LARGE, "The workbook would inflate past `imports.max_uncompressed_bytes` (zip-bomb guard)."),
    UnsupportedFormat = ("unsupported_format", UNSUPPORTED_MEDIA_TYPE, "The file's content is not .xlsx, .xls, .ods or CSV (the name is not trusted)."),
    EncryptedWorkbook = ("encrypted_workbook", UNPROCESSABLE_ENTITY, "The workbook is password-protected or encrypted."),
    UnreadableFile = ("unreadable_file", UNPROCESSABLE_ENTITY, "The file is damaged or not readable in its detected format."),
    SheetNotFound = ("sheet_not_found", UNPROCESSABLE_ENTITY, "No worksheet has the requested name; `details.available` lists them."),
    NoVisibleSheet = ("no_visible_sheet", UNPROCESSABLE_ENTITY, "The workbook has no visible worksheet (name one with `sheet`)."),
    NoHeader = ("no_header", UNPROCESSABLE_ENTITY, "The sheet or file has no header row."),
    NoRows = ("no_rows", UNPROCESSABLE_ENTITY, "The file has a header but no data rows."),
    MissingColumns = ("missing_columns", UNPROCESSABLE_ENTITY, "Required columns are missing; `details.missing` lists all of them."),
    DuplicateColumn = ("duplicate_column", UNPROCESSABLE_ENTITY, "Two columns mean the same field."),
    AmbiguousDateFormat = ("ambiguous_date_format", UNPROCESSABLE_ENTITY, "Dates read both as day/month and month/day: pass `date_format`."),
    MixedDateFormats = ("mixed_date_formats", UNPROCESSABLE_ENTITY, "The date column mixes day/month and month/day orders."),
    InvalidOption = ("invalid_option", BAD_REQUEST, "An upload option (`sheet`, `date_format`) has an invalid value; `details.field` names it."),
    ImportBatchExpired = ("import_batch_expired", GONE, "The import batch expired (`imports.batch_ttl_secs`); upload the file again."),
    BatchHasErrors = ("batch_has_errors", UNPROCESSABLE_ENTITY, "`all_or_nothing` on a batch with invalid rows."),
    NothingToCommit = ("nothing_to_commit", UNPROCESSABLE_ENTITY, "The batch has no valid row."),
    CommitModeConflict = ("commit_mode_conflict", CONFLICT, "The batch's commit started with the other mode; resume it with the same one."),
    CommitInProgress = ("commit_in_progress", CONFLICT, "Another request is committing this batch."),
    CommitOutcomeUnknown = ("commit_outcome_unknown", CONFLICT, "A chunk may already be recorded (Java timed out, or the gateway sending it stopped): resume with `confirm` = `recorded` or `not_recorded`."),
    ImportRejected = ("import_rejected", UNPROCESSABLE_ENTITY, "The Java service refused a chunk (e.g. `INSUFFICIENT_STOCK`); earlier chunks are recorded, the batch is resumable."),
    NoCrmSnapshot = ("no_crm_snapshot", NOT_FOUND, "No CRM analysis has been stored yet: run one (`POST /api/v1/crm/runs`) or wait for the daily run."),
    CrmRunInProgress = ("crm_run_in_progress", CONFLICT, "A CRM pipeline run is already in progress; try again when it ends."),
    CrmUnavailable = ("crm_unavailable", SERVICE_UNAVAILABLE, "The CRM (Salesforce) could not be reached, refused the credentials, or is not configured."),
    CrmBadResponse = ("crm_bad_response", BAD_GATEWAY, "The CRM answered with something that breaks its contract."),
    NotReady = ("not_ready", SERVICE_UNAVAILABLE, "A required dependency is down."),
    Internal = ("internal", INTERNAL_SERVER_ERROR, "An unexpected failure; the message is generic and the details are in the server log."),
}

/// The JSON body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// A stable code from the table in docs/ERRORS.md.
    #[schema(example = "not_found")]
    pub code: &'static str,
    pub message: String,
    /// Machine-readable specifics (the offending field, limits…), or null.
    #[schema(value_type = Option<Object>)]
    pub details: Option<serde_json::Value>,
}

/// An error on its way to becoming a response.
#[derive(Debug)]
pub(crate) struct ApiError {
    pub(crate) code: ErrorCode,
    pub(crate) message: String,
    pub(crate) details: Option<serde_json::Value>,
    /// Headers the status needs (`Allow`, `Retry-After`, `WWW-Authenticate`).
    pub(crate) headers: Vec<(header::HeaderName, HeaderValue)>,
    /// The underlying failure, logged for 5xx and never sent.
    pub(crate) source: Option<anyhow::Error>,
}

impl ApiError {
    pub(crate) fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), details: None, headers: Vec::new(), source: None }
    }

    #[must_use]
    pub(crate) fn with_details(mut self, details: serde_json::Value) -> Self {
        self.details = Some(details);
        self
    }

    #[must_use]
    pub(crate) fn with_header(mut self, name: header::HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }

    /// A 500 whose cause is logged but not disclosed.
    pub(crate) fn internal(source: impl Into<anyhow::Error>) -> Self {
        Self { source: Some(source.into()), ..Self::new(ErrorCode::Internal, "internal error") }
    }

    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.code.status()
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.code.status();
        if status.is_server_error() {
            let chain = self.source.as_ref().map(|e| format!("{e:#}"));
            tracing::error!(code = self.code.as_str(), error.message = %self.message, error.cause_chain = ?chain, "request failed");
        }
        let mut response = HttpResponse::build(status);
        for (name, value) in &self.headers {
            response.insert_header((name.clone(), value.clone()));
        }
        response.json(ErrorBody {
            code: self.code.as_str(),
            message: self.message.clone(),
            details: self.details.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            assert!(seen.insert(code.as_str()), "duplicate {}", code.as_str());
            assert!(code.as_str().bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
            assert!(code.status().is_client_error() || code.status().is_server_error());
        }
        let doc = include_str!("../../../docs/ERRORS.md");
        for code in ErrorCode::ALL {
            let row = format!("| `{}` | {} |", code.as_str(), code.status().as_u16());
            assert!(doc.contains(&row), "docs/ERRORS.md lacks the row {row}");
        }
    }
}
