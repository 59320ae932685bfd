//! Use case: stock analytics and stock alerts.

use chrono::Days;
use domain::analytics::{Period, StockAnalytics, StockQuery, stock_analytics};
use domain::{DateRange, Principal};
use futures_util::future::try_join;

use super::{AnalyticsError, AnalyticsService, roles_key};
use crate::cache_keys::{CacheKeys, CacheScope};

/// What the caller asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StockRequest {
    /// The period whose units sold and revenue are reported per product.
    pub period: Period,
    /// Overrides the configured dead-stock threshold.
    pub dead_after_days: Option<u32>,
}

impl AnalyticsService {
    /// The stock position of every product.
    ///
    /// # Errors
    /// `InvalidRequest` for a bad threshold; `Source` when the system of record fails.
    #[tracing::instrument(skip_all, fields(period = request.period.as_str()), err)]
    pub async fn stock(&self, caller: &Principal, request: StockRequest) -> Result<StockAnalytics, AnalyticsError> {
        let dead_after_days = request.dead_after_days.unwrap_or(self.config.stock.dead_after_days);
        if !(1..=3650).contains(&dead_after_days) {
            return Err(AnalyticsError::InvalidRequest {
                field: "dead_after_days",
                message: "dead_after_days must be between 1 and 3650".into(),
            });
        }
        let today = self.clock.today();
        // Long enough to see a product idle for `dead_after_days` (the upstream looked back 89
        // days for a 90-day rule, so dead stock could never appear).
        let history_days = self.config.demand_window_days.max(dead_after_days + 1);
        let query = StockQuery {
            today,
            observed_since: today - Days::new(u64::from(history_days - 1)),
            demand_window: DateRange::ending(today, self.config.demand_window_days),
            period_window: request.period.window(today),
            policy: domain::analytics::StockPolicy { dead_after_days, ..self.config.stock },
        };
        let key = CacheKeys::key(
            CacheScope::Analytics,
            &["stock", &roles_key(caller), &today.to_string(), request.period.as_str(), &dead_after_days.to_string()],
        );
        self.cache
            .get_or_compute(CacheScope::Analytics, &key, self.config.ttl, || async {
                let (products, ledger) =
                    try_join(self.source.products(caller), self.source.sales_since(caller, query.observed_since))
                        .await?;
                Ok(stock_analytics(&ledger, &products, &query))
            })
            .await
    }
}
