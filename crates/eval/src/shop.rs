//! The fake shop's daily units (shop-wide and per product) against its exported anomalies.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use adapter_fake::{AnomalyKind, AnomalyScope, Dataset, FakeShop, FakeShopConfig, InjectedAnomaly};
use adapter_memory::FixedClock;
use chrono::NaiveDate;
use domain::ProductId;
use domain::anomaly::{Anomaly, AnomalyConfig, count_scores, detect_counts, detect_robust, point_scores};

use crate::anomalies::{Kind, Tally, Truth};

/// The fake shop's "today": fixed, so the generated data (and the numbers) never change.
#[must_use]
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

/// Matches of the shop-wide series and of all product series.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ShopResult {
    pub global: Tally,
    pub products: Tally,
    pub products_count: usize,
    /// Detections on stock-out days (explained, not anomalies).
    pub stock_out_flags: usize,
    /// The anomalies no detection found, described, with the robust z the detector gave them.
    pub missed: Vec<String>,
    /// Product series by mean daily units: (bucket, products, detections, false detections).
    pub by_volume: Vec<(&'static str, usize, usize, usize)>,
}

/// Mean daily units at or above each bound, and the bucket's name.
const VOLUME: [(f64, &str); 4] = [(10.0, "≥ 10 units/day"), (3.0, "3–10"), (1.0, "1–3"), (0.0, "< 1")];

/// Which detector runs over the daily units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detector {
    /// Production: `detect_counts` (robust detector on variance-stabilised counts).
    Counts,
    /// The robust detector on raw units, for comparison.
    Raw,
}

impl Detector {
    fn detect(self, values: &[f64], config: &AnomalyConfig, skip: &[bool]) -> Vec<Anomaly> {
        match self {
            Self::Counts => detect_counts(values, config, Some(skip)),
            Self::Raw => detect_robust(values, config, Some(skip)),
        }
    }

    fn scores(self, values: &[f64], config: &AnomalyConfig) -> Vec<f64> {
        match self {
            Self::Counts => count_scores(values, config),
            Self::Raw => point_scores(values, config),
        }
    }
}

fn kind(k: AnomalyKind) -> Kind {
    match k {
        AnomalyKind::Spike => Kind::Spike,
        AnomalyKind::ZeroDay => Kind::ZeroDay,
        AnomalyKind::LevelShift => Kind::LevelShift,
    }
}

/// Daily units from `first` to `today`, zero-filled: the shop-wide total and per product.
fn daily_units(shop: &FakeShop, first: NaiveDate, days: usize) -> (Vec<f64>, HashMap<ProductId, Vec<f64>>) {
    let mut total = vec![0.0; days];
    let mut per: HashMap<ProductId, Vec<f64>> = shop.catalogue().iter().map(|p| (p.id(), vec![0.0; days])).collect();
    for sale in shop.history().iter() {
        let Ok(day) = usize::try_from((sale.header.at.date() - first).num_days()) else { continue };
        for line in sale.lines {
            let q = line.quantity.to_f64();
            total[day] += q;
            if let Some(series) = per.get_mut(&line.product_id) {
                series[day] += q;
            }
        }
    }
    (total, per)
}

/// The largest robust z the detector gives inside the anomaly's hit window, for the report.
fn best_z(detector: Detector, values: &[f64], truth: &Truth, config: &AnomalyConfig) -> f64 {
    let scores = detector.scores(values, config);
    (truth.start..(truth.start + truth.kind.hit_days()).min(values.len()))
        .map(|i| config.threshold * scores[i] / (1.0 - scores[i]).max(1e-9))
        .fold(0.0, f64::max)
}

