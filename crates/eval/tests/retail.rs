//! End to end on the real retail file, with the report's design (13 origins, production
//! options): every model is evaluated from every origin and appears in the table. About 2–3 s in
//! a debug build on 2 cores.

use domain::forecast::ModelKind;
use eval::retail::{RetailConfig, evaluate, markdown, variants};

#[test]
fn the_retail_table_has_every_model() {
    let series = eval::data::retail(&eval::default_data_dir()).expect("the retail file (see eval-data/README.md)");
    assert_eq!(series.values.len(), 739);
    let config = RetailConfig::default();
    let result = evaluate(&series, &config);
    let expected: Vec<usize> = (1..=13).rev().map(|k| 739 - 28 * k).collect();
    assert_eq!(result.origins, expected, "13 origins 28 days apart, the last window ending the series");

    let table = markdown(&result, &series);
    for kind in ModelKind::ALL {
        assert!(table.contains(&format!("| `{}` |", kind.as_str())), "{} missing from\n{table}", kind.as_str());
    }
    assert!(table.contains("| `auto + random_forest` |"));
    assert_eq!(result.models.len(), variants(config.backtest_origins).len());
    for model in &result.models {
        assert_eq!(model.failures(), 0, "{} failed", model.label);
        assert!(model.mase().is_finite() && model.mase() > 0.0, "{}: {}", model.label, model.mase());
        let (c80, c95) = model.coverage();
        assert!((0.0..=1.0).contains(&c80) && c80 <= c95, "{}: {c80} {c95}", model.label);
    }
    assert!(result.improvement_pct().is_finite());
}
