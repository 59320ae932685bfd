//! Money as an exact fixed-point amount.
//!
//! Sums over millions of sale lines must be exact and fast, so amounts are integers of 1/10 000 of
//! the currency unit (four decimals cover every price the Java service stores) rather than `f64`.
//! The wire format stays a plain JSON number, as the upstream API used.

use std::fmt;
use std::ops::Neg;

/// Number of minor units in one currency unit.
pub const SCALE: i64 = 10_000;

/// An amount of money in the shop's currency, exact to four decimals.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

/// Why a number could not become [`Money`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MoneyError {
    #[error("amount is not a finite number")]
    NotFinite,
    #[error("amount {0} is out of range")]
    OutOfRange(f64),
}

impl Money {
    pub const ZERO: Self = Self(0);

    /// From minor units (1/10 000).
    #[must_use]
    pub const fn from_minor(minor: i64) -> Self {
        Self(minor)
    }

    /// From whole cents, the granularity of most prices.
    #[must_use]
    pub const fn from_cents(cents: i64) -> Self {
        Self(cents * (SCALE / 100))
    }

    /// Rounds a floating amount (as Java sends it) half away from zero to four decimals.
    ///
    /// # Errors
    /// `NotFinite` for NaN/∞, `OutOfRange` beyond ±9.2e14.
    pub fn try_from_f64(value: f64) -> Result<Self, MoneyError> {
        if !value.is_finite() {
            return Err(MoneyError::NotFinite);
        }
        let scaled = (value * SCALE as f64).round();
        if scaled.abs() >= i64::MAX as f64 {
            return Err(MoneyError::OutOfRange(value));
        }
        Ok(Self(scaled as i64))
    }

    #[must_use]
    pub const fn minor(self) -> i64 {
        self.0
    }

    #[must_use]
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / SCALE as f64
    }

    /// Rounded to cents (half away from zero), as reports and the upstream API display it.
    #[must_use]
    pub fn round_to_cents(self) -> f64 {
        let step = SCALE / 100;
        let cents = if self.0 >= 0 { (self.0 + step / 2) / step } else { (self.0 - step / 2) / step };
        cents as f64 / 100.0
    }

    #[must_use]
    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// `self × quantity`, exact to the minor unit (rounded half away from zero).
    #[must_use]
    pub fn times(self, quantity: crate::Quantity) -> Self {
        let product = i128::from(self.0) * i128::from(quantity.milli());
        let half = 500_i128 * product.signum();
        Self(((product + half) / 1000) as i64)
    }
}

impl Neg for Money {
    type Output = Self;
    fn neg(self) -> Self {
        Self(-self.0)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", self.round_to_cents())
    }
}

crate::fixed_point::fixed_point!(Money);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Quantity;

    #[test]
    fn converts_java_doubles_exactly_to_four_decimals() {
        assert_eq!(Money::try_from_f64(2.5).unwrap().minor(), 25_000);
        assert_eq!(Money::try_from_f64(1.8).unwrap().minor(), 18_000);
        assert_eq!(Money::try_from_f64(0.1 + 0.2).unwrap().minor(), 3_000);
        assert!(Money::try_from_f64(f64::NAN).is_err());
        assert!(Money::try_from_f64(1e20).is_err());
    }

    #[test]
    fn multiplies_by_fractional_quantities() {
        let price = Money::try_from_f64(2.5).unwrap();
        assert_eq!(price.times(Quantity::from_units(6)).to_f64(), 15.0);
        let third = Money::try_from_f64(0.3333).unwrap();
        assert_eq!(third.times(Quantity::try_from_f64(1.5).unwrap()).minor(), 5_000);
        assert_eq!((-price).times(Quantity::from_units(2)).to_f64(), -5.0);
    }

    #[test]
    fn rounds_half_away_from_zero_to_cents() {
        assert_eq!(Money::from_minor(12_345).round_to_cents(), 1.23);
        assert_eq!(Money::from_minor(12_350).round_to_cents(), 1.24);
        assert_eq!(Money::from_minor(-12_350).round_to_cents(), -1.24);
        assert_eq!(Money::from_minor(12_350).to_string(), "1.24");
    }

    #[test]
    fn round_trips_through_json_as_a_number() {
        let m = Money::try_from_f64(69.7).unwrap();
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, "69.7");
        assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), m);
    }
}
