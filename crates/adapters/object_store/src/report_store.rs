//! Report artifacts as objects named by their key under the bucket's prefix.

use async_trait::async_trait;
use chrono::Utc;
use futures_util::StreamExt;
use futures_util::stream::BoxStream;
use object_store::path::Path;
use ports::{ArtifactChunks, ArtifactKey, ArtifactMeta, ReportStore, ReportStoreError};

use crate::bucket::Bucket;

/// A [`ReportStore`] in an S3 bucket or an Azure container.
#[derive(Debug, Clone)]
pub struct ObjectReportStore {
    bucket: Bucket,
}

impl ObjectReportStore {
    #[must_use]
    pub fn new(bucket: Bucket) -> Self {
        Self { bucket }
    }

    #[must_use]
    pub fn describe(&self) -> String {
        self.bucket.label().to_owned()
    }
}

/// The object's body as the service sends it (HTTP chunks of a few KiB to a few MiB).
struct ObjectChunks(Option<BoxStream<'static, object_store::Result<Vec<u8>>>>);

#[async_trait]
impl ArtifactChunks for ObjectChunks {
    async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, ReportStoreError> {
        let Some(stream) = self.0.as_mut() else { return Ok(None) };
        match stream.next().await {
            Some(Ok(chunk)) => Ok(Some(chunk)),
            Some(Err(e)) => {
                // A failed body cannot resume: the reader ends here.
                self.0 = None;
                Err(unavailable("read", &e))
            }
            None => {
                self.0 = None;
                Ok(None)
            }
        }
    }
}

fn unavailable(what: &str, e: &object_store::Error) -> ReportStoreError {
    ReportStoreError::Unavailable(format!("{what}: {e}"))
}

/// Artifact keys are already restricted to `[A-Za-z0-9._-]` segments, all valid object paths.
fn path(key: &ArtifactKey) -> Result<Path, ReportStoreError> {
    Path::parse(key.as_str()).map_err(|e| ReportStoreError::Unavailable(format!("key {key}: {e}")))
}

#[async_trait]
impl ReportStore for ObjectReportStore {
    #[tracing::instrument(skip_all, fields(key = %key, bytes = bytes.len()), err)]
    async fn put(&self, key: &ArtifactKey, bytes: Vec<u8>) -> Result<ArtifactMeta, ReportStoreError> {
        let len = bytes.len() as u64;
        self.bucket.put(&path(key)?, bytes).await.map_err(|e| unavailable("put", &e))?;
        Ok(ArtifactMeta { key: key.clone(), bytes: len, modified: Utc::now() })
    }

    async fn get(&self, key: &ArtifactKey) -> Result<Vec<u8>, ReportStoreError> {
        let found = match self.bucket.get(&path(key)?).await {
            Ok(found) => found,
            Err(object_store::Error::NotFound { .. }) => return Err(ReportStoreError::NotFound(key.clone())),
            Err(e) => return Err(unavailable("get", &e)),
        };
        // Sized once from the object's metadata, then filled chunk by chunk as they arrive.
        let mut out = Vec::with_capacity(usize::try_from(found.meta.size).unwrap_or(0));
        let mut chunks = found.into_stream();
        while let Some(chunk) = chunks.next().await {
            out.extend_from_slice(&chunk.map_err(|e| unavailable("get", &e))?);
        }
        Ok(out)
    }

    async fn open(&self, key: &ArtifactKey) -> Result<Box<dyn ArtifactChunks>, ReportStoreError> {
        match self.bucket.get(&path(key)?).await {
            Ok(found) => {
                let chunks = found.into_stream().map(|chunk| chunk.map(|b| b.to_vec())).boxed();
                Ok(Box::new(ObjectChunks(Some(chunks))))
            }
            Err(object_store::Error::NotFound { .. }) => Err(ReportStoreError::NotFound(key.clone())),
            Err(e) => Err(unavailable("get", &e)),
        }
    }

    async fn delete(&self, key: &ArtifactKey) -> Result<(), ReportStoreError> {
        self.bucket.delete(&path(key)?).await.map_err(|e| unavailable("delete", &e))
    }

    async fn list(&self, prefix: &str) -> Result<Vec<ArtifactMeta>, ReportStoreError> {
        // Object stores list whole path segments; a prefix that ends mid-segment is listed
        // from its parent directory and filtered here.
        let dir = prefix.rsplit_once('/').map(|(dir, _)| dir).filter(|d| !d.is_empty());
        let dir = dir.map(Path::parse).transpose().map_err(|e| ReportStoreError::Unavailable(e.to_string()))?;
        let found = self.bucket.list(dir.as_ref(), None).await.map_err(|e| unavailable("list", &e))?;
        let mut out: Vec<ArtifactMeta> = found
            .into_iter()
            .filter(|m| m.location.as_ref().starts_with(prefix))
            // Objects not written through a key (a stray upload) are not artifacts.
            .filter_map(|m| {
                let key = ArtifactKey::parse(m.location.as_ref()).ok()?;
                Some(ArtifactMeta { key, bytes: m.size, modified: m.last_modified })
            })
            .collect();
        out.sort_by(|a, b| a.key.as_str().cmp(b.key.as_str()));
        Ok(out)
    }
}
