//! `GET /api/v1/crm/runs`: the pipeline's run history.

use actix_web::{HttpResponse, web};
use serde_json::json;

use crate::auth::{Caller, User};
use crate::error::ApiError;
use crate::state::AppState;

/// Recent runs, newest first, with status, counts, snapshots written, writeback outcome and
/// summary. Kept in memory (`crm.history_runs`): a restart empties it, the snapshots remain.
#[utoipa::path(get, path = "/api/v1/crm/runs", tag = "CRM", security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "`{items: [run]}`"),
        (status = 401, body = crate::error::ErrorBody),
    ))]
pub(crate) async fn handler(_caller: Caller<User>, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(json!({ "items": state.crm.runs() })))
}
