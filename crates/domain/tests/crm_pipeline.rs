//! Pipeline health golden cases (reference crm-analytics.md §3.8 and the §9 figures).

use domain::crm::pipeline::funnel;
use domain::crm::{CrmConfig, Opportunity, analyse_pipeline};

fn opp(stage: &str, amount: f64, prob: f64, category: &str, days: f64, closed: bool, won: bool) -> Opportunity {
    Opportunity {
        id: format!("006-{stage}-{amount}-{days}"),
        stage_name: Some(stage.to_owned()),
        amount: Some(amount),
        probability: Some(prob),
        forecast_category: Some(category.to_owned()),
        days_in_stage: Some(days),
        is_closed: closed,
        is_won: won,
        ..Opportunity::default()
    }
}

fn mini() -> Vec<Opportunity> {
    vec![
        opp("Prospecting", 100_000.0, 10.0, "Pipeline", 10.0, false, false),
        opp("Negotiation", 400_000.0, 80.0, "Commit", 40.0, false, false),
        opp("Closed Won", 50_000.0, 100.0, "Closed", 5.0, true, true),
        opp("Closed Lost", 50_000.0, 0.0, "Omitted", 5.0, true, false),
    ]
}

#[test]
fn mini_case_of_section_3_8() {
    let h = analyse_pipeline(&mini(), &CrmConfig::default().pipeline);
    assert_eq!(h.health_score.score, 68.8);
    assert_eq!(h.health_score.rating, "Good");
    let b = &h.health_score.breakdown;
    assert_eq!((b.coverage, b.distribution, b.win_rate, b.velocity), (Some(25.0), Some(12.5), Some(12.5), Some(18.8)));
    assert_eq!(
        (h.forecast.commit, h.forecast.pipeline, h.forecast.best_case, h.forecast.total_weighted),
        (400_000.0, 100_000.0, 0.0, 330_000.0)
    );
    let risks: Vec<(&str, &str)> = h.risk_indicators.iter().map(|r| (r.kind.as_str(), r.message.as_str())).collect();
    assert_eq!(
        risks,
        [
            ("Stalled Deals", "1 deals stalled (>30 days in current stage), worth £400,000"),
            ("Concentration Risk", "Largest deal represents 80% of pipeline"),
            ("Thin Top of Funnel", "Only 1 deals in early stages — future pipeline at risk"),
        ]
    );
    assert_eq!(h.risk_indicators[0].count, Some(1));
    assert_eq!(h.risk_indicators[0].value, Some(400_000.0));
    assert_eq!(h.recommendations.len(), 3);
    assert!(h.recommendations[0].starts_with("Review 1 stalled deals"));
    let stages: Vec<&str> = h.stage_summary.iter().map(|s| s.stage.as_str()).collect();
    assert_eq!(
        stages,
        ["Prospecting", "Qualification", "Needs Analysis", "Proposal", "Negotiation", "Closed Won", "Closed Lost"]
    );
    assert_eq!(h.stage_summary[4].weighted_value, 320_000.0);
    assert_eq!(h.velocity_metrics.avg_days_in_current_stage, 15.0);
    assert_eq!(h.velocity_metrics.median_days_in_stage, 7.5);
    assert_eq!(h.velocity_metrics.open_deals, 2);
    assert_eq!(h.velocity_metrics.avg_deal_size, 50_000.0);
}

#[test]
fn risk_json_shapes_omit_absent_keys() {
    let h = analyse_pipeline(&mini(), &CrmConfig::default().pipeline);
    let json = serde_json::to_value(&h.risk_indicators).unwrap();
    assert_eq!(json[0]["type"], "Stalled Deals");
    assert_eq!(json[0]["severity"], "High");
    assert!(json[1].get("count").is_none() && json[1].get("value").is_none());
    assert_eq!(json[2]["count"], 1);
    assert!(json[2].get("value").is_none());
}

