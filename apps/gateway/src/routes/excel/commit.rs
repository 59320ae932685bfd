//! `POST /api/v1/excel/uploads/{id}/commit`: record the batch's rows through the sales sink.

use actix_web::{HttpResponse, web};
use app::Confirm;
use ports::CommitMode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::dto::CommitDto;
use super::parse_id;
use crate::auth::{Admin, Caller};
use crate::error::ApiError;
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ModeDto {
    AllOrNothing,
    ValidRowsOnly,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ConfirmDto {
    Recorded,
    NotRecorded,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CommitRequest {
    /// `all_or_nothing`: only if every row is valid; `valid_rows_only`: skip the invalid rows.
    mode: ModeDto,
    /// Only to resume after `commit_outcome_unknown`: whether the chunk in doubt was recorded.
    confirm: Option<ConfirmDto>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct CommitResponse {
    batch_id: String,
    /// `committed`.
    status: &'static str,
    /// Rows recorded by this call (0 when the batch was already committed).
    committed: usize,
    /// Rows recorded by every call.
    total_committed: usize,
    already_committed: bool,
    commit: CommitDto,
}

/// Sends the rows in chunks (`imports.commit_chunk_size`) and records progress after each, so a
/// second call commits nothing and an interrupted commit resumes without duplicates. Analytics
/// caches are invalidated afterwards.
#[utoipa::path(post, path = "/api/v1/excel/uploads/{id}/commit", tag = "Import", security(("bearer_auth" = [])),
    params(("id" = String, Path, description = "the batch id")),
    request_body = CommitRequest,
    responses(
        (status = 200, body = CommitResponse),
        (status = 404, body = crate::error::ErrorBody),
        (status = 409, body = crate::error::ErrorBody, description = "commit_in_progress, commit_mode_conflict, commit_outcome_unknown"),
        (status = 410, body = crate::error::ErrorBody, description = "import_batch_expired"),
        (status = 422, body = crate::error::ErrorBody, description = "batch_has_errors, nothing_to_commit, import_rejected (INSUFFICIENT_STOCK)"),
        (status = 503, body = crate::error::ErrorBody, description = "Java did not confirm a chunk"),
    ))]
pub(crate) async fn handler(
    caller: Caller<Admin>,
    id: web::Path<String>,
    body: web::Json<CommitRequest>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let id = parse_id(&id)?;
    let body = body.into_inner();
    let mode = match body.mode {
        ModeDto::AllOrNothing => CommitMode::AllOrNothing,
        ModeDto::ValidRowsOnly => CommitMode::ValidRowsOnly,
    };
    let confirm = body.confirm.map(|c| match c {
        ConfirmDto::Recorded => Confirm::Recorded,
        ConfirmDto::NotRecorded => Confirm::NotRecorded,
    });
    let outcome = state.imports.commit(&caller.principal, id, mode, confirm).await?;
    let progress = outcome
        .batch
        .commit
        .as_ref()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("committed batch without progress")))?;
    Ok(HttpResponse::Ok().json(CommitResponse {
        batch_id: id.to_string(),
        status: "committed",
        committed: outcome.newly_committed,
        total_committed: progress.committed_rows,
        already_committed: outcome.already_committed,
        commit: CommitDto::from(progress),
    }))
}
