//! Lead priorities and churn levels: labels of score bands.

use serde::{Deserialize, Serialize};

use super::config::{ChurnConfig, LeadScoringConfig};

/// Lead priority, lowest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Priority {
    Low,
    Medium,
    High,
    Critical,
}

impl Priority {
    pub const ALL: [Self; 4] = [Self::Low, Self::Medium, Self::High, Self::Critical];

    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Low => "Low",
            Self::Medium => "Medium",
            Self::High => "High",
            Self::Critical => "Critical",
        }
    }

    /// Exact, case-sensitive (the seed's `priority` filter is an exact match).
    #[must_use]
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == raw)
    }

    /// The band a (rounded) score falls in.
    #[must_use]
    pub fn of(score: f64, cfg: &LeadScoringConfig) -> Self {
        if cfg.critical.admits(score) {
            Self::Critical
        } else if cfg.high.admits(score) {
            Self::High
        } else if cfg.medium.admits(score) {
            Self::Medium
        } else {
            Self::Low
        }
    }
}

/// Churn risk level, lowest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RiskLevel {
    Low,
    Medium,
    High,
}

impl RiskLevel {
    pub const ALL: [Self; 3] = [Self::Low, Self::Medium, Self::High];

    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Low => "Low",
            Self::Medium => "Medium",
            Self::High => "High",
        }
    }

    #[must_use]
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == raw)
    }

    #[must_use]
    pub fn of(score: f64, cfg: &ChurnConfig) -> Self {
        if cfg.high.admits(score) {
            Self::High
        } else if cfg.medium.admits(score) {
            Self::Medium
        } else {
            Self::Low
        }
    }
}
