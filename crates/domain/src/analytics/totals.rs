//! Sums of sales, and their comparison across periods.

use serde::{Deserialize, Serialize};

use crate::{Money, Quantity};

/// Revenue, units and number of sales (transactions) over some span.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub revenue: Money,
    pub quantity: Quantity,
    pub transactions: u64,
}

impl Totals {
    /// Revenue per transaction; zero without transactions.
    #[must_use]
    pub fn average_ticket(&self) -> Money {
        match i64::try_from(self.transactions) {
            Ok(n) if n > 0 => {
                Money::from_minor(self.revenue.minor() / n + i64::from((self.revenue.minor() % n) * 2 >= n))
            }
            _ => Money::ZERO,
        }
    }

    pub(crate) fn add_sale(&mut self, revenue: Money, quantity: Quantity) {
        self.revenue += revenue;
        self.quantity += quantity;
        self.transactions += 1;
    }
}

/// Relative change of each total from a previous span, in percent; `None` when the previous
/// value is zero (no meaningful percentage).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub revenue_pct: Option<f64>,
    pub quantity_pct: Option<f64>,
    pub transactions_pct: Option<f64>,
    pub average_ticket_pct: Option<f64>,
}

fn pct(current: f64, previous: f64) -> Option<f64> {
    (previous != 0.0).then(|| (current - previous) / previous * 100.0)
}

impl Change {
    #[must_use]
    pub fn between(current: &Totals, previous: &Totals) -> Self {
        Self {
            revenue_pct: pct(current.revenue.to_f64(), previous.revenue.to_f64()),
            quantity_pct: pct(current.quantity.to_f64(), previous.quantity.to_f64()),
            transactions_pct: pct(current.transactions as f64, previous.transactions as f64),
            average_ticket_pct: pct(current.average_ticket().to_f64(), previous.average_ticket().to_f64()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_ticket_rounds_and_survives_zero() {
        let t = Totals { revenue: Money::from_minor(10), quantity: Quantity::ZERO, transactions: 3 };
        assert_eq!(t.average_ticket().minor(), 3);
        let t = Totals { revenue: Money::from_minor(11), quantity: Quantity::ZERO, transactions: 2 };
        assert_eq!(t.average_ticket().minor(), 6);
        assert_eq!(Totals::default().average_ticket(), Money::ZERO);
    }

    #[test]
    fn change_is_none_against_zero() {
        let now = Totals { revenue: Money::from_cents(150), quantity: Quantity::from_units(3), transactions: 3 };
        let before = Totals { revenue: Money::from_cents(100), quantity: Quantity::ZERO, transactions: 2 };
        let c = Change::between(&now, &before);
        assert_eq!(c.revenue_pct, Some(50.0));
        assert_eq!(c.quantity_pct, None);
        assert_eq!(c.transactions_pct, Some(50.0));
        assert_eq!(c.average_ticket_pct, Some(0.0));
    }
}
