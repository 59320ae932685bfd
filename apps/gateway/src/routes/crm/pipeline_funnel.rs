//! `GET /api/v1/crm/pipeline/funnel` (and `/api/pipeline/funnel`).

use actix_web::{HttpResponse, web};

use crate::auth::{Caller, User};
use crate::error::ApiError;
use crate::state::AppState;

/// `[{stage, count, total_value, avg_value}]` for the seven stages (`[]` without opportunities).
#[utoipa::path(get, path = "/api/v1/crm/pipeline/funnel", tag = "CRM", security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "the stage funnel (reference §3.7)"),
        (status = 401, body = crate::error::ErrorBody),
        (status = 404, body = crate::error::ErrorBody, description = "no analysis stored yet"),
    ))]
pub(crate) async fn handler(_caller: Caller<User>, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(&state.crm.latest().await?.pipeline.funnel))
}
