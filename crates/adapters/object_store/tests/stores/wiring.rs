//! The composition root picks these stores from settings (`reports.store`, `crm.store`) and
//! registers a readiness probe for each bucket.

use bootstrap::settings::load;
use bootstrap::{Adapters, ConfigSources};
use chrono::{TimeZone, Utc};
use futures_util::TryStreamExt;
use object_store::ObjectStore;
use ports::{ArtifactKey, SnapshotKey};
use secrecy::ExposeSecret;
use testkit::object_stores::{azure, s3};

async fn adapters(vars: Vec<(String, String)>) -> Adapters {
    let mut env = vec![("APP__STATE__BACKEND".to_owned(), "memory".to_owned())];
    env.extend(vars);
    let settings = load(&ConfigSources::from_env(env.iter().map(|(k, v)| (k.as_str(), v.as_str()))))
        .expect("valid settings")
        .settings;
    Adapters::from_settings(&settings).await.expect("adapters")
}

fn var(key: &str, value: impl Into<String>) -> (String, String) {
    (key.to_owned(), value.into())
}

async fn keys(store: &dyn ObjectStore) -> Vec<String> {
    let listed: Vec<_> = store.list(None).try_collect().await.expect("list");
    let mut keys: Vec<String> = listed.into_iter().map(|m| m.location.to_string()).collect();
    keys.sort();
    keys
}

#[tokio::test]
async fn settings_put_reports_in_s3_and_snapshots_in_azure_with_readiness_probes() {
    let bucket = s3().bucket("wiring", "").await;
    let container = azure().bucket("wiring", "").await;
    let adapters = adapters(vec![
        var("APP__REPORTS__STORE", "s3"),
        var("S3_BUCKET", bucket.bucket.as_str()),
        var("APP__OBJECT_STORAGE__S3__ENDPOINT", s3().endpoint()),
        var("APP__OBJECT_STORAGE__S3__PATH_STYLE", "true"),
        var("APP__OBJECT_STORAGE__S3__ALLOW_HTTP", "true"),
        var("AWS_ACCESS_KEY_ID", "testing"),
        var("AWS_SECRET_ACCESS_KEY", "testing"),
        var("APP__CRM__STORE", "azure"),
        var("AZURE_STORAGE_ACCOUNT", container.account.as_str()),
        var("AZURE_CONTAINER", container.container.as_str()),
        var("AZURE_STORAGE_KEY", container.access_key.expose_secret()),
        var("APP__OBJECT_STORAGE__AZURE__ENDPOINT", azure().endpoint()),
        var("APP__OBJECT_STORAGE__AZURE__ALLOW_HTTP", "true"),
    ])
    .await;
    assert!(adapters.summary.reports.starts_with("s3 ("), "{}", adapters.summary.reports);
    assert!(adapters.summary.result_store.starts_with("azure ("), "{}", adapters.summary.result_store);

    let key = ArtifactKey::parse("reports/2026/12/wired.pdf").expect("key");
    adapters.reports.put(&key, b"%PDF".to_vec()).await.expect("put a report");
    let at = Utc.with_ymd_and_hms(2026, 12, 2, 6, 0, 0).single().expect("instant");
    adapters.result_store.put(&SnapshotKey::new("churn_risk", at).expect("key"), b"{}".to_vec()).await.expect("put");

    // Seen from the bucket roots: the default prefix, then the stores' own layouts.
    let s3_root = adapter_object_store::Bucket::s3(&bucket).expect("root").raw();
    assert_eq!(keys(s3_root.as_ref()).await, ["salesflow/reports/2026/12/wired.pdf"]);
    let azure_root = adapter_object_store::Bucket::azure(&container).expect("root").raw();
    assert_eq!(
        keys(azure_root.as_ref()).await,
        ["salesflow/analytics/churn_risk/year=2026/month=12/day=02/060000_churn_risk.json"]
    );

    for name in ["report_store", "result_store"] {
        let dependency = adapters.dependencies.iter().find(|d| d.name == name).expect(name);
        assert!(!dependency.required, "{name}: the API answers without it");
        dependency.probe.check().await.unwrap_or_else(|e| panic!("{name} is ready: {e}"));
    }
}

#[tokio::test]
async fn a_missing_bucket_makes_the_readiness_probe_fail() {
    let adapters = adapters(vec![
        var("APP__CRM__STORE", "s3"),
        var("S3_BUCKET", "no-such-bucket-anywhere"),
        var("APP__OBJECT_STORAGE__S3__ENDPOINT", s3().endpoint()),
        var("APP__OBJECT_STORAGE__S3__PATH_STYLE", "true"),
        var("APP__OBJECT_STORAGE__S3__ALLOW_HTTP", "true"),
        var("AWS_ACCESS_KEY_ID", "testing"),
        var("AWS_SECRET_ACCESS_KEY", "testing"),
    ])
    .await;
    let probe = adapters.dependencies.iter().find(|d| d.name == "result_store").expect("a probe");
    let err = probe.probe.check().await.expect_err("the bucket does not exist");
    assert!(err.to_string().contains("no-such-bucket-anywhere"), "{err}");
}
