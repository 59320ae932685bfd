//! Use case: forecast every product at once. Loading is async (one catalogue and one history
//! call); computing is CPU-bound and synchronous, so the caller can run it off the async
//! workers.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use domain::forecast::{ForecastInput, ForecastOptions, ModelKind, forecast};
use domain::{Principal, Product, SalesLedger};
use serde::{Deserialize, Serialize};

use super::{MlError, MlService, ProductRef, Target};

/// What the caller asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BatchRequest {
    pub horizon: usize,
    pub model: Option<ModelKind>,
    pub target: Target,
}

/// Everything the computation needs.
#[derive(Debug)]
pub struct BatchInputs {
    products: Vec<Product>,
    ledger: SalesLedger,
    since: NaiveDate,
    end: NaiveDate,
    target: Target,
    horizon: usize,
    options: ForecastOptions,
    closed: Vec<bool>,
}

/// One product's forecast, or why it has none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductForecast {
    pub product: ProductRef,
    pub model: Option<ModelKind>,
    pub total: f64,
    pub points: Vec<f64>,
    pub lower95: Vec<f64>,
    pub upper95: Vec<f64>,
    pub backtest_mase: Option<f64>,
    pub note: Option<String>,
    pub error: Option<String>,
}

impl MlService {
    /// Loads the catalogue and the history every product forecast needs.
    ///
    /// # Errors
    /// `InvalidRequest` (horizon), `Source`.
    pub async fn batch_inputs(&self, caller: &Principal, request: BatchRequest) -> Result<BatchInputs, MlError> {
        if request.horizon == 0 || request.horizon > self.config.max_forecast_days as usize {
            let message = format!("forecast_days must be between 1 and {}", self.config.max_forecast_days);
            return Err(MlError::InvalidRequest { field: "forecast_days", message });
        }
        let end = self.clock.today() - Days::new(1);
        let since = end - Days::new(u64::from(self.config.history_days - 1));
        let (products, ledger) =
            futures_util::future::try_join(self.source.products(caller), self.source.sales_since(caller, since))
                .await?;
        let closed = since
            .iter_days()
            .take_while(|d| *d <= end + Days::new(request.horizon as u64))
            .map(|d| self.closed(d))
            .collect();
        let options = ForecastOptions {
            model: request.model.unwrap_or(self.config.default_model),
            origins: self.config.backtest_origins,
            random_forest_in_auto: self.config.random_forest_in_auto,
            non_negative: true,
        };
        Ok(BatchInputs {
            products,
            ledger,
            since,
            end,
            target: request.target,
            horizon: request.horizon,
            options,
            closed,
        })
    }
}

/// Daily values per product id over `[since, end]`.
fn per_product(inputs: &BatchInputs) -> HashMap<u64, Vec<f64>> {
    let days = (inputs.end - inputs.since).num_days() + 1;
    let mut series: HashMap<u64, Vec<f64>> = HashMap::new();
    for sale in inputs.ledger.iter() {
        let offset = (sale.header.at.date() - inputs.since).num_days();
        if offset < 0 || offset >= days {
            continue;
        }
        for line in sale.lines {
            let values = series.entry(line.product_id.get()).or_insert_with(|| vec![0.0; days as usize]);
            values[offset as usize] += match inputs.target {
                Target::Units => line.quantity.to_f64(),
                Target::Revenue => line.subtotal().to_f64(),
            };
        }
    }
    series
}

/// Forecasts every product in the catalogue, in catalogue order.
#[must_use]
pub fn compute_batch(inputs: &BatchInputs) -> Vec<ProductForecast> {
    let mut series = per_product(inputs);
    inputs
        .products
        .iter()
        .map(|p| {
            let values = series.remove(&p.id().get()).unwrap_or_default();
            // From the product's first sale: it had none before it was listed.
            let first = values.iter().position(|v| *v != 0.0);
            let empty = ProductForecast {
                product: ProductRef::from(p),
                model: None,
                total: 0.0,
                points: Vec::new(),
                lower95: Vec::new(),
                upper95: Vec::new(),
                backtest_mase: None,
                note: None,
                error: Some("no sales history".into()),
            };
            let Some(first) = first else { return empty };
            let history = &values[first..];
            let input =
                ForecastInput { history, season: 7, horizon: inputs.horizon, holidays: inputs.closed.get(first..) };
            match forecast(&input, &inputs.options) {
                Ok(f) => ProductForecast {
                    total: f.points.iter().sum(),
                    model: Some(f.model),
                    backtest_mase: f.backtest.as_ref().map(|b| b.mase),
                    note: f.note,
                    lower95: f.interval95.lower,
                    upper95: f.interval95.upper,
                    points: f.points,
                    error: None,
                    ..empty
                },
                Err(e) => ProductForecast { error: Some(e.to_string()), ..empty },
            }
        })
        .collect()
}
