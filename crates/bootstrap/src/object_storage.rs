//! Opening the configured S3 bucket or Azure container for the report and snapshot stores.

use std::sync::Arc;

use adapter_object_store::{AzureBlobConfig, Bucket, ObjectReportStore, ObjectResultStore, S3Config};
use anyhow::Context;
use app::Dependency;
use ports::{ReportStore, ResultStore};

use crate::settings::{ObjectBackend, Settings};

/// The bucket of `backend`, as `object_storage` describes it (already validated).
pub(crate) fn bucket(settings: &Settings, backend: ObjectBackend) -> anyhow::Result<Bucket> {
    let o = &settings.object_storage;
    match backend {
        ObjectBackend::S3 => {
            let s = &o.s3;
            let config = S3Config {
                bucket: s.bucket.clone(),
                prefix: s.prefix.clone(),
                region: s.region.clone(),
                endpoint: s.endpoint.clone(),
                access_key_id: s.access_key_id.clone(),
                secret_access_key: s.secret_access_key.clone(),
                path_style: s.path_style,
                allow_http: s.allow_http,
            };
            Bucket::s3(&config).context("object_storage.s3")
        }
        ObjectBackend::Azure => {
            let a = &o.azure;
            let access_key = a.access_key.clone().context("object_storage.azure.access_key must be set")?;
            let config = AzureBlobConfig {
                account: a.account.clone(),
                container: a.container.clone(),
                access_key,
                prefix: a.prefix.clone(),
                endpoint: a.endpoint.clone(),
                allow_http: a.allow_http,
            };
            Bucket::azure(&config).context("object_storage.azure")
        }
    }
}

/// A store over object storage: the port, its label for the start-up log, and a readiness
/// probe (not required: the API answers without it; jobs and runs fail and retry).
pub(crate) struct Opened<T: ?Sized> {
    pub(crate) store: Arc<T>,
    pub(crate) label: String,
    pub(crate) dependency: Dependency,
}

pub(crate) fn report_store(settings: &Settings, backend: ObjectBackend) -> anyhow::Result<Opened<dyn ReportStore>> {
    let bucket = bucket(settings, backend)?;
    let dependency = crate::adapters::dependency(settings, "report_store", false, Arc::new(bucket.clone()));
    let store = ObjectReportStore::new(bucket);
    Ok(Opened { label: store.describe(), store: Arc::new(store), dependency })
}

pub(crate) fn result_store(settings: &Settings, backend: ObjectBackend) -> anyhow::Result<Opened<dyn ResultStore>> {
    let bucket = bucket(settings, backend)?;
    let dependency = crate::adapters::dependency(settings, "result_store", false, Arc::new(bucket.clone()));
    let store = ObjectResultStore::new(bucket);
    Ok(Opened { label: store.describe(), store: Arc::new(store), dependency })
}
