//! Analytics snapshots as objects named `analytics/<type>/year=YYYY/month=MM/day=DD/<HHMMSS>_<type>.json`.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use object_store::path::Path;
use ports::{ResultStore, ResultStoreError, SnapshotKey, SnapshotMeta};

use crate::bucket::Bucket;

/// A [`ResultStore`] in an S3 bucket or an Azure container.
#[derive(Debug, Clone)]
pub struct ObjectResultStore {
    bucket: Bucket,
}

impl ObjectResultStore {
    #[must_use]
    pub fn new(bucket: Bucket) -> Self {
        Self { bucket }
    }
}

fn unavailable(what: &str, e: &dyn std::fmt::Display) -> ResultStoreError {
    ResultStoreError::Unavailable(format!("{what}: {e}"))
}

fn path(raw: &str) -> Result<Path, ResultStoreError> {
    Path::parse(raw).map_err(|e| unavailable("snapshot path", &e))
}

#[async_trait]
impl ResultStore for ObjectResultStore {
    #[tracing::instrument(skip_all, fields(key = %key, bytes = bytes.len()), err)]
    async fn put(&self, key: &SnapshotKey, bytes: Vec<u8>) -> Result<SnapshotMeta, ResultStoreError> {
        let len = bytes.len() as u64;
        self.bucket.put(&path(&key.path())?, bytes).await.map_err(|e| unavailable("put", &e))?;
        Ok(SnapshotMeta { key: key.clone(), bytes: len })
    }

    async fn get(&self, key: &SnapshotKey) -> Result<Vec<u8>, ResultStoreError> {
        match self.bucket.get(&path(&key.path())?).await {
            Ok(found) => found.bytes().await.map(Vec::from).map_err(|e| unavailable("get", &e)),
            Err(object_store::Error::NotFound { .. }) => Err(ResultStoreError::NotFound(key.clone())),
            Err(e) => Err(unavailable("get", &e)),
        }
    }

    async fn list(&self, kind: &str, since: Option<DateTime<Utc>>) -> Result<Vec<SnapshotMeta>, ResultStoreError> {
        let Ok(first) = SnapshotKey::new(kind, since.unwrap_or_default()) else {
            // Not a valid type: nothing can be stored under it.
            return Ok(Vec::new());
        };
        let dir = path(SnapshotKey::prefix(kind).trim_end_matches('/'))?;
        // Zero-padded partitions sort by time, so the listing can start at `since`'s day
        // (S3 `start-after`): a history query does not page through every older snapshot.
        let day = first.path();
        let day = day.rsplit_once('/').map_or(day.as_str(), |(d, _)| d);
        let offset = since.map(|_| path(day)).transpose()?;
        let found = self.bucket.list(Some(&dir), offset.as_ref()).await.map_err(|e| unavailable("list", &e))?;
        let mut out: Vec<SnapshotMeta> = found
            .into_iter()
            // Objects that do not follow the layout are ignored, as the port says.
            .filter_map(|m| Some(SnapshotMeta { key: SnapshotKey::parse(m.location.as_ref()).ok()?, bytes: m.size }))
            .filter(|m| m.key.kind() == kind && since.is_none_or(|s| m.key.at() >= s))
            .collect();
        out.sort_by_key(|m| m.key.at());
        Ok(out)
    }

    fn describe(&self) -> String {
        self.bucket.label().to_owned()
    }
}
