//! Alerts: what SalesFlow tells humans about (anomalies, CRM risks, stock), deduplicated and
//! acknowledged, delivered through notification channels.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Notification, ProductId, Severity};

/// Which pipeline raised an alert.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertSource {
    Anomaly,
    Stock,
    Crm,
}

impl AlertSource {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Anomaly => "anomaly",
            Self::Stock => "stock",
            Self::Crm => "crm",
        }
    }

    #[must_use]
    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Anomaly, Self::Stock, Self::Crm].into_iter().find(|s| s.as_str() == raw)
    }
}

/// Open until a human acknowledges it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertStatus {
    Open,
    Acknowledged,
}

impl AlertStatus {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Acknowledged => "acknowledged",
        }
    }

    #[must_use]
    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Open, Self::Acknowledged].into_iter().find(|s| s.as_str() == raw)
    }
}

/// What makes two alerts "the same": one per (source, scope, product, date, kind). The same
/// anomaly found again on the next run (or cache miss) never notifies twice.
#[must_use]
pub fn dedup_key(
    source: AlertSource,
    scope: &str,
    product: Option<ProductId>,
    date: Option<NaiveDate>,
    kind: &str,
) -> String {
    let product = product.map_or_else(|| "-".to_owned(), |p| p.to_string());
    let date = date.map_or_else(|| "-".to_owned(), |d| d.to_string());
    format!("{}:{scope}:{product}:{date}:{kind}", source.as_str())
}

/// One alert as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    pub id: Uuid,
    pub dedup_key: String,
    pub source: AlertSource,
    /// `HIGH_SPIKE`, `ZERO_DROP`, `Pipeline Health`, …
    pub kind: String,
    pub severity: Severity,
    /// `GLOBAL`, `PRODUCT`, or a CRM scope.
    pub scope: String,
    pub product_id: Option<ProductId>,
    /// The business date the alert is about (the anomalous day), if any.
    pub date: Option<NaiveDate>,
    pub title: String,
    pub message: String,
    pub created_at: DateTime<Utc>,
    pub status: AlertStatus,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub acknowledged_by: Option<String>,
}

impl Alert {
    /// The message a channel delivers.
    #[must_use]
    pub fn notification(&self) -> Notification {
        Notification { title: self.title.clone(), body: self.message.clone(), severity: self.severity }
    }
}
