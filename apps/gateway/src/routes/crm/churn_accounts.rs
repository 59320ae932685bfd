//! `GET /api/v1/crm/churn/accounts` (and `/api/churn/accounts`): scored accounts, riskiest
//! first, as JSON or CSV.

use actix_web::{HttpRequest, HttpResponse, web};
use domain::crm::{RiskLevel, ScoredAccount};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{bad, cell, limit, text, wants_csv};
use crate::auth::{Caller, User};
use crate::csv_export;
use crate::error::ApiError;
use crate::query::Query;
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct AccountParams {
    /// `Low`, `Medium` or `High` (exact; empty = all).
    level: Option<String>,
    /// 1–100000 (default 50).
    limit: Option<String>,
    /// `json` (default) or `csv`.
    format: Option<String>,
}

/// Every account record with `Churn_Risk_Score`, `Churn_Risk_Level`, `Risk_Factors` and its
/// per-signal `explanation`, riskiest first.
#[utoipa::path(get, path = "/api/v1/crm/churn/accounts", tag = "CRM", params(AccountParams), security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "array of account records plus `Churn_Risk_Score`, `Churn_Risk_Level`, `Risk_Factors[]`, `explanation[]`; CSV with `format=csv`"),
        (status = 400, body = crate::error::ErrorBody, description = "bad `level`, `limit` or `format`; `details.field` names it"),
        (status = 401, body = crate::error::ErrorBody),
        (status = 404, body = crate::error::ErrorBody, description = "no analysis stored yet"),
    ))]
pub(crate) async fn handler(
    _caller: Caller<User>,
    Query(p): Query<AccountParams>,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let level = match p.level.as_deref() {
        None | Some("") => None,
        Some(raw) => Some(
            RiskLevel::parse(raw).ok_or_else(|| bad("level", format!("unknown level {raw:?}: Low, Medium or High")))?,
        ),
    };
    let limit = limit(p.limit.as_deref(), 50)?;
    let csv = wants_csv(p.format.as_deref(), &req)?;
    let latest = state.crm.latest().await?;
    let rows: Vec<&ScoredAccount> =
        latest.churn.accounts.iter().filter(|a| level.is_none_or(|l| a.level == l)).take(limit).collect();
    if csv {
        return csv_export::response(
            "churn_accounts.csv",
            &[
                "Id",
                "Name",
                "Industry",
                "AnnualRevenue",
                "Type",
                "Churn_Risk_Score",
                "Churn_Risk_Level",
                "Risk_Factors",
            ],
            rows.iter().map(|s| {
                let a = &s.account;
                vec![
                    csv_export::text(&a.id),
                    text(a.name.as_ref()),
                    text(a.industry.as_ref()),
                    cell(a.annual_revenue),
                    text(a.kind.as_ref()),
                    cell(Some(s.score)),
                    s.level.as_str().to_owned(),
                    csv_export::text(&s.risk_factors.join("; ")),
                ]
            }),
        );
    }
    Ok(HttpResponse::Ok().json(rows))
}
