//! Forecasting: the upstream's golden values, fallback rules, hand-checked models, and the
//! empirical coverage of the prediction intervals on simulated series.

use domain::forecast::{ForecastInput, ForecastOptions, ModelKind, forecast, strategy};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

fn input(history: &[f64], season: usize, horizon: usize) -> ForecastInput<'_> {
    ForecastInput { history, season, horizon, holidays: None }
}

fn round2(values: &[f64]) -> Vec<f64> {
    values.iter().map(|v| (v * 100.0).round() / 100.0).collect()
}

#[test]
fn the_linear_strategy_reproduces_the_upstream_golden_values() {
    let cases: [(&[f64], [f64; 7]); 3] = [
        (&[12.0, 15.0, 14.0, 16.0, 18.0, 17.0, 20.0], [20.57, 21.71, 22.86, 24.0, 25.14, 26.29, 27.43]),
        (&[5.0, 7.0, 6.0, 9.0], [9.5, 10.6, 11.7, 12.8, 13.9, 15.0, 16.1]),
        (&[14.0, 12.0, 13.0, 15.0], [14.5, 14.9, 15.3, 15.7, 16.1, 16.5, 16.9]),
    ];
    for (history, expected) in cases {
        for model in [ModelKind::Linear, ModelKind::Auto] {
            let f = forecast(&input(history, 7, 7), &ForecastOptions { model, ..ForecastOptions::default() }).unwrap();
            assert_eq!(f.model, ModelKind::Linear, "{model:?}");
            assert_eq!(round2(&f.points), expected, "{history:?}");
        }
    }
    let f = forecast(&input(&[12.0, 15.0, 14.0, 16.0, 18.0, 17.0, 20.0], 7, 7), &ForecastOptions::default()).unwrap();
    assert_eq!((f.points.iter().sum::<f64>() * 100.0).round() / 100.0, 168.0);
    assert!(f.note.unwrap().contains("linear"));
}

#[test]
fn fallback_rules() {
    let flat = forecast(&input(&[4.0; 30], 7, 5), &ForecastOptions::default()).unwrap();
    assert_eq!((flat.model, flat.points.clone()), (ModelKind::Flat, vec![4.0; 5]));
    assert_eq!(flat.interval95.lower, flat.interval95.upper, "zero variance: zero width");
    assert!(forecast(&input(&[1.0], 7, 5), &ForecastOptions::default()).is_err());
    assert!(forecast(&input(&[1.0, f64::NAN, 2.0], 7, 5), &ForecastOptions::default()).is_err());
    let sparse: Vec<f64> = (0..120).map(|t| if t % 5 == 0 { 3.0 } else { 0.0 }).collect();
    let f = forecast(&input(&sparse, 7, 14), &ForecastOptions::default()).unwrap();
    let used = if f.model == ModelKind::Ensemble { f.members.clone() } else { vec![f.model] };
    assert!(!used.is_empty());
    for kind in used {
        assert!(
            matches!(
                kind,
                ModelKind::Croston
                    | ModelKind::Sba
                    | ModelKind::SeasonalMean
                    | ModelKind::SeasonalNaive
                    | ModelKind::Flat
            ),
            "{:?} from {:?}",
            kind,
            f.model
        );
    }
    assert!(f.candidates.iter().any(|(k, _)| *k == ModelKind::Sba));
    // An explicit model the history is too short for falls back and says so.
    let short: Vec<f64> = (0..20).map(f64::from).collect();
    let f = forecast(
        &input(&short, 7, 3),
        &ForecastOptions { model: ModelKind::RandomForest, ..ForecastOptions::default() },
    )
    .unwrap();
    assert_eq!(f.model, ModelKind::SeasonalNaive);
    assert!(f.note.unwrap().contains("random_forest"));
}

