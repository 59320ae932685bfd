//! The settings tree. Field docs are the reference for README's configuration table.

use secrecy::SecretString;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::integrations::{
    CacheSettings, ImportSettings, JobSettings, NotifySettings, ReportSettings, SalesforceSettings, StateSettings,
    StockSettings,
};

/// DEV (fake data, auth bypass) or PROD (real adapters, tokens required).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    #[serde(alias = "development", alias = "local")]
    Dev,
    #[serde(alias = "production")]
    Prod,
}

/// The whole configuration.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub environment: Environment,
    pub server: ServerSettings,
    pub auth: AuthSettings,
    pub telemetry: TelemetrySettings,
    pub shop: ShopSettings,
    pub data: DataSettings,
    pub analytics: AnalyticsSettings,
    pub ml: MlSettings,
    pub alerts: AlertSettings,
    pub state: StateSettings,
    pub java: JavaSettings,
    pub cache: CacheSettings,
    pub reports: ReportSettings,
    pub imports: ImportSettings,
    pub notify: NotifySettings,
    pub salesforce: SalesforceSettings,
    pub crm: super::crm::CrmSettings,
    pub object_storage: super::object_storage::ObjectStorageSettings,
    pub jobs: JobSettings,
    pub docs: DocsSettings,
    pub dashboard: DashboardSettings,
}

