//! Why an analytics request failed.

use domain::analytics::WindowError;
use ports::SourceError;

#[derive(Debug, thiserror::Error)]
pub enum AnalyticsError {
    /// The request itself is wrong; `field` names the parameter.
    #[error("{message}")]
    InvalidRequest { field: &'static str, message: String },
    /// The system of record failed or refused.
    #[error(transparent)]
    Source(#[from] SourceError),
}

impl From<WindowError> for AnalyticsError {
    fn from(e: WindowError) -> Self {
        Self::InvalidRequest { field: e.field, message: e.message }
    }
}
