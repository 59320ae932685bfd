//! Per-factor explanations: why a lead or an account got its score.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// A factor's input as read from the record: a number, a text (industry), the two inputs of
/// engagement or of case risk, or nothing (the default was used). Fixed shapes rather than a map
/// keep scoring free of per-lead allocations (1M leads a second, docs/PERFORMANCE.md).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FactorInput {
    Number(f64),
    Text(String),
    Engagement {
        #[serde(rename = "Website_Visits__c")]
        website_visits: f64,
        #[serde(rename = "Content_Downloads__c")]
        content_downloads: f64,
    },
    Cases {
        cases: f64,
        escalated: f64,
    },
    Absent,
}

/// One line of an explanation. `contribution = weight × normalised` on the score's own scale
/// (lead points 0..100, churn 0..1), so the contributions add up to the unrounded score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Factor {
    pub factor: Cow<'static, str>,
    /// The input as read (after defaults: `Absent` means the default below was used).
    pub raw: FactorInput,
    /// Whether the value came from the documented default because the field was absent.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub defaulted: bool,
    pub normalised: f64,
    pub weight: f64,
    pub contribution: f64,
}
