//! One module per sheet.

pub(crate) mod daily;
pub(crate) mod forecast;
pub(crate) mod overview;
pub(crate) mod products;
pub(crate) mod stock;