#[test]
fn seasonal_naive_repeats_the_last_season_and_theta_follows_a_trend() {
    let week = [10.0, 12.0, 11.0, 13.0, 20.0, 25.0, 2.0];
    let history: Vec<f64> = (0..28).map(|t| week[t % 7]).collect();
    let p = strategy(ModelKind::SeasonalNaive).unwrap().fit_predict(&input(&history, 7, 9)).unwrap();
    assert_eq!(p.points, [10.0, 12.0, 11.0, 13.0, 20.0, 25.0, 2.0, 10.0, 12.0]);
    // Theta on 1..20: SES tracks the last value, the drift is half the slope (0.5 a step).
    let line: Vec<f64> = (1..=20).map(f64::from).collect();
    let p = strategy(ModelKind::Theta).unwrap().fit_predict(&input(&line, 1, 3)).unwrap();
    assert!((p.points[0] - 20.5).abs() < 0.05 && (p.points[2] - 21.5).abs() < 0.05, "{:?}", p.points);
}

/// Daily sales with weekly seasonality, a slowly wandering level and noise.
fn simulated(rng: &mut ChaCha8Rng, n: usize) -> Vec<f64> {
    let week = [0.9_f64, 0.95, 1.0, 1.0, 1.15, 1.4, 0.6];
    let drift = Normal::new(0.0, 0.4).expect("valid normal");
    let noise = Normal::new(0.0, 6.0).expect("valid normal");
    let mut level = 60.0_f64;
    (0..n)
        .map(|t| {
            level += drift.sample(rng);
            (level * week[t % 7] + noise.sample(rng)).max(0.0)
        })
        .collect()
}

#[test]
fn prediction_intervals_cover_what_they_claim_on_simulated_series() {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let (mut inside80, mut inside95, mut total) = (0, 0, 0);
    let mut beats_naive = 0;
    for _ in 0..400 {
        let series = simulated(&mut rng, 280);
        let (history, future) = series.split_at(266);
        let f = forecast(&input(history, 7, 14), &ForecastOptions::default()).unwrap();
        for (h, actual) in future.iter().enumerate() {
            total += 1;
            inside80 += usize::from(*actual >= f.interval80.lower[h] && *actual <= f.interval80.upper[h]);
            inside95 += usize::from(*actual >= f.interval95.lower[h] && *actual <= f.interval95.upper[h]);
        }
        let naive = strategy(ModelKind::SeasonalNaive).unwrap().fit_predict(&input(history, 7, 14)).unwrap();
        let err = |p: &[f64]| future.iter().zip(p).map(|(a, b)| (a - b).abs()).sum::<f64>();
        beats_naive += usize::from(err(&f.points) < err(&naive.points));
    }
    let (c80, c95) = (inside80 as f64 / total as f64, inside95 as f64 / total as f64);
    assert!((0.74..=0.88).contains(&c80), "80 % interval covers {c80:.3}");
    assert!((0.91..=0.985).contains(&c95), "95 % interval covers {c95:.3}");
    assert!(beats_naive > 280, "auto beat seasonal naive on only {beats_naive} of 400 series");
}

#[test]
fn prediction_intervals_cover_on_skewed_hourly_series_too() {
    // 48-step horizons give ≥ 100 backtest errors, so the empirical-quantile path is used.
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let (mut inside80, mut inside95, mut total) = (0, 0, 0);
    for _ in 0..150 {
        let drift = Normal::new(0.0, 0.3).unwrap();
        let noise = rand_distr::LogNormal::new(0.0, 0.25).unwrap();
        let mut level = 100.0_f64;
        let series: Vec<f64> = (0..24 * 30)
            .map(|t| {
                level += drift.sample(&mut rng);
                level * (1.0 + 0.6 * (t as f64 / 24.0 * std::f64::consts::TAU).sin()) * noise.sample(&mut rng)
            })
            .collect();
        let (history, future) = series.split_at(24 * 28);
        let f = forecast(&input(history, 24, 48), &ForecastOptions::default()).unwrap();
        for (h, actual) in future.iter().enumerate() {
            total += 1;
            inside80 += usize::from(*actual >= f.interval80.lower[h] && *actual <= f.interval80.upper[h]);
            inside95 += usize::from(*actual >= f.interval95.lower[h] && *actual <= f.interval95.upper[h]);
        }
    }
    let (c80, c95) = (inside80 as f64 / total as f64, inside95 as f64 / total as f64);
    assert!((0.75..=0.88).contains(&c80), "80 % interval covers {c80:.3}");
    assert!((0.92..=0.985).contains(&c95), "95 % interval covers {c95:.3}");
}
