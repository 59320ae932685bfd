//! `GET /api/v1/crm/dashboard/summary` (and the reference's `/api/dashboard/summary`).

use actix_web::{HttpResponse, web};
use serde_json::json;

use crate::auth::{Caller, User};
use crate::error::ApiError;
use crate::state::AppState;

/// KPIs, lead distribution, pipeline health and forecast, churn breakdown: the reference's
/// dashboard summary, from the latest stored analysis.
#[utoipa::path(get, path = "/api/v1/crm/dashboard/summary", tag = "CRM", security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "`{lead_summary, pipeline_health, pipeline_forecast, churn_summary: {total_accounts, risk_breakdown, revenue_at_risk}, kpis: {total_leads, open_opportunities, total_pipeline_value, open_cases}, generated_at}`"),
        (status = 401, body = crate::error::ErrorBody),
        (status = 404, body = crate::error::ErrorBody, description = "no analysis stored yet (`no_crm_snapshot`)"),
    ))]
pub(crate) async fn handler(_caller: Caller<User>, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let l = state.crm.latest().await?;
    let c = &l.churn.summary;
    Ok(HttpResponse::Ok().json(json!({
        "lead_summary": l.leads.distribution,
        "pipeline_health": l.pipeline.analysis.health_score,
        "pipeline_forecast": l.pipeline.analysis.forecast,
        "churn_summary": {
            "total_accounts": c.total_accounts,
            "risk_breakdown": c.risk_breakdown,
            "revenue_at_risk": c.total_revenue_at_risk,
        },
        "kpis": {
            "total_leads": l.leads.distribution.total_leads,
            "open_opportunities": l.pipeline.kpis.open_opportunities,
            "total_pipeline_value": l.pipeline.kpis.total_pipeline_value,
            "open_cases": l.churn.open_cases,
        },
        "generated_at": l.leads.generated_at,
    })))
}
