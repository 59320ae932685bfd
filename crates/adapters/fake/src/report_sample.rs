//! A complete report document computed from the fake shop (real analytics, a real forecast and
//! real anomalies), so renderer tests and benchmarks exercise every section with realistic sizes.

use std::sync::Arc;

use chrono::{Days, NaiveDate, NaiveDateTime, TimeZone, Utc};
use domain::DateRange;
use domain::analytics::{Granularity, SalesQuery, StockPolicy, StockQuery, sales_analytics, stock_analytics};
use domain::anomaly::{AnomalyConfig, detect_robust};
use domain::forecast::{ForecastInput, ForecastOptions, forecast};
use domain::report::{DatedAnomaly, ForecastSection, ReportDocument, ReportKind};
use ports::Clock;

use crate::{Dataset, FakeShop, FakeShopConfig};

/// What the sample covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SampleReport {
    pub kind: ReportKind,
    /// Days in the report window (ending `today`).
    pub days: u32,
    /// Products in the shop (at least 10).
    pub products: usize,
    /// Adds the forecast section (needs sales).
    pub forecast: bool,
    pub today: NaiveDate,
}

impl SampleReport {
    /// A 90-day report of a 60-product shop, ending 2026-11-30.
    #[must_use]
    pub fn new(kind: ReportKind) -> Self {
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default();
        Self { kind, days: 90, products: 60, forecast: false, today }
    }

    #[must_use]
    pub fn days(mut self, days: u32) -> Self {
        self.days = days;
        self
    }

    #[must_use]
    pub fn products(mut self, products: usize) -> Self {
        self.products = products;
        self
    }

    #[must_use]
    pub fn with_forecast(mut self) -> Self {
        self.forecast = true;
        self
    }

    /// Generates the shop and computes the document.
    #[must_use]
    pub fn build(&self) -> ReportDocument {
        let clock = Arc::new(DayClock(self.today));
        let config =
            FakeShopConfig { seed: 42, products: self.products, days: (self.days * 2).max(120) + 1, sale_lines: None };
        let shop = FakeShop::new(Dataset::Shop(config), clock);
        let (ledger, catalogue) = (shop.history(), shop.catalogue());
        let window = DateRange::ending(self.today, self.days);
        let sales = self
            .kind
            .has_sales()
            .then(|| sales_analytics(&ledger, &catalogue, &SalesQuery { window, granularity: Granularity::Day }));
        let stock = self.kind.has_stock().then(|| {
            let query = StockQuery {
                today: self.today,
                observed_since: self.today - Days::new(119),
                demand_window: DateRange::ending(self.today, 28),
                period_window: window,
                policy: StockPolicy { dead_after_days: 60, urgent_coverage_days: 7, lead_time_days: 7, safety_days: 3 },
            };
            stock_analytics(&ledger, &catalogue, &query)
        });
        let forecast = match (&sales, self.forecast) {
            (Some(sales), true) => forecast_section(&sales.daily_revenue(), self.today),
            _ => None,
        };
        ReportDocument {
            kind: self.kind,
            title: self.kind.title().to_owned(),
            period_label: format!("{} – {}", window.start(), window.end()),
            generated_at: Utc.from_utc_datetime(&self.today.and_hms_opt(18, 30, 0).unwrap_or_default()),
            timezone: "Europe/Berlin".into(),
            currency: "EUR".into(),
            sales,
            stock,
            forecast,
        }
    }
}

fn forecast_section(history: &[domain::report::DayValue], today: NaiveDate) -> Option<ForecastSection> {
    let values: Vec<f64> = history.iter().map(|d| d.value).collect();
    let input = ForecastInput { history: &values, season: 7, horizon: 28, holidays: None };
    let result = forecast(&input, &ForecastOptions::default()).ok()?;
    let anomalies = detect_robust(&values, &AnomalyConfig::default(), None)
        .into_iter()
        .filter_map(|a| history.get(a.index).map(|d| DatedAnomaly { date: d.date, anomaly: a }))
        .collect();
    Some(ForecastSection {
        target: "revenue".into(),
        scope: "shop".into(),
        history: history.to_vec(),
        first_day: today + Days::new(1),
        forecast: result,
        anomalies,
    })
}

/// "Today" at noon, in UTC.
struct DayClock(NaiveDate);

impl Clock for DayClock {
    fn now(&self) -> chrono::DateTime<Utc> {
        self.now_local().and_utc()
    }

    fn now_local(&self) -> NaiveDateTime {
        self.0.and_hms_opt(12, 0, 0).unwrap_or_default()
    }
}
