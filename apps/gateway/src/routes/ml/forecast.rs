//! `POST /api/v1/ml/forecast`: a forecast of units or revenue with 80/95 % intervals.

use actix_web::{HttpResponse, web};
use app::ml::{ForecastRequest, ForecastResult};
use domain::forecast::ModelKind;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::request::SeriesFields;
use super::round2;
use crate::auth::{Caller, User};
use crate::body::{invalid, parse, unwrap};
use crate::error::ApiError;
use crate::state::AppState;

/// The forecast-specific fields; the shared ones are in [`SeriesFields`].
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct ForecastBody {
    /// 1–365 (default 7).
    #[serde(default = "seven")]
    forecast_days: i64,
    /// `auto` (default: chosen by backtest) or a strategy name.
    model: Option<String>,
}

fn seven() -> i64 {
    7
}

#[derive(Serialize, ToSchema)]
pub(crate) struct Summary {
    total: f64,
    daily_average: f64,
    peak_value: f64,
    peak_day: Option<String>,
    /// `upward`/`downward` beyond ±5 % between the first and last day, else `stable`.
    trend: &'static str,
    period_label: &'static str,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct ForecastResponse {
    scope: &'static str,
    product_id: Option<u64>,
    dates: Vec<String>,
    predictions: Vec<f64>,
    summary: Summary,
    #[schema(value_type = Option<Object>)]
    product: Option<Value>,
    lower_80: Vec<f64>,
    upper_80: Vec<f64>,
    lower_95: Vec<f64>,
    upper_95: Vec<f64>,
    /// The strategy that produced the forecast; `ensemble` when `auto` pooled several.
    model: &'static str,
    /// The pooled strategies when `model` is `ensemble`, best backtest first.
    members: Vec<&'static str>,
    /// Its rolling-origin backtest: `mase`, `smape`, `mae`, `origins`, `horizon`.
    #[schema(value_type = Option<Object>)]
    backtest: Option<Value>,
    /// Every candidate's backtest MASE (`auto`).
    #[schema(value_type = Vec<Object>)]
    candidates: Vec<Value>,
    note: Option<String>,
    target: &'static str,
    /// `start`, `end` and `points` of the history used, and `recent`: its last 91 days' values,
    /// oldest first, ending at `end` (for charts).
    #[schema(value_type = Object)]
    history: Value,
}

fn trend(points: &[f64]) -> &'static str {
    match (points.first(), points.last()) {
        (Some(first), Some(last)) if *last > first * 1.05 => "upward",
        (Some(first), Some(last)) if *last < first * 0.95 => "downward",
        _ => "stable",
    }
}

pub(crate) fn response(r: &ForecastResult, period: domain::analytics::Period) -> ForecastResponse {
    let f = &r.forecast;
    let points: Vec<f64> = f.points.iter().map(|p| round2(*p)).collect();
    let total: f64 = f.points.iter().sum();
    let peak = f.points.iter().enumerate().fold(None::<(usize, f64)>, |best, (i, p)| match best {
        Some((_, b)) if b >= *p => best,
        _ => Some((i, *p)),
    });
    let r2 = |v: &[f64]| v.iter().map(|x| round2(*x)).collect::<Vec<_>>();
    ForecastResponse {
        scope: if r.product.is_some() { "PRODUCT" } else { "GLOBAL" },
        product_id: r.product.as_ref().map(|p| p.id),
        dates: r.dates.iter().map(ToString::to_string).collect(),
        summary: Summary {
            total: round2(total),
            daily_average: round2(total / f.points.len().max(1) as f64),
            peak_value: round2(peak.map_or(0.0, |p| p.1)),
            peak_day: peak.map(|(i, _)| r.dates[i].to_string()),
            trend: trend(&f.points),
            period_label: period.as_str(),
        },
        product: r.product.as_ref().map(|p| serde_json::json!({ "id": p.id, "sku": p.sku.as_str(), "name": p.name })),
        lower_80: r2(&f.interval80.lower),
        upper_80: r2(&f.interval80.upper),
        lower_95: r2(&f.interval95.lower),
        upper_95: r2(&f.interval95.upper),
        predictions: points,
        model: f.model.as_str(),
        members: f.members.iter().map(|k| k.as_str()).collect(),
        backtest: f.backtest.as_ref().and_then(|b| serde_json::to_value(b).ok()),
        candidates: f.candidates.iter().map(|(k, m)| serde_json::json!({ "model": k.as_str(), "mase": m })).collect(),
        note: f.note.clone(),
        target: match r.target {
            app::ml::Target::Units => "units",
            app::ml::Target::Revenue => "revenue",
        },
        history: serde_json::json!({
            "start": r.history_start,
            "end": r.history_end,
            "points": r.history_points,
            // The most recent days, oldest first, ending at `end`: the chart before the forecast.
            "recent": r.history_tail.iter().map(|v| round2(*v)).collect::<Vec<_>>(),
        }),
    }
}

pub(crate) fn parse_model(model: Option<&str>) -> Result<Option<ModelKind>, ApiError> {
    model
        .map(|m| ModelKind::parse(m.trim()).ok_or_else(|| invalid("model", format!("unknown model {m:?}"))))
        .transpose()
}

/// Forecasts the next `forecast_days` days (from today) of the shop or one product.
#[utoipa::path(post, path = "/api/v1/ml/forecast", tag = "Machine learning", security(("bearer_auth" = [])),
    request_body(content = ForecastBody, description = "the fields of SeriesFields and ForecastBody, flat or wrapped as {\"payload\": {...}} like the upstream"),
    responses(
        (status = 200, body = ForecastResponse),
        (status = 400, body = crate::error::ErrorBody, description = "not enough history"),
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
    let body: ForecastBody = parse(&value)?;
    let max = i64::from(state.ml.config().max_forecast_days);
    if !(1..=max).contains(&body.forecast_days) {
        return Err(invalid("forecast_days", format!("forecast_days must be between 1 and {max}")));
    }
    let request = ForecastRequest {
        scope: series.scope,
        product: series.selector()?,
        horizon: usize::try_from(body.forecast_days).unwrap_or(7),
        model: parse_model(body.model.as_deref())?,
        target: series.target,
    };
    let result = state.ml.forecast(&caller.principal, request).await?;
    Ok(HttpResponse::Ok().json(response(&result, series.period)))
}
