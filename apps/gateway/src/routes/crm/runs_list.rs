//! `GET /api/v1/crm/runs`: the pipeline's run history.

use actix_web::{HttpResponse, web};
use serde_json::json;

use crate::auth::{Caller, User};
use crate::error::ApiError;
use crate::state::AppState;

/// Recent runs, newest first, with status, counts, snapshots written, writeback outcome and
/// summary. Kept in the state database (`state.backend`; the newest `crm.history_runs`), so it
/// survives a restart; with the memory backend a restart empties it.
#[utoipa::path(get, path = "/api/v1/crm/runs", tag = "CRM", security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "`{items: [run]}`"),
        (status = 401, body = crate::error::ErrorBody),
        (status = 503, body = crate::error::ErrorBody, description = "the state database is unavailable"),
    ))]
pub(crate) async fn handler(_caller: Caller<User>, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(json!({ "items": state.crm.runs().await? })))
}
