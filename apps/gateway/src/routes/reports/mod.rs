//! The report routes: the upstream's synchronous generation, and the mapping of report errors.

pub(crate) mod generate;

use app::ReportError;
use ports::RenderError;

use crate::error::{ApiError, ErrorCode};

impl From<ReportError> for ApiError {
    fn from(e: ReportError) -> Self {
        match e {
            ReportError::InvalidRequest { field, message } => crate::body::invalid(field, message),
            ReportError::Analytics(inner) => inner.into(),
            ReportError::NoRenderer(format) => {
                ApiError::new(ErrorCode::InvalidBody, format!("no renderer is configured for {}", format.as_str()))
                    .with_details(serde_json::json!({ "field": "format" }))
            }
            ReportError::Render(RenderError::Invalid(message)) => ApiError::new(ErrorCode::InvalidBody, message)
                .with_details(serde_json::json!({ "field": "report_type" })),
            ReportError::Render(failed @ RenderError::Failed(_)) => ApiError::internal(failed),
        }
    }
}
