//! The upstream's ML request fields (reference §2.4–§2.5) and their validation.

use app::ml::{ProductSelector, Scope, Target};
use domain::analytics::Period;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::body::invalid;
use crate::error::ApiError;

/// Fields shared by forecasts and anomaly detection. Unknown fields are ignored, as the
/// upstream's models did.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct SeriesFields {
    /// `GLOBAL` (the whole shop) or `PRODUCT`.
    #[schema(value_type = String, example = "PRODUCT")]
    pub(crate) scope: Scope,
    /// With `PRODUCT`: the product's sku (first choice), name, or id.
    pub(crate) sku: Option<String>,
    pub(crate) name: Option<String>,
    pub(crate) product_id: Option<u64>,
    /// Echoed back (`daily` by default).
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub(crate) period: Period,
    /// `units` (default) or `revenue`.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub(crate) target: Target,
}

impl SeriesFields {
    /// The product selector; `PRODUCT` without any way to name the product is a 422 (the
    /// upstream's rule), and `GLOBAL` ignores product fields.
    pub(crate) fn selector(&self) -> Result<ProductSelector, ApiError> {
        let trimmed = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        match self.scope {
            Scope::Global => Ok(ProductSelector::default()),
            Scope::Product => {
                let selector =
                    ProductSelector { sku: trimmed(&self.sku), name: trimmed(&self.name), product_id: self.product_id };
                if selector.sku.is_none() && selector.name.is_none() && selector.product_id.is_none() {
                    return Err(invalid(
                        "sku",
                        "at least one of sku, name or product_id is required when scope=PRODUCT",
                    ));
                }
                Ok(selector)
            }
        }
    }
}
