//! `GET /api/v1/analytics/sales`: sales KPIs of a window, as JSON or CSV.

use actix_web::{HttpRequest, HttpResponse, web};
use app::SalesRequest;
use chrono::NaiveDate;
use domain::analytics::{Granularity, Period, SalesAnalytics};
use serde::Deserialize;
use utoipa::IntoParams;

use super::sales_dto::{SalesResponse, response};
use crate::auth::{Caller, User};
use crate::csv_export;
use crate::error::{ApiError, ErrorCode};
use crate::query::Query;
use crate::state::AppState;

/// The table a CSV download contains.
#[derive(Clone, Copy, Debug, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum CsvTable {
    #[default]
    Buckets,
    Daily,
    Products,
    Categories,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct SalesParams {
    /// `daily` (default), `weekly`, `monthly` or `quarterly`: the window when no dates are given.
    #[param(value_type = Option<String>, example = "weekly")]
    period: Option<Period>,
    /// `YYYY-MM-DD`; requires `end_date`.
    #[param(value_type = Option<String>, example = "2026-10-01")]
    #[serde(default, deserialize_with = "crate::query::iso_date")]
    start_date: Option<NaiveDate>,
    /// `YYYY-MM-DD`; requires `start_date`.
    #[param(value_type = Option<String>, example = "2026-10-31")]
    #[serde(default, deserialize_with = "crate::query::iso_date")]
    end_date: Option<NaiveDate>,
    /// `day` (default), `week` (ISO), `month` or `quarter`.
    #[param(value_type = Option<String>, example = "week")]
    granularity: Option<Granularity>,
    /// How many top products (default 5).
    top: Option<usize>,
    /// `json` (default) or `csv` (or send `Accept: text/csv`).
    format: Option<String>,
    /// With CSV: `buckets` (default), `daily`, `products` or `categories`.
    #[param(value_type = Option<String>)]
    table: Option<CsvTable>,
}

/// Sales KPIs, zero-filled daily series and calendar buckets, top products and categories, and a
/// comparison with the previous window of equal length.
#[utoipa::path(get, path = "/api/v1/analytics/sales", tag = "Analytics", params(SalesParams), security(("bearer_auth" = [])),
    responses(
        (status = 200, body = SalesResponse, description = "JSON, or CSV with `format=csv`"),
        (status = 400, body = crate::error::ErrorBody, description = "invalid parameter; `details.field` names it"),
        (status = 401, body = crate::error::ErrorBody),
        (status = 502, body = crate::error::ErrorBody, description = "the Java service sent an invalid response"),
        (status = 503, body = crate::error::ErrorBody, description = "the Java service is unavailable (see Retry-After)"),
    ))]
pub(crate) async fn handler(
    caller: Caller<User>,
    Query(params): Query<SalesParams>,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    super::check_format(params.format.as_deref())?;
    let top = params.top.unwrap_or(state.settings.analytics.top_n);
    if top == 0 || top > state.settings.analytics.top_n_max {
        let max = state.settings.analytics.top_n_max;
        return Err(ApiError::new(ErrorCode::InvalidQuery, format!("top must be between 1 and {max}"))
            .with_details(serde_json::json!({ "field": "top" })));
    }
    let period = params.period.unwrap_or_default();
    let request = SalesRequest {
        period,
        start_date: params.start_date,
        end_date: params.end_date,
        granularity: params.granularity.unwrap_or_default(),
    };
    let analytics = state.analytics.sales(&caller.principal, request).await?;
    if csv_export::wanted(params.format.as_deref(), &req) {
        return csv(&analytics, params.table.unwrap_or_default());
    }
    Ok(HttpResponse::Ok().json(response(&analytics, period, top)))
}

fn csv(a: &SalesAnalytics, table: CsvTable) -> Result<HttpResponse, ApiError> {
    let name = |t: &str| format!("sales_{}_{}_{t}.csv", a.window.start(), a.window.end());
    match table {
        CsvTable::Buckets => csv_export::response(
            &name("buckets"),
            &["label", "start", "end", "partial", "revenue", "quantity", "transactions", "average_ticket"],
            a.buckets.iter().map(|b| {
                let t = &b.totals;
                vec![
                    b.bucket.label.clone(),
                    b.bucket.start.to_string(),
                    b.bucket.end.to_string(),
                    b.bucket.partial.to_string(),
                    t.revenue.to_string(),
                    t.quantity.to_string(),
                    t.transactions.to_string(),
                    t.average_ticket().to_string(),
                ]
            }),
        ),
        CsvTable::Daily => csv_export::response(
            &name("daily"),
            &["date", "revenue", "quantity", "transactions"],
            a.daily.iter().map(|d| {
                vec![
                    d.date.to_string(),
                    d.totals.revenue.to_string(),
                    d.totals.quantity.to_string(),
                    d.totals.transactions.to_string(),
                ]
            }),
        ),
        // Every product that sold, not only the top ones: a download is for analysis.
        CsvTable::Products => csv_export::response(
            &name("products"),
            &["product_id", "name", "category", "quantity", "revenue", "share_of_revenue"],
            a.products.iter().map(|p| {
                vec![
                    p.product_id.to_string(),
                    csv_export::text(&p.name),
                    csv_export::text(p.category.as_str()),
                    p.quantity.to_string(),
                    p.revenue.to_string(),
                    format!("{:.4}", a.share(p.revenue)),
                ]
            }),
        ),
        CsvTable::Categories => csv_export::response(
            &name("categories"),
            &["category", "quantity", "revenue", "share_of_revenue"],
            a.categories.iter().map(|c| {
                vec![
                    csv_export::text(c.category.as_str()),
                    c.quantity.to_string(),
                    c.revenue.to_string(),
                    format!("{:.4}", a.share(c.revenue)),
                ]
            }),
        ),
    }
}
