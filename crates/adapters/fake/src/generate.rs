//! The generator: catalogue, planned events, then sales day by day.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime};
use domain::{Money, Product, Quantity, SaleId, SaleLine, SalesLedger, SalesLedgerBuilder};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Poisson};
use serde::Deserialize;

use crate::catalog::{self, ProductSpec, Role};
use crate::effects;
use crate::events::{AnomalyScope, ShopEvents};

/// Mean extra lines per ticket (lines = 1 + Poisson) and extra units per line.
const EXTRA_LINES: f64 = 1.2;
const EXTRA_UNITS: f64 = 0.4;
const UNITS_PER_LINE: f64 = 1.0 + EXTRA_UNITS;
const UNITS_PER_TICKET: f64 = (1.0 + EXTRA_LINES) * UNITS_PER_LINE;
const OPENING_SECONDS: u32 = 8 * 3600;
const OPEN_FOR_SECONDS: u32 = 12 * 3600;

/// Shape and size of the generated shop.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FakeShopConfig {
    /// Same seed (and same "today"), same data.
    pub seed: u64,
    /// Number of products (at least 10, so that every stock status occurs).
    pub products: usize,
    /// Days of history ending today.
    pub days: u32,
    /// Approximate number of sale lines wanted (scales demand); `None` keeps the natural size
    /// of about 170 lines a day for 60 products.
    pub sale_lines: Option<u64>,
}

impl Default for FakeShopConfig {
    fn default() -> Self {
        Self { seed: 42, products: 60, days: 420, sale_lines: None }
    }
}

/// What one generation produced.
#[derive(Clone, Debug)]
pub(crate) struct Generated {
    pub(crate) products: Vec<Product>,
    pub(crate) ledger: SalesLedger,
    pub(crate) events: ShopEvents,
}

/// Expected units of product `spec` on `day` before randomness.
fn demand(spec: &ProductSpec, day: NaiveDate, start: NaiveDate, today: NaiveDate, events: &ShopEvents) -> f64 {
    let id = spec.product.id();
    let days_ago = (today - day).num_days();
    match spec.role {
        Role::Out { days_ago: since } if days_ago < i64::from(since) => return 0.0,
        Role::Dead { days_ago: since } if days_ago < i64::from(since) => return 0.0,
        _ => {}
    }
    if events.stock_outs.iter().any(|s| s.product_id == id && day >= s.start && day <= s.end) {
        return 0.0;
    }
    let years = (day - start).num_days() as f64 / 365.25;
    let mut mu = spec.base_demand
        * effects::weekday(day)
        * effects::yearly(day)
        * effects::holiday(day)
        * (1.0 + spec.growth * years);
    if effects::promoted(spec.category_index, day) {
        mu *= effects::PROMO_LIFT;
    }
    for anomaly in events.anomalies.iter().filter(|a| a.covers(day)) {
        if anomaly.scope == AnomalyScope::Global || anomaly.scope == AnomalyScope::Product(id) {
            mu *= anomaly.factor;
        }
    }
    mu.max(0.0)
}

fn day_seed(seed: u64, day: NaiveDate) -> u64 {
    // SplitMix64 finaliser: neighbouring days get unrelated streams.
    let mut z = seed ^ (u64::from(day.num_days_from_ce().unsigned_abs())).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Generates the whole shop for the history ending on `today`.
pub(crate) fn generate(config: &FakeShopConfig, today: NaiveDate) -> Generated {
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let specs = catalog::generate(config.products.max(1), &mut rng);
    let start = today - Days::new(u64::from(config.days.max(1) - 1));
    let events = crate::events::plan(&specs, start, today, &mut rng);
    let days: Vec<NaiveDate> = start.iter_days().take_while(|d| *d <= today).collect();

    let natural_lines: f64 =
        days.iter().map(|d| specs.iter().map(|s| demand(s, *d, start, today, &events)).sum::<f64>()).sum::<f64>()
            / UNITS_PER_LINE;
    let scale = config.sale_lines.map_or(1.0, |target| target as f64 / natural_lines.max(1.0));

    let mut builder = SalesLedgerBuilder::with_capacity(
        (natural_lines * scale / (1.0 + EXTRA_LINES)) as usize + 16,
        (natural_lines * scale * 1.05) as usize + 16,
    );
    let extra_lines = Poisson::new(EXTRA_LINES).expect("constant lambda is valid");
    let extra_units = Poisson::new(EXTRA_UNITS).expect("constant lambda is valid");
    let mut next_id = 1_u64;
    let mut weights = Vec::with_capacity(specs.len());
    let mut times = Vec::new();
    let mut lines: Vec<SaleLine> = Vec::with_capacity(16);

    for day in &days {
        let mut rng = ChaCha8Rng::seed_from_u64(day_seed(config.seed, *day));
        weights.clear();
        let mut total = 0.0;
        for spec in &specs {
            total += demand(spec, *day, start, today, &events) * scale;
            weights.push(total);
        }
        if total <= 0.0 {
            continue;
        }
        let tickets = Poisson::new(total / UNITS_PER_TICKET).map_or(0.0, |p| p.sample(&mut rng)) as usize;
        times.clear();
        times.extend((0..tickets).map(|_| OPENING_SECONDS + rng.random_range(0..OPEN_FOR_SECONDS)));
        times.sort_unstable();
        for &second in &times {
            lines.clear();
            let count = 1 + extra_lines.sample(&mut rng) as usize;
            for _ in 0..count.min(8) {
                let pick = rng.random::<f64>() * total;
                let index = weights.partition_point(|w| *w <= pick).min(specs.len() - 1);
                let spec = &specs[index];
                let quantity = Quantity::from_units(1 + extra_units.sample(&mut rng) as i64);
                let unit_price = if effects::promoted(spec.category_index, *day) {
                    Money::from_cents((spec.product.price().to_f64() * effects::PROMO_PRICE * 100.0).round() as i64)
                } else {
                    spec.product.price()
                };
                match lines.iter_mut().find(|l| l.product_id == spec.product.id()) {
                    Some(line) => line.quantity += quantity,
                    None => lines.push(SaleLine { product_id: spec.product.id(), quantity, unit_price }),
                }
            }
            let at =
                NaiveDateTime::new(*day, NaiveTime::from_num_seconds_from_midnight_opt(second, 0).unwrap_or_default());
            let sale_total = lines.iter().map(SaleLine::subtotal).sum();
            // The ledger holds u32::MAX lines; the configured sizes stay far below.
            if builder.push(SaleId::new(next_id), at, sale_total, lines.iter().copied()).is_err() {
                break;
            }
            next_id += 1;
        }
    }
    Generated { products: specs.into_iter().map(|s| s.product).collect(), ledger: builder.build(), events }
}
