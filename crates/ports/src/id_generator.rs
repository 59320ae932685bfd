//! `IdGenerator`: identifiers for what SalesFlow owns (jobs, batches, alerts).

use domain::Uuid;

/// Makes new unique ids; adapters choose the scheme (UUIDv7 in production, a counter in tests).
#[cfg_attr(feature = "mock", mockall::automock)]
pub trait IdGenerator: Send + Sync {
    /// A fresh id, never returned before by this generator.
    fn new_id(&self) -> Uuid;
}
