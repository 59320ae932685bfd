//! `GET /api/v1/reports/schedules`: the caller's schedules.

use actix_web::{HttpResponse, web};

use super::ScheduleDto;
use crate::auth::{Caller, User};
use crate::error::ApiError;
use crate::state::AppState;

/// The caller's schedules, oldest first.
#[utoipa::path(get, path = "/api/v1/reports/schedules", tag = "Reports", security(("bearer_auth" = [])),
    responses((status = 200, body = Vec<ScheduleDto>), (status = 503, body = crate::error::ErrorBody)))]
pub(crate) async fn handler(caller: Caller<User>, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let schedules = state.schedules.list(&caller.principal).await?;
    let items: Vec<ScheduleDto> = schedules.iter().map(|s| ScheduleDto::new(s, &state.schedules)).collect();
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(items))
}
