//! Checks that need more than a type: formats, ranges, and the PROD guard.

use secrecy::ExposeSecret;

use super::crm::ResultStoreKind;
use super::integrations::{ReportStoreKind, StateBackend};
use super::load::SettingsError;
use super::object_storage::ObjectBackend;
use super::sections::{DataSource, Settings};

/// The HS256 secret DEV mode uses when none is configured, so tokens can be minted locally.
/// Public by design; PROD refuses it.
pub const DEV_JWT_SECRET: &str = "salesflow-dev-secret-not-for-production-use-0000";

fn bad(key: &str, message: impl Into<String>) -> SettingsError {
    SettingsError::invalid(key, message)
}

fn origin_ok(origin: &str) -> bool {
    let Some((scheme, rest)) = origin.split_once("://") else { return false };
    let host_port = rest;
    (scheme == "http" || scheme == "https")
        && !host_port.is_empty()
        && !host_port.contains(['/', '?', '#', '@', ' '])
        && host_port.rsplit_once(':').is_none_or(|(host, port)| !host.is_empty() && port.parse::<u16>().is_ok())
}

fn http_url_ok(url: &str) -> bool {
    url.split_once("://").is_some_and(|(scheme, rest)| {
        (scheme == "http" || scheme == "https") && !rest.is_empty() && !rest.starts_with('/')
    })
}

/// The object-storage backends some store is configured to use.
fn object_backends(s: &Settings) -> Vec<ObjectBackend> {
    let report = match s.reports.store {
        ReportStoreKind::S3 => Some(ObjectBackend::S3),
        ReportStoreKind::Azure => Some(ObjectBackend::Azure),
        ReportStoreKind::Filesystem => None,
    };
    let result = match s.crm.store {
        ResultStoreKind::S3 => Some(ObjectBackend::S3),
        ResultStoreKind::Azure => Some(ObjectBackend::Azure),
        ResultStoreKind::Filesystem | ResultStoreKind::Memory => None,
    };
    let mut out: Vec<ObjectBackend> = report.into_iter().chain(result).collect();
    out.dedup();
    out
}

