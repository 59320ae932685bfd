//! The seeds' environment variables, accepted as aliases of settings keys so that a `.env` written
//! for the Python service keeps working.

use std::collections::BTreeMap;

use super::load::SettingsError;

/// (variable, settings key). `APP__…` variables override these.
pub(super) const ALIASES: &[(&str, &str)] = &[
    ("DEV_MODE", "environment"),
    ("PORT", "server.port"),
    ("RUST_LOG", "telemetry.log_filter"),
    ("JAVA_API_URL", "java.base_url"),
    ("JAVA_JWT_SECRET", "auth.jwt_secret"),
    ("SYSTEM_JWT_TOKEN", "java.system_token"),
    ("REDIS_URL", "cache.redis_url"),
    ("DATABASE_URL", "state.postgres_url"),
    ("EXPORT_DIR", "reports.export_dir"),
    ("S3_BUCKET", "object_storage.s3.bucket"),
    ("AWS_REGION", "object_storage.s3.region"),
    ("AWS_ACCESS_KEY_ID", "object_storage.s3.access_key_id"),
    ("AWS_SECRET_ACCESS_KEY", "object_storage.s3.secret_access_key"),
    ("AZURE_STORAGE_ACCOUNT", "object_storage.azure.account"),
    ("AZURE_STORAGE_KEY", "object_storage.azure.access_key"),
    ("AZURE_CONTAINER", "object_storage.azure.container"),
    ("SMTP_HOST", "notify.smtp.host"),
    ("SMTP_PORT", "notify.smtp.port"),
    ("SMTP_USER", "notify.smtp.username"),
    ("SMTP_PASSWORD", "notify.smtp.password"),
    ("SMTP_FROM", "notify.smtp.from"),
    ("SMTP_TLS", "notify.smtp.tls"),
    ("ALERT_EMAIL_TO", "notify.email_to"),
    ("SLACK_WEBHOOK_URL", "notify.slack.webhook_url"),
    ("SF_USERNAME", "salesforce.username"),
    ("SF_PASSWORD", "salesforce.password"),
    ("SF_SECURITY_TOKEN", "salesforce.security_token"),
    ("SF_CLIENT_ID", "salesforce.client_id"),
    ("SF_CLIENT_SECRET", "salesforce.client_secret"),
    ("SF_PRIVATE_KEY", "salesforce.private_key"),
    ("SF_DOMAIN", "salesforce.domain"),
    ("SF_INSTANCE_URL", "salesforce.instance_url"),
    ("SF_API_VERSION", "salesforce.api_version"),
    ("ENABLE_SCHEDULER", "jobs.scheduler_enabled"),
];

/// Parses the upstream's boolean spellings.
pub(super) fn parse_bool(var: &str, raw: &str) -> Result<bool, SettingsError> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "y" | "on" => Ok(true),
        "false" | "0" | "no" | "n" | "off" => Ok(false),
        _ => Err(SettingsError::invalid(var, format!("expected true or false, got {raw:?}"))),
    }
}

/// Maps alias variables present in `env` to `(settings key, value)` pairs, plus warnings for
/// variables that look like aliases but are not known (`SF_*`, `SMTP_*`).
pub(super) fn collect(
    env: &BTreeMap<String, String>,
) -> Result<(BTreeMap<String, String>, Vec<String>), SettingsError> {
    let mut values = BTreeMap::new();
    for (var, key) in ALIASES {
        let Some(raw) = env.get(*var).filter(|v| !v.is_empty()) else { continue };
        let value = match *var {
            "DEV_MODE" => if parse_bool(var, raw)? { "dev" } else { "prod" }.to_owned(),
            "ENABLE_SCHEDULER" => parse_bool(var, raw)?.to_string(),
            _ => raw.clone(),
        };
        values.insert((*key).to_owned(), value);
    }
    let warnings = env
        .keys()
        .filter(|k| (k.starts_with("SF_") || k.starts_with("SMTP_")) && !ALIASES.iter().any(|(var, _)| var == k))
        .map(|k| format!("environment variable {k} is not a SalesFlow setting and is ignored"))
        .collect();
    Ok((values, warnings))
}
