//! Properties of the CRM engines over arbitrary records: scores in range, bands consistent with
//! the thresholds, explanations adding up to the score, never NaN.

use chrono::NaiveDate;
use domain::crm::{
    Account, Case, CrmConfig, Lead, Opportunity, Priority, RiskLevel, analyse_pipeline, score_accounts, score_leads,
};
use proptest::prelude::*;

fn num() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        Just(None),
        (0.0..1e9f64).prop_map(Some),
        (0.0..100.0f64).prop_map(Some),
        (-1e3..0.0f64).prop_map(Some),
        Just(Some(f64::NAN)),
    ]
}

fn industry() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        Just(Some("Technology".to_owned())),
        Just(Some("Retail".to_owned())),
        "[a-z]{0,6}".prop_map(Some)
    ]
}

prop_compose! {
    fn lead()(i in 0..1000u32, emp in num(), rev in num(), ind in industry(), v in num(), d in num(), o in num(), days in num()) -> Lead {
        Lead {
            id: format!("00Q{i}"), number_of_employees: emp, annual_revenue: rev, industry: ind,
            website_visits: v, content_downloads: d, email_opens: o, days_since_last_activity: days,
            ..Lead::default()
        }
    }
}

fn profile() -> impl Strategy<Value = CrmConfig> {
    prop_oneof![Just(CrmConfig::default()), Just(CrmConfig::documented())]
}

proptest! {
    #[test]
    fn lead_scores_are_in_range_banded_and_explained(leads in prop::collection::vec(lead(), 0..40), cfg in profile()) {
        let cfg = cfg.leads;
        let scored = score_leads(&leads, &cfg);
        prop_assert_eq!(scored.len(), leads.len());
        for w in scored.windows(2) {
            prop_assert!(w[0].score >= w[1].score);
        }
        for s in &scored {
            prop_assert!(s.score.is_finite() && (0.0..=100.0).contains(&s.score));
            prop_assert_eq!(s.priority, Priority::of(s.score, &cfg));
            match s.priority {
                Priority::Critical => prop_assert!(cfg.critical.admits(s.score)),
                Priority::High => prop_assert!(cfg.high.admits(s.score) && !cfg.critical.admits(s.score)),
                Priority::Medium => prop_assert!(cfg.medium.admits(s.score) && !cfg.high.admits(s.score)),
                Priority::Low => prop_assert!(!cfg.medium.admits(s.score)),
            }
            prop_assert_eq!(s.explanation.len(), 6);
            let sum: f64 = s.explanation.iter().map(|f| f.contribution).sum();
            // The score is the sum clipped to 0..100 (company size is not clipped) and rounded to 1 dp.
            prop_assert!((sum.clamp(0.0, 100.0) - s.score).abs() <= 0.05 + 1e-9, "{} vs {}", sum, s.score);
            for f in &s.explanation {
                prop_assert!(f.normalised.is_finite() && f.normalised >= 0.0);
                prop_assert!((f.contribution - f.weight * f.normalised * 100.0).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn churn_scores_are_in_range_banded_and_explained(
        n_accounts in 0..15usize,
        cases in prop::collection::vec((0..15usize, prop_oneof![Just("High"), Just("Low"), Just("Critical")], num()), 0..40),
        opps in prop::collection::vec((0..15usize, any::<bool>(), num()), 0..20),
        days in prop::collection::vec(prop_oneof![Just(None), (0..400i64).prop_map(Some)], 15),
        cfg in profile(),
    ) {
        let cfg = cfg.churn;
        let now = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
        let accounts: Vec<Account> = (0..n_accounts).map(|i| Account {
            id: format!("001{i}"),
            last_activity_date: days[i].map(|d| (now - chrono::Duration::days(d)).format("%Y-%m-%d").to_string()),
            annual_revenue: Some(1000.0),
            ..Account::default()
        }).collect();
        let cases: Vec<Case> = cases.into_iter().map(|(a, p, csat)| Case {
            id: "500".to_owned(), account_id: Some(format!("001{a}")), priority: Some(p.to_owned()),
            customer_satisfaction: csat.map(|c| c % 6.0), ..Case::default()
        }).collect();
        let opps: Vec<Opportunity> = opps.into_iter().map(|(a, won, amount)| Opportunity {
            id: "006".to_owned(), account_id: Some(format!("001{a}")), is_won: won, is_closed: won, amount,
            ..Opportunity::default()
        }).collect();
        let scored = score_accounts(&accounts, &cases, &opps, now, &cfg);
        prop_assert_eq!(scored.len(), n_accounts);
        for s in &scored {
            prop_assert!(s.score.is_finite() && (0.0..=1.0).contains(&s.score));
            prop_assert_eq!(s.level, RiskLevel::of(s.score, &cfg));
            prop_assert!(!s.risk_factors.is_empty());
            let sum: f64 = s.explanation.iter().map(|f| f.contribution).sum();
            prop_assert!((sum - s.score).abs() <= 0.0005 + 1e-9);
        }
        let h = analyse_pipeline(&opps, &CrmConfig::default().pipeline);
        prop_assert!(h.health_score.score.is_finite() && (0.0..=100.0).contains(&h.health_score.score));
    }
}
