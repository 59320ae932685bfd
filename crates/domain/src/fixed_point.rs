//! What [`Money`](crate::Money) and [`Quantity`](crate::Quantity) share: integer arithmetic and a
//! plain-number wire format.

/// Implements `Add`, `AddAssign`, `Sub`, `Sum` over the inner integer, and serde as an `f64`
/// through the type's `to_f64` / `try_from_f64`.
macro_rules! fixed_point {
    ($t:ident) => {
        impl std::ops::Add for $t {
            type Output = Self;
            fn add(self, rhs: Self) -> Self {
                Self(self.0 + rhs.0)
            }
        }

        impl std::ops::AddAssign for $t {
            fn add_assign(&mut self, rhs: Self) {
                self.0 += rhs.0;
            }
        }

        impl std::ops::Sub for $t {
            type Output = Self;
            fn sub(self, rhs: Self) -> Self {
                Self(self.0 - rhs.0)
            }
        }

        impl std::iter::Sum for $t {
            fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
                Self(iter.map(|x| x.0).sum())
            }
        }

        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_f64(self.to_f64())
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <f64 as serde::Deserialize>::deserialize(deserializer)?;
                Self::try_from_f64(value).map_err(serde::de::Error::custom)
            }
        }
    };
}

pub(crate) use fixed_point;
