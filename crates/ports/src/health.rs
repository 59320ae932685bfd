//! `HealthProbe`: how readiness checks ask an adapter whether its dependency answers.

use async_trait::async_trait;

/// Why a dependency is considered down.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ProbeError(pub String);

/// A cheap liveness check of one external dependency (a ping, a HEAD, a `SELECT 1`).
#[cfg_attr(feature = "mock", mockall::automock)]
#[async_trait]
pub trait HealthProbe: Send + Sync {
    /// Returns once the dependency answered.
    ///
    /// # Errors
    /// MUST return an error when the dependency does not answer correctly; callers bound the
    /// wait with their own timeout.
    async fn check(&self) -> Result<(), ProbeError>;
}
