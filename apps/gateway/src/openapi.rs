//! The OpenAPI 3.1 document, generated from the handlers' annotations.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::routes;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .bearer_format("JWT")
            .description(Some("An HS256 access token issued by the Java service (`POST /api/v1/auth/login` there)."))
            .build();
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme("bearer_auth", SecurityScheme::Http(scheme));
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "SalesFlow API",
        description = "Sales and stock analytics, forecasts, anomaly alerts, imports, reports and CRM analytics. \
            Paths and field names of the SalesFlow-Lite service are kept. Every error is \
            `{\"code\", \"message\", \"details\"}` with a stable code (see docs/ERRORS.md).",
    ),
    paths(
        routes::health::get::handler,
        routes::health::ready::handler,
        routes::metrics::handler,
        routes::me::get::handler,
        routes::session::get::handler,
        routes::session::login::handler,
        routes::session::refresh::handler,
        routes::session::logout::handler,
        routes::analytics::sales::handler,
        routes::analytics::stock::handler,
        routes::analytics::stock_alerts::handler,
        routes::ml::forecast::handler,
        routes::ml::batch::handler,
        routes::ml::anomalies::handler,
        routes::reports::generate::handler,
        routes::alerts::list::handler,
        routes::alerts::get::handler,
        routes::alerts::ack::handler,
        routes::excel::upload::handler,
        routes::excel::get::handler,
        routes::excel::commit::handler,
        routes::excel::delete::handler,
        routes::excel::import_sales::handler,
        routes::excel::template::handler,
        routes::report_jobs::submit::handler,
        routes::report_jobs::list::handler,
        routes::report_jobs::status::handler,
        routes::report_jobs::download::handler,
        routes::report_jobs::delete::handler,
        routes::schedules::create::handler,
        routes::schedules::list::handler,
        routes::schedules::get::handler,
        routes::schedules::update::handler,
        routes::schedules::delete::handler,
        routes::schedules::latest::handler,
        routes::crm::summary::handler,
        routes::crm::leads_scores::handler,
        routes::crm::leads_distribution::handler,
        routes::crm::pipeline_health::handler,
        routes::crm::pipeline_funnel::handler,
        routes::crm::churn_risk::handler,
        routes::crm::churn_accounts::handler,
        routes::crm::alerts::handler,
        routes::crm::runs_list::handler,
        routes::crm::runs_create::handler,
        routes::crm::history::handler,
        routes::crm::lead::handler,
        routes::crm::account::handler,
        routes::admin::config::handler,
        routes::admin::invalidate_cache::handler,
    ),
    components(schemas(crate::error::ErrorBody, routes::ml::SeriesFields)),
    modifiers(&BearerAuth),
    tags(
        (name = "Health", description = "Liveness and readiness"),
        (name = "Auth", description = "The caller's identity, and the dashboard's browser sessions (cookies)"),
        (name = "Analytics", description = "Sales and stock KPIs (the upstream's paths and fields)"),
        (name = "Machine learning", description = "Forecasts with intervals, anomaly detection"),
        (name = "Alerts", description = "Alert history and acknowledgement"),
        (name = "Import", description = "Excel/CSV sales import: upload, row-by-row validation, preview, resumable commit"),
        (name = "Reports", description = "PDF and XLSX reports: synchronous, or as jobs to queue, poll and download"),
        (name = "CRM", description = "CRM analytics (lead scoring, pipeline health, churn risk) from the latest stored \
            snapshot. The eight reference endpoints also answer at the reference's paths: `/api/dashboard/summary`, \
            `/api/leads/scores`, `/api/leads/distribution`, `/api/pipeline/health`, `/api/pipeline/funnel`, \
            `/api/churn/risk`, `/api/churn/accounts`, `/api/alerts`."),
        (name = "Operations", description = "Metrics, configuration and cache control"),
    ),
)]
pub(crate) struct ApiDoc;

/// Every documented path: what the dashboard's feature detection reads.
pub(crate) fn documented_paths() -> Vec<String> {
    ApiDoc::openapi().paths.paths.keys().cloned().collect()
}

/// The document as JSON, computed once at start-up.
pub(crate) fn document_json() -> String {
    ApiDoc::openapi().to_json().unwrap_or_else(|_| "{}".to_owned())
}
