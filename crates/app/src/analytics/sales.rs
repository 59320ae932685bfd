//! Use case: sales analytics for a window.

use chrono::NaiveDate;
use domain::Principal;
use domain::analytics::{
    Granularity, Period, SalesAnalytics, SalesQuery, previous_window, resolve_window, sales_analytics,
};
use futures_util::future::try_join;

use super::{AnalyticsError, AnalyticsService, roles_key};
use crate::cache_keys::{CacheKeys, CacheScope};

/// What the caller asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SalesRequest {
    pub period: Period,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub granularity: Granularity,
}

impl AnalyticsService {
    /// Sales KPIs of the requested window and of the window before it.
    ///
    /// # Errors
    /// `InvalidRequest` for a bad window; `Source` when the system of record fails.
    #[tracing::instrument(skip_all, fields(period = request.period.as_str(), granularity = request.granularity.as_str()), err)]
    pub async fn sales(&self, caller: &Principal, request: SalesRequest) -> Result<SalesAnalytics, AnalyticsError> {
        let today = self.clock.today();
        let window =
            resolve_window(request.period, request.start_date, request.end_date, today, self.config.max_window_days)?;
        let query = SalesQuery { window, granularity: request.granularity };
        let key = CacheKeys::key(
            CacheScope::Analytics,
            &[
                "sales",
                &roles_key(caller),
                &window.start().to_string(),
                &window.end().to_string(),
                request.granularity.as_str(),
            ],
        );
        self.cache
            .get_or_compute(CacheScope::Analytics, &key, self.config.ttl, || async {
                let since = previous_window(window).start();
                let (products, ledger) =
                    try_join(self.source.products(caller), self.source.sales_since(caller, since)).await?;
                Ok(sales_analytics(&ledger, &products, &query))
            })
            .await
    }
}
