//! Churn golden cases (reference crm-analytics.md §4).

use chrono::{NaiveDate, NaiveDateTime};
use domain::crm::{Account, Case, CrmConfig, Opportunity, RiskLevel, risk_summary, score_accounts};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 6, 1).and_then(|d| d.and_hms_opt(12, 0, 0)).expect("valid instant")
}

fn account(id: &str, days_ago: i64, revenue: f64) -> Account {
    let last = (now() - chrono::Duration::days(days_ago)).format("%Y-%m-%dT%H:%M:%S.000+0000").to_string();
    Account {
        id: id.to_owned(),
        name: Some(format!("{id} Ltd")),
        industry: Some("Retail".to_owned()),
        annual_revenue: Some(revenue),
        last_activity_date: Some(last),
        ..Account::default()
    }
}

fn case(account: &str, priority: &str, csat: f64) -> Case {
    Case {
        id: format!("500-{account}-{priority}"),
        account_id: Some(account.to_owned()),
        priority: Some(priority.to_owned()),
        customer_satisfaction: Some(csat),
        ..Case::default()
    }
}

fn won(account: &str) -> Opportunity {
    Opportunity {
        id: format!("006-{account}"),
        account_id: Some(account.to_owned()),
        amount: Some(100_000.0),
        is_closed: true,
        is_won: true,
        ..Opportunity::default()
    }
}

fn golden() -> (Vec<Account>, Vec<Case>, Vec<Opportunity>) {
    let accounts = vec![account("A2", 9, 1_000_000.0), account("A1", 90, 5_000_000.0)];
    let mut cases: Vec<Case> = (0..10).map(|_| case("A1", "High", 1.0)).collect();
    cases.push(case("A2", "Low", 5.0));
    (accounts, cases, vec![won("A2")])
}

#[test]
fn golden_accounts_a1_and_a2() {
    let (a, c, o) = golden();
    let scored = score_accounts(&a, &c, &o, now(), &CrmConfig::default().churn);
    assert_eq!(scored[0].account.id, "A1");
    assert_eq!(scored[0].score, 1.0);
    assert_eq!(scored[0].level, RiskLevel::High);
    assert_eq!(scored[0].risk_factors.len(), 4);
    assert_eq!(scored[1].account.id, "A2");
    assert_eq!(scored[1].score, 0.09);
    assert_eq!(scored[1].level, RiskLevel::Low);
    assert_eq!(scored[1].risk_factors, ["No significant risk factors identified"]);
    let json = serde_json::to_value(&scored[0]).unwrap();
    assert_eq!(json["explanation"][0]["raw"], serde_json::json!({"cases": 10.0, "escalated": 10.0}));
    let back: domain::crm::ScoredAccount = serde_json::from_value(json).unwrap();
    assert_eq!(back, scored[0]);
    let contributions: Vec<f64> = scored[1].explanation.iter().map(|f| f.contribution).collect();
    for (got, want) in contributions.iter().zip([0.015, 0.025, 0.05, 0.0]) {
        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
    }
}

#[test]
fn summary_of_the_golden_accounts() {
    let (a, c, o) = golden();
    let s = risk_summary(&score_accounts(&a, &c, &o, now(), &CrmConfig::default().churn));
    assert_eq!(s.total_accounts, 2);
    assert_eq!(s.average_risk_score, 0.545);
    assert_eq!((s.risk_breakdown.low, s.risk_breakdown.medium, s.risk_breakdown.high), (1, 0, 1));
    assert_eq!(s.total_revenue_at_risk, 5_000_000.0);
    assert_eq!(s.high_risk_accounts[0].name.as_deref(), Some("A1 Ltd"));
    let json = serde_json::to_string(&s.risk_breakdown).unwrap();
    assert_eq!(json, r#"{"Low":1,"Medium":0,"High":1}"#);
}

#[test]
fn batch_level_defaults() {
    let cfg = CrmConfig::default().churn;
    let accounts = vec![Account { id: "x".to_owned(), ..Account::default() }];
    // No cases, no opportunities, no LastActivityDate anywhere: 0, 0.3, 0.5, 0.3.
    let s = &score_accounts(&accounts, &[], &[], now(), &cfg)[0];
    let signals: Vec<f64> = s.explanation.iter().map(|f| f.normalised).collect();
    assert_eq!(signals, [0.0, 0.3, 0.5, 0.3]);
    assert_eq!(s.score, 0.26);
    // Opportunities but none won: 0.6.
    let lost = Opportunity { id: "o".to_owned(), account_id: Some("x".to_owned()), ..Opportunity::default() };
    let s = &score_accounts(&accounts, &[], &[lost], now(), &cfg)[0];
    assert_eq!(s.explanation[2].normalised, 0.6);
}

#[test]
fn unparseable_activity_date_counts_as_the_horizon() {
    let cfg = CrmConfig::default().churn;
    let mut bad = account("bad", 0, 1.0);
    bad.last_activity_date = Some("not a date".to_owned());
    let s = score_accounts(&[bad, account("ok", 45, 1.0)], &[], &[], now(), &cfg);
    let bad = s.iter().find(|a| a.account.id == "bad").unwrap();
    let ok = s.iter().find(|a| a.account.id == "ok").unwrap();
    assert_eq!(bad.explanation[1].normalised, 1.0);
    assert_eq!(ok.explanation[1].normalised, 0.5);
}

#[test]
fn documented_profile_levels() {
    let cfg = CrmConfig::documented().churn;
    assert_eq!(RiskLevel::of(0.6, &cfg), RiskLevel::Medium);
    assert_eq!(RiskLevel::of(0.601, &cfg), RiskLevel::High);
    assert_eq!(RiskLevel::of(0.3, &cfg), RiskLevel::Medium);
    let code = CrmConfig::default().churn;
    assert_eq!(RiskLevel::of(0.7, &code), RiskLevel::High);
    assert_eq!(RiskLevel::of(0.699, &code), RiskLevel::Medium);
    assert_eq!(RiskLevel::of(0.4, &code), RiskLevel::Medium);
}

#[test]
fn no_accounts_gives_a_zero_summary() {
    let s = risk_summary(&[]);
    assert_eq!(s.total_accounts, 0);
    assert_eq!(s.average_risk_score, 0.0);
    assert_eq!(s.risk_breakdown.high, 0);
}
