//! Against moto's S3 server.

use adapter_object_store::{Bucket, ObjectReportStore, ObjectResultStore, S3Config};
use testkit::contracts;
use testkit::object_stores::s3;

use crate::object;

async fn bucket(name: &str, prefix: &str) -> (Bucket, S3Config) {
    let config = s3().bucket(name, prefix).await;
    (Bucket::s3(&config).expect("an S3 bucket"), config)
}

#[tokio::test]
async fn s3_report_store_keeps_the_contract() {
    let (bucket, _) = bucket("reports", "salesflow/reports").await;
    contracts::report_store::run(&ObjectReportStore::new(bucket)).await;
}

#[tokio::test]
async fn s3_result_store_keeps_the_contract() {
    let (bucket, _) = bucket("results", "salesflow").await;
    contracts::result_store::run(&ObjectResultStore::new(bucket)).await;
}

#[tokio::test]
async fn s3_keys_sit_under_the_prefix_in_the_hive_layout() {
    let (_, config) = bucket("layout", "").await;
    let root = Bucket::s3(&config).expect("the bucket root");
    let prefixed = Bucket::s3(&S3Config { prefix: "tenant-a/".to_owned(), ..config.clone() }).expect("prefixed");
    object::keys_sit_under_the_prefix(root, prefixed).await;
}

#[tokio::test]
async fn s3_unfinished_uploads_and_strays_are_invisible() {
    let (bucket, _) = bucket("unfinished", "p").await;
    object::unfinished_uploads_are_invisible(bucket.clone()).await;
    object::strays_are_ignored(bucket.clone()).await;
    object::large_artifacts_stream_in_chunks(bucket).await;
}

#[tokio::test]
async fn s3_outage_is_unavailable_not_a_panic_or_a_hang() {
    let (_, config) = bucket("outage", "").await;
    let closed = format!("http://127.0.0.1:{}", testkit::redis_server::free_port());
    let down = Bucket::s3(&S3Config { endpoint: Some(closed), ..config }).expect("config is fine");
    object::outage_is_unavailable(down).await;
}

#[test]
fn s3_half_configured_credentials_are_refused_when_built() {
    let config = s3().config("any", "");
    let no_secret = S3Config { secret_access_key: None, ..config };
    let err = Bucket::s3(&no_secret).expect_err("a key id without its secret is refused at start-up");
    assert!(err.to_string().contains("ecret"), "{err}");
}
