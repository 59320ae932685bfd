//! `GET /api/v1/reports/schedules/{id}`: one of the caller's schedules.

use actix_web::{HttpResponse, web};

use super::{ScheduleDto, parse_id};
use crate::auth::{Caller, User};
use crate::error::ApiError;
use crate::state::AppState;

/// The caller's schedule (another user's is 404, as a missing one).
#[utoipa::path(get, path = "/api/v1/reports/schedules/{id}", tag = "Reports", security(("bearer_auth" = [])),
    params(("id" = String, Path, description = "the schedule's id")),
    responses((status = 200, body = ScheduleDto), (status = 404, body = crate::error::ErrorBody)))]
pub(crate) async fn handler(
    caller: Caller<User>,
    id: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let schedule = state.schedules.get(&caller.principal, parse_id(&id)?).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(ScheduleDto::new(&schedule, &state.schedules)))
}
