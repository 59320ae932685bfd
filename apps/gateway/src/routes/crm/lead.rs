//! `GET /api/v1/crm/leads/{id}`: one lead's score, explanation and daily trend.

use actix_web::{HttpResponse, web};
use serde_json::json;

use super::DaysParams;
use crate::auth::{Caller, User};
use crate::error::ApiError;
use crate::query::Query;
use crate::state::AppState;

/// The lead record with `Lead_Score`, `Priority`, `explanation`, and `history: [{date,
/// Lead_Score}]`, one point per day with a stored snapshot.
#[utoipa::path(get, path = "/api/v1/crm/leads/{id}", tag = "CRM", params(("id" = String, Path, description = "Salesforce Lead id"), DaysParams),
    security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "the scored lead with its explanation and daily history"),
        (status = 400, body = crate::error::ErrorBody, description = "bad `days`"),
        (status = 401, body = crate::error::ErrorBody),
        (status = 404, body = crate::error::ErrorBody, description = "no such lead in the latest analysis, or no analysis yet"),
    ))]
pub(crate) async fn handler(
    _caller: Caller<User>,
    id: web::Path<String>,
    Query(p): Query<DaysParams>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let days = p.days()?;
    let latest = state.crm.latest().await?;
    let lead = latest
        .leads
        .leads
        .iter()
        .find(|l| l.lead.id == *id)
        .ok_or_else(|| ApiError::not_found(format!("no lead {:?} in the latest analysis", id.as_str())))?;
    let history = state.crm.lead_history(&id, days).await?;
    let mut body = serde_json::to_value(lead).map_err(ApiError::internal)?;
    body["history"] = history.iter().map(|p| json!({ "date": p.date, "Lead_Score": p.score })).collect();
    Ok(HttpResponse::Ok().json(body))
}
