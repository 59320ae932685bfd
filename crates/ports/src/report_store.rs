//! `ReportStore`: where rendered report artifacts are kept (filesystem, object storage).

use std::fmt;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// A relative, slash-separated artifact path such as `reports/2026/11/abc.pdf`.
///
/// Parsed once so that no adapter can be tricked into leaving its root: no `..`, no absolute
/// paths, no empty segments, only `[A-Za-z0-9._-]` in segments, at most 512 bytes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ArtifactKey(String);

/// Why a string is not an [`ArtifactKey`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid artifact key {0:?}")]
pub struct ArtifactKeyError(pub String);

impl ArtifactKey {
    /// # Errors
    /// See the type documentation.
    pub fn parse(raw: &str) -> Result<Self, ArtifactKeyError> {
        let ok_segment = |s: &str| {
            !s.is_empty()
                && s != "."
                && s != ".."
                && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        };
        if raw.len() > 512 || !raw.split('/').all(ok_segment) {
            return Err(ArtifactKeyError(raw.to_owned()));
        }
        Ok(Self(raw.to_owned()))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ArtifactKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What is known about a stored artifact without reading it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArtifactMeta {
    pub key: ArtifactKey,
    pub bytes: u64,
    pub modified: DateTime<Utc>,
}

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum ReportStoreError {
    #[error("artifact {0} not found")]
    NotFound(ArtifactKey),
    #[error("report store unavailable: {0}")]
    Unavailable(String),
}

/// An artifact read chunk by chunk, so that serving a large one never holds it whole in memory.
#[async_trait]
pub trait ArtifactChunks: Send {
    /// The next chunk, `None` once the artifact is finished.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails mid-read (the reader is then finished).
    async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, ReportStoreError>;
}

/// An artifact already in memory, handed out as a single chunk.
#[derive(Debug)]
pub struct WholeArtifact(Option<Vec<u8>>);

impl WholeArtifact {
    #[must_use]
    pub fn new(bytes: Vec<u8>) -> Self {
        Self(Some(bytes))
    }
}

#[async_trait]
impl ArtifactChunks for WholeArtifact {
    async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, ReportStoreError> {
        Ok(self.0.take())
    }
}

/// Durable storage for report artifacts.
#[cfg_attr(feature = "mock", mockall::automock)]
#[async_trait]
pub trait ReportStore: Send + Sync {
    /// Stores `bytes` under `key`, replacing any previous artifact atomically: a reader sees the
    /// old artifact or the complete new one, never a partial write.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn put(&self, key: &ArtifactKey, bytes: Vec<u8>) -> Result<ArtifactMeta, ReportStoreError>;

    /// The artifact's bytes.
    ///
    /// # Errors
    /// MUST return `NotFound` when nothing is stored under `key`.
    async fn get(&self, key: &ArtifactKey) -> Result<Vec<u8>, ReportStoreError>;

    /// The artifact as chunks, for streaming it to a client. Stores that cannot stream keep this
    /// default, which reads it whole with [`ReportStore::get`].
    ///
    /// # Errors
    /// MUST return `NotFound` when nothing is stored under `key`; `Unavailable` when the backend
    /// fails.
    async fn open(&self, key: &ArtifactKey) -> Result<Box<dyn ArtifactChunks>, ReportStoreError> {
        Ok(Box::new(WholeArtifact::new(self.get(key).await?)))
    }

    /// Removes the artifact; removing a missing one is not an error.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn delete(&self, key: &ArtifactKey) -> Result<(), ReportStoreError>;

    /// Every artifact whose key starts with `prefix`, in key order.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn list(&self, prefix: &str) -> Result<Vec<ArtifactMeta>, ReportStoreError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn artifact_keys_cannot_escape_the_store_root() {
        assert!(ArtifactKey::parse("reports/2026/11/a-b_c.pdf").is_ok());
        for bad in ["../etc/passwd", "/abs", "a//b", "a/./b", "", "a b", "a\\b", "é"] {
            assert!(ArtifactKey::parse(bad).is_err(), "{bad}");
        }
    }
}
