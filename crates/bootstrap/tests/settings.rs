//! Settings: defaults, layering (file, aliases, `APP__`), rejection of unknown keys and bad values,
//! the PROD guard, and secrets kept out of `Debug`.

use bootstrap::settings::{DataSource, Environment, FakeDataset, LogFormat, SmtpTls, load};
use bootstrap::{Adapters, ConfigSources};
use secrecy::ExposeSecret;

const SECRET: &str = "a-java-secret-that-is-at-least-32-bytes-long";

fn load_env(vars: &[(&str, &str)]) -> Result<bootstrap::Settings, String> {
    load(&ConfigSources::from_env(vars.iter().copied())).map(|l| l.settings).map_err(|e| e.to_string())
}

#[test]
fn defaults_are_dev_on_the_upstream_port_with_fake_data() {
    let s = load_env(&[]).unwrap();
    assert_eq!(s.environment, Environment::Dev);
    assert_eq!((s.server.host.as_str(), s.server.port), ("127.0.0.1", 8081));
    assert_eq!(s.data.source, DataSource::Fake);
    assert_eq!(s.data.fake.dataset, FakeDataset::Shop);
    assert_eq!(s.auth.issuer, "salesflow-app");
    assert!(s.auth.jwt_secret.is_none());
    assert!(s.server.cors.allowed_origins.contains(&"http://localhost:5173".to_owned()));
    assert!(!s.server.cors.allowed_origins.iter().any(|o| o.contains("/api")));
    assert_eq!(s.java.base_url, "http://localhost:8080/api/v1");
    assert_eq!(s.notify.smtp.port, 587);
    assert!(s.jobs.scheduler_enabled);
    assert_eq!(s.salesforce.api_version, "59.0");
}

#[test]
fn a_config_directory_overrides_the_embedded_files_and_app_variables_override_both() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("base.yaml"),
        include_str!("../../../configuration/base.yaml").replace("port: 8081", "port: 9000"),
    )
    .unwrap();
    std::fs::write(dir.path().join("dev.yaml"), "environment: dev\nshop:\n  timezone: Europe/Paris\n").unwrap();
    let mut sources = ConfigSources::from_env([("APP__TELEMETRY__LOG_FORMAT", "json")]);
    sources.dir = Some(dir.path().to_owned());
    let s = load(&sources).unwrap().settings;
    assert_eq!(s.server.port, 9000);
    assert_eq!(s.shop.timezone, "Europe/Paris");
    assert_eq!(s.telemetry.log_format, LogFormat::Json);

    sources.env.insert("APP__SERVER__PORT".into(), "9100".into());
    assert_eq!(load(&sources).unwrap().settings.server.port, 9100);
}

#[test]
fn the_seeds_variables_are_accepted_as_aliases() {
    let s = load_env(&[
        ("DEV_MODE", "true"),
        ("JAVA_API_URL", "http://java.internal:8080/api/v1"),
        ("JAVA_JWT_SECRET", SECRET),
        ("REDIS_URL", "redis://127.0.0.1:6379/0"),
        ("SYSTEM_JWT_TOKEN", "eyJhbGciOiJIUzI1NiJ9.e30.x"),
        ("EXPORT_DIR", "/srv/exports"),
        ("SMTP_HOST", "smtp.example.com"),
        ("SMTP_PORT", "2525"),
        ("SMTP_USER", "alerts@example.com"),
        ("SMTP_PASSWORD", "pw"),
        ("ALERT_EMAIL_TO", "ops@example.com, boss@example.com"),
        ("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/X"),
        ("SF_USERNAME", "rev@example.com"),
        ("SF_DOMAIN", "test"),
        ("SF_API_VERSION", "60.0"),
        ("ENABLE_SCHEDULER", "false"),
        ("PORT", "8099"),
    ])
    .unwrap();
    assert_eq!(s.environment, Environment::Dev);
    assert_eq!(s.java.base_url, "http://java.internal:8080/api/v1");
    assert_eq!(s.auth.jwt_secret.unwrap().expose_secret(), SECRET);
    assert_eq!(s.cache.redis_url.unwrap().expose_secret(), "redis://127.0.0.1:6379/0");
    assert!(s.java.system_token.is_some());
    assert_eq!(s.reports.export_dir.to_str(), Some("/srv/exports"));
    assert_eq!(s.notify.smtp.host.as_deref(), Some("smtp.example.com"));
    assert_eq!(s.notify.smtp.port, 2525);
    assert_eq!(s.notify.smtp.username.as_deref(), Some("alerts@example.com"));
    assert_eq!(s.notify.smtp.tls, SmtpTls::Starttls);
    assert_eq!(s.notify.email_to, ["ops@example.com", "boss@example.com"]);
    assert!(s.notify.slack.webhook_url.is_some());
    assert_eq!(s.salesforce.username.as_deref(), Some("rev@example.com"));
    assert_eq!((s.salesforce.domain.as_str(), s.salesforce.api_version.as_str()), ("test", "60.0"));
    assert!(!s.jobs.scheduler_enabled);
    assert_eq!(s.server.port, 8099);
}

#[test]
fn app_variables_win_over_aliases() {
    let s = load_env(&[("PORT", "8099"), ("APP__SERVER__PORT", "8100")]).unwrap();
    assert_eq!(s.server.port, 8100);
}