pub(super) fn validate(s: &Settings) -> Result<(), SettingsError> {
    s.shop
        .timezone
        .parse::<chrono_tz::Tz>()
        .map_err(|_| bad("shop.timezone", format!("unknown IANA time zone {:?}", s.shop.timezone)))?;
    if !(s.shop.currency.len() == 3 && s.shop.currency.bytes().all(|b| b.is_ascii_uppercase())) {
        return Err(bad("shop.currency", format!("{:?} is not an ISO 4217 code such as EUR", s.shop.currency)));
    }
    let locale_ok = |tag: &str| {
        let mut parts = tag.split('-');
        parts.next().is_some_and(|l| (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase()))
            && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
    };
    if !locale_ok(&s.shop.locale) {
        return Err(bad("shop.locale", format!("{:?} is not a BCP 47 tag such as en-GB", s.shop.locale)));
    }
    for origin in &s.server.cors.allowed_origins {
        if !origin_ok(origin) {
            return Err(bad(
                "server.cors.allowed_origins",
                format!("{origin:?} is not an origin (scheme://host[:port], no path)"),
            ));
        }
    }
    if s.server.host.parse::<std::net::IpAddr>().is_err() && s.server.host != "localhost" {
        return Err(bad("server.host", format!("{:?} is not an IP address", s.server.host)));
    }
    let i = &s.imports;
    for (key, value) in [
        ("imports.max_bytes", i.max_bytes),
        ("imports.max_rows", i.max_rows as u64),
        ("imports.max_uncompressed_bytes", i.max_uncompressed_bytes),
        ("imports.preview_rows", i.preview_rows as u64),
        ("imports.errors_page_size", i.errors_page_size as u64),
        ("imports.commit_chunk_size", i.commit_chunk_size as u64),
        ("imports.batch_ttl_secs", i.batch_ttl_secs),
        ("imports.commit_lease_secs", i.commit_lease_secs),
        ("imports.purge_interval_secs", i.purge_interval_secs),
    ] {
        if value == 0 {
            return Err(bad(key, "must be positive"));
        }
    }
    s.crm.engines()?;
    for backend in object_backends(s) {
        s.object_storage.validate(backend)?;
    }
    if s.crm.source == super::crm::CrmSourceKind::Salesforce {
        let config = s.salesforce.adapter_config()?;
        // Credentials go in the sign-in form: never in clear text outside DEV (tests use http).
        if s.is_prod() && !config.login_url.starts_with("https://") {
            return Err(bad("salesforce.instance_url", "PROD signs in to Salesforce over https only"));
        }
    }
    if s.crm.history_runs == 0 {
        return Err(bad("crm.history_runs", "must be positive"));
    }
    if s.server.probe_timeout_ms == 0 {
        return Err(bad("server.probe_timeout_ms", "must be positive"));
    }
    if s.server.json_limit_bytes == 0 || s.server.body_limit_bytes == 0 {
        return Err(bad("server.json_limit_bytes", "limits must be positive"));
    }
    if !http_url_ok(&s.java.base_url) {
        return Err(bad("java.base_url", format!("{:?} is not an http(s) URL", s.java.base_url)));
    }
    if s.java.timeout_ms == 0 || s.java.connect_timeout_ms == 0 {
        return Err(bad("java.timeout_ms", "timeouts must be positive"));
    }
    if s.auth.issuer.trim().is_empty() {
        return Err(bad("auth.issuer", "must not be empty"));
    }
    if s.auth.leeway_secs > 300 {
        return Err(bad("auth.leeway_secs", "at most 300 seconds"));
    }
    let fake = &s.data.fake;
    if fake.products < 10 {
        return Err(bad("data.fake.products", "at least 10, so that every stock status occurs"));
    }
    if !(1..=3660).contains(&fake.days) {
        return Err(bad("data.fake.days", "between 1 and 3660"));
    }
    if fake.sale_lines.is_some_and(|n| n > 50_000_000) {
        return Err(bad("data.fake.sale_lines", "at most 50 000 000"));
    }
    let a = &s.analytics;
    if a.top_n == 0 || a.top_n > a.top_n_max {
        return Err(bad("analytics.top_n", "between 1 and analytics.top_n_max"));
    }
    if a.max_window_days == 0 {
        return Err(bad("analytics.max_window_days", "must be positive"));
    }
    if a.stock.dead_after_days == 0 || a.stock.demand_window_days == 0 || a.stock.urgent_coverage_days == 0 {
        return Err(bad("analytics.stock", "day counts must be positive"));
    }
    let ml = &s.ml;
    if domain::forecast::ModelKind::parse(&ml.default_model).is_none() {
        return Err(bad("ml.default_model", format!("unknown model {:?}", ml.default_model)));
    }
    if ml.history_days < 14 || ml.max_forecast_days == 0 || ml.anomaly_history_days < 14 {
        return Err(bad("ml.history_days", "history of at least 14 days and a positive horizon"));
    }
    if !(ml.anomaly_threshold.is_finite() && ml.anomaly_threshold > 0.0) {
        return Err(bad("ml.anomaly_threshold", "must be a positive number"));
    }
    if let Some(day) =
        ml.closed_days.iter().find(|d| chrono::NaiveDate::parse_from_str(&format!("2024-{d}"), "%Y-%m-%d").is_err())
    {
        return Err(bad("ml.closed_days", format!("{day:?} is not a MM-DD date")));
    }
    if domain::holidays::PublicHolidays::parse(&ml.public_holidays).is_none() {
        return Err(bad("ml.public_holidays", format!("{:?} is not none or england_and_wales", ml.public_holidays)));
    }
    if let Some(day) = ml.closed_dates.iter().find(|d| d.parse::<chrono::NaiveDate>().is_err()) {
        return Err(bad("ml.closed_dates", format!("{day:?} is not a YYYY-MM-DD date")));
    }
    if s.alerts.max_attempts == 0 || s.alerts.delivery_interval_secs == 0 || s.alerts.lease_secs == 0 {
        return Err(bad("alerts.max_attempts", "attempts, interval and lease must be positive"));
    }
    let j = &s.jobs;
    for (field, value) in [
        ("jobs.poll_interval_ms", j.poll_interval_ms),
        ("jobs.max_attempts", u64::from(j.max_attempts)),
        ("jobs.lease_secs", j.lease_secs),
        ("jobs.retention_days", u64::from(j.retention_days)),
        ("jobs.scheduler_interval_secs", j.scheduler_interval_secs),
    ] {
        if value == 0 {
            return Err(bad(field, "must be positive"));
        }
    }
    for (field, cron, zone) in [
        ("jobs.anomaly_check_cron", &j.anomaly_check_cron, s.shop.timezone.as_str()),
        ("jobs.crm_daily_cron", &j.crm_daily_cron, "UTC"),
    ] {
        if !cron.trim().is_empty()
            && let Err(e) = app::Timing::cron(cron, zone)
        {
            return Err(bad(field, e.message));
        }
    }
    if s.java.system_login.is_some() != s.java.system_password.is_some() {
        return Err(bad("java.system_login", "java.system_login and java.system_password go together"));
    }
    if s.state.backend == StateBackend::Postgres && s.state.postgres_url.is_none() {
        return Err(bad("state.postgres_url", "state.backend = postgres needs DATABASE_URL"));
    }
    let schema_ok = |x: &str| {
        !x.is_empty()
            && x.len() < 64
            && x.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            && !x.as_bytes()[0].is_ascii_digit()
    };
    if !schema_ok(&s.state.postgres_schema) {
        return Err(bad("state.postgres_schema", "lower-case letters, digits and _ only"));
    }
    if let Some(url) = s.java.health_url.as_deref().filter(|u| !http_url_ok(u)) {
        return Err(bad("java.health_url", format!("{url:?} is not an http(s) URL")));
    }
    if s.cache.redis_timeout_ms == 0 || s.cache.redis_pool_size == 0 {
        return Err(bad("cache.redis_timeout_ms", "Redis timeout and pool size must be positive"));
    }
    if s.cache.redis_url.as_ref().is_some_and(|u| {
        let u = secrecy::ExposeSecret::expose_secret(u);
        !(u.starts_with("redis://") || u.starts_with("rediss://") || u.starts_with("unix://"))
    }) {
        return Err(bad("cache.redis_url", "expected redis://, rediss:// or unix:// (REDIS_URL)"));
    }
    if s.cache.memory_max_entries == 0 || s.cache.memory_max_bytes == 0 {
        return Err(bad("cache.memory_max_entries", "cache limits must be positive"));
    }
    if let Some(address) = s.notify.email_to.iter().find(|a| !a.contains('@')) {
        return Err(bad("notify.email_to", format!("{address:?} is not an e-mail address")));
    }
    if !s
        .salesforce
        .api_version
        .split_once('.')
        .is_some_and(|(a, b)| a.parse::<u32>().is_ok() && b.parse::<u32>().is_ok())
    {
        return Err(bad("salesforce.api_version", format!("{:?} is not like 59.0", s.salesforce.api_version)));
    }
    if s.is_prod() {
        prod_guard(s)?;
    }
    Ok(())
}

