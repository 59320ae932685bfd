//! Alert history: list with filters and paging, read one, acknowledge.

pub(crate) mod ack;
pub(crate) mod get;
pub(crate) mod list;

use domain::alert::Alert;
use ports::AlertStoreError;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{ApiError, ErrorCode};

#[derive(Serialize, ToSchema)]
pub(crate) struct AlertDto {
    id: String,
    /// `anomaly`, `stock` or `crm`.
    source: &'static str,
    /// `HIGH_SPIKE`, `ZERO_DROP`, …
    #[serde(rename = "type")]
    kind: String,
    /// `INFO`, `LOW`, `MEDIUM`, `HIGH` or `CRITICAL`.
    severity: &'static str,
    scope: String,
    product_id: Option<u64>,
    date: Option<String>,
    title: String,
    message: String,
    created_at: String,
    /// `open` or `acknowledged`.
    status: &'static str,
    acknowledged_at: Option<String>,
    acknowledged_by: Option<String>,
}

impl From<&Alert> for AlertDto {
    fn from(a: &Alert) -> Self {
        Self {
            id: a.id.to_string(),
            source: a.source.as_str(),
            kind: a.kind.clone(),
            severity: a.severity.as_str(),
            scope: a.scope.clone(),
            product_id: a.product_id.map(domain::ProductId::get),
            date: a.date.map(|d| d.to_string()),
            title: a.title.clone(),
            message: a.message.clone(),
            created_at: a.created_at.to_rfc3339(),
            status: a.status.as_str(),
            acknowledged_at: a.acknowledged_at.map(|t| t.to_rfc3339()),
            acknowledged_by: a.acknowledged_by.clone(),
        }
    }
}

impl From<AlertStoreError> for ApiError {
    fn from(e: AlertStoreError) -> Self {
        match e {
            AlertStoreError::NotFound(id) => ApiError::not_found(format!("no alert {id}")),
            AlertStoreError::Unavailable(reason) => {
                ApiError::new(ErrorCode::StateUnavailable, "the alert store is unavailable")
                    .with_details(serde_json::json!({ "reason": reason }))
            }
        }
    }
}

fn parse_id(raw: &str) -> Result<domain::Uuid, ApiError> {
    domain::Uuid::parse_str(raw)
        .map_err(|_| ApiError::new(ErrorCode::InvalidPath, format!("{raw:?} is not an alert id")))
}
