//! `GET /api/v1/crm/history/{kind}`: daily trend points from the stored snapshots.

use actix_web::{HttpResponse, web};
use app::crm::HistoryKind;

use super::{DaysParams, bad};
use crate::auth::{Caller, User};
use crate::error::{ApiError, ErrorCode};
use crate::query::Query;
use crate::state::AppState;

/// One point per day that has a snapshot (the day's last), oldest first: `leads` →
/// `{date, average_score, median_score, priority_breakdown}`, `pipeline` → `{date, score,
/// rating}`, `churn` → `{date, average_risk_score, risk_breakdown}`.
#[utoipa::path(get, path = "/api/v1/crm/history/{kind}", tag = "CRM",
    params(("kind" = String, Path, description = "`leads`, `pipeline` or `churn`"), DaysParams),
    security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "daily trend points"),
        (status = 400, body = crate::error::ErrorBody, description = "unknown kind or bad `days`"),
        (status = 401, body = crate::error::ErrorBody),
    ))]
pub(crate) async fn handler(
    _caller: Caller<User>,
    kind: web::Path<String>,
    Query(p): Query<DaysParams>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let kind = HistoryKind::parse(&kind).ok_or_else(|| {
        ApiError::new(ErrorCode::InvalidPath, format!("unknown history {:?}: leads, pipeline or churn", kind.as_str()))
    })?;
    let days = p.days().map_err(|_| bad("days", "days must be from 1 to 366".into()))?;
    Ok(HttpResponse::Ok().json(state.crm.history(kind, days).await?))
}