impl Settings {
    #[must_use]
    pub fn is_prod(&self) -> bool {
        self.environment == Environment::Prod
    }
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    pub host: String,
    pub port: u16,
    /// HTTP worker threads; 0 = one per core.
    pub workers: usize,
    /// Largest JSON body accepted, in bytes.
    pub json_limit_bytes: usize,
    /// Largest non-JSON body accepted (uploads), in bytes.
    pub body_limit_bytes: usize,
    /// How long in-flight requests may finish after SIGTERM.
    pub shutdown_timeout_secs: u64,
    /// How long a readiness probe may take before its dependency counts as down.
    pub probe_timeout_ms: u64,
    pub cors: CorsSettings,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CorsSettings {
    /// Exact origins (`scheme://host[:port]`), or a comma-separated string.
    #[serde(deserialize_with = "string_or_list")]
    pub allowed_origins: Vec<String>,
    pub max_age_secs: usize,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AuthSettings {
    /// The Java service's HS256 secret, used as raw UTF-8 bytes. Required in PROD.
    #[serde(default, serialize_with = "redacted")]
    pub jwt_secret: Option<SecretString>,
    pub issuer: String,
    /// Clock skew tolerated on `exp`/`nbf`, in seconds.
    pub leeway_secs: u64,
    /// Required `aud` claim; unset = tokens must not be checked for audience (Java sets none).
    #[serde(default)]
    pub audience: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// JSON in PROD, compact in DEV.
    Auto,
    Json,
    Compact,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TelemetrySettings {
    pub log_format: LogFormat,
    /// `tracing` filter directives; `RUST_LOG` wins when set.
    pub log_filter: String,
    /// One log line per HTTP request.
    pub access_log: bool,
    /// Route patterns whose *successful* requests are not access-logged (probe traffic);
    /// their errors always are.
    #[serde(deserialize_with = "string_or_list")]
    pub access_log_skip: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ShopSettings {
    /// IANA time zone of the shop; defines "today" and the day boundaries of every KPI.
    pub timezone: String,
    /// ISO 4217 code of the shop's amounts, printed in reports and the dashboard.
    pub currency: String,
    /// BCP 47 tag for number and date formatting (`en-GB`, `fr-FR`, `de-DE`, …).
    pub locale: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DataSource {
    Fake,
    Java,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DataSettings {
    pub source: DataSource,
    pub fake: FakeSettings,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FakeDataset {
    Shop,
    UpstreamMock,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FakeSettings {
    pub dataset: FakeDataset,
    pub seed: u64,
    pub products: usize,
    pub days: u32,
    #[serde(default)]
    pub sale_lines: Option<u64>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct JavaSettings {
    pub base_url: String,
    pub timeout_ms: u64,
    pub connect_timeout_ms: u64,
    pub retries: u32,
    /// First wait between retries; it doubles with each attempt.
    pub retry_backoff_ms: u64,
    pub pool_max_idle_per_host: usize,
    /// Static token for scheduled jobs (the upstream's `SYSTEM_JWT_TOKEN`).
    #[serde(default, serialize_with = "redacted")]
    pub system_token: Option<SecretString>,
    /// Service account (Java phone number) that scheduled jobs log in as; wins over `system_token`.
    #[serde(default)]
    pub system_login: Option<String>,
    #[serde(default, serialize_with = "redacted")]
    pub system_password: Option<SecretString>,
    /// The service token is refreshed this long before it expires.
    pub system_token_refresh_secs: u64,
    /// What readiness probes; unset = `<origin of base_url>/actuator/health`.
    #[serde(default)]
    pub health_url: Option<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AnalyticsSettings {
    /// Top products listed when the request does not say.
    pub top_n: usize,
    /// Largest `top` a request may ask for.
    pub top_n_max: usize,
    /// Longest explicit date window, in days.
    pub max_window_days: u32,
    pub stock: StockSettings,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MlSettings {
    /// Days of history behind forecasts.
    pub history_days: u32,
    pub max_forecast_days: u32,
    /// `auto` or a strategy name.
    pub default_model: String,
    pub backtest_origins: usize,
    /// Let `auto` try the random forest too (slower).
    pub random_forest_in_auto: bool,
    /// Robust detector threshold (robust z).
    pub anomaly_threshold: f64,
    pub anomaly_min_history: usize,
    /// Days of history anomaly detection looks at.
    pub anomaly_history_days: u32,
    /// Days the shop is closed every year (`MM-DD`): forecast as zero, and zero sales there
    /// are not anomalies.
    #[serde(deserialize_with = "string_or_list")]
    pub closed_days: Vec<String>,
    /// Public-holiday calendar the shop closes on: `none` or `england_and_wales`.
    pub public_holidays: String,
    /// One-off closures (`YYYY-MM-DD`).
    #[serde(deserialize_with = "string_or_list")]
    pub closed_dates: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AlertSettings {
    /// How often pending notifications are delivered.
    pub delivery_interval_secs: u64,
    /// Attempts per channel before a notification is abandoned.
    pub max_attempts: u32,
    /// First retry delay; it doubles with each attempt.
    pub retry_backoff_secs: u64,
    /// How long a worker holds a claimed delivery before another may take it.
    pub lease_secs: u64,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DocsSettings {
    pub enabled: bool,
    /// Require a valid token for `/docs` and the OpenAPI document; unset = only in PROD.
    #[serde(default)]
    pub require_auth: Option<bool>,
}

/// When session cookies carry the `Secure` attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CookieSecurity {
    /// When the request came over HTTPS (directly, or as `Forwarded`/`X-Forwarded-Proto` say).
    Auto,
    Always,
    Never,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DashboardSettings {
    /// Serve the web dashboard at `/` (otherwise `/` redirects to the API documentation).
    pub enabled: bool,
    /// `Secure` attribute of the session cookies: `auto`, `always` or `never`.
    pub secure_cookies: CookieSecurity,
}

/// Accepts `[a, b]` or `"a, b"` (environment variables can only carry strings).
pub(super) fn string_or_list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    let items = match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(s) => s.split(',').map(str::to_owned).collect(),
        OneOrMany::Many(v) => v,
    };
    Ok(items.into_iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect())
}

/// Serialises a secret as `"[REDACTED]"` (or null when unset): the effective configuration can be
/// shown to operators without disclosing it.
pub(super) fn redacted<S: Serializer>(secret: &Option<SecretString>, serializer: S) -> Result<S::Ok, S::Error> {
    match secret {
        Some(_) => serializer.serialize_str("[REDACTED]"),
        None => serializer.serialize_none(),
    }
}
