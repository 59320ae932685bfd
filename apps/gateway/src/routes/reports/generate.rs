//! `POST /api/v1/reports/generate`: the upstream's synchronous report (reference §2.7): the
//! file itself, as an attachment named `analytics_{type}_{period}_{timestamp}.{ext}`.

use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{HttpResponse, web};
use app::ReportRequest;
use domain::analytics::Period;
use domain::report::{ReportFormat, ReportKind};
use serde::Deserialize;
use serde_json::Value;
use utoipa::ToSchema;

use crate::auth::{Caller, User};
use crate::body::{invalid, parse, unwrap};
use crate::error::ApiError;
use crate::state::AppState;

/// The upstream's body, plus the optional forecast section.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct GenerateBody {
    /// `sales`, `stock` (stock only) or `combined`.
    report_type: String,
    /// `pdf`, or `excel` / `xlsx`.
    format: String,
    /// `daily`, `weekly`, `monthly` (default) or `quarterly`.
    #[serde(default = "monthly")]
    #[schema(value_type = String)]
    period: Period,
    /// Adds the forecast section (shop revenue, intervals, anomalies) to reports with sales.
    #[serde(default)]
    include_forecast: bool,
}

fn monthly() -> Period {
    Period::Monthly
}

/// Generates a report and returns the file.
#[utoipa::path(post, path = "/api/v1/reports/generate", tag = "Reports", security(("bearer_auth" = [])),
    request_body(content = GenerateBody, description = "flat, or wrapped as {\"payload\": {...}} like the upstream"),
    responses(
        (status = 200, description = "the report file (application/pdf or the XLSX media type), as an attachment", content_type = "application/octet-stream"),
        (status = 422, body = crate::error::ErrorBody, description = "invalid field; `details.field` names it"),
        (status = 503, body = crate::error::ErrorBody),
    ))]
pub(crate) async fn handler(
    caller: Caller<User>,
    state: web::Data<AppState>,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    let body: GenerateBody = parse(&unwrap(body))?;
    let kind = ReportKind::parse(&body.report_type)
        .ok_or_else(|| invalid("report_type", "report_type must be sales, stock or combined"))?;
    let format = ReportFormat::parse(&body.format).ok_or_else(|| invalid("format", "format must be pdf or excel"))?;
    let mut request = ReportRequest::new(kind, body.period);
    request.include_forecast = body.include_forecast;
    let report = state.reports.generate(&caller.principal, &request, format).await?;
    let disposition = ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![DispositionParam::Filename(report.file_name)],
    };
    Ok(HttpResponse::Ok().content_type(format.content_type()).insert_header(disposition).body(report.bytes))
}
