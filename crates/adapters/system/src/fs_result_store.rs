//! `FsResultStore`: analytics snapshots as files under a root directory, in the Hive layout
//! `analytics/<type>/year=YYYY/month=MM/day=DD/<HHMMSS>_<type>.json`.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use ports::{ResultStore, ResultStoreError, SnapshotKey, SnapshotMeta};

/// Writes go to a temporary file in the same directory, then `rename` (atomic on POSIX): a
/// reader never sees a half-written snapshot.
#[derive(Debug, Clone)]
pub struct FsResultStore {
    root: PathBuf,
}

fn unavailable(what: &str, path: &Path, e: &std::io::Error) -> ResultStoreError {
    ResultStoreError::Unavailable(format!("{what} {}: {e}", path.display()))
}

impl FsResultStore {
    #[must_use]
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    fn path(&self, key: &SnapshotKey) -> PathBuf {
        self.root.join(key.path())
    }
}

/// Every file below `dir`, recursively (the tree is at most four levels deep).
async fn files(dir: PathBuf) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut pending = vec![dir];
    while let Some(d) = pending.pop() {
        let mut entries = match tokio::fs::read_dir(&d).await {
            Ok(e) => e,
            Err(e) if e.kind() == ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        while let Some(entry) = entries.next_entry().await? {
            let kind = entry.file_type().await?;
            if kind.is_dir() {
                pending.push(entry.path());
            } else if kind.is_file() {
                out.push(entry.path());
            }
        }
    }
    Ok(out)
}

#[async_trait]
impl ResultStore for FsResultStore {
    async fn put(&self, key: &SnapshotKey, bytes: Vec<u8>) -> Result<SnapshotMeta, ResultStoreError> {
        let path = self.path(key);
        let dir = path.parent().unwrap_or(&self.root).to_path_buf();
        tokio::fs::create_dir_all(&dir).await.map_err(|e| unavailable("cannot create", &dir, &e))?;
        let tmp = dir.join(format!(".{}.{}.tmp", key.kind(), uuid::Uuid::now_v7()));
        let len = bytes.len() as u64;
        tokio::fs::write(&tmp, bytes).await.map_err(|e| unavailable("cannot write", &tmp, &e))?;
        if let Err(e) = tokio::fs::rename(&tmp, &path).await {
            let _ = tokio::fs::remove_file(&tmp).await;
            return Err(unavailable("cannot rename into", &path, &e));
        }
        Ok(SnapshotMeta { key: key.clone(), bytes: len })
    }

    async fn get(&self, key: &SnapshotKey) -> Result<Vec<u8>, ResultStoreError> {
        let path = self.path(key);
        match tokio::fs::read(&path).await {
            Ok(b) => Ok(b),
            Err(e) if e.kind() == ErrorKind::NotFound => Err(ResultStoreError::NotFound(key.clone())),
            Err(e) => Err(unavailable("cannot read", &path, &e)),
        }
    }

    async fn list(&self, kind: &str, since: Option<DateTime<Utc>>) -> Result<Vec<SnapshotMeta>, ResultStoreError> {
        let dir = self.root.join(SnapshotKey::prefix(kind));
        let found = files(dir.clone()).await.map_err(|e| unavailable("cannot list", &dir, &e))?;
        let mut out = Vec::new();
        for path in found {
            let Ok(rel) = path.strip_prefix(&self.root) else { continue };
            let rel: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            // Temporary files and strangers do not parse and are skipped.
            let Ok(key) = SnapshotKey::parse(&rel.join("/")) else { continue };
            if key.kind() != kind || since.is_some_and(|s| key.at() < s) {
                continue;
            }
            let bytes = tokio::fs::metadata(&path).await.map(|m| m.len()).unwrap_or(0);
            out.push(SnapshotMeta { key, bytes });
        }
        out.sort_by_key(|m| m.key.at());
        Ok(out)
    }

    fn describe(&self) -> String {
        format!("filesystem ({})", self.root.display())
    }
}
