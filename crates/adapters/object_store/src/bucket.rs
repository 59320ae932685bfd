//! Opening a bucket: S3-compatible or Azure Blob, with a key prefix, bounded retries and
//! timeouts (a storage outage must fail a report job in seconds, not after the driver's default
//! three minutes of retries).

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use object_store::aws::AmazonS3Builder;
use object_store::azure::MicrosoftAzureBuilder;
use object_store::path::Path;
use object_store::prefix::PrefixStore;
use object_store::{
    BackoffConfig, ClientOptions, ObjectMeta, ObjectStore, ObjectStoreExt, PutPayload, RetryConfig, WriteMultipart,
};
use secrecy::{ExposeSecret, SecretString};

/// Objects at least this large are uploaded in parts (S3 wants parts of 5 MiB or more).
pub(crate) const MULTIPART_THRESHOLD: usize = 8 * 1024 * 1024;

/// An S3-compatible bucket.
#[derive(Clone, Debug)]
pub struct S3Config {
    pub bucket: String,
    /// Prepended to every key (`salesflow/reports`); empty for the bucket root.
    pub prefix: String,
    pub region: String,
    /// `None` for AWS itself; `http://127.0.0.1:9000` for MinIO, moto, ….
    pub endpoint: Option<String>,
    /// With no keys the instance's role (IMDS) provides credentials.
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<SecretString>,
    /// `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key`: what local
    /// servers need.
    pub path_style: bool,
    /// Allows a plain-HTTP endpoint (local servers only).
    pub allow_http: bool,
}

/// An Azure Blob Storage container, authenticated with the account's shared key.
#[derive(Clone, Debug)]
pub struct AzureBlobConfig {
    pub account: String,
    pub container: String,
    pub access_key: SecretString,
    /// Prepended to every key; empty for the container root.
    pub prefix: String,
    /// `None` for `https://<account>.blob.core.windows.net`; Azurite:
    /// `http://127.0.0.1:10000/devstoreaccount1` (the account is part of its path).
    pub endpoint: Option<String>,
    pub allow_http: bool,
}

/// The store cannot be configured (a bad endpoint, a missing account, …).
#[derive(Debug, thiserror::Error)]
#[error("object storage: {0}")]
pub struct BucketError(String);

/// One container of an object store seen through a key prefix, with a label for logs.
#[derive(Clone)]
pub struct Bucket {
    store: Arc<dyn ObjectStore>,
    label: String,
}

impl fmt::Debug for Bucket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Bucket").field("label", &self.label).finish_non_exhaustive()
    }
}

fn client_options(allow_http: bool) -> ClientOptions {
    ClientOptions::new()
        .with_allow_http(allow_http)
        .with_connect_timeout(Duration::from_secs(5))
        .with_timeout(Duration::from_secs(60))
}

fn retries() -> RetryConfig {
    let backoff =
        BackoffConfig { init_backoff: Duration::from_millis(100), max_backoff: Duration::from_secs(2), base: 2.0 };
    RetryConfig { backoff, max_retries: 3, retry_timeout: Duration::from_secs(15) }
}

fn prefix_label(prefix: &str) -> String {
    let p = prefix.trim_matches('/');
    if p.is_empty() { String::new() } else { format!("/{p}") }
}

