//! `GET /api/v1/reports/{id}`: a job's status, progress and artifact.

use actix_web::{HttpResponse, web};

use super::{JobDto, parse_id};
use crate::auth::{Caller, User};
use crate::error::ApiError;
use crate::state::AppState;

/// The caller's job (another user's is 404, as a missing one).
#[utoipa::path(get, path = "/api/v1/reports/{id}", tag = "Reports", security(("bearer_auth" = [])),
    params(("id" = String, Path, description = "the job's id")),
    responses((status = 200, body = JobDto), (status = 404, body = crate::error::ErrorBody)))]
pub(crate) async fn handler(
    caller: Caller<User>,
    id: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let job = state.report_jobs.get(&caller.principal, parse_id(&id)?).await?;
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(JobDto::from(&job)))
}
