//! `POST /api/v1/reports/schedules`: create a schedule.

use actix_web::{HttpResponse, web};
use serde_json::Value;

use super::{ScheduleBody, ScheduleDto};
use crate::auth::{Caller, User};
use crate::body::{parse, unwrap};
use crate::error::ApiError;
use crate::state::AppState;

/// Creates a schedule for the caller: a cron expression or a daily hour/minute, in an IANA zone.
#[utoipa::path(post, path = "/api/v1/reports/schedules", tag = "Reports", security(("bearer_auth" = [])),
    request_body = ScheduleBody,
    responses(
        (status = 201, body = ScheduleDto),
        (status = 422, body = crate::error::ErrorBody, description = "invalid field (bad cron, hour 25, unknown zone, bad e-mail); `details.field` names it"),
        (status = 503, body = crate::error::ErrorBody),
    ))]
pub(crate) async fn handler(
    caller: Caller<User>,
    state: web::Data<AppState>,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    let body: ScheduleBody = parse(&unwrap(body))?;
    let schedule = state.schedules.create(&caller.principal, body.into()).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/reports/schedules/{}", schedule.id)))
        .json(ScheduleDto::new(&schedule, &state.schedules)))
}
