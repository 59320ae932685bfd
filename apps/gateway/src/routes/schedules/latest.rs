//! `GET /api/v1/reports/scheduled/latest?type=&format=`: the newest scheduled report's file
//! (the upstream endpoint; its `format=excel` always answered 404 — defect 7 — ours serves xlsx).

use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType, EntityTag};
use actix_web::{HttpResponse, web};
use domain::report::{ReportFormat, ReportKind};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::{Caller, User};
use crate::error::{ApiError, ErrorCode};
use crate::query::Query;
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct LatestParams {
    /// `sales`, `stock` or `combined`.
    #[serde(rename = "type", alias = "report_type")]
    kind: Option<String>,
    /// `pdf` or `xlsx` (`excel` accepted).
    format: Option<String>,
}

fn bad(field: &str, message: &str) -> ApiError {
    ApiError::new(ErrorCode::InvalidQuery, message.to_owned()).with_details(serde_json::json!({ "field": field }))
}

/// The newest completed report of the caller's schedules for that type and format.
#[utoipa::path(get, path = "/api/v1/reports/scheduled/latest", tag = "Reports", params(LatestParams),
    security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "the PDF or XLSX file"),
        (status = 400, body = crate::error::ErrorBody, description = "missing or unknown type/format"),
        (status = 404, body = crate::error::ErrorBody, description = "no scheduled report available yet"),
    ))]
pub(crate) async fn handler(
    caller: Caller<User>,
    Query(params): Query<LatestParams>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let kind = params.kind.as_deref().ok_or_else(|| bad("type", "type is required"))?;
    let kind = ReportKind::parse(kind).ok_or_else(|| bad("type", "type must be sales, stock or combined"))?;
    let format = params.format.as_deref().ok_or_else(|| bad("format", "format is required"))?;
    let format = ReportFormat::parse(format).ok_or_else(|| bad("format", "format must be pdf or xlsx"))?;
    let (artifact, bytes) = state.schedules.latest(&caller.principal, kind.as_str(), format).await?;
    let disposition = ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![DispositionParam::Filename(artifact.file_name.clone())],
    };
    Ok(HttpResponse::Ok()
        .content_type(format.content_type())
        .insert_header(disposition)
        .insert_header(header::ETag(EntityTag::new_strong(artifact.sha256)))
        .insert_header(("Cache-Control", "private, no-cache"))
        .body(bytes))
}
