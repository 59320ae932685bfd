//! The figures every rendering shows, chosen and labelled once so a PDF and an XLSX of the same
//! document can never disagree: KPI rows, the critical-stock list and the stock-status counts.

use crate::StockStatus;
use crate::analytics::ProductStock;

use super::ReportDocument;

/// A KPI's value, typed so each renderer can format it natively (a number format in XLSX,
/// a grouped string in PDF).
#[derive(Clone, Debug, PartialEq)]
pub enum Figure {
    /// An amount in the document's currency.
    Money(f64),
    /// A whole count (transactions, products).
    Count(u64),
    /// Units (may be fractional: goods sold by weight).
    Units(f64),
    /// A percentage, already × 100 (12.5 means 12.5 %).
    Percent(f64),
    /// A plain decimal (rotation per year).
    Decimal(f64),
    /// A number of days.
    Days(f64),
    Text(String),
    /// The figure cannot be computed (no data, division by zero).
    NotAvailable,
}

impl Figure {
    fn percent(value: Option<f64>) -> Self {
        value.map_or(Self::NotAvailable, Self::Percent)
    }

    /// Human text with thousands separators (`1,234.50 EUR`, `12.5 %`, `N/A`).
    #[must_use]
    pub fn display(&self, currency: &str) -> String {
        match self {
            Self::Money(v) => format!("{} {currency}", grouped(*v, 2)),
            Self::Count(n) => grouped(*n as f64, 0),
            Self::Units(v) => grouped(*v, if v.fract() == 0.0 { 0 } else { 2 }),
            Self::Percent(v) => format!("{} %", grouped(*v, 1)),
            Self::Decimal(v) => grouped(*v, 2),
            Self::Days(v) => format!("{} days", grouped(*v, 1)),
            Self::Text(t) => t.clone(),
            Self::NotAvailable => "N/A".into(),
        }
    }
}

/// One labelled figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Kpi {
    pub label: &'static str,
    pub figure: Figure,
}

/// `1234567.891` with 2 dp → `1,234,567.89`.
#[must_use]
pub fn grouped(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text.split_once('.').map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(text.len() + int.len() / 3 + 1);
    // "-0.00" would read as a negative zero.
    if value < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// The words a reader sees for a stock status.
#[must_use]
pub fn status_label(status: StockStatus) -> &'static str {
    match status {
        StockStatus::Ok => "OK",
        StockStatus::LowStock => "Low stock",
        StockStatus::OutOfStock => "Out of stock",
        StockStatus::DeadStock => "Dead stock",
    }
}

/// Statuses in the order reports list them: most urgent first.
pub const STATUS_ORDER: [StockStatus; 4] =
    [StockStatus::OutOfStock, StockStatus::LowStock, StockStatus::DeadStock, StockStatus::Ok];

impl ReportDocument {
    /// Total revenue, quantity, transactions, average ticket, change against the previous
    /// window and the trend hint; empty without sales.
    #[must_use]
    pub fn sales_kpis(&self) -> Vec<Kpi> {
        let Some(s) = &self.sales else { return Vec::new() };
        let t = &s.totals;
        vec![
            Kpi { label: "Total revenue", figure: Figure::Money(t.revenue.to_f64()) },
            Kpi { label: "Total quantity", figure: Figure::Units(t.quantity.to_f64()) },
            Kpi { label: "Transactions", figure: Figure::Count(t.transactions) },
            Kpi { label: "Average ticket", figure: Figure::Money(t.average_ticket().to_f64()) },
            Kpi { label: "Revenue vs previous period", figure: Figure::percent(s.comparison.change.revenue_pct) },
            Kpi {
                label: "Trend",
                figure: s.seasonal_hint.map_or(Figure::NotAvailable, |h| Figure::Text(h.as_str().into())),
            },
        ]
    }

    /// The inventory KPIs; empty without stock.
    #[must_use]
    pub fn stock_kpis(&self) -> Vec<Kpi> {
        let Some(s) = &self.stock else { return Vec::new() };
        let k = &s.kpis;
        let count = |n: usize| Figure::Count(n as u64);
        vec![
            Kpi { label: "Products", figure: count(k.products) },
            Kpi { label: "Total stock value", figure: Figure::Money(k.total_stock_value.to_f64()) },
            Kpi { label: "Out of stock products", figure: count(k.out_of_stock_count) },
            Kpi { label: "Low stock products", figure: count(k.low_stock_count) },
            Kpi { label: "Low stock ratio", figure: Figure::Percent(k.low_stock_ratio) },
            Kpi { label: "Rotation / year", figure: k.rotation_per_year.map_or(Figure::NotAvailable, Figure::Decimal) },
            Kpi { label: "Average coverage", figure: k.avg_coverage_days.map_or(Figure::NotAvailable, Figure::Days) },
            Kpi { label: "Urgent reorders", figure: count(k.urgent_reorder_count) },
            Kpi { label: "Dead stock products", figure: count(k.dead_stock_count) },
        ]
    }

    /// Every product not OK, most urgent status first, then by name.
    #[must_use]
    pub fn critical_stock(&self) -> Vec<&ProductStock> {
        let Some(s) = &self.stock else { return Vec::new() };
        let rank = |status: StockStatus| STATUS_ORDER.iter().position(|x| *x == status).unwrap_or(STATUS_ORDER.len());
        let mut critical: Vec<&ProductStock> = s.products.iter().filter(|p| p.status != StockStatus::Ok).collect();
        critical.sort_by(|a, b| rank(a.status).cmp(&rank(b.status)).then_with(|| a.name.cmp(&b.name)));
        critical
    }

    /// How many products have each status, in [`STATUS_ORDER`]; empty without stock.
    #[must_use]
    pub fn stock_status_counts(&self) -> Vec<(StockStatus, usize)> {
        let Some(s) = &self.stock else { return Vec::new() };
        STATUS_ORDER.iter().map(|st| (*st, s.products.iter().filter(|p| p.status == *st).count())).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouped_inserts_separators_and_keeps_the_sign() {
        assert_eq!(grouped(1_234_567.891, 2), "1,234,567.89");
        assert_eq!(grouped(999.0, 0), "999");
        assert_eq!(grouped(1000.0, 0), "1,000");
        assert_eq!(grouped(-1234.5, 1), "-1,234.5");
        assert_eq!(grouped(-0.001, 2), "0.00");
        assert_eq!(Figure::Percent(12.345).display("EUR"), "12.3 %");
        assert_eq!(Figure::Money(1500.0).display("EUR"), "1,500.00 EUR");
        assert_eq!(Figure::NotAvailable.display("EUR"), "N/A");
    }
}
