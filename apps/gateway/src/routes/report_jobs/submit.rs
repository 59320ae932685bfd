//! `POST /api/v1/reports`: queue a report; 202 with where to poll.

use actix_web::{HttpResponse, web};
use app::JobRequest;
use chrono::NaiveDate;
use domain::analytics::Period;
use domain::report::{ReportFormat, ReportKind};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

use super::JobDto;
use crate::auth::{Caller, User};
use crate::body::{invalid, parse, unwrap};
use crate::error::ApiError;
use crate::state::AppState;

/// What to report on.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct SubmitBody {
    /// `sales`, `stock` or `combined` (default).
    #[serde(rename = "type", alias = "report_type")]
    kind: Option<String>,
    /// `pdf` (default) or `xlsx` (`excel` accepted).
    format: Option<String>,
    /// `daily`, `weekly`, `monthly` (default) or `quarterly`; ignored with dates.
    period: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    start_date: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    end_date: Option<NaiveDate>,
    /// Adds the forecast section (sales and combined reports).
    #[serde(default)]
    include_forecast: bool,
}

/// Queues a report job for the caller; poll `status_url`, then download.
#[utoipa::path(post, path = "/api/v1/reports", tag = "Reports", security(("bearer_auth" = [])),
    request_body = SubmitBody,
    responses(
        (status = 202, description = "queued: `{job_id, status_url, job}`"),
        (status = 422, body = crate::error::ErrorBody, description = "invalid field; `details.field` names it"),
        (status = 503, body = crate::error::ErrorBody),
    ))]
pub(crate) async fn handler(
    caller: Caller<User>,
    state: web::Data<AppState>,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    let body: SubmitBody = parse(&unwrap(body))?;
    let kind = match body.kind.as_deref() {
        None => ReportKind::Combined,
        Some(k) => ReportKind::parse(k).ok_or_else(|| invalid("type", "type must be sales, stock or combined"))?,
    };
    let format = match body.format.as_deref() {
        None => ReportFormat::Pdf,
        Some(f) => ReportFormat::parse(f).ok_or_else(|| invalid("format", "format must be pdf or xlsx"))?,
    };
    let period = match body.period.as_deref() {
        None => Period::Monthly,
        Some(p) => [Period::Daily, Period::Weekly, Period::Monthly, Period::Quarterly]
            .into_iter()
            .find(|v| v.as_str() == p.trim().to_ascii_lowercase())
            .ok_or_else(|| invalid("period", format!("unknown period {p:?}")))?,
    };
    let request = JobRequest {
        kind,
        format,
        period,
        start_date: body.start_date,
        end_date: body.end_date,
        include_forecast: body.include_forecast,
    };
    let job = state.report_jobs.submit(&caller.principal, request).await?;
    let dto = JobDto::from(&job);
    let status_url = format!("/api/v1/reports/{}", job.id);
    Ok(HttpResponse::Accepted()
        .insert_header(("Location", status_url.clone()))
        .json(json!({ "job_id": job.id.to_string(), "status_url": status_url, "job": dto })))
}
