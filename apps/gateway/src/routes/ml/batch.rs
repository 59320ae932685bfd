//! `POST /api/v1/ml/forecast/batch`: every product at once (computed off the async workers).

use actix_web::{HttpResponse, web};
use app::ml::{BatchRequest, Target, compute_batch};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

use super::forecast::parse_model;
use super::round2;
use crate::auth::{Caller, User};
use crate::body::{invalid, parse, unwrap};
use crate::error::ApiError;
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct BatchBody {
    /// 1–365 (default 7).
    #[serde(default = "seven")]
    forecast_days: i64,
    model: Option<String>,
    /// `units` (default) or `revenue`.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    target: Target,
}

fn seven() -> i64 {
    7
}

/// Forecasts every product in the catalogue; a product that cannot be forecast says why.
#[utoipa::path(post, path = "/api/v1/ml/forecast/batch", tag = "Machine learning", security(("bearer_auth" = [])),
    request_body = BatchBody,
    responses((status = 200, description = "one forecast per product", body = Object), (status = 422, body = crate::error::ErrorBody)))]
pub(crate) async fn handler(
    caller: Caller<User>,
    state: web::Data<AppState>,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    let body: BatchBody = parse(&unwrap(body))?;
    let max = i64::from(state.ml.config().max_forecast_days);
    if !(1..=max).contains(&body.forecast_days) {
        return Err(invalid("forecast_days", format!("forecast_days must be between 1 and {max}")));
    }
    let horizon = usize::try_from(body.forecast_days).unwrap_or(7);
    let request = BatchRequest { horizon, model: parse_model(body.model.as_deref())?, target: body.target };
    let inputs = state.ml.batch_inputs(&caller.principal, request).await?;
    // CPU-bound (about 1 ms a product): keep it off the workers that serve other requests.
    let forecasts = web::block(move || compute_batch(&inputs)).await.map_err(ApiError::internal)?;
    let products: Vec<Value> = forecasts
        .iter()
        .map(|f| {
            json!({
                "product": { "id": f.product.id, "sku": f.product.sku.as_str(), "name": f.product.name },
                "model": f.model.map(|m| m.as_str()),
                "total": round2(f.total),
                "predictions": f.points.iter().map(|p| round2(*p)).collect::<Vec<_>>(),
                "lower_95": f.lower95.iter().map(|p| round2(*p)).collect::<Vec<_>>(),
                "upper_95": f.upper95.iter().map(|p| round2(*p)).collect::<Vec<_>>(),
                "backtest_mase": f.backtest_mase,
                "note": f.note,
                "error": f.error,
            })
        })
        .collect();
    Ok(HttpResponse::Ok().json(json!({ "forecast_days": horizon, "count": products.len(), "products": products })))
}
