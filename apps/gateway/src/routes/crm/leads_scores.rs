//! `GET /api/v1/crm/leads/scores` (and `/api/leads/scores`): scored leads, best first, as JSON
//! or CSV.

use actix_web::{HttpRequest, HttpResponse, web};
use domain::crm::{Priority, ScoredLead};
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
pub(crate) struct LeadParams {
    /// `Low`, `Medium`, `High` or `Critical` (exact; empty = all).
    priority: Option<String>,
    /// 1–100000 (default 50).
    limit: Option<String>,
    /// `json` (default) or `csv`.
    format: Option<String>,
}

/// Every lead record with `Lead_Score`, `Priority` and its per-factor `explanation`, best first
/// (ties in CRM order).
#[utoipa::path(get, path = "/api/v1/crm/leads/scores", tag = "CRM", params(LeadParams), security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "array of lead records plus `Lead_Score`, `Priority`, `explanation[{factor, raw, normalised, weight, contribution}]`; CSV with `format=csv`"),
        (status = 400, body = crate::error::ErrorBody, description = "bad `priority`, `limit` or `format`; `details.field` names it"),
        (status = 401, body = crate::error::ErrorBody),
        (status = 404, body = crate::error::ErrorBody, description = "no analysis stored yet"),
    ))]
pub(crate) async fn handler(
    _caller: Caller<User>,
    Query(p): Query<LeadParams>,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let priority = match p.priority.as_deref() {
        None | Some("") => None,
        Some(raw) => Some(
            Priority::parse(raw)
                .ok_or_else(|| bad("priority", format!("unknown priority {raw:?}: Low, Medium, High or Critical")))?,
        ),
    };
    let limit = limit(p.limit.as_deref(), 50)?;
    let csv = wants_csv(p.format.as_deref(), &req)?;
    let latest = state.crm.latest().await?;
    let rows: Vec<&ScoredLead> =
        latest.leads.leads.iter().filter(|l| priority.is_none_or(|p| l.priority == p)).take(limit).collect();
    if csv {
        return csv_export::response(
            "lead_scores.csv",
            &[
                "Id",
                "FirstName",
                "LastName",
                "Company",
                "Title",
                "Email",
                "Industry",
                "LeadSource",
                "Status",
                "Lead_Score",
                "Priority",
            ],
            rows.iter().map(|s| {
                let l = &s.lead;
                vec![
                    csv_export::text(&l.id),
                    text(l.first_name.as_ref()),
                    text(l.last_name.as_ref()),
                    text(l.company.as_ref()),
                    text(l.title.as_ref()),
                    text(l.email.as_ref()),
                    text(l.industry.as_ref()),
                    text(l.lead_source.as_ref()),
                    text(l.status.as_ref()),
                    cell(Some(s.score)),
                    s.priority.as_str().to_owned(),
                ]
            }),
        );
    }
    Ok(HttpResponse::Ok().json(rows))
}
