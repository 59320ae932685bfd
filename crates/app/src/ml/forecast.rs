//! Use case: forecast one series (the shop, or one product), units or revenue.

use chrono::{Days, NaiveDate};
use domain::Principal;
use domain::forecast::{Forecast, ForecastInput, ForecastOptions, ModelKind, forecast};
use serde::{Deserialize, Serialize};

use super::{MlError, MlService, ProductRef, ProductSelector, Scope, Target};
use crate::cache_keys::{CacheKeys, CacheScope};

/// What the caller asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct ForecastRequest {
    pub scope: Scope,
    pub product: ProductSelector,
    pub horizon: usize,
    /// `None` = the configured default.
    pub model: Option<ModelKind>,
    pub target: Target,
}

/// Days of history returned with a forecast, for charts (about a quarter).
pub(super) const HISTORY_TAIL: usize = 91;

/// A forecast with the dates it covers and the history behind it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForecastResult {
    pub scope: Scope,
    pub product: Option<ProductRef>,
    pub target: Target,
    pub history_start: NaiveDate,
    pub history_end: NaiveDate,
    pub history_points: usize,
    /// The last [`HISTORY_TAIL`] days of the history (or all of it), ending at `history_end`:
    /// what a chart shows before the forecast.
    pub history_tail: Vec<f64>,
    /// One per forecast point: the days after `history_end` (today onward).
    pub dates: Vec<NaiveDate>,
    pub forecast: Forecast,
}

pub(super) fn selector_key(scope: Scope, selector: &ProductSelector) -> String {
    match scope {
        Scope::Global => "global".to_owned(),
        Scope::Product => match (&selector.sku, &selector.name, selector.product_id) {
            (Some(sku), _, _) => format!("sku={}", sku.trim().to_ascii_lowercase()),
            (None, Some(name), _) => format!("name={}", name.trim().to_ascii_lowercase()),
            (None, None, Some(id)) => format!("id={id}"),
            (None, None, None) => "-".to_owned(),
        },
    }
}

impl MlService {
    /// Forecasts the next `horizon` days.
    ///
    /// # Errors
    /// `InvalidRequest` (horizon), `UnknownProduct`, `NoHistory`, `NotEnoughHistory`, `Source`.
    #[tracing::instrument(skip_all, fields(scope = ?request.scope, horizon = request.horizon), err)]
    pub async fn forecast(&self, caller: &Principal, request: ForecastRequest) -> Result<ForecastResult, MlError> {
        if request.horizon == 0 || request.horizon > self.config.max_forecast_days as usize {
            let message = format!("forecast_days must be between 1 and {}", self.config.max_forecast_days);
            return Err(MlError::InvalidRequest { field: "forecast_days", message });
        }
        let model = request.model.unwrap_or(self.config.default_model);
        let today = self.clock.today().to_string();
        let horizon = request.horizon.to_string();
        let target = format!("{:?}", request.target);
        let selector = selector_key(request.scope, &request.product);
        let key = CacheKeys::key(
            CacheScope::Ml,
            &["forecast", &Self::roles(caller), &selector, &horizon, model.as_str(), &target, &today],
        );
        self.cache
            .get_or_compute(CacheScope::Ml, &key, self.config.ttl, || async {
                let product = match request.scope {
                    Scope::Product => Some(self.resolve(caller, &request.product).await?),
                    Scope::Global => None,
                };
                let series = self.series(caller, product.as_ref(), request.target, self.config.history_days).await?;
                let end = series.end();
                let holidays: Vec<bool> = series
                    .closed
                    .iter()
                    .copied()
                    .chain((1..=request.horizon).map(|h| self.closed(end + Days::new(h as u64))))
                    .collect();
                let input = ForecastInput {
                    history: &series.values,
                    season: 7,
                    horizon: request.horizon,
                    holidays: Some(&holidays),
                };
                let options = ForecastOptions {
                    model,
                    origins: self.config.backtest_origins,
                    random_forest_in_auto: self.config.random_forest_in_auto,
                    non_negative: true,
                };
                let forecast = forecast(&input, &options)?;
                Ok(ForecastResult {
                    scope: request.scope,
                    product: product.as_ref().map(ProductRef::from),
                    target: request.target,
                    history_start: series.start,
                    history_end: end,
                    history_points: series.values.len(),
                    history_tail: series.values[series.values.len().saturating_sub(HISTORY_TAIL)..].to_vec(),
                    dates: (1..=request.horizon).map(|h| end + Days::new(h as u64)).collect(),
                    forecast,
                })
            })
            .await
    }
}
