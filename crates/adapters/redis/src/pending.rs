//! Prefix invalidations that could not reach the primary cache and must be replayed on it.

use std::collections::BTreeMap;

/// A set of pending prefixes with a version per entry.
///
/// Covered prefixes are merged (`sf:v1:` makes `sf:v1:analytics:` redundant), so the set stays
/// as small as the distinct prefixes invalidated during one outage. The version lets a replay
/// clear exactly what it replayed: a prefix invalidated again while the replay ran stays pending.
#[derive(Debug, Default)]
pub(crate) struct PendingPrefixes {
    entries: BTreeMap<String, u64>,
    next_version: u64,
}

impl PendingPrefixes {
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Records `prefix`, or refreshes the pending prefix that already covers it.
    pub(crate) fn add(&mut self, prefix: &str) {
        self.next_version += 1;
        let version = self.next_version;
        if let Some(covering) = self.entries.iter_mut().find(|(p, _)| prefix.starts_with(p.as_str())) {
            *covering.1 = version;
            return;
        }
        self.entries.retain(|p, _| !p.starts_with(prefix));
        self.entries.insert(prefix.to_owned(), version);
    }

    /// The prefixes to replay, each with the version to hand back to [`Self::replayed`].
    pub(crate) fn snapshot(&self) -> Vec<(String, u64)> {
        self.entries.iter().map(|(p, v)| (p.clone(), *v)).collect()
    }

    /// Forgets `prefix` unless it was recorded again after the snapshot taken at `version`.
    pub(crate) fn replayed(&mut self, prefix: &str, version: u64) {
        if self.entries.get(prefix) == Some(&version) {
            self.entries.remove(prefix);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefixes(pending: &PendingPrefixes) -> Vec<String> {
        pending.snapshot().into_iter().map(|(p, _)| p).collect()
    }

    #[test]
    fn merges_covered_prefixes() {
        let mut pending = PendingPrefixes::default();
        pending.add("sf:v1:analytics:sales:");
        pending.add("sf:v1:analytics:sales:");
        pending.add("sf:v1:reports:");
        assert_eq!(prefixes(&pending), ["sf:v1:analytics:sales:", "sf:v1:reports:"]);
        pending.add("sf:v1:analytics:");
        assert_eq!(prefixes(&pending), ["sf:v1:analytics:", "sf:v1:reports:"]);
        pending.add("sf:v1:analytics:forecast:");
        assert_eq!(prefixes(&pending), ["sf:v1:analytics:", "sf:v1:reports:"]);
        pending.add("sf:v1:");
        assert_eq!(prefixes(&pending), ["sf:v1:"]);
        assert_eq!(pending.len(), 1);
    }

    #[test]
    fn keeps_a_prefix_recorded_again_during_its_replay() {
        let mut pending = PendingPrefixes::default();
        pending.add("sf:v1:a:");
        pending.add("sf:v1:b:");
        let snapshot = pending.snapshot();
        pending.add("sf:v1:a:x:"); // covered by `sf:v1:a:`, which must then stay pending
        for (prefix, version) in snapshot {
            pending.replayed(&prefix, version);
        }
        assert_eq!(prefixes(&pending), ["sf:v1:a:"]);
        let snapshot = pending.snapshot();
        for (prefix, version) in snapshot {
            pending.replayed(&prefix, version);
        }
        assert!(pending.is_empty());
    }
}
