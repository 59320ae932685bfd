//! Settings of the state database, cache, reports, imports, notifications, Salesforce and the
//! job workers (split from `sections.rs` by responsibility: what the process talks to and runs).

use std::path::PathBuf;

use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use super::sections::{redacted, string_or_list};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StateBackend {
    Sqlite,
    Postgres,
    Memory,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StateSettings {
    pub backend: StateBackend,
    pub sqlite_path: PathBuf,
    /// `postgres://…` (`DATABASE_URL`).
    #[serde(default, serialize_with = "redacted")]
    pub postgres_url: Option<SecretString>,
    pub postgres_schema: String,
    pub pool_size: u32,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StockSettings {
    /// In stock with no sale for this many days = dead stock.
    pub dead_after_days: u32,
    /// Days of sales history behind demand rates, coverage and rotation.
    pub demand_window_days: u32,
    /// Coverage below this many days = urgent reorder.
    pub urgent_coverage_days: u32,
    /// Supplier lead time, for suggested reorder quantities.
    pub lead_time_days: u32,
    /// Safety stock, in days of demand, on top of the lead time.
    pub safety_days: u32,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CacheSettings {
    /// `redis://…`; unset = in-process cache only.
    #[serde(default, serialize_with = "redacted")]
    pub redis_url: Option<SecretString>,
    pub memory_max_entries: u64,
    pub memory_max_bytes: u64,
    /// A Redis call slower than this falls back to the in-process cache.
    pub redis_timeout_ms: u64,
    pub redis_pool_size: usize,
    /// After a Redis failure, how long calls skip Redis before trying it again.
    pub redis_retry_after_ms: u64,
    pub analytics_ttl_secs: u64,
    pub ml_ttl_secs: u64,
    pub reports_ttl_secs: u64,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSettings {
    pub export_dir: PathBuf,
    /// Where artifacts are kept: `filesystem` (`export_dir`), `s3` or `azure` (the
    /// `object_storage` section).
    pub store: ReportStoreKind,
}

/// The report artifact store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportStoreKind {
    Filesystem,
    S3,
    Azure,
}

/// The Excel/CSV import pipeline (docs/IMPORT.md).
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ImportSettings {
    /// Largest accepted upload, in bytes.
    pub max_bytes: u64,
    /// Most data rows in one file.
    pub max_rows: usize,
    /// Largest total an `.xlsx`/`.ods` may declare once inflated (zip-bomb guard).
    pub max_uncompressed_bytes: u64,
    /// Normalised rows shown in the upload's preview (and per page of `GET`).
    pub preview_rows: usize,
    /// Errors per page of `GET /api/v1/excel/uploads/{id}`.
    pub errors_page_size: usize,
    /// Sales per call to the sales sink (Java `/sales/bulk`).
    pub commit_chunk_size: usize,
    /// How long an uploaded batch waits for its commit.
    pub batch_ttl_secs: u64,
    /// How long one gateway owns a running commit before another may resume it.
    pub commit_lease_secs: u64,
    /// How often each gateway deletes expired batches.
    pub purge_interval_secs: u64,
    /// Accept quantities such as 2.5 (the Java service stores whole units).
    pub allow_fractional_quantities: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    Starttls,
    Tls,
    None,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpSettings {
    #[serde(default)]
    pub host: Option<String>,
    pub port: u16,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default, serialize_with = "redacted")]
    pub password: Option<SecretString>,
    /// Sender address; the username when unset (as the upstream did).
    #[serde(default)]
    pub from: Option<String>,
    pub tls: SmtpTls,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SlackSettings {
    #[serde(default, serialize_with = "redacted")]
    pub webhook_url: Option<SecretString>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NotifySettings {
    /// Alert recipients (a list, or a comma-separated string).
    #[serde(deserialize_with = "string_or_list")]
    pub email_to: Vec<String>,
    pub smtp: SmtpSettings,
    pub slack: SlackSettings,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SalesforceSettings {
    /// The OAuth 2.0 flow: `auto` (from the credentials present), `client_credentials`,
    /// `password` or `jwt_bearer`.
    #[serde(default)]
    pub flow: super::salesforce::SalesforceFlow,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default, serialize_with = "redacted")]
    pub password: Option<SecretString>,
    #[serde(default, serialize_with = "redacted")]
    pub security_token: Option<SecretString>,
    #[serde(default)]
    pub client_id: Option<String>,
    #[serde(default, serialize_with = "redacted")]
    pub client_secret: Option<SecretString>,
    #[serde(default, serialize_with = "redacted")]
    pub private_key: Option<SecretString>,
    /// `login` (production) or `test` (sandbox), as the seed's `SF_DOMAIN`.
    pub domain: String,
    #[serde(default)]
    pub instance_url: Option<String>,
    pub api_version: String,
    /// The JWT bearer assertion's `aud`; unset = `https://login.salesforce.com` (`https://test…` for `domain: test`).
    #[serde(default)]
    pub jwt_audience: Option<String>,
    /// Per-attempt deadline of a Salesforce call.
    pub timeout_ms: u64,
    /// Extra attempts after a 429 or 503.
    pub retries: u32,
    /// First wait before a retry; it doubles with each attempt (or follows `Retry-After`).
    pub retry_backoff_ms: u64,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct JobSettings {
    /// Run the scheduler (report schedules and built-in jobs) in this process.
    pub scheduler_enabled: bool,
    /// How often the scheduler looks for due ticks.
    pub scheduler_interval_secs: u64,
    /// The daily anomaly check's cron, in `shop.timezone`; empty disables it.
    pub anomaly_check_cron: String,
    /// The CRM daily pipeline's cron, in UTC; empty disables it.
    pub crm_daily_cron: String,
    /// Run the report job worker inside this process (`false`: only `apps/worker` runs jobs).
    pub worker_enabled: bool,
    /// How often an idle worker looks for due jobs.
    pub poll_interval_ms: u64,
    /// Runs per report job before it is marked failed.
    pub max_attempts: u32,
    /// Wait before the second run of a failed job, doubled for each further one.
    pub retry_backoff_secs: u64,
    /// How long a claimed job is reserved for its worker (a killed worker's job is taken again after it).
    pub lease_secs: u64,
    /// Finished report jobs and their files are deleted after this many days.
    pub retention_days: u32,
}
