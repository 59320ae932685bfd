//! Forecasting and anomaly detection at catalogue scale, on one core: 1 000 products × 400 days
//! (a third of them intermittent, as a shop's long tail is).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use domain::anomaly::{AnomalyConfig, detect_robust};
use domain::forecast::{ForecastInput, ForecastOptions, ModelKind, forecast};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal, Poisson};

fn catalogue(products: usize, days: usize) -> Vec<Vec<f64>> {
    let mut rng = ChaCha8Rng::seed_from_u64(42);
    let week = [0.9, 0.95, 1.0, 1.0, 1.15, 1.4, 0.6];
    (0..products)
        .map(|p| {
            let base = if p % 3 == 0 { 0.4 } else { 3.0 + (p % 17) as f64 * 2.0 };
            let drift = Normal::new(0.0, 0.01).expect("valid normal");
            let mut level = 1.0_f64;
            (0..days)
                .map(|t| {
                    level = (level + drift.sample(&mut rng)).max(0.2);
                    Poisson::new(base * level * week[t % 7]).map_or(0.0, |d| d.sample(&mut rng))
                })
                .collect()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let series = catalogue(1000, 400);
    let mut group = c.benchmark_group("catalogue_of_1000_x_400_days");
    group.sample_size(10);
    group.bench_function("auto forecast, 28 days, 3-origin backtest", |b| {
        b.iter(|| {
            for history in &series {
                let input = ForecastInput { history, season: 7, horizon: 28, holidays: None };
                black_box(forecast(&input, &ForecastOptions::default()).expect("forecast"));
            }
        });
    });
    group.bench_function("robust anomaly detection", |b| {
        b.iter(|| {
            for values in &series {
                black_box(detect_robust(values, &AnomalyConfig::default(), None));
            }
        });
    });
    group.bench_function("causal anomaly detection", |b| {
        let config = AnomalyConfig { causal: true, ..AnomalyConfig::default() };
        b.iter(|| {
            for values in &series {
                black_box(detect_robust(values, &config, None));
            }
        });
    });
    group.finish();
    let one = &series[1];
    let mut single = c.benchmark_group("one_series_400_days");
    for model in
        [ModelKind::SeasonalNaive, ModelKind::Theta, ModelKind::Damped, ModelKind::RandomForest, ModelKind::Auto]
    {
        let options = ForecastOptions { model, ..ForecastOptions::default() };
        single.bench_function(model.as_str(), |b| {
            b.iter(|| {
                black_box(
                    forecast(&ForecastInput { history: one, season: 7, horizon: 28, holidays: None }, &options)
                        .expect("forecast"),
                )
            });
        });
    }
    single.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
