//! `ResultStore`: dated analytics snapshots under the Hive-style layout
//! `analytics/<type>/year=YYYY/month=MM/day=DD/<HHMMSS>_<type>.json`.

use std::fmt;

use async_trait::async_trait;
use chrono::{DateTime, Datelike, NaiveDateTime, Timelike, Utc};

/// One snapshot's identity: its analysis type (`lead_scoring`, …) and when it was generated
/// (UTC, second precision).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SnapshotKey {
    at: NaiveDateTime,
    kind: String,
}

/// Why a string is not a snapshot type or key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid snapshot {0:?}")]
pub struct SnapshotKeyError(pub String);

impl SnapshotKey {
    /// # Errors
    /// When `kind` is not 1–64 of `[a-z0-9_]` (it becomes a path segment).
    pub fn new(kind: &str, at: DateTime<Utc>) -> Result<Self, SnapshotKeyError> {
        let ok = !kind.is_empty()
            && kind.len() <= 64
            && kind.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !ok {
            return Err(SnapshotKeyError(kind.to_owned()));
        }
        let at = at.naive_utc().with_nanosecond(0).unwrap_or_else(|| at.naive_utc());
        Ok(Self { at, kind: kind.to_owned() })
    }

    /// Parses a path produced by [`SnapshotKey::path`].
    ///
    /// # Errors
    /// When `path` does not follow the layout.
    pub fn parse(path: &str) -> Result<Self, SnapshotKeyError> {
        let bad = || SnapshotKeyError(path.to_owned());
        let parts: Vec<&str> = path.split('/').collect();
        let [root, kind, year, month, day, file] = parts[..] else { return Err(bad()) };
        let year = year.strip_prefix("year=").ok_or_else(bad)?;
        let month = month.strip_prefix("month=").ok_or_else(bad)?;
        let day = day.strip_prefix("day=").ok_or_else(bad)?;
        let time = file.strip_suffix(&format!("_{kind}.json")).ok_or_else(bad)?;
        if root != "analytics" || time.len() != 6 {
            return Err(bad());
        }
        let at = NaiveDateTime::parse_from_str(&format!("{year}-{month}-{day} {time}"), "%Y-%m-%d %H%M%S")
            .map_err(|_| bad())?;
        Self::new(kind, at.and_utc()).map_err(|_| bad())
    }

    #[must_use]
    pub fn kind(&self) -> &str {
        &self.kind
    }

    #[must_use]
    pub fn at(&self) -> DateTime<Utc> {
        self.at.and_utc()
    }

    /// `analytics/<type>/year=YYYY/month=MM/day=DD/<HHMMSS>_<type>.json`.
    #[must_use]
    pub fn path(&self) -> String {
        let a = self.at;
        format!(
            "analytics/{k}/year={:04}/month={:02}/day={:02}/{:02}{:02}{:02}_{k}.json",
            a.year(),
            a.month(),
            a.day(),
            a.hour(),
            a.minute(),
            a.second(),
            k = self.kind
        )
    }

    /// The prefix of every snapshot of `kind`.
    #[must_use]
    pub fn prefix(kind: &str) -> String {
        format!("analytics/{kind}/")
    }
}

impl fmt::Display for SnapshotKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path())
    }
}

/// A stored snapshot, without its content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnapshotMeta {
    pub key: SnapshotKey,
    pub bytes: u64,
}

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum ResultStoreError {
    #[error("snapshot {0} not found")]
    NotFound(SnapshotKey),
    #[error("result store unavailable: {0}")]
    Unavailable(String),
}

/// Durable storage of analytics snapshots (filesystem; object storage later).
#[cfg_attr(feature = "mock", mockall::automock)]
#[async_trait]
pub trait ResultStore: Send + Sync {
    /// Stores `bytes` (JSON) under `key.path()`, atomically: a reader sees nothing or the whole
    /// snapshot. Storing the same key again replaces it.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn put(&self, key: &SnapshotKey, bytes: Vec<u8>) -> Result<SnapshotMeta, ResultStoreError>;

    /// The snapshot's bytes.
    ///
    /// # Errors
    /// MUST return `NotFound` when nothing is stored under `key`.
    async fn get(&self, key: &SnapshotKey) -> Result<Vec<u8>, ResultStoreError>;

    /// Snapshots of `kind` generated at or after `since` (all when `None`), oldest first. Files
    /// that do not follow the layout are ignored.
    ///
    /// # Errors
    /// `Unavailable` when the backend fails.
    async fn list(&self, kind: &str, since: Option<DateTime<Utc>>) -> Result<Vec<SnapshotMeta>, ResultStoreError>;

    /// A short label for logs (`filesystem (./var/analytics)`).
    fn describe(&self) -> String;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_the_hive_layout_and_round_trip() {
        let at =
            DateTime::parse_from_rfc3339("2025-01-15T06:00:07.5Z").map(|d| d.with_timezone(&Utc)).expect("instant");
        let key = SnapshotKey::new("lead_scoring", at).expect("key");
        assert_eq!(key.path(), "analytics/lead_scoring/year=2025/month=01/day=15/060007_lead_scoring.json");
        assert_eq!(SnapshotKey::parse(&key.path()).expect("parses"), key);
        for bad in ["../x", "Lead", "", "a/b"] {
            assert!(SnapshotKey::new(bad, at).is_err(), "{bad}");
        }
        for bad in ["analytics/x/year=2025/month=01/day=15/060007_y.json", "analytics/x/2025/01/15/060007_x.json", "x"]
        {
            assert!(SnapshotKey::parse(bad).is_err(), "{bad}");
        }
    }
}
