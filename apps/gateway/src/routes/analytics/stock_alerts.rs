//! `GET /api/v1/analytics/stock/alerts`: products below their minimum stock, with severities
//! (the legacy ratio rule, reference §3.4).

use actix_web::{HttpResponse, web};
use app::StockRequest;
use domain::analytics::{StockAlert, stock_alerts};
use serde::Serialize;
use utoipa::ToSchema;

use super::round;
use crate::auth::{Caller, User};
use crate::error::ApiError;
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub(crate) struct StockAlertDto {
    product_id: u64,
    name: String,
    message: String,
    /// `high` (stock ≤ 25 % of the minimum), `medium` (≤ 50 %) or `low`.
    severity: String,
    current_stock: f64,
    min_stock: f64,
    ratio: f64,
    suggested_reorder_quantity: f64,
    coverage_days: Option<f64>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct StockAlertsResponse {
    /// Always `success` (the legacy shape).
    status: &'static str,
    /// `DEV` or `PROD`.
    mode: &'static str,
    count: usize,
    alerts: Vec<StockAlertDto>,
}

fn alert(a: StockAlert) -> StockAlertDto {
    StockAlertDto {
        product_id: a.product_id.get(),
        name: a.name,
        message: a.message,
        severity: a.severity.as_str().to_ascii_lowercase(),
        current_stock: a.current_stock.to_f64(),
        min_stock: a.min_stock.to_f64(),
        ratio: round(a.ratio, 3),
        suggested_reorder_quantity: a.suggested_reorder_quantity.to_f64(),
        coverage_days: a.coverage_days.map(|c| round(c, 1)),
    }
}

/// Every product below its minimum stock, most severe first.
#[utoipa::path(get, path = "/api/v1/analytics/stock/alerts", tag = "Analytics", security(("bearer_auth" = [])),
    responses(
        (status = 200, body = StockAlertsResponse),
        (status = 401, body = crate::error::ErrorBody),
        (status = 503, body = crate::error::ErrorBody, description = "the Java service is unavailable (see Retry-After)"),
    ))]
pub(crate) async fn handler(caller: Caller<User>, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let analytics = state.analytics.stock(&caller.principal, StockRequest::default()).await?;
    let alerts: Vec<StockAlertDto> = stock_alerts(&analytics).into_iter().map(alert).collect();
    Ok(HttpResponse::Ok().json(StockAlertsResponse {
        status: "success",
        mode: if state.settings.is_prod() { "PROD" } else { "DEV" },
        count: alerts.len(),
        alerts,
    }))
}
