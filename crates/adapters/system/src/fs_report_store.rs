//! Report artifacts as files under one directory (`reports.export_dir`, the upstream's
//! `EXPORT_DIR`).
//!
//! A file is written under a temporary name in the same directory, flushed to disk, then
//! renamed over the final name: rename is atomic on one file system, so a reader sees the old
//! file or the complete new one, and a process killed mid-write leaves only a `.part` file that
//! no key can name (keys cannot contain `~`).

use std::io::Write;
use std::path::{Path, PathBuf};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use ports::{ArtifactKey, ArtifactMeta, ReportStore, ReportStoreError};

/// A [`ReportStore`] on the local file system.
#[derive(Debug, Clone)]
pub struct FsReportStore {
    root: PathBuf,
}

fn unavailable(context: &str) -> impl Fn(std::io::Error) -> ReportStoreError + '_ {
    move |e| ReportStoreError::Unavailable(format!("{context}: {e}"))
}

impl FsReportStore {
    /// Uses (and creates when missing) `root`.
    ///
    /// # Errors
    /// When the directory cannot be created.
    pub fn open(root: impl Into<PathBuf>) -> std::io::Result<Self> {
        let root = root.into();
        std::fs::create_dir_all(&root)?;
        Ok(Self { root })
    }

    fn path(&self, key: &ArtifactKey) -> PathBuf {
        self.root.join(key.as_str())
    }

    fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let temp = dir.join(format!("~{name}.{}.part", std::process::id()));
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    }

    fn walk(dir: &Path, root: &Path, prefix: &str, out: &mut Vec<ArtifactMeta>) -> std::io::Result<()> {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(e),
        };
        for entry in entries {
            let entry = entry?;
            let meta = entry.metadata()?;
            if meta.is_dir() {
                Self::walk(&entry.path(), root, prefix, out)?;
                continue;
            }
            let Ok(relative) = entry.path().strip_prefix(root).map(|p| p.to_string_lossy().replace('\\', "/")) else {
                continue;
            };
            // Temporary files and anything not written through a key are not artifacts.
            let Ok(key) = ArtifactKey::parse(&relative) else { continue };
            if relative.starts_with(prefix) {
                let modified: DateTime<Utc> = meta.modified().map(DateTime::from).unwrap_or_default();
                out.push(ArtifactMeta { key, bytes: meta.len(), modified });
            }
        }
        Ok(())
    }
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ReportStoreError> + Send + 'static,
) -> Result<T, ReportStoreError> {
    tokio::task::spawn_blocking(work).await.map_err(|e| ReportStoreError::Unavailable(e.to_string()))?
}

#[async_trait]
impl ReportStore for FsReportStore {
    async fn put(&self, key: &ArtifactKey, bytes: Vec<u8>) -> Result<ArtifactMeta, ReportStoreError> {
        let (path, key) = (self.path(key), key.clone());
        blocking(move || {
            Self::write_atomically(&path, &bytes).map_err(unavailable("write"))?;
            Ok(ArtifactMeta { key, bytes: bytes.len() as u64, modified: Utc::now() })
        })
        .await
    }

    async fn get(&self, key: &ArtifactKey) -> Result<Vec<u8>, ReportStoreError> {
        let (path, key) = (self.path(key), key.clone());
        blocking(move || match std::fs::read(&path) {
            Ok(bytes) => Ok(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(ReportStoreError::NotFound(key)),
            Err(e) => Err(unavailable("read")(e)),
        })
        .await
    }

    async fn delete(&self, key: &ArtifactKey) -> Result<(), ReportStoreError> {
        let path = self.path(key);
        blocking(move || match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(unavailable("delete")(e)),
            _ => Ok(()),
        })
        .await
    }

    async fn list(&self, prefix: &str) -> Result<Vec<ArtifactMeta>, ReportStoreError> {
        let (root, prefix) = (self.root.clone(), prefix.to_owned());
        blocking(move || {
            let mut out = Vec::new();
            Self::walk(&root, &root, &prefix, &mut out).map_err(unavailable("list"))?;
            out.sort_by(|a, b| a.key.as_str().cmp(b.key.as_str()));
            Ok(out)
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn files_round_trip_and_half_written_ones_are_invisible() {
        let dir = std::env::temp_dir().join(format!("salesflow-fs-store-{}", uuid::Uuid::now_v7()));
        let store = FsReportStore::open(&dir).expect("open");
        let key = ArtifactKey::parse("reports/2026/12/a.pdf").expect("key");
        assert!(matches!(store.get(&key).await, Err(ReportStoreError::NotFound(_))));
        store.put(&key, b"first".to_vec()).await.expect("put");
        store.put(&key, b"second".to_vec()).await.expect("replace");
        assert_eq!(store.get(&key).await.expect("get"), b"second");
        // What a writer killed before its rename leaves behind.
        std::fs::write(dir.join("reports/2026/12/~b.pdf.1.part"), b"half").expect("part");
        let listed = store.list("reports/").await.expect("list");
        assert_eq!(listed.iter().map(|m| m.key.as_str()).collect::<Vec<_>>(), ["reports/2026/12/a.pdf"]);
        assert_eq!(listed[0].bytes, 6);
        store.delete(&key).await.expect("delete");
        store.delete(&key).await.expect("deleting again is fine");
        assert!(store.list("").await.expect("list").is_empty());
        std::fs::remove_dir_all(dir).ok();
    }
}
