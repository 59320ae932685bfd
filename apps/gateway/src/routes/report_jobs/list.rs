//! `GET /api/v1/reports`: the caller's jobs, newest first, filtered and paged.

use actix_web::{HttpResponse, web};
use ports::{JobFilter, JobStatus};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::JobDto;
use crate::auth::{Caller, User};
use crate::error::{ApiError, ErrorCode};
use crate::query::Query;
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ListParams {
    /// `queued`, `generating`, `completed` or `failed`.
    status: Option<String>,
    /// `sales`, `stock` or `combined`.
    #[serde(rename = "type")]
    kind: Option<String>,
    /// 1-based (default 1).
    page: Option<u32>,
    /// 1–200 (default 50).
    per_page: Option<u32>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct JobPageDto {
    items: Vec<JobDto>,
    total: u64,
    page: u32,
    per_page: u32,
}

fn bad(field: &str, message: String) -> ApiError {
    ApiError::new(ErrorCode::InvalidQuery, message).with_details(serde_json::json!({ "field": field }))
}

/// The caller's report jobs.
#[utoipa::path(get, path = "/api/v1/reports", tag = "Reports", params(ListParams), security(("bearer_auth" = [])),
    responses((status = 200, body = JobPageDto), (status = 400, body = crate::error::ErrorBody)))]
pub(crate) async fn handler(
    caller: Caller<User>,
    Query(params): Query<ListParams>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let (page, per_page) = (params.page.unwrap_or(1), params.per_page.unwrap_or(50));
    if page == 0 {
        return Err(bad("page", "page starts at 1".into()));
    }
    if !(1..=200).contains(&per_page) {
        return Err(bad("per_page", "per_page must be between 1 and 200".into()));
    }
    let status = params
        .status
        .as_deref()
        .map(|s| JobStatus::parse(s).ok_or_else(|| bad("status", format!("unknown status {s:?}"))))
        .transpose()?;
    if let Some(kind) = params.kind.as_deref().filter(|k| !["sales", "stock", "combined"].contains(k)) {
        return Err(bad("type", format!("unknown type {kind:?}")));
    }
    let filter = JobFilter {
        owner: None,
        status,
        kind: params.kind.clone(),
        limit: per_page,
        offset: (page - 1).saturating_mul(per_page),
    };
    let (jobs, total) = state.report_jobs.list(&caller.principal, filter).await?;
    Ok(HttpResponse::Ok().json(JobPageDto { items: jobs.iter().map(JobDto::from).collect(), total, page, per_page }))
}
