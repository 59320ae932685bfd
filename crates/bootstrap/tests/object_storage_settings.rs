//! The `object_storage` section and the `reports.store` / `crm.store` choices: defaults,
//! aliases, and refusal of incomplete or malformed buckets naming the key.

use bootstrap::ConfigSources;
use bootstrap::settings::{ReportStoreKind, ResultStoreKind, load};
use secrecy::ExposeSecret;

fn load_env(vars: &[(&str, &str)]) -> Result<bootstrap::Settings, String> {
    load(&ConfigSources::from_env(vars.iter().copied())).map(|l| l.settings).map_err(|e| e.to_string())
}

const S3_OK: [(&str, &str); 5] = [
    ("APP__REPORTS__STORE", "s3"),
    ("S3_BUCKET", "salesflow-reports"),
    ("APP__OBJECT_STORAGE__S3__ENDPOINT", "http://127.0.0.1:9000"),
    ("APP__OBJECT_STORAGE__S3__ALLOW_HTTP", "true"),
    ("APP__OBJECT_STORAGE__S3__PATH_STYLE", "true"),
];

fn with(
    base: &[(&'static str, &'static str)],
    extra: &[(&'static str, &'static str)],
) -> Vec<(&'static str, &'static str)> {
    let mut vars = base.to_vec();
    vars.extend_from_slice(extra);
    vars
}

#[test]
fn stores_default_to_the_filesystem_and_object_storage_is_unset() {
    let s = load_env(&[]).expect("defaults load");
    assert_eq!(s.reports.store, ReportStoreKind::Filesystem);
    assert_eq!(s.crm.store, ResultStoreKind::Filesystem);
    assert!(s.object_storage.s3.bucket.is_empty() && s.object_storage.azure.container.is_empty());
    assert_eq!(s.object_storage.s3.prefix, "salesflow");
}

#[test]
fn a_complete_s3_bucket_loads_with_the_upstream_variables() {
    let s = load_env(&with(
        &S3_OK,
        &[("AWS_REGION", "eu-west-1"), ("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"), ("AWS_SECRET_ACCESS_KEY", "s3-secret-42")],
    ))
    .expect("valid S3 settings");
    let s3 = &s.object_storage.s3;
    assert_eq!((s3.bucket.as_str(), s3.region.as_str()), ("salesflow-reports", "eu-west-1"));
    assert_eq!(s3.access_key_id.as_deref(), Some("AKIDEXAMPLE"));
    assert_eq!(s3.secret_access_key.as_ref().map(|k| k.expose_secret().to_owned()).as_deref(), Some("s3-secret-42"));
    assert!(!format!("{s:?}").contains("s3-secret-42"), "the secret stays out of Debug");
    assert!(!serde_json::to_string(&s).expect("serialises").contains("s3-secret-42"));
}

#[test]
fn incomplete_or_malformed_buckets_are_refused_naming_the_key() {
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (vec![("APP__REPORTS__STORE", "s3")], "object_storage.s3.bucket"),
        (with(&S3_OK, &[("S3_BUCKET", "Bad_Bucket")]), "object_storage.s3.bucket"),
        (with(&S3_OK, &[("APP__OBJECT_STORAGE__S3__ALLOW_HTTP", "false")]), "object_storage.s3.endpoint"),
        (with(&S3_OK, &[("APP__OBJECT_STORAGE__S3__ENDPOINT", "ftp://x")]), "object_storage.s3.endpoint"),
        (with(&S3_OK, &[("AWS_ACCESS_KEY_ID", "AKID")]), "object_storage.s3.secret_access_key"),
        (with(&S3_OK, &[("APP__OBJECT_STORAGE__S3__PREFIX", "a/../b")]), "object_storage.s3.prefix"),
        (with(&S3_OK, &[("APP__OBJECT_STORAGE__S3__REGION", " ")]), "object_storage.s3.region"),
        (vec![("APP__CRM__STORE", "azure")], "object_storage.azure.account"),
        (
            vec![("APP__CRM__STORE", "azure"), ("AZURE_STORAGE_ACCOUNT", "salesflowdata"), ("AZURE_CONTAINER", "x")],
            "object_storage.azure.container",
        ),
        (
            vec![
                ("APP__CRM__STORE", "azure"),
                ("AZURE_STORAGE_ACCOUNT", "salesflowdata"),
                ("AZURE_CONTAINER", "salesforce-data"),
            ],
            "object_storage.azure.access_key",
        ),
        (vec![("APP__CRM__STORE", "gcs")], "crm.store"),
    ];
    for (vars, key) in cases {
        let err = load_env(&vars).expect_err(key);
        assert!(err.contains(key), "{vars:?}: {err}");
    }
}

#[test]
fn azure_settings_load_and_an_unused_backend_may_stay_empty() {
    let s = load_env(&[
        ("APP__CRM__STORE", "azure"),
        ("AZURE_STORAGE_ACCOUNT", "salesflowdata"),
        ("AZURE_CONTAINER", "salesforce-data"),
        ("AZURE_STORAGE_KEY", "a2V5"),
    ])
    .expect("valid Azure settings; S3 unused and empty");
    assert_eq!(s.crm.store, ResultStoreKind::Azure);
    assert_eq!(s.object_storage.azure.container, "salesforce-data");
    assert!(s.object_storage.s3.bucket.is_empty());
}
