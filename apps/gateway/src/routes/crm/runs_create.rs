//! `POST /api/v1/crm/runs`: run the pipeline now.

use actix_web::{HttpResponse, web};
use app::RunTrigger;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::{Admin, Caller};
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RunRequest {
    /// Compute and store, but write nothing to the CRM (default `crm.dry_run`).
    dry_run: Option<bool>,
}

/// Extract → score → store a snapshot per engine → writeback (or report it, in a dry run) →
/// alerts → summary. Answers when the run ends, with its record.
#[utoipa::path(post, path = "/api/v1/crm/runs", tag = "CRM", security(("bearer_auth" = [])),
    request_body(content = Option<RunRequest>, description = "optional; `{}` or no body uses the defaults"),
    responses(
        (status = 201, description = "the run's record (status, counts, snapshots, writeback, summary)"),
        (status = 401, body = crate::error::ErrorBody),
        (status = 403, body = crate::error::ErrorBody, description = "admins only"),
        (status = 409, body = crate::error::ErrorBody, description = "a run is in progress"),
        (status = 422, body = crate::error::ErrorBody, description = "unknown field"),
        (status = 503, body = crate::error::ErrorBody, description = "the CRM or the result store is unavailable"),
    ))]
pub(crate) async fn handler(
    _caller: Caller<Admin>,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    // The body is optional, so it is read by hand: an absent body (or `null`) means the defaults, a present
    // one must be valid JSON with known fields.
    let request: RunRequest = if body.iter().all(u8::is_ascii_whitespace) {
        RunRequest::default()
    } else {
        let value: serde_json::Value = serde_json::from_slice(&body)
            .map_err(|e| ApiError::new(ErrorCode::MalformedJson, format!("malformed JSON body: {e}")))?;
        if value.is_null() { RunRequest::default() } else { crate::body::parse(&value)? }
    };
    let run = state.crm.run(RunTrigger::Api, request.dry_run).await?;
    Ok(HttpResponse::Created().json(run))
}
