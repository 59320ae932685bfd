//! `POST /api/v1/ml/anomalies`: anomalous days, labelled and graded; HIGH ones raise alerts.

use actix_web::{HttpResponse, web};
use app::ml::{AnomalyRequest, AnomalyResult};
use domain::anomaly::AnomalyMethod;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;

use super::request::SeriesFields;
use super::round2;
use crate::auth::{Caller, User};
use crate::body::{invalid, parse, unwrap};
use crate::error::ApiError;
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct AnomalyBody {
    /// `robust` (default: seasonal median and MAD) or `zscore` (the upstream's rule).
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    method: AnomalyMethod,
    /// Robust z (default 3.5) or |z| (zscore, default 3) at or above which a day is anomalous.
    threshold: Option<f64>,
    /// Days before the first judged day (robust, default 14).
    min_history: Option<usize>,
    /// Judge each day only on the days before it.
    #[serde(default)]
    causal: bool,
    /// Days of history to look at (14–3660; default 120).
    history_days: Option<u32>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct AnomalyDto {
    date: String,
    value: f64,
    expected: f64,
    /// Signed score (robust z, or z for `zscore`), 3 decimals.
    score: f64,
    /// `low`, `medium` or `high`.
    severity: String,
    /// `ZERO_DROP`, `HIGH_SPIKE`, `VARIANCE_SHIFT` or `LEVEL_SHIFT`.
    #[serde(rename = "type")]
    label: &'static str,
    explanation: String,
    /// MEDIUM and HIGH: worth a look.
    flagged: bool,
    /// HIGH: the alert raised (once per day and type).
    alert_id: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct AnomalyResponse {
    scope: &'static str,
    product_id: Option<u64>,
    period: &'static str,
    count: usize,
    anomalies: Vec<AnomalyDto>,
    #[schema(value_type = Option<Object>)]
    product: Option<Value>,
    method: &'static str,
    threshold: f64,
    #[schema(value_type = Object)]
    history: Value,
}

fn response(r: &AnomalyResult, period: domain::analytics::Period) -> AnomalyResponse {
    let anomalies: Vec<AnomalyDto> = r
        .anomalies
        .iter()
        .map(|a| AnomalyDto {
            date: a.date.to_string(),
            value: round2(a.value),
            expected: round2(a.expected),
            score: (a.score * 1000.0).round() / 1000.0,
            severity: a.severity.as_str().to_ascii_lowercase(),
            label: a.label.as_str(),
            explanation: a.explanation.clone(),
            flagged: a.flagged,
            alert_id: a.alert_id.map(|id| id.to_string()),
        })
        .collect();
    AnomalyResponse {
        scope: if r.product.is_some() { "PRODUCT" } else { "GLOBAL" },
        product_id: r.product.as_ref().map(|p| p.id),
        period: period.as_str(),
        count: anomalies.len(),
        anomalies,
        product: r.product.as_ref().map(|p| json!({ "id": p.id, "sku": p.sku.as_str(), "name": p.name })),
        method: match r.method {
            AnomalyMethod::Robust => "robust",
            AnomalyMethod::Zscore => "zscore",
        },
        threshold: r.threshold,
        history: json!({ "start": r.history_start, "end": r.history_end }),
    }
}

/// Finds anomalous days. LOW ones are logged, MEDIUM ones flagged, HIGH ones raise an alert
/// (stored once, delivered in the background: a dead mail server never slows this call).
#[utoipa::path(post, path = "/api/v1/ml/anomalies", tag = "Machine learning", security(("bearer_auth" = [])),
    request_body(content = AnomalyBody, description = "the fields of SeriesFields and AnomalyBody, flat or wrapped as {\"payload\": {...}} like the upstream"),
    responses(
        (status = 200, body = AnomalyResponse),
        (status = 404, body = crate::error::ErrorBody, description = "unknown product, or no sales history"),
        (status = 422, body = crate::error::ErrorBody, description = "invalid field; `details.field` names it"),
        (status = 503, body = crate::error::ErrorBody),
    ))]
pub(crate) async fn handler(
    caller: Caller<User>,
    state: web::Data<AppState>,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    let value = unwrap(body);
    let series: SeriesFields = parse(&value)?;
    let body: AnomalyBody = parse(&value)?;
    if body.threshold.is_some_and(|t| !(t.is_finite() && t > 0.0)) {
        return Err(invalid("threshold", "threshold must be a positive number"));
    }
    let request = AnomalyRequest {
        scope: series.scope,
        product: series.selector()?,
        method: body.method,
        threshold: body.threshold,
        min_history: body.min_history,
        causal: body.causal,
        history_days: body.history_days,
        target: series.target,
    };
    let result = state.ml.anomalies(&caller.principal, request).await?;
    Ok(HttpResponse::Ok().json(response(&result, series.period)))
}