/// PROD never runs on fakes or on a missing, short or public secret.
fn prod_guard(s: &Settings) -> Result<(), SettingsError> {
    let secret = s.auth.jwt_secret.as_ref().map(|x| x.expose_secret().to_owned()).unwrap_or_default();
    if secret.is_empty() {
        return Err(bad("auth.jwt_secret", "PROD requires the Java JWT secret (JAVA_JWT_SECRET)"));
    }
    if secret.len() < 32 {
        return Err(bad("auth.jwt_secret", "must be at least 32 bytes, as the Java service requires for HS256"));
    }
    if secret == DEV_JWT_SECRET {
        return Err(bad("auth.jwt_secret", "the public DEV secret cannot be used in PROD"));
    }
    if s.state.backend == StateBackend::Memory {
        return Err(bad("state.backend", "PROD refuses to keep its state in memory; use sqlite or postgres"));
    }
    if s.data.source == DataSource::Fake {
        return Err(bad("data.source", "PROD refuses to start with the fake data adapter; use `java`"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_must_not_carry_a_path() {
        assert!(origin_ok("http://localhost:5173"));
        assert!(origin_ok("https://app.example.com"));
        assert!(!origin_ok("http://10.131.221.179:8080/api/v1"));
        assert!(!origin_ok("localhost:5173"));
        assert!(!origin_ok("http://host:port"));
        assert!(!origin_ok("*"));
    }
}