/// Runs `detector` with the default settings over the shop-wide and per-product series of the
/// fake shop on `today`.
#[must_use]
pub fn evaluate(today: NaiveDate, detector: Detector) -> ShopResult {
    let shop = FakeShop::new(Dataset::Shop(FakeShopConfig::default()), Arc::new(FixedClock::on(today)));
    let events = shop.events();
    let first = shop.history().iter().map(|s| s.header.at.date()).min().unwrap_or(today);
    let days = usize::try_from((today - first).num_days() + 1).unwrap_or(0);
    let index = |d: NaiveDate| usize::try_from((d - first).num_days()).ok().filter(|i| *i < days);
    let truth = |a: &InjectedAnomaly| {
        Some(Truth { kind: kind(a.kind), start: index(a.start)?, end: index(a.end).unwrap_or(days - 1) })
    };
    let mut skip = vec![false; days];
    for i in events.closed_days.iter().filter_map(|d| index(*d)) {
        skip[i] = true;
    }
    let config = AnomalyConfig::default();
    let (total, per) = daily_units(&shop, first, days);
    let mut result = ShopResult { by_volume: VOLUME.iter().map(|v| (v.1, 0, 0, 0)).collect(), ..ShopResult::default() };
    let describe = |a: &InjectedAnomaly, values: &[f64], t: &Truth| {
        let scope = match a.scope {
            AnomalyScope::Global => "shop-wide".to_owned(),
            AnomalyScope::Product(p) => format!("product {p}"),
        };
        format!(
            "{} {scope} on {} (×{}; detector's robust z there {:.1})",
            t.kind.as_str(),
            a.start,
            a.factor,
            best_z(detector, values, t, &config)
        )
    };

    let global: Vec<(&InjectedAnomaly, Truth)> = events
        .anomalies
        .iter()
        .filter(|a| a.scope == AnomalyScope::Global)
        .filter_map(|a| Some((a, truth(a)?)))
        .collect();
    let product_days: BTreeSet<usize> = events
        .anomalies
        .iter()
        .filter(|a| a.scope != AnomalyScope::Global)
        .filter_map(truth)
        .flat_map(|t| t.start..=t.end)
        .collect();
    let truths: Vec<Truth> = global.iter().map(|g| g.1).collect();
    result.global = Tally::of(&detector.detect(&total, &config, &skip), &truths, |i| product_days.contains(&i));
    for missed in &result.global.missed {
        if let Some((a, t)) = global.iter().find(|g| g.1 == *missed) {
            result.missed.push(describe(a, &total, t));
        }
    }

    let mut ids: Vec<&ProductId> = per.keys().collect();
    ids.sort();
    result.products_count = ids.len();
    for id in ids {
        let mean = per[id].iter().sum::<f64>() / days.max(1) as f64;
        let bucket = VOLUME.iter().position(|v| mean >= v.0).unwrap_or(VOLUME.len() - 1);
        let values: &[f64] = &per[id];
        let mine: Vec<(&InjectedAnomaly, Truth)> = events
            .anomalies
            .iter()
            .filter(|a| a.scope == AnomalyScope::Product(*id))
            .filter_map(|a| Some((a, truth(a)?)))
            .collect();
        let stock_out: BTreeSet<usize> = events
            .stock_outs
            .iter()
            .filter(|s| s.product_id == *id)
            .flat_map(|s| (index(s.start).unwrap_or(0)..=index(s.end).unwrap_or(days - 1)).collect::<Vec<_>>())
            .collect();
        let found = detector.detect(values, &config, &skip);
        result.stock_out_flags += found.iter().filter(|d| stock_out.contains(&d.index)).count();
        let truths: Vec<Truth> = mine.iter().map(|m| m.1).collect();
        let tally = Tally::of(&found, &truths, |i| stock_out.contains(&i));
        for missed in &tally.missed {
            if let Some((a, t)) = mine.iter().find(|m| m.1 == *missed) {
                result.missed.push(describe(a, values, t));
            }
        }
        let slot = &mut result.by_volume[bucket];
        (slot.1, slot.2, slot.3) = (slot.1 + 1, slot.2 + found.len(), slot.3 + tally.false_detections);
        result.products.add(&tally);
    }
    result
}
