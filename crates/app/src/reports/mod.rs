//! The reports pipeline: analytics (and optionally the forecast) → one [`ReportDocument`] →
//! a renderer per format. Used by the synchronous upstream endpoint, the report jobs and the
//! scheduled reports alike, so every path shows the same figures.

mod document;
mod error;
mod jobs;

use std::sync::Arc;

use domain::report::{ReportDocument, ReportFormat};
use ports::{Clock, ReportRenderer};

use crate::{AnalyticsService, MlService};

pub use document::{ReportRequest, file_name};
pub use error::ReportError;
pub use jobs::{JobConfig, JobError, JobRequest, ReportJobService, StepOutcome};

/// What a report shows beyond the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportConfig {
    /// ISO 4217 code printed with amounts.
    pub currency: String,
    /// IANA zone of the shop (dates and the file name's timestamp).
    pub timezone: String,
    /// Days forecast in the forecast section.
    pub forecast_days: usize,
    /// Days of history drawn before the forecast.
    pub forecast_history_days: usize,
}

impl Default for ReportConfig {
    fn default() -> Self {
        Self { currency: "EUR".into(), timezone: "UTC".into(), forecast_days: 28, forecast_history_days: 90 }
    }
}

/// A rendered report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderedReport {
    pub format: ReportFormat,
    /// `analytics_<kind>_<period>_<YYYY-MM-DD_HH-MM-SS>.<ext>`, the upstream's pattern.
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Builds and renders reports.
pub struct ReportService {
    analytics: Arc<AnalyticsService>,
    ml: Arc<MlService>,
    renderers: Vec<Arc<dyn ReportRenderer>>,
    clock: Arc<dyn Clock>,
    config: ReportConfig,
}

impl std::fmt::Debug for ReportService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let formats: Vec<_> = self.renderers.iter().map(|r| r.format()).collect();
        f.debug_struct("ReportService").field("formats", &formats).field("config", &self.config).finish_non_exhaustive()
    }
}

impl ReportService {
    #[must_use]
    pub fn new(
        analytics: Arc<AnalyticsService>,
        ml: Arc<MlService>,
        renderers: Vec<Arc<dyn ReportRenderer>>,
        clock: Arc<dyn Clock>,
        config: ReportConfig,
    ) -> Self {
        Self { analytics, ml, renderers, clock, config }
    }

    #[must_use]
    pub fn config(&self) -> &ReportConfig {
        &self.config
    }

    /// The formats a renderer is configured for.
    #[must_use]
    pub fn formats(&self) -> Vec<ReportFormat> {
        self.renderers.iter().map(|r| r.format()).collect()
    }

    /// Renders `document` as `format`.
    ///
    /// # Errors
    /// `NoRenderer` when no renderer produces `format`; `Render` when rendering fails.
    pub async fn render(&self, document: Arc<ReportDocument>, format: ReportFormat) -> Result<Vec<u8>, ReportError> {
        let renderer = self.renderers.iter().find(|r| r.format() == format).ok_or(ReportError::NoRenderer(format))?;
        Ok(renderer.render(document).await?)
    }
}
