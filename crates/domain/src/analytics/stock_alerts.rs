//! Stock alerts with severities: the legacy ratio rule (reference §3.4).

use serde::{Deserialize, Serialize};

use super::stock::{ProductStock, StockAnalytics};
use crate::{ProductId, Quantity, Severity};

/// A product below its minimum stock.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StockAlert {
    pub product_id: ProductId,
    pub name: String,
    /// current ÷ minimum.
    pub ratio: f64,
    pub severity: Severity,
    pub message: String,
    pub current_stock: Quantity,
    pub min_stock: Quantity,
    pub suggested_reorder_quantity: Quantity,
    pub coverage_days: Option<f64>,
}

/// `current < minimum` raises an alert; `ratio ≤ 0.25` is HIGH, `≤ 0.5` MEDIUM, else LOW.
#[must_use]
pub fn severity(current: Quantity, minimum: Quantity) -> Option<(f64, Severity)> {
    if current >= minimum || !minimum.is_positive() {
        return None;
    }
    let ratio = (current.to_f64() / minimum.to_f64()).max(0.0);
    let severity = if ratio <= 0.25 {
        Severity::High
    } else if ratio <= 0.5 {
        Severity::Medium
    } else {
        Severity::Low
    };
    Some((ratio, severity))
}

fn alert(p: &ProductStock) -> Option<StockAlert> {
    let (ratio, severity) = severity(p.current_stock, p.min_stock)?;
    Some(StockAlert {
        product_id: p.product_id,
        name: p.name.clone(),
        ratio,
        severity,
        message: format!("{} is below minimum stock", p.name),
        current_stock: p.current_stock,
        min_stock: p.min_stock,
        suggested_reorder_quantity: p.suggested_reorder_quantity,
        coverage_days: p.coverage_days,
    })
}

/// Every alert, most severe first, then lowest ratio, then catalogue order.
#[must_use]
pub fn stock_alerts(analytics: &StockAnalytics) -> Vec<StockAlert> {
    let mut alerts: Vec<StockAlert> = analytics.products.iter().filter_map(alert).collect();
    alerts.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.ratio.total_cmp(&b.ratio)));
    alerts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_ratio_rule() {
        let q = Quantity::from_units;
        // The legacy DEV mock: Milk 3/10, Bread 12/5, Sugar 1/8, Rice 6/6.
        assert_eq!(severity(q(3), q(10)), Some((0.3, Severity::Medium)));
        assert_eq!(severity(q(12), q(5)), None);
        assert_eq!(severity(q(1), q(8)), Some((0.125, Severity::High)));
        assert_eq!(severity(q(6), q(6)), None);
        assert_eq!(severity(q(0), q(10)), Some((0.0, Severity::High)));
        assert_eq!(severity(q(5), q(10)).map(|s| s.1), Some(Severity::Medium));
        assert_eq!(severity(q(6), q(10)).map(|s| s.1), Some(Severity::Low));
    }
}
