//! `DELETE /api/v1/reports/schedules/{id}`: stop and remove a schedule.

use actix_web::{HttpResponse, web};

use super::parse_id;
use crate::auth::{Caller, User};
use crate::error::ApiError;
use crate::state::AppState;

/// Deletes the caller's schedule; reports it already made stay.
#[utoipa::path(delete, path = "/api/v1/reports/schedules/{id}", tag = "Reports", security(("bearer_auth" = [])),
    params(("id" = String, Path, description = "the schedule's id")),
    responses((status = 204, description = "deleted"), (status = 404, body = crate::error::ErrorBody)))]
pub(crate) async fn handler(
    caller: Caller<User>,
    id: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    state.schedules.delete(&caller.principal, parse_id(&id)?).await?;
    Ok(HttpResponse::NoContent().finish())
}
