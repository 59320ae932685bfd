//! `GET /api/v1/alerts`: newest first, filtered and paged.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use domain::Severity;
use domain::alert::{AlertSource, AlertStatus};
use ports::AlertFilter;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::AlertDto;
use crate::auth::{Caller, User};
use crate::error::{ApiError, ErrorCode};
use crate::query::Query;
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ListParams {
    /// `open` or `acknowledged`.
    status: Option<String>,
    /// Minimum severity: `info`, `low`, `medium`, `high`, `critical`.
    severity: Option<String>,
    /// `anomaly`, `stock` or `crm`.
    source: Option<String>,
    /// An alert type such as `HIGH_SPIKE`.
    #[serde(rename = "type")]
    kind: Option<String>,
    product_id: Option<u64>,
    /// RFC 3339 instant: alerts created at or after it.
    #[param(value_type = Option<String>)]
    since: Option<DateTime<Utc>>,
    /// 1-based (default 1).
    page: Option<u64>,
    /// 1–200 (default 50).
    per_page: Option<u32>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct AlertPageDto {
    items: Vec<AlertDto>,
    total: u64,
    page: u64,
    per_page: u32,
}

fn bad(field: &str, message: String) -> ApiError {
    ApiError::new(ErrorCode::InvalidQuery, message).with_details(serde_json::json!({ "field": field }))
}

fn filter(p: &ListParams) -> Result<AlertFilter, ApiError> {
    let severity = |s: &str| {
        [Severity::Info, Severity::Low, Severity::Medium, Severity::High, Severity::Critical]
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(s))
    };
    Ok(AlertFilter {
        status: p
            .status
            .as_deref()
            .map(|s| AlertStatus::parse(s).ok_or_else(|| bad("status", format!("unknown status {s:?}"))))
            .transpose()?,
        min_severity: p
            .severity
            .as_deref()
            .map(|s| severity(s).ok_or_else(|| bad("severity", format!("unknown severity {s:?}"))))
            .transpose()?,
        source: p
            .source
            .as_deref()
            .map(|s| AlertSource::parse(s).ok_or_else(|| bad("source", format!("unknown source {s:?}"))))
            .transpose()?,
        kind: p.kind.clone(),
        product_id: p.product_id,
        since: p.since,
    })
}

/// Alerts, newest first.
#[utoipa::path(get, path = "/api/v1/alerts", tag = "Alerts", params(ListParams), security(("bearer_auth" = [])),
    responses((status = 200, body = AlertPageDto), (status = 400, body = crate::error::ErrorBody)))]
pub(crate) async fn handler(
    _caller: Caller<User>,
    Query(params): Query<ListParams>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let page = params.page.unwrap_or(1);
    let per_page = params.per_page.unwrap_or(50);
    if page == 0 {
        return Err(bad("page", "page starts at 1".into()));
    }
    if !(1..=200).contains(&per_page) {
        return Err(bad("per_page", "per_page must be between 1 and 200".into()));
    }
    let found = state.alerts.list(&filter(&params)?, (page - 1) * u64::from(per_page), per_page).await?;
    Ok(HttpResponse::Ok().json(AlertPageDto {
        items: found.items.iter().map(AlertDto::from).collect(),
        total: found.total,
        page,
        per_page,
    }))
}