impl Bucket {
    /// # Errors
    /// When the configuration is unusable (the bucket name or endpoint is malformed).
    pub fn s3(config: &S3Config) -> Result<Self, BucketError> {
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&config.bucket)
            .with_region(&config.region)
            .with_virtual_hosted_style_request(!config.path_style)
            .with_client_options(client_options(config.allow_http))
            .with_retry(retries());
        if let Some(endpoint) = &config.endpoint {
            builder = builder.with_endpoint(endpoint);
        }
        if let Some(id) = &config.access_key_id {
            builder = builder.with_access_key_id(id);
        }
        if let Some(secret) = &config.secret_access_key {
            builder = builder.with_secret_access_key(secret.expose_secret());
        }
        let store = builder.build().map_err(|e| BucketError(e.to_string()))?;
        let at = config.endpoint.as_deref().map(|e| format!(" at {e}")).unwrap_or_default();
        let label = format!("s3 ({}{}{at})", config.bucket, prefix_label(&config.prefix));
        Self::new(Arc::new(store), &config.prefix, label)
    }

    /// # Errors
    /// When the configuration is unusable (a malformed endpoint or key).
    pub fn azure(config: &AzureBlobConfig) -> Result<Self, BucketError> {
        let mut builder = MicrosoftAzureBuilder::new()
            .with_account(&config.account)
            .with_container_name(&config.container)
            .with_access_key(config.access_key.expose_secret())
            .with_client_options(client_options(config.allow_http))
            .with_allow_http(config.allow_http)
            .with_retry(retries());
        if let Some(endpoint) = &config.endpoint {
            builder = builder.with_endpoint(endpoint.trim_end_matches('/').to_owned());
        }
        let store = builder.build().map_err(|e| BucketError(e.to_string()))?;
        let at = config.endpoint.as_deref().map(|e| format!(" at {e}")).unwrap_or_default();
        let label = format!("azure ({}/{}{}{at})", config.account, config.container, prefix_label(&config.prefix));
        Self::new(Arc::new(store), &config.prefix, label)
    }

    /// Any `object_store` implementation (tests use the in-memory one), seen through `prefix`.
    ///
    /// # Errors
    /// When `prefix` is not a valid object path.
    pub fn new(store: Arc<dyn ObjectStore>, prefix: &str, label: String) -> Result<Self, BucketError> {
        let prefix = prefix.trim_matches('/');
        let store: Arc<dyn ObjectStore> = if prefix.is_empty() {
            store
        } else {
            let path = Path::parse(prefix).map_err(|e| BucketError(format!("prefix {prefix:?}: {e}")))?;
            Arc::new(PrefixStore::new(store, path))
        };
        Ok(Self { store, label })
    }

    #[must_use]
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The store under the prefix, for callers that need the raw API (tests simulating a
    /// writer killed mid-upload).
    #[must_use]
    pub fn raw(&self) -> Arc<dyn ObjectStore> {
        Arc::clone(&self.store)
    }

    /// One PUT for small objects; a multipart upload (completed only once every part is in,
    /// aborted on failure) for large ones. Both are invisible to readers until done.
    pub(crate) async fn put(&self, path: &Path, bytes: Vec<u8>) -> object_store::Result<()> {
        if bytes.len() < MULTIPART_THRESHOLD {
            self.store.put(path, PutPayload::from(bytes)).await?;
            return Ok(());
        }
        let upload = self.store.put_multipart(path).await?;
        let mut writer = WriteMultipart::new_with_chunk_size(upload, MULTIPART_THRESHOLD);
        for chunk in bytes.chunks(MULTIPART_THRESHOLD) {
            // At most two parts in flight bounds memory to the artifact plus two parts.
            if let Err(e) = writer.wait_for_capacity(2).await {
                // The parts uploaded so far cost storage until aborted; a failed abort is
                // reclaimed by the bucket's lifecycle rule for incomplete uploads.
                let _ = writer.abort().await;
                return Err(e);
            }
            writer.write(chunk);
        }
        writer.finish().await?;
        Ok(())
    }

    pub(crate) async fn get(&self, path: &Path) -> object_store::Result<object_store::GetResult> {
        self.store.get(path).await
    }

    /// One listing of the prefix's top level: fails when the bucket is missing, the
    /// credentials are refused or the service is down.
    pub(crate) async fn probe(&self) -> object_store::Result<()> {
        self.store.list_with_delimiter(None).await.map(drop)
    }

    pub(crate) async fn delete(&self, path: &Path) -> object_store::Result<()> {
        match self.store.delete(path).await {
            Err(object_store::Error::NotFound { .. }) | Ok(()) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Every object under the directory `dir` (recursively), after `offset` when given.
    pub(crate) async fn list(
        &self,
        dir: Option<&Path>,
        offset: Option<&Path>,
    ) -> object_store::Result<Vec<ObjectMeta>> {
        let mut stream = match offset {
            Some(offset) => self.store.list_with_offset(dir, offset),
            None => self.store.list(dir),
        };
        let mut out = Vec::new();
        while let Some(meta) = stream.next().await {
            out.push(meta?);
        }
        Ok(out)
    }
}

#[async_trait::async_trait]
impl ports::HealthProbe for Bucket {
    async fn check(&self) -> Result<(), ports::ProbeError> {
        self.probe().await.map_err(|e| ports::ProbeError(format!("{}: {e}", self.label)))
    }
}
