//! Known events in the generated history, exported for tests of detectors and reports.

use chrono::NaiveDate;
use domain::ProductId;
use serde::Serialize;

/// What kind of anomaly was injected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AnomalyKind {
    /// Demand multiplied by `factor` (> 1) for one day.
    Spike,
    /// No sales at all on a day the shop was open (a till outage, a lost delivery).
    ZeroDay,
    /// Demand multiplied by `factor` from `start` to `end`: a change of level, not a blip.
    LevelShift,
}

/// Whether an anomaly hits the whole shop or one product.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "product_id", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AnomalyScope {
    Global,
    Product(ProductId),
}

/// One injected anomaly; one-day anomalies have `start == end`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct InjectedAnomaly {
    pub kind: AnomalyKind,
    pub scope: AnomalyScope,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub factor: f64,
}

impl InjectedAnomaly {
    #[must_use]
    pub fn covers(&self, day: NaiveDate) -> bool {
        day >= self.start && day <= self.end
    }
}

/// A product that could not sell for a while because its shelf was empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct StockOut {
    pub product_id: ProductId,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// Everything a test may want to know about what the generator did on purpose.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ShopEvents {
    pub anomalies: Vec<InjectedAnomaly>,
    pub stock_outs: Vec<StockOut>,
    /// Days the shop was closed (public holidays): zero sales that are *not* anomalies.
    pub closed_days: Vec<NaiveDate>,
}

/// Picks the anomaly dates and stock-out windows for a history `[start, today]`.
pub(crate) fn plan(
    specs: &[crate::catalog::ProductSpec],
    start: NaiveDate,
    today: NaiveDate,
    rng: &mut rand_chacha::ChaCha8Rng,
) -> ShopEvents {
    use rand::RngExt;

    use crate::catalog::Role;
    use crate::effects::is_closed;

    let open_day = |days_ago: u64| {
        let mut day = today - chrono::Days::new(days_ago);
        while is_closed(day) {
            day = day - chrono::Days::new(1);
        }
        day
    };
    // The busiest healthy products carry the product-level anomalies, so they are detectable.
    let mut busy: Vec<_> = specs.iter().filter(|s| s.role == Role::Healthy).collect();
    busy.sort_by(|a, b| b.base_demand.total_cmp(&a.base_demand));
    let pid = |rank: usize| busy.get(rank % busy.len().max(1)).map(|s| s.product.id());

    let one_day = |kind, scope, days_ago, factor| {
        let day = open_day(days_ago);
        InjectedAnomaly { kind, scope, start: day, end: day, factor }
    };
    let mut anomalies = vec![
        one_day(AnomalyKind::Spike, AnomalyScope::Global, 45, 3.0),
        one_day(AnomalyKind::ZeroDay, AnomalyScope::Global, 75, 0.0),
        InjectedAnomaly {
            kind: AnomalyKind::LevelShift,
            scope: AnomalyScope::Global,
            start: today - chrono::Days::new(130),
            end: today - chrono::Days::new(116),
            factor: 0.6,
        },
    ];
    for (rank, days_ago) in [(0, 20), (1, 95), (2, 160)] {
        anomalies.extend(pid(rank).map(|p| one_day(AnomalyKind::Spike, AnomalyScope::Product(p), days_ago, 6.0)));
    }
    for (rank, days_ago) in [(3, 33), (4, 140)] {
        anomalies.extend(pid(rank).map(|p| one_day(AnomalyKind::ZeroDay, AnomalyScope::Product(p), days_ago, 0.0)));
    }
    if let Some(p) = pid(5) {
        let shift_start = today - chrono::Days::new(60);
        anomalies.push(InjectedAnomaly {
            kind: AnomalyKind::LevelShift,
            scope: AnomalyScope::Product(p),
            start: shift_start,
            end: today,
            factor: 2.2,
        });
    }
    anomalies.retain(|a| a.start >= start);

    let anomalous: Vec<_> = (0..6).filter_map(pid).collect();
    let mut stock_outs = Vec::new();
    for spec in specs {
        let id = spec.product.id();
        match spec.role {
            Role::Out { days_ago } => {
                stock_outs.push(StockOut {
                    product_id: id,
                    start: today - chrono::Days::new(u64::from(days_ago) - 1),
                    end: today,
                });
            }
            Role::Healthy | Role::Low if !anomalous.contains(&id) && rng.random_bool(0.35) => {
                let history = (today - start).num_days();
                if history > 40 {
                    let begin = start + chrono::Days::new(rng.random_range(0..(history - 30) as u64));
                    let end = begin + chrono::Days::new(rng.random_range(2..10));
                    stock_outs.push(StockOut { product_id: id, start: begin, end });
                }
            }
            _ => {}
        }
    }
    let closed_days = start.iter_days().take_while(|d| *d <= today).filter(|d| is_closed(*d)).collect();
    ShopEvents { anomalies, stock_outs, closed_days }
}
