//! `ReportRenderer`: turns a report document into the bytes of one file format (PDF, XLSX).

use std::sync::Arc;

use async_trait::async_trait;
use domain::report::{ReportDocument, ReportFormat};

/// Why a report could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The document cannot be rendered in this format (e.g. too large); retrying will not help.
    #[error("report cannot be rendered: {0}")]
    Invalid(String),
    /// The renderer failed (a bug or a resource problem); the job may be retried.
    #[error("report rendering failed: {0}")]
    Failed(String),
}

/// One output format. Rendering is CPU-bound: adapters run it off the async executor.
#[cfg_attr(feature = "mock", mockall::automock)]
#[async_trait]
pub trait ReportRenderer: Send + Sync {
    /// The format this renderer produces.
    fn format(&self) -> ReportFormat;

    /// The complete file for `document`. The same document always yields the same figures in
    /// every format.
    ///
    /// # Errors
    /// MUST return `Invalid` when the document cannot be rendered in this format, and `Failed`
    /// for anything that might succeed on a retry.
    async fn render(&self, document: Arc<ReportDocument>) -> Result<Vec<u8>, RenderError>;
}
