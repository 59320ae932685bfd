//! `PATCH /api/v1/reports/schedules/{id}`: change some fields of a schedule.

use actix_web::{HttpResponse, web};
use serde_json::Value;

use super::{ScheduleBody, ScheduleDto, parse_id};
use crate::auth::{Caller, User};
use crate::body::{parse, unwrap};
use crate::error::ApiError;
use crate::state::AppState;

/// Changes the fields the body sets; a new timetable (or re-enabling) fires from the next tick.
#[utoipa::path(patch, path = "/api/v1/reports/schedules/{id}", tag = "Reports", security(("bearer_auth" = [])),
    params(("id" = String, Path, description = "the schedule's id")),
    request_body = ScheduleBody,
    responses(
        (status = 200, body = ScheduleDto),
        (status = 404, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody, description = "invalid field; `details.field` names it"),
    ))]
pub(crate) async fn handler(
    caller: Caller<User>,
    id: web::Path<String>,
    state: web::Data<AppState>,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    let id = parse_id(&id)?;
    let body: ScheduleBody = parse(&unwrap(body))?;
    let schedule = state.schedules.update(&caller.principal, id, body.into()).await?;
    Ok(HttpResponse::Ok().json(ScheduleDto::new(&schedule, &state.schedules)))
}
