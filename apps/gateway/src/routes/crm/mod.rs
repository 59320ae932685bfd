//! CRM analytics (issue 7): the reference's eight dashboard endpoints under `/api/v1/crm/…` (and
//! at the reference's own paths), runs, daily history, record drill-downs and CSV exports. Every
//! read serves the latest stored snapshot; nothing is recomputed per request.

pub(crate) mod account;
pub(crate) mod alerts;
pub(crate) mod churn_accounts;
pub(crate) mod churn_risk;
pub(crate) mod history;
pub(crate) mod lead;
pub(crate) mod leads_distribution;
pub(crate) mod leads_scores;
pub(crate) mod pipeline_funnel;
pub(crate) mod pipeline_health;
pub(crate) mod runs_create;
pub(crate) mod runs_list;
pub(crate) mod summary;

use app::CrmServiceError;
use ports::{CrmError, ResultStoreError, RunStoreError};
use serde::Deserialize;
use serde_json::json;

use crate::error::{ApiError, ErrorCode};

impl From<CrmServiceError> for ApiError {
    fn from(e: CrmServiceError) -> Self {
        match e {
            CrmServiceError::NoSnapshot => ApiError::new(
                ErrorCode::NoCrmSnapshot,
                "no CRM analysis has been stored yet: POST /api/v1/crm/runs or wait for the daily run",
            ),
            CrmServiceError::RunInProgress => ApiError::new(ErrorCode::CrmRunInProgress, e.to_string()),
            CrmServiceError::UnknownRecord(..) => ApiError::not_found(e.to_string()),
            CrmServiceError::Crm(CrmError::BadResponse(m)) => {
                ApiError::new(ErrorCode::CrmBadResponse, "the CRM answered unexpectedly")
                    .with_details(json!({ "reason": m }))
            }
            CrmServiceError::Crm(c) => ApiError::new(ErrorCode::CrmUnavailable, "the CRM is unavailable")
                .with_details(json!({ "reason": c.to_string() })),
            CrmServiceError::Store(ResultStoreError::Unavailable(m)) => {
                ApiError::new(ErrorCode::StateUnavailable, "the analytics result store is unavailable")
                    .with_details(json!({ "reason": m }))
            }
            CrmServiceError::Runs(RunStoreError::Unavailable(m)) => {
                ApiError::new(ErrorCode::StateUnavailable, "the CRM run history is unavailable")
                    .with_details(json!({ "reason": m }))
            }
            other => ApiError::internal(other),
        }
    }
}

pub(crate) fn bad(field: &str, message: String) -> ApiError {
    ApiError::new(ErrorCode::InvalidQuery, message).with_details(json!({ "field": field }))
}

/// Largest `limit` accepted.
pub(crate) const MAX_LIMIT: usize = 100_000;

/// `limit` as text, so that `abc`, `-1` and `0` all answer 400 naming the field.
pub(crate) fn limit(raw: Option<&str>, default: usize) -> Result<usize, ApiError> {
    match raw {
        None | Some("") => Ok(default),
        Some(s) => s
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_LIMIT).contains(n))
            .ok_or_else(|| bad("limit", format!("limit must be an integer from 1 to {MAX_LIMIT}, got {s:?}"))),
    }
}

/// `json` (default) or `csv`.
pub(crate) fn wants_csv(format: Option<&str>, req: &actix_web::HttpRequest) -> Result<bool, ApiError> {
    match format {
        None | Some("") => Ok(crate::csv_export::wanted(None, req)),
        Some(f) if f.eq_ignore_ascii_case("json") => Ok(false),
        Some(f) if f.eq_ignore_ascii_case("csv") => Ok(true),
        Some(f) => Err(bad("format", format!("unknown format {f:?}: json or csv"))),
    }
}

/// `days` of history: 1–366, default 30.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct DaysParams {
    /// Days back from today, today included (1–366, default 30).
    days: Option<u32>,
}

impl DaysParams {
    pub(crate) fn days(&self) -> Result<u32, ApiError> {
        match self.days {
            None => Ok(30),
            Some(d) if (1..=366).contains(&d) => Ok(d),
            Some(d) => Err(bad("days", format!("days must be from 1 to 366, got {d}"))),
        }
    }
}

/// A float rendered for CSV: empty when absent.
pub(crate) fn cell(v: Option<f64>) -> String {
    v.map_or_else(String::new, |x| x.to_string())
}

/// A text cell from data, guarded against spreadsheet formulas.
pub(crate) fn text(v: Option<&String>) -> String {
    v.map_or_else(String::new, |s| crate::csv_export::text(s))
}