#[test]
fn empty_pipeline_is_no_data() {
    let cfg = CrmConfig::default().pipeline;
    let h = analyse_pipeline(&[], &cfg);
    let json = serde_json::to_value(&h.health_score).unwrap();
    assert_eq!(json, serde_json::json!({"score": 0.0, "rating": "No Data", "breakdown": {}}));
    assert_eq!(h.recommendations, ["No opportunity data available for analysis."]);
    assert!(h.risk_indicators.is_empty());
    assert_eq!(h.stage_summary.len(), 7);
    assert!(funnel(&[], &cfg).is_empty());
    assert_eq!(funnel(&mini(), &cfg).len(), 7);
}

#[test]
fn no_closed_deal_gives_half_the_win_rate_points() {
    let opps = vec![opp("Prospecting", 10.0, 10.0, "Pipeline", 1.0, false, false)];
    let h = analyse_pipeline(&opps, &CrmConfig::default().pipeline);
    assert_eq!(h.health_score.breakdown.win_rate, Some(12.5));
}

/// Opportunities rebuilt to the committed seed-42 aggregates (§9): stage counts P8/Q9/NA5/Pr6/N12/
/// CW8/CL12, £11.64M open, forecast 1.06M/4.76M/5.82M, weighted 5.115M, 14 stalled deals worth
/// £3.9M, mean days in stage 23.2. (CPython's random stream is not reproduced; the engine is.)
fn seed42_like() -> Vec<Opportunity> {
    let mut v = Vec::new();
    let mut push = |stage: &str, amounts: &[f64], prob: f64, cat: &str, closed: bool, won: bool, days: &[f64]| {
        for (a, d) in amounts.iter().zip(days) {
            v.push(opp(stage, *a, prob, cat, *d, closed, won));
        }
    };
    let d18 = [18.0; 12];
    push("Prospecting", &[415_000.0; 8], 10.0, "Pipeline", false, false, &d18);
    let mut q = vec![300_000.0; 6];
    q.extend([360_000.0, 170_000.0, 170_000.0]);
    push("Qualification", &q, 25.0, "Pipeline", false, false, &[18.0, 18.0, 18.0, 18.0, 18.0, 18.0, 18.0, 40.0, 40.0]);
    push(
        "Needs Analysis",
        &[200_000.0, 200_000.0, 200_000.0, 200_000.0, 260_000.0],
        50.0,
        "Best Case",
        false,
        false,
        &d18,
    );
    push("Proposal", &[200_000.0; 6], 65.0, "Commit", false, false, &d18);
    let mut n = vec![300_000.0; 11];
    n.push(260_000.0);
    push("Negotiation", &n, 80.0, "Commit", false, false, &[40.0; 12]);
    push("Closed Won", &[100_000.0; 8], 100.0, "Closed", true, true, &[20.0, 20.0, 18.0, 18.0, 18.0, 18.0, 18.0, 18.0]);
    push("Closed Lost", &[100_000.0; 12], 0.0, "Omitted", true, false, &d18);
    v
}

#[test]
fn seed_42_figures_of_section_9() {
    let opps = seed42_like();
    assert_eq!(opps.len(), 60);
    let h = analyse_pipeline(&opps, &CrmConfig::default().pipeline);
    assert_eq!(h.velocity_metrics.open_deals, 40);
    assert!((h.velocity_metrics.open_pipeline_value - 11_640_000.0).abs() < 1e-6);
    assert_eq!(h.health_score.score, 61.2);
    assert_eq!(h.health_score.rating, "Good");
    let b = &h.health_score.breakdown;
    // The parts add up to 61.1, not 61.2: each is rounded on its own, as in the reference.
    assert_eq!((b.coverage, b.distribution, b.win_rate, b.velocity), (Some(25.0), Some(10.8), Some(10.0), Some(15.3)));
    let f = &h.forecast;
    assert!((f.best_case - 1_060_000.0).abs() < 1e-6);
    assert!((f.commit - 4_760_000.0).abs() < 1e-6);
    assert!((f.pipeline - 5_820_000.0).abs() < 1e-6);
    assert!((f.total_weighted - 5_115_000.0).abs() < 1e-6);
    assert_eq!(h.risk_indicators.len(), 1);
    assert_eq!(h.risk_indicators[0].message, "14 deals stalled (>30 days in current stage), worth £3,900,000");
    assert_eq!(h.recommendations.len(), 1);
}
