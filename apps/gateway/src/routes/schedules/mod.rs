//! Report schedules (issue 5): create, list, read, change and delete the caller's schedules,
//! and download the latest scheduled report. The scheduler that fires them runs in the worker
//! loop (`server.rs`) when `jobs.scheduler_enabled`.

pub(crate) mod create;
pub(crate) mod delete;
pub(crate) mod get;
pub(crate) mod latest;
pub(crate) mod list;
pub(crate) mod update;

use app::{ScheduleError, ScheduleInput, ScheduleService};
use ports::ReportSchedule;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::error::{ApiError, ErrorCode};

/// A report schedule.
#[derive(Serialize, ToSchema)]
pub(crate) struct ScheduleDto {
    id: String,
    name: String,
    /// 5-field cron expression (a daily `hour`/`minute` is stored as `M H * * *`).
    cron: String,
    /// IANA time zone the expression is read in.
    timezone: String,
    /// `sales`, `stock` or `combined`.
    #[serde(rename = "type")]
    kind: String,
    /// `pdf` or `xlsx`.
    format: &'static str,
    /// `daily`, `weekly`, `monthly` or `quarterly`.
    period: String,
    include_forecast: bool,
    recipients: Vec<String>,
    enabled: bool,
    created_at: String,
    updated_at: String,
    /// The next tick (none while disabled).
    next_run_at: Option<String>,
}

impl ScheduleDto {
    pub(crate) fn new(s: &ReportSchedule, service: &ScheduleService) -> Self {
        Self {
            id: s.id.to_string(),
            name: s.name.clone(),
            cron: s.cron.clone(),
            timezone: s.timezone.clone(),
            kind: s.kind.clone(),
            format: s.format.as_str(),
            period: s.period.clone(),
            include_forecast: s.include_forecast,
            recipients: s.recipients.clone(),
            enabled: s.enabled,
            created_at: s.created_at.to_rfc3339(),
            updated_at: s.updated_at.to_rfc3339(),
            next_run_at: service.next_run(s).map(|t| t.to_rfc3339()),
        }
    }
}

/// A schedule to create, or the fields to change (PATCH: unset fields keep their value).
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct ScheduleBody {
    name: Option<String>,
    /// A 5-field cron expression (`30 7 * * MON-FRI`, `@daily`) …
    cron: Option<String>,
    /// … or a daily time: hour 0–23 …
    hour: Option<i64>,
    /// … and minute 0–59 (default 0).
    minute: Option<i64>,
    /// IANA time zone (default: the shop's, `shop.timezone`).
    timezone: Option<String>,
    /// `sales`, `stock` or `combined` (default).
    #[serde(rename = "type", alias = "report_type")]
    kind: Option<String>,
    /// `pdf` (default) or `xlsx` (`excel` accepted).
    format: Option<String>,
    /// `daily` (default), `weekly`, `monthly` or `quarterly`.
    period: Option<String>,
    /// Adds the forecast section.
    include_forecast: Option<bool>,
    /// E-mailed the file when each report is ready.
    recipients: Option<Vec<String>>,
    /// Default true.
    enabled: Option<bool>,
}

impl From<ScheduleBody> for ScheduleInput {
    fn from(b: ScheduleBody) -> Self {
        Self {
            name: b.name,
            cron: b.cron,
            hour: b.hour,
            minute: b.minute,
            timezone: b.timezone,
            kind: b.kind,
            format: b.format,
            period: b.period,
            include_forecast: b.include_forecast,
            recipients: b.recipients,
            enabled: b.enabled,
        }
    }
}

impl From<ScheduleError> for ApiError {
    fn from(e: ScheduleError) -> Self {
        match e {
            ScheduleError::InvalidRequest { field, message } => {
                ApiError::new(ErrorCode::InvalidBody, message).with_details(json!({ "field": field }))
            }
            ScheduleError::NotFound => ApiError::not_found("no such schedule"),
            ScheduleError::NoReport => ApiError::not_found("No scheduled report available yet"),
            ScheduleError::Store(e) => ApiError::new(ErrorCode::StateUnavailable, "the schedule store is unavailable")
                .with_details(json!({ "reason": e.to_string() })),
            ScheduleError::Job(e) => e.into(),
        }
    }
}

fn parse_id(raw: &str) -> Result<domain::Uuid, ApiError> {
    domain::Uuid::parse_str(raw)
        .map_err(|_| ApiError::new(ErrorCode::InvalidPath, format!("{raw:?} is not a schedule id")))
}
