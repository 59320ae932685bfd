//! Per-factor explanations: why a lead or an account got its score.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A factor's input as read from the record: a number, a text (industry), several named numbers
/// (engagement reads visits and downloads), or nothing (the default was used).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FactorInput {
    Number(f64),
    Text(String),
    Fields(BTreeMap<String, f64>),
    Absent,
}

impl FactorInput {
    pub(crate) fn fields<const N: usize>(pairs: [(&str, f64); N]) -> Self {
        Self::Fields(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    }
}

/// One line of an explanation. `contribution = weight × normalised` on the score's own scale
/// (lead points 0..100, churn 0..1), so the contributions add up to the unrounded score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Factor {
    pub factor: String,
    /// The input as read (after defaults: `Absent` means the default below was used).
    pub raw: FactorInput,
    /// Whether the value came from the documented default because the field was absent.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub defaulted: bool,
    pub normalised: f64,
    pub weight: f64,
    pub contribution: f64,
}
