//! Matching detections against known anomalies (the rule is described in [`crate::anomalies`]).

use std::collections::BTreeMap;

use domain::anomaly::Anomaly;

use crate::report::pct;

/// What kind of anomaly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Spike,
    ZeroDay,
    Drop,
    LevelShift,
}

impl Kind {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Spike => "spike",
            Self::ZeroDay => "zero day",
            Self::Drop => "drop",
            Self::LevelShift => "level shift",
        }
    }

    /// Days from the start on which a detection finds it.
    #[must_use]
    pub const fn hit_days(self) -> usize {
        if matches!(self, Self::LevelShift) { 7 } else { 1 }
    }
}

/// A known anomaly over the series indices `start..=end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Truth {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

impl Truth {
    fn hit_by(&self, i: usize) -> bool {
        i >= self.start && i < self.start + self.kind.hit_days()
    }
}

/// Detections matched against truths.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tally {
    pub injected: BTreeMap<Kind, usize>,
    pub found: BTreeMap<Kind, usize>,
    pub true_detections: usize,
    pub explained: usize,
    pub false_detections: usize,
    /// False detections by the detector's label.
    pub false_labels: BTreeMap<&'static str, usize>,
    pub missed: Vec<Truth>,
}

impl Tally {
    /// Matches `detections` of one series against its `truths`.
    pub fn of(detections: &[Anomaly], truths: &[Truth], explained: impl Fn(usize) -> bool) -> Self {
        let mut t = Self::default();
        for truth in truths {
            *t.injected.entry(truth.kind).or_default() += 1;
            if detections.iter().any(|d| truth.hit_by(d.index)) {
                *t.found.entry(truth.kind).or_default() += 1;
            } else {
                t.missed.push(*truth);
            }
        }
        for d in detections {
            if truths.iter().any(|tr| tr.hit_by(d.index)) {
                t.true_detections += 1;
            } else if explained(d.index) || truths.iter().any(|tr| (tr.start..=tr.end).contains(&d.index)) {
                t.explained += 1;
            } else {
                t.false_detections += 1;
                *t.false_labels.entry(d.label.as_str()).or_default() += 1;
            }
        }
        t
    }

    /// Adds another series' tally (missed truths are not kept: their indices mean nothing here).
    pub fn add(&mut self, other: &Self) {
        for (k, n) in &other.injected {
            *self.injected.entry(*k).or_default() += n;
        }
        for (k, n) in &other.found {
            *self.found.entry(*k).or_default() += n;
        }
        for (k, n) in &other.false_labels {
            *self.false_labels.entry(k).or_default() += n;
        }
        self.true_detections += other.true_detections;
        self.explained += other.explained;
        self.false_detections += other.false_detections;
    }

    #[must_use]
    pub fn injected_total(&self) -> usize {
        self.injected.values().sum()
    }

    #[must_use]
    pub fn found_total(&self) -> usize {
        self.found.values().sum()
    }

    #[must_use]
    pub fn recall(&self) -> f64 {
        self.found_total() as f64 / self.injected_total() as f64
    }

    #[must_use]
    pub fn precision(&self) -> f64 {
        self.true_detections as f64 / (self.true_detections + self.false_detections) as f64
    }

    #[must_use]
    pub fn strict_precision(&self) -> f64 {
        self.true_detections as f64 / (self.true_detections + self.false_detections + self.explained) as f64
    }

    /// One table row: label, injected, found, recall, detections, true, explained, false,
    /// precision, strict precision.
    pub(crate) fn row(&self, label: &str) -> Vec<String> {
        vec![
            label.to_owned(),
            self.injected_total().to_string(),
            self.found_total().to_string(),
            pct(self.recall()),
            (self.true_detections + self.explained + self.false_detections).to_string(),
            self.true_detections.to_string(),
            self.explained.to_string(),
            self.false_detections.to_string(),
            pct(self.precision()),
            pct(self.strict_precision()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use domain::anomaly::AnomalyLabel;

    use super::*;

    fn at(index: usize) -> Anomaly {
        Anomaly {
            index,
            value: 0.0,
            expected: 0.0,
            score: 5.0,
            label: AnomalyLabel::HighSpike,
            severity: domain::Severity::High,
            explanation: String::new(),
        }
    }

    #[test]
    fn matching_follows_the_rule() {
        let truths = [
            Truth { kind: Kind::Spike, start: 10, end: 10 },
            Truth { kind: Kind::LevelShift, start: 30, end: 43 },
            Truth { kind: Kind::ZeroDay, start: 60, end: 60 },
        ];
        // 10: true; 11: false; 36 (7th day of the shift): true; 40: inside the shift, explained;
        // 70: explained by the caller (e.g. a stock-out); 80: false. The zero day is missed.
        let found: Vec<Anomaly> = [10, 11, 36, 40, 70, 80].into_iter().map(at).collect();
        let t = Tally::of(&found, &truths, |i| i == 70);
        assert_eq!((t.true_detections, t.explained, t.false_detections), (2, 2, 2));
        assert_eq!((t.found_total(), t.injected_total()), (2, 3));
        assert_eq!(t.missed, vec![truths[2]]);
        assert!((t.precision() - 0.5).abs() < 1e-12 && (t.strict_precision() - 2.0 / 6.0).abs() < 1e-12);
        // Day 37 is the shift's 8th day: too late to find it.
        assert_eq!(Tally::of(&[at(37)], &truths[1..2], |_| false).found_total(), 0);
    }
}
