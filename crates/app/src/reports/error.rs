//! Why a report could not be produced.

use domain::report::ReportFormat;
use ports::RenderError;

use crate::AnalyticsError;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The request is wrong; `field` names the offending field.
    #[error("{message}")]
    InvalidRequest { field: &'static str, message: String },
    /// The analytics behind the report failed (bad window, or the system of record).
    #[error(transparent)]
    Analytics(#[from] AnalyticsError),
    /// No renderer is configured for this format.
    #[error("no renderer for {}", .0.as_str())]
    NoRenderer(ReportFormat),
    #[error(transparent)]
    Render(#[from] RenderError),
}
