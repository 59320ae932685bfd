//! Quantities of goods, exact to 1/1000 of a unit.
//!
//! Java stores whole units, but imports may carry decimal quantities (kilograms, litres) and the
//! upstream bug of truncating 2.9 to 2 must be impossible, so a quantity is an integer of
//! thousandths.

use std::fmt;

/// A quantity of goods in thousandths of a unit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quantity(i64);

/// Why a number could not become a [`Quantity`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum QuantityError {
    #[error("quantity is not a finite number")]
    NotFinite,
    #[error("quantity {0} is out of range")]
    OutOfRange(f64),
}

impl Quantity {
    pub const ZERO: Self = Self(0);

    #[must_use]
    pub const fn from_units(units: i64) -> Self {
        Self(units * 1000)
    }

    #[must_use]
    pub const fn from_milli(milli: i64) -> Self {
        Self(milli)
    }

    /// Rounds to the nearest thousandth.
    ///
    /// # Errors
    /// `NotFinite` for NaN/∞, `OutOfRange` beyond ±9.2e15.
    pub fn try_from_f64(value: f64) -> Result<Self, QuantityError> {
        if !value.is_finite() {
            return Err(QuantityError::NotFinite);
        }
        let scaled = (value * 1000.0).round();
        if scaled.abs() >= i64::MAX as f64 {
            return Err(QuantityError::OutOfRange(value));
        }
        Ok(Self(scaled as i64))
    }

    #[must_use]
    pub const fn milli(self) -> i64 {
        self.0
    }

    #[must_use]
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / 1000.0
    }

    #[must_use]
    pub const fn is_positive(self) -> bool {
        self.0 > 0
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 % 1000 == 0 { write!(f, "{}", self.0 / 1000) } else { write!(f, "{}", self.to_f64()) }
    }
}

crate::fixed_point::fixed_point!(Quantity);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_decimal_quantities_without_truncation() {
        assert_eq!(Quantity::try_from_f64(2.9).unwrap().milli(), 2_900);
        assert_eq!(Quantity::try_from_f64(0.5).unwrap().to_f64(), 0.5);
        assert!(Quantity::try_from_f64(f64::INFINITY).is_err());
        assert_eq!(Quantity::from_units(3).to_string(), "3");
        assert_eq!(Quantity::from_milli(2_500).to_string(), "2.5");
    }
}
