//! `GET /api/v1/crm/leads/distribution` (and `/api/leads/distribution`).

use actix_web::{HttpResponse, web};

use crate::auth::{Caller, User};
use crate::error::ApiError;
use crate::state::AppState;

/// `{total_leads, average_score, median_score, priority_breakdown, score_ranges}`.
#[utoipa::path(get, path = "/api/v1/crm/leads/distribution", tag = "CRM", security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "the lead score distribution (reference §2.3); zeros when there is no lead"),
        (status = 401, body = crate::error::ErrorBody),
        (status = 404, body = crate::error::ErrorBody, description = "no analysis stored yet"),
    ))]
pub(crate) async fn handler(_caller: Caller<User>, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(&state.crm.latest().await?.leads.distribution))
}
