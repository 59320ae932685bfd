//! `GET /api/v1/crm/churn/risk` (and `/api/churn/risk`).

use actix_web::{HttpResponse, web};

use crate::auth::{Caller, User};
use crate::error::ApiError;
use crate::state::AppState;

/// `{total_accounts, average_risk_score, risk_breakdown, high_risk_accounts[], total_revenue_at_risk}`.
#[utoipa::path(get, path = "/api/v1/crm/churn/risk", tag = "CRM", security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "the churn risk summary (reference §4)"),
        (status = 401, body = crate::error::ErrorBody),
        (status = 404, body = crate::error::ErrorBody, description = "no analysis stored yet"),
    ))]
pub(crate) async fn handler(_caller: Caller<User>, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(&state.crm.latest().await?.churn.summary))
}
