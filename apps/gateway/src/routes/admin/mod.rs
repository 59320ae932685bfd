//! Operator endpoints (Java ADMIN role).

pub(crate) mod config;
pub(crate) mod invalidate_cache;
