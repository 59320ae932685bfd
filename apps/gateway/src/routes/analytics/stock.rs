//! `GET /api/v1/analytics/stock`: every product's stock position, as JSON or CSV.

use actix_web::{HttpRequest, HttpResponse, web};
use app::StockRequest;
use domain::analytics::{Period, StockAnalytics};
use serde::Deserialize;
use utoipa::IntoParams;

use super::stock_dto::{StockResponse, response};
use crate::auth::{Caller, User};
use crate::csv_export;
use crate::error::ApiError;
use crate::query::Query;
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct StockParams {
    /// `daily` (default), `weekly`, `monthly` or `quarterly`: the period whose units sold each
    /// product reports. Demand rates always use `analytics.stock.demand_window_days`.
    #[param(value_type = Option<String>, example = "weekly")]
    period: Option<Period>,
    /// Override of `analytics.stock.dead_after_days` (1–3650).
    dead_after_days: Option<u32>,
    /// `json` (default) or `csv` (or send `Accept: text/csv`).
    format: Option<String>,
}

/// Stock KPIs (value, out/low/dead counts, rotation, coverage, urgent reorders) and each
/// product's status, coverage and suggested reorder quantity.
#[utoipa::path(get, path = "/api/v1/analytics/stock", tag = "Analytics", params(StockParams), security(("bearer_auth" = [])),
    responses(
        (status = 200, body = StockResponse, description = "JSON, or CSV with `format=csv`"),
        (status = 400, body = crate::error::ErrorBody, description = "invalid parameter; `details.field` names it"),
        (status = 401, body = crate::error::ErrorBody),
        (status = 502, body = crate::error::ErrorBody),
        (status = 503, body = crate::error::ErrorBody, description = "the Java service is unavailable (see Retry-After)"),
    ))]
pub(crate) async fn handler(
    caller: Caller<User>,
    Query(params): Query<StockParams>,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    super::check_format(params.format.as_deref())?;
    let period = params.period.unwrap_or_default();
    let analytics = state
        .analytics
        .stock(&caller.principal, StockRequest { period, dead_after_days: params.dead_after_days })
        .await?;
    if csv_export::wanted(params.format.as_deref(), &req) {
        return csv(&analytics);
    }
    Ok(HttpResponse::Ok().json(response(&analytics, period)))
}

fn csv(a: &StockAnalytics) -> Result<HttpResponse, ApiError> {
    let opt = |v: Option<f64>| v.map_or_else(String::new, |x| format!("{x:.2}"));
    csv_export::response(
        &format!("stock_{}.csv", a.as_of),
        &[
            "product_id",
            "sku",
            "name",
            "category",
            "status",
            "current_stock",
            "min_stock",
            "unit_price",
            "stock_value",
            "last_sale_date",
            "avg_daily_sales",
            "coverage_days",
            "rotation_per_year",
            "urgent_reorder",
            "suggested_reorder_quantity",
        ],
        a.products.iter().map(|p| {
            vec![
                p.product_id.to_string(),
                csv_export::text(p.sku.as_str()),
                csv_export::text(&p.name),
                csv_export::text(p.category.as_str()),
                p.status.as_str().to_owned(),
                p.current_stock.to_string(),
                p.min_stock.to_string(),
                p.unit_price.to_string(),
                p.stock_value.to_string(),
                p.last_sale_date.map(|d| d.to_string()).unwrap_or_default(),
                opt(p.avg_daily_sales),
                opt(p.coverage_days),
                opt(p.rotation_per_year),
                p.urgent_reorder.to_string(),
                p.suggested_reorder_quantity.to_string(),
            ]
        }),
    )
}
