//! The report document model: what a sales, stock or combined report contains, independent of
//! how it is rendered. The `ReportRenderer` port turns a [`ReportDocument`] into PDF or XLSX
//! bytes; the report use case in `app` assembles the document from the analytics and ML results.

mod figures;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::analytics::{SalesAnalytics, StockAnalytics};
use crate::anomaly::Anomaly;
use crate::forecast::Forecast;

pub use figures::{Figure, Kpi, STATUS_ORDER, grouped, status_label};

/// Which sections a report has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// Sales KPIs, daily revenue, top products, categories.
    Sales,
    /// Stock KPIs, status chart and critical stock only (the upstream's `stock` was a copy of
    /// `combined`: its defect 6).
    Stock,
    /// Sales and stock.
    Combined,
}

impl ReportKind {
    pub const ALL: [Self; 3] = [Self::Sales, Self::Stock, Self::Combined];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sales => "sales",
            Self::Stock => "stock",
            Self::Combined => "combined",
        }
    }

    /// Parses `sales`, `stock` or `combined` (case-insensitive).
    #[must_use]
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str().eq_ignore_ascii_case(raw.trim()))
    }

    #[must_use]
    pub fn has_sales(self) -> bool {
        matches!(self, Self::Sales | Self::Combined)
    }

    #[must_use]
    pub fn has_stock(self) -> bool {
        matches!(self, Self::Stock | Self::Combined)
    }
}

/// The file format of a rendered report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    Pdf,
    Xlsx,
}

impl ReportFormat {
    pub const ALL: [Self; 2] = [Self::Pdf, Self::Xlsx];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Xlsx => "xlsx",
        }
    }

    /// Parses `pdf` or `xlsx`; the upstream's `excel` is accepted for `xlsx`.
    #[must_use]
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "pdf" => Some(Self::Pdf),
            "xlsx" | "excel" => Some(Self::Xlsx),
            _ => None,
        }
    }

    #[must_use]
    pub fn extension(self) -> &'static str {
        self.as_str()
    }

    #[must_use]
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// One day's value of a series.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayValue {
    pub date: NaiveDate,
    pub value: f64,
}

/// An anomaly placed on the calendar.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DatedAnomaly {
    pub date: NaiveDate,
    pub anomaly: Anomaly,
}

/// The forecast section: recent history, the forecast from `first_day` on with its 80 % and
/// 95 % bands, and the anomalies found in the history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForecastSection {
    /// What is forecast, for captions: `"units"` or `"revenue"`.
    pub target: String,
    /// Whose series it is, for captions: `"shop"` or a product's name.
    pub scope: String,
    /// The history shown before the forecast (the most recent days, oldest first).
    pub history: Vec<DayValue>,
    /// The date of `forecast.points[0]`.
    pub first_day: NaiveDate,
    pub forecast: Forecast,
    /// Oldest first.
    pub anomalies: Vec<DatedAnomaly>,
}

/// Everything a rendered report shows, computed once so every format shows the same numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportDocument {
    pub kind: ReportKind,
    /// e.g. "Sales & Stock Analytics Report".
    pub title: String,
    /// The period as the requester named it (`monthly`, or `2026-11-01 – 2026-11-30`).
    pub period_label: String,
    pub generated_at: DateTime<Utc>,
    /// IANA zone the dates are in.
    pub timezone: String,
    /// ISO 4217 code of the amounts (e.g. `EUR`).
    pub currency: String,
    /// Present when `kind.has_sales()`.
    pub sales: Option<SalesAnalytics>,
    /// Present when `kind.has_stock()`.
    pub stock: Option<StockAnalytics>,
    /// Present when the forecast section was asked for and could be computed.
    pub forecast: Option<ForecastSection>,
}

impl ReportKind {
    /// The report's default title.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::Sales => "Sales Analytics Report",
            Self::Stock => "Stock Analytics Report",
            Self::Combined => "Sales & Stock Analytics Report",
        }
    }
}

impl SalesAnalytics {
    /// Revenue of every day of the window, oldest first (for charts and the forecast section).
    #[must_use]
    pub fn daily_revenue(&self) -> Vec<DayValue> {
        self.daily.iter().map(|d| DayValue { date: d.date, value: d.totals.revenue.to_f64() }).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_formats_parse_their_names_and_the_upstream_alias() {
        for kind in ReportKind::ALL {
            assert_eq!(ReportKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(ReportKind::parse("financial"), None);
        assert_eq!(ReportFormat::parse("excel"), Some(ReportFormat::Xlsx));
        assert_eq!(ReportFormat::parse("PDF"), Some(ReportFormat::Pdf));
        assert_eq!(ReportFormat::parse("docx"), None);
        assert!(ReportKind::Combined.has_sales() && ReportKind::Combined.has_stock());
        assert!(!ReportKind::Stock.has_sales() && !ReportKind::Sales.has_stock());
    }
}