#[test]
fn unknown_keys_fail_and_name_the_key() {
    let err = load_env(&[("APP__SERVER__PROT", "1")]).unwrap_err();
    assert!(err.contains("prot"), "{err}");
    let err = load_env(&[("APP__NOPE", "1")]).unwrap_err();
    assert!(err.contains("nope"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dev.yaml"), "cache:\n  ttl_secs: 5\n").unwrap();
    let sources = ConfigSources { dir: Some(dir.path().to_owned()), ..ConfigSources::default() };
    let err = load(&sources).unwrap_err().to_string();
    assert!(err.contains("ttl_secs"), "{err}");
}

#[test]
fn bad_values_fail_and_name_the_key() {
    for (vars, key) in [
        (vec![("APP__SERVER__PORT", "eighty")], "server.port"),
        (vec![("PORT", "70000")], "server.port"),
        (vec![("DEV_MODE", "maybe")], "DEV_MODE"),
        (vec![("ENABLE_SCHEDULER", "sometimes")], "ENABLE_SCHEDULER"),
        (vec![("APP__SHOP__TIMEZONE", "Mars/Olympus")], "shop.timezone"),
        (vec![("APP__SHOP__CURRENCY", "euro")], "shop.currency"),
        (vec![("APP__SHOP__LOCALE", "en_GB!")], "shop.locale"),
        (
            vec![("APP__SERVER__CORS__ALLOWED_ORIGINS", "http://10.131.221.179:8080/api/v1")],
            "server.cors.allowed_origins",
        ),
        (vec![("JAVA_API_URL", "localhost:8080")], "java.base_url"),
        (vec![("ALERT_EMAIL_TO", "not-an-address")], "notify.email_to"),
        (vec![("APP__NOTIFY__SMTP__TLS", "ssl3")], "notify.smtp.tls"),
        (vec![("APP__DATA__FAKE__PRODUCTS", "3")], "data.fake.products"),
        (vec![("APP_ENVIRONMENT", "staging")], "environment"),
        (vec![("APP__ML__CLOSED_DAYS", "12-32")], "ml.closed_days"),
        (vec![("APP__ML__PUBLIC_HOLIDAYS", "narnia")], "ml.public_holidays"),
        (vec![("APP__ML__CLOSED_DATES", "2026-02-30")], "ml.closed_dates"),
    ] {
        let err = load_env(&vars).unwrap_err();
        assert!(err.contains(key), "{vars:?}: {err}");
    }
}

#[test]
fn prod_refuses_fakes_and_missing_or_weak_secrets() {
    let err = load_env(&[("DEV_MODE", "false")]).unwrap_err();
    assert!(err.contains("auth.jwt_secret") && err.contains("JAVA_JWT_SECRET"), "{err}");
    let err = load_env(&[("DEV_MODE", "false"), ("JAVA_JWT_SECRET", "short")]).unwrap_err();
    assert!(err.contains("32 bytes"), "{err}");
    let err = load_env(&[("DEV_MODE", "false"), ("JAVA_JWT_SECRET", bootstrap::settings::DEV_JWT_SECRET)]).unwrap_err();
    assert!(err.contains("DEV secret"), "{err}");
    let err = load_env(&[("APP_ENVIRONMENT", "prod"), ("JAVA_JWT_SECRET", SECRET), ("APP__DATA__SOURCE", "fake")])
        .unwrap_err();
    assert!(err.contains("data.source") && err.contains("fake"), "{err}");
}

#[tokio::test]
async fn the_composition_root_also_refuses_fakes_in_prod() {
    // Even settings that slipped past validation (built by hand) cannot wire a fake into PROD.
    let mut s = load_env(&[]).unwrap();
    s.environment = Environment::Prod;
    let err = Adapters::from_settings(&s).await.map(|_| ()).unwrap_err().to_string();
    assert!(err.contains("fake"), "{err}");
    let mut dev = load_env(&[]).unwrap();
    dev.state.backend = bootstrap::settings::StateBackend::Memory;
    let adapters = Adapters::from_settings(&dev).await.unwrap();
    assert!(adapters.summary.sales_source.starts_with("fake"));
    assert_eq!(adapters.summary.notifiers, ["log"]);
}

#[test]
fn secrets_never_appear_in_debug_output() {
    let s = load_env(&[
        ("JAVA_JWT_SECRET", SECRET),
        ("SMTP_PASSWORD", "smtp-pass-123"),
        ("REDIS_URL", "redis://:redis-pass-456@host:6379"),
        ("SF_PASSWORD", "sf-pass-789"),
    ])
    .unwrap();
    let debug = format!("{s:?}");
    for secret in [SECRET, "smtp-pass-123", "redis-pass-456", "sf-pass-789"] {
        assert!(!debug.contains(secret), "{secret} leaked");
    }
    assert!(debug.contains("REDACTED"));
}

#[test]
fn every_settings_key_is_documented_in_the_readme() {
    fn keys(prefix: &str, value: &serde_json::Value, out: &mut Vec<String>) {
        match value.as_object() {
            Some(map) if !map.is_empty() => {
                for (k, v) in map {
                    let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                    keys(&key, v, out);
                }
            }
            _ => out.push(prefix.to_owned()),
        }
    }
    let settings = serde_json::to_value(load_env(&[]).unwrap()).unwrap();
    let mut all = Vec::new();
    keys("", &settings, &mut all);
    let readme = include_str!("../../../README.md");
    let missing: Vec<_> = all.iter().filter(|k| !readme.contains(&format!("| `{k}` |"))).collect();
    assert!(missing.is_empty(), "README.md configuration table lacks {missing:?}");
    assert!(all.len() > 40);
}

#[test]
fn the_deployment_env_example_is_valid_prod_configuration() {
    let text = include_str!("../../../deploy/salesflow.env.example");
    let vars: Vec<(&str, &str)> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .collect();
    let s = load_env(&vars).unwrap();
    assert_eq!(s.environment, Environment::Prod);
    assert_eq!(s.data.source, DataSource::Java);
    assert_eq!(s.shop.timezone, "Africa/Kinshasa");
    assert_eq!(s.telemetry.log_format, LogFormat::Json);
}
