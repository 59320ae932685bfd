//! `SalesSink`: where imported sales are committed (Java `/sales/bulk`).

use std::time::Duration;

use async_trait::async_trait;
use domain::{NewSale, Principal};

/// What the sink accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SinkReceipt {
    /// Number of sales recorded.
    pub recorded: usize,
    /// The sink's own words, for the audit trail (Java answers in plain text).
    pub message: String,
}

/// Why a batch was not recorded. A batch is atomic: on any error nothing of it was recorded.
#[derive(Debug, thiserror::Error)]
pub enum SinkError {
    #[error("the sales sink rejected the caller's credentials")]
    Unauthorized,
    #[error("the sales sink denied access")]
    Forbidden,
    /// The sink refused the content, e.g. Java's `INSUFFICIENT_STOCK`; retrying will not help.
    #[error("the sales sink rejected the batch ({code}): {message}")]
    Rejected { code: String, message: String },
    #[error("the sales sink is unavailable: {reason}")]
    Unavailable { reason: String, retry_after: Option<Duration> },
    #[error("the sales sink sent an invalid response: {reason}")]
    BadResponse { reason: String },
}

/// Write access to the system of record's sales.
#[cfg_attr(feature = "mock", mockall::automock)]
#[async_trait]
pub trait SalesSink: Send + Sync {
    /// Records `sales` atomically: all of them or none.
    ///
    /// # Errors
    /// MUST return `Rejected` when the sink refuses the content (nothing recorded), `Unavailable`
    /// when the outcome is unknown because the sink could not be reached or timed out (callers
    /// must then treat the batch as possibly recorded and reconcile before retrying).
    async fn record(&self, caller: &Principal, sales: &[NewSale]) -> Result<SinkReceipt, SinkError>;
}
