//! `GET /api/v1/crm/pipeline/health` (and `/api/pipeline/health`).

use actix_web::{HttpResponse, web};

use crate::auth::{Caller, User};
use crate::error::ApiError;
use crate::state::AppState;

/// `{stage_summary[7], velocity_metrics, forecast, health_score, risk_indicators[], recommendations[]}`.
#[utoipa::path(get, path = "/api/v1/crm/pipeline/health", tag = "CRM", security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "the pipeline analysis (reference §3)"),
        (status = 401, body = crate::error::ErrorBody),
        (status = 404, body = crate::error::ErrorBody, description = "no analysis stored yet"),
    ))]
pub(crate) async fn handler(_caller: Caller<User>, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(&state.crm.latest().await?.pipeline.analysis))
}
