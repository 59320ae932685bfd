//! Use case: assemble a report document from the analytics (and the forecast when asked).

use std::sync::Arc;

use chrono::NaiveDateTime;
use domain::analytics::{Granularity, Period};
use domain::report::{DatedAnomaly, DayValue, ForecastSection, ReportDocument, ReportFormat, ReportKind};
use domain::{DateRange, Principal};

use super::{RenderedReport, ReportError, ReportService};
use crate::ml::{AnomalyRequest, ForecastRequest, ProductSelector, Scope, Target};
use crate::{SalesRequest, StockRequest};

/// What to report on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportRequest {
    pub kind: ReportKind,
    /// The window: `period`, or both explicit dates.
    pub sales: SalesRequest,
    /// Adds the forecast section (shop revenue) to reports with sales.
    pub include_forecast: bool,
}

impl ReportRequest {
    /// The upstream's request: a kind and a period, daily buckets, no forecast.
    #[must_use]
    pub fn new(kind: ReportKind, period: Period) -> Self {
        Self {
            kind,
            sales: SalesRequest { period, granularity: Granularity::Day, ..SalesRequest::default() },
            include_forecast: false,
        }
    }

    /// `monthly`, or `2026-11-01_2026-11-30` for explicit dates (safe in file names).
    #[must_use]
    pub fn period_label(&self) -> String {
        match (self.sales.start_date, self.sales.end_date) {
            (Some(s), Some(e)) => format!("{s}_{e}"),
            _ => self.sales.period.as_str().to_owned(),
        }
    }
}

/// `analytics_{kind}_{period}_{YYYY-MM-DD_HH-MM-SS}.{ext}` (the upstream's pattern, shop time).
#[must_use]
pub fn file_name(kind: ReportKind, period_label: &str, at: NaiveDateTime, format: ReportFormat) -> String {
    format!("analytics_{}_{}_{}.{}", kind.as_str(), period_label, at.format("%Y-%m-%d_%H-%M-%S"), format.extension())
}

impl ReportService {
    /// The document for `request`, computed for `caller` (whose token reaches the system of
    /// record). A forecast that cannot be made (too little history) leaves the section out
    /// instead of failing the report.
    ///
    /// # Errors
    /// `Analytics` when the window is invalid or the system of record fails.
    #[tracing::instrument(skip_all, fields(kind = request.kind.as_str()), err)]
    pub async fn document(&self, caller: &Principal, request: &ReportRequest) -> Result<ReportDocument, ReportError> {
        let kind = request.kind;
        let sales = if kind.has_sales() { Some(self.analytics.sales(caller, request.sales).await?) } else { None };
        let stock = if kind.has_stock() {
            let stock_request = StockRequest { period: request.sales.period, dead_after_days: None };
            Some(self.analytics.stock(caller, stock_request).await?)
        } else {
            None
        };
        let forecast = match (&sales, request.include_forecast) {
            (Some(sales), true) => self.forecast_section(caller, &sales.daily_revenue()).await,
            _ => None,
        };
        Ok(ReportDocument {
            kind,
            title: kind.title().to_owned(),
            period_label: match sales.as_ref().map(|s| s.window) {
                Some(w) if request.sales.start_date.is_some() => range_label(w),
                _ => request.sales.period.as_str().to_owned(),
            },
            generated_at: self.clock.now(),
            timezone: self.config.timezone.clone(),
            currency: self.config.currency.clone(),
            sales,
            stock,
            forecast,
        })
    }

    /// Assembles and renders in one go (the synchronous endpoint and the jobs).
    ///
    /// # Errors
    /// As [`ReportService::document`] and [`ReportService::render`].
    pub async fn generate(
        &self,
        caller: &Principal,
        request: &ReportRequest,
        format: ReportFormat,
    ) -> Result<RenderedReport, ReportError> {
        let document = Arc::new(self.document(caller, request).await?);
        let bytes = self.render(document, format).await?;
        let file_name = file_name(request.kind, &request.period_label(), self.clock.now_local(), format);
        Ok(RenderedReport { format, file_name, bytes })
    }

    async fn forecast_section(&self, caller: &Principal, recent: &[DayValue]) -> Option<ForecastSection> {
        let forecast = ForecastRequest {
            scope: Scope::Global,
            product: ProductSelector::default(),
            horizon: self.config.forecast_days,
            model: None,
            target: Target::Revenue,
        };
        let result = match self.ml.forecast(caller, forecast).await {
            Ok(result) => result,
            Err(e) => {
                tracing::warn!(error = %e, "report without forecast section");
                return None;
            }
        };
        let anomalies = AnomalyRequest {
            scope: Scope::Global,
            product: ProductSelector::default(),
            method: domain::anomaly::AnomalyMethod::Robust,
            threshold: None,
            min_history: None,
            causal: false,
            history_days: None,
            target: Target::Revenue,
        };
        let anomalies = match self.ml.anomalies(caller, anomalies).await {
            Ok(found) => found
                .anomalies
                .into_iter()
                .filter(|a| a.flagged)
                .map(|a| DatedAnomaly {
                    date: a.date,
                    anomaly: domain::anomaly::Anomaly {
                        index: 0,
                        value: a.value,
                        expected: a.expected,
                        score: a.score,
                        label: a.label,
                        severity: a.severity,
                        explanation: a.explanation,
                    },
                })
                .collect(),
            Err(e) => {
                tracing::warn!(error = %e, "report forecast section without anomalies");
                Vec::new()
            }
        };
        let shown = recent.len().saturating_sub(self.config.forecast_history_days);
        Some(ForecastSection {
            target: "revenue".into(),
            scope: "shop".into(),
            history: recent[shown..].to_vec(),
            first_day: result.dates.first().copied().unwrap_or(result.history_end),
            forecast: result.forecast,
            anomalies,
        })
    }
}

fn range_label(window: DateRange) -> String {
    format!("{} – {}", window.start(), window.end())
}
