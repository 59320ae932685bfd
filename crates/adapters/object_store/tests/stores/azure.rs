//! Against Azurite's Blob service.

use adapter_object_store::{AzureBlobConfig, Bucket, ObjectReportStore, ObjectResultStore};
use testkit::contracts;
use testkit::object_stores::azure;

use crate::object;

async fn bucket(name: &str, prefix: &str) -> (Bucket, AzureBlobConfig) {
    let config = azure().bucket(name, prefix).await;
    (Bucket::azure(&config).expect("an Azure container"), config)
}

#[tokio::test]
async fn azure_report_store_keeps_the_contract() {
    let (bucket, _) = bucket("reports", "salesflow/reports").await;
    contracts::report_store::run(&ObjectReportStore::new(bucket)).await;
}

#[tokio::test]
async fn azure_result_store_keeps_the_contract() {
    let (bucket, _) = bucket("results", "salesflow").await;
    contracts::result_store::run(&ObjectResultStore::new(bucket)).await;
}

#[tokio::test]
async fn azure_keys_sit_under_the_prefix_in_the_hive_layout() {
    let (_, config) = bucket("layout", "").await;
    let root = Bucket::azure(&config).expect("the container root");
    let prefixed =
        Bucket::azure(&AzureBlobConfig { prefix: "tenant-a/".to_owned(), ..config.clone() }).expect("prefixed");
    object::keys_sit_under_the_prefix(root, prefixed).await;
}

#[tokio::test]
async fn azure_unfinished_uploads_and_strays_are_invisible() {
    let (bucket, _) = bucket("unfinished", "p").await;
    object::unfinished_uploads_are_invisible(bucket.clone()).await;
    object::strays_are_ignored(bucket.clone()).await;
    object::large_artifacts_stream_in_chunks(bucket).await;
}

#[tokio::test]
async fn azure_wrong_key_is_unavailable() {
    let (_, config) = bucket("wrongkey", "").await;
    let wrong = "d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXktd3Jvbmcta2V5LXdyb25nLWtleQ==";
    let denied = Bucket::azure(&AzureBlobConfig { access_key: wrong.to_owned().into(), ..config }).expect("config");
    object::outage_is_unavailable(denied).await;
}
