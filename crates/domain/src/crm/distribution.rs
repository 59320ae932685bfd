//! The lead score distribution (reference §2.3): counts per priority and per score range.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::config::{Bound, LeadScoringConfig};
use super::leads::ScoredLead;
use super::priority::Priority;
use super::rounding::{mean, median, round_python};

/// Counts per priority, always all four keys in the order Low → Critical.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorityCounts {
    #[serde(rename = "Low")]
    pub low: usize,
    #[serde(rename = "Medium")]
    pub medium: usize,
    #[serde(rename = "High")]
    pub high: usize,
    #[serde(rename = "Critical")]
    pub critical: usize,
}

impl PriorityCounts {
    #[must_use]
    pub const fn get(&self, p: Priority) -> usize {
        match p {
            Priority::Low => self.low,
            Priority::Medium => self.medium,
            Priority::High => self.high,
            Priority::Critical => self.critical,
        }
    }

    fn add(&mut self, p: Priority) {
        match p {
            Priority::Low => self.low += 1,
            Priority::Medium => self.medium += 1,
            Priority::High => self.high += 1,
            Priority::Critical => self.critical += 1,
        }
    }
}

/// An ordered map `label → count` (labels follow the configured bands, e.g. `"31-60 (Medium)"`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScoreRanges(pub Vec<(String, usize)>);

impl Serialize for ScoreRanges {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for ScoreRanges {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ScoreRanges;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of score range labels to counts")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ScoreRanges, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<String, usize>()? {
                    out.push(entry);
                }
                Ok(ScoreRanges(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// Reference §2.3 (`get_score_distribution`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ScoreDistribution {
    pub total_leads: usize,
    pub average_score: f64,
    pub median_score: f64,
    pub priority_breakdown: PriorityCounts,
    pub score_ranges: ScoreRanges,
}

/// The label's bounds: `0-30` for "> 30" edges, `0-39` for "≥ 40" edges.
fn range_labels(cfg: &LeadScoringConfig) -> [String; 4] {
    let first = |b: Bound| if b.inclusive { b.bound } else { b.bound + 1.0 };
    let last = |b: Bound| if b.inclusive { b.bound - 1.0 } else { b.bound };
    [
        format!("0-{} (Low)", last(cfg.medium)),
        format!("{}-{} (Medium)", first(cfg.medium), last(cfg.high)),
        format!("{}-{} (High)", first(cfg.high), last(cfg.critical)),
        format!("{}-100 (Critical)", first(cfg.critical)),
    ]
}

/// Distribution of scored leads; an empty list gives zeros (the reference raised `KeyError`).
#[must_use]
pub fn score_distribution(scored: &[ScoredLead], cfg: &LeadScoringConfig) -> ScoreDistribution {
    let mut counts = PriorityCounts::default();
    for s in scored {
        counts.add(s.priority);
    }
    let scores: Vec<f64> = scored.iter().map(|s| s.score).collect();
    let labels = range_labels(cfg);
    // The ranges use the priority edges, so they are the priority counts under other names.
    let score_ranges =
        ScoreRanges(labels.into_iter().zip(Priority::ALL).map(|(label, p)| (label, counts.get(p))).collect());
    ScoreDistribution {
        total_leads: scored.len(),
        average_score: round_python(mean(&scores), 1),
        median_score: round_python(median(&scores), 1),
        priority_breakdown: counts,
        score_ranges,
    }
}
