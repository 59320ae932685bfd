//! `GET /api/v1/crm/accounts/{id}`: one account's churn risk, explanation and daily trend.

use actix_web::{HttpResponse, web};
use serde_json::json;

use super::DaysParams;
use crate::auth::{Caller, User};
use crate::error::ApiError;
use crate::query::Query;
use crate::state::AppState;

/// The account record with `Churn_Risk_Score`, `Churn_Risk_Level`, `Risk_Factors`,
/// `explanation`, and `history: [{date, Churn_Risk_Score}]`.
#[utoipa::path(get, path = "/api/v1/crm/accounts/{id}", tag = "CRM", params(("id" = String, Path, description = "Salesforce Account id"), DaysParams),
    security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "the scored account with its explanation and daily history"),
        (status = 400, body = crate::error::ErrorBody, description = "bad `days`"),
        (status = 401, body = crate::error::ErrorBody),
        (status = 404, body = crate::error::ErrorBody, description = "no such account in the latest analysis, or no analysis yet"),
    ))]
pub(crate) async fn handler(
    _caller: Caller<User>,
    id: web::Path<String>,
    Query(p): Query<DaysParams>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let days = p.days()?;
    let latest = state.crm.latest().await?;
    let account = latest
        .churn
        .accounts
        .iter()
        .find(|a| a.account.id == *id)
        .ok_or_else(|| ApiError::not_found(format!("no account {:?} in the latest analysis", id.as_str())))?;
    let history = state.crm.account_history(&id, days).await?;
    let mut body = serde_json::to_value(account).map_err(ApiError::internal)?;
    body["history"] = history.iter().map(|p| json!({ "date": p.date, "Churn_Risk_Score": p.score })).collect();
    Ok(HttpResponse::Ok().json(body))
}
