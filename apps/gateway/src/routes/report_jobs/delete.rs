//! `DELETE /api/v1/reports/{id}`: remove a job and its file.

use actix_web::{HttpResponse, web};

use super::parse_id;
use crate::auth::{Caller, User};
use crate::error::ApiError;
use crate::state::AppState;

/// Deletes the caller's job and its file (204); a job still running finishes into nothing.
#[utoipa::path(delete, path = "/api/v1/reports/{id}", tag = "Reports", security(("bearer_auth" = [])),
    params(("id" = String, Path, description = "the job's id")),
    responses((status = 204), (status = 404, body = crate::error::ErrorBody)))]
pub(crate) async fn handler(
    caller: Caller<User>,
    id: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    state.report_jobs.delete(&caller.principal, parse_id(&id)?).await?;
    Ok(HttpResponse::NoContent().finish())
}
