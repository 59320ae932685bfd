//! Cache key layout: `sf:v<schema>:<scope>:<parts…>`.
//!
//! The schema version is part of every key, so a deploy that changes a cached type simply stops
//! reading the old entries instead of failing to decode them.

use std::fmt;

/// Bump when any cached value's shape changes.
pub const SCHEMA_VERSION: u32 = 1;

/// The kinds of cached values; each has its own TTL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CacheScope {
    Analytics,
    Ml,
    Reports,
}

/// Why a string names no [`CacheScope`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown cache scope {0:?} (expected analytics, ml or reports)")]
pub struct CacheScopeError(pub String);

impl CacheScope {
    pub const ALL: [Self; 3] = [Self::Analytics, Self::Ml, Self::Reports];

    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Analytics => "analytics",
            Self::Ml => "ml",
            Self::Reports => "reports",
        }
    }

    /// # Errors
    /// When `raw` is not one of the scope names.
    pub fn parse(raw: &str) -> Result<Self, CacheScopeError> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw).ok_or_else(|| CacheScopeError(raw.to_owned()))
    }
}

impl fmt::Display for CacheScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Builds namespaced, versioned keys.
#[derive(Clone, Copy, Debug, Default)]
pub struct CacheKeys;

impl CacheKeys {
    /// Prefix of every key this version writes.
    #[must_use]
    pub fn root() -> String {
        format!("sf:v{SCHEMA_VERSION}:")
    }

    /// Prefix of every key in `scope`.
    #[must_use]
    pub fn scope_prefix(scope: CacheScope) -> String {
        format!("sf:v{SCHEMA_VERSION}:{scope}:")
    }

    /// A full key; parts are joined with `:` after escaping `:` and `%` inside them, so that
    /// distinct part lists never collide.
    #[must_use]
    pub fn key(scope: CacheScope, parts: &[&str]) -> String {
        let mut key = Self::scope_prefix(scope);
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                key.push(':');
            }
            for c in part.chars() {
                match c {
                    '%' => key.push_str("%25"),
                    ':' => key.push_str("%3A"),
                    c => key.push(c),
                }
            }
        }
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_versioned_and_unambiguous() {
        assert_eq!(CacheKeys::key(CacheScope::Analytics, &["sales", "daily"]), "sf:v1:analytics:sales:daily");
        assert_ne!(CacheKeys::key(CacheScope::Ml, &["a:b"]), CacheKeys::key(CacheScope::Ml, &["a", "b"]));
        assert!(CacheKeys::key(CacheScope::Ml, &["x"]).starts_with(&CacheKeys::scope_prefix(CacheScope::Ml)));
        assert_eq!(CacheScope::parse("ml"), Ok(CacheScope::Ml));
        assert!(CacheScope::parse("ML").is_err());
    }
}
