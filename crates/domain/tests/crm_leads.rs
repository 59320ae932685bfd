//! Lead scoring golden cases (reference crm-analytics.md §2.4) and distribution (§2.3).

use domain::crm::{CrmConfig, Lead, Priority, score_distribution, score_lead, score_leads};

#[allow(clippy::too_many_arguments)]
fn lead(id: &str, emp: f64, rev: f64, industry: &str, visits: f64, dl: f64, opens: f64, days: f64) -> Lead {
    Lead {
        id: id.to_owned(),
        number_of_employees: Some(emp),
        annual_revenue: Some(rev),
        industry: Some(industry.to_owned()),
        website_visits: Some(visits),
        content_downloads: Some(dl),
        email_opens: Some(opens),
        days_since_last_activity: Some(days),
        ..Lead::default()
    }
}

fn golden() -> Vec<Lead> {
    vec![
        lead("A", 5000.0, 50_000_000.0, "Technology", 45.0, 8.0, 25.0, 2.0),
        lead("B", 5.0, 50_000.0, "Other", 0.0, 0.0, 0.0, 55.0),
        lead("C", 10_000.0, 100_000_000.0, "Finance", 50.0, 10.0, 30.0, 0.0),
        lead("D", 100.0, 500_000.0, "Retail", 5.0, 1.0, 2.0, 30.0),
        Lead { id: "E".to_owned(), ..Lead::default() },
    ]
}

#[test]
fn golden_scores_and_priorities_match_the_reference() {
    let cfg = CrmConfig::default().leads;
    let expected = [
        ("A", 92.2, Priority::Critical),
        ("B", 22.5, Priority::Low),
        ("C", 100.0, Priority::Critical),
        ("D", 38.4, Priority::Medium),
        ("E", 12.5, Priority::Low),
    ];
    for (l, (id, score, priority)) in golden().iter().zip(expected) {
        let s = score_lead(l, &cfg);
        assert_eq!(s.lead.id, id);
        assert_eq!(s.score, score, "lead {id}");
        assert_eq!(s.priority, priority, "lead {id}");
    }
}

#[test]
fn a_lead_with_only_an_id_takes_the_defaults_alone_too() {
    // The reference gave NaN here when the batch had no other record; we always default.
    let cfg = CrmConfig::default().leads;
    let s = score_lead(&Lead { id: "only".to_owned(), ..Lead::default() }, &cfg);
    assert_eq!(s.score, 12.5);
    assert!(s.explanation.iter().all(|f| f.defaulted));
}

#[test]
fn scored_leads_are_sorted_best_first_with_ties_in_input_order() {
    let cfg = CrmConfig::default().leads;
    let mut leads = golden();
    leads.push(Lead { id: "E2".to_owned(), ..Lead::default() });
    let ids: Vec<String> = score_leads(&leads, &cfg).into_iter().map(|s| s.lead.id).collect();
    assert_eq!(ids, ["C", "A", "D", "B", "E", "E2"]);
}

#[test]
fn priority_edges_are_right_inclusive_in_the_code_profile() {
    let cfg = CrmConfig::default().leads;
    for (score, p) in [
        (30.0, Priority::Low),
        (30.05, Priority::Medium),
        (60.0, Priority::Medium),
        (60.1, Priority::High),
        (80.0, Priority::High),
        (80.1, Priority::Critical),
    ] {
        assert_eq!(Priority::of(score, &cfg), p, "{score}");
    }
    let doc = CrmConfig::documented().leads;
    for (score, p) in
        [(39.9, Priority::Low), (40.0, Priority::Medium), (79.9, Priority::High), (80.0, Priority::Critical)]
    {
        assert_eq!(Priority::of(score, &doc), p, "{score}");
    }
}

#[test]
fn distribution_of_the_golden_leads() {
    let cfg = CrmConfig::default().leads;
    let d = score_distribution(&score_leads(&golden(), &cfg), &cfg);
    assert_eq!(d.total_leads, 5);
    // mean(92.2, 22.5, 100, 38.4, 12.5) = 53.12, median 38.4
    assert_eq!(d.average_score, 53.1);
    assert_eq!(d.median_score, 38.4);
    let json = serde_json::to_string(&d).unwrap();
    assert!(json.contains(r#""priority_breakdown":{"Low":2,"Medium":1,"High":0,"Critical":2}"#), "{json}");
    assert!(
        json.contains(r#""score_ranges":{"0-30 (Low)":2,"31-60 (Medium)":1,"61-80 (High)":0,"81-100 (Critical)":2}"#),
        "{json}"
    );
    let back: domain::crm::ScoreDistribution = serde_json::from_str(&json).unwrap();
    assert_eq!(back, d);
}

#[test]
fn distribution_of_nothing_is_zeros_with_every_key() {
    let cfg = CrmConfig::default().leads;
    let d = score_distribution(&[], &cfg);
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(json["total_leads"], 0);
    assert_eq!(json["average_score"], 0.0);
    assert_eq!(json["priority_breakdown"]["Critical"], 0);
    assert_eq!(json["score_ranges"].as_object().unwrap().len(), 4);
}

#[test]
fn documented_profile_labels_its_ranges_with_its_edges() {
    let cfg = CrmConfig::documented().leads;
    let d = score_distribution(&[], &cfg);
    let labels: Vec<&str> = d.score_ranges.0.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(labels, ["0-39 (Low)", "40-59 (Medium)", "60-79 (High)", "80-100 (Critical)"]);
}

#[test]
fn explanation_of_lead_a_names_each_factor_with_its_input() {
    let cfg = CrmConfig::default().leads;
    let s = score_lead(&golden()[0], &cfg);
    let names: Vec<&str> = s.explanation.iter().map(|f| f.factor.as_ref()).collect();
    assert_eq!(
        names,
        ["company_size", "engagement_score", "industry_match", "budget_range", "response_time_days", "email_opens"]
    );
    let engagement = &s.explanation[1];
    assert!((engagement.normalised - 0.86).abs() < 1e-12);
    assert!((engagement.contribution - 21.5).abs() < 1e-9);
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["Id"], "A");
    assert_eq!(json["Lead_Score"], 92.2);
    assert_eq!(json["Priority"], "Critical");
    assert_eq!(json["explanation"][1]["raw"]["Website_Visits__c"], 45.0);
    assert_eq!(json["explanation"][2]["raw"], "Technology");
    // Snapshots are read back after a restart: the record, score and explanation round-trip.
    let back: domain::crm::ScoredLead = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(back, s);
    let sum: f64 = s.explanation.iter().map(|f| f.contribution).sum();
    assert!((sum - 92.2).abs() <= 0.05);
}

#[test]
fn negative_or_missing_inputs_never_give_nan() {
    let cfg = CrmConfig::default().leads;
    let l = Lead {
        id: "x".to_owned(),
        number_of_employees: Some(-5.0),
        annual_revenue: Some(f64::NAN),
        website_visits: Some(f64::INFINITY),
        ..Lead::default()
    };
    let s = score_lead(&l, &cfg);
    assert!(s.score.is_finite());
    assert_eq!(s.score, 12.5);
}

#[test]
fn salesforce_json_with_attributes_and_nulls_deserialises() {
    let raw = r#"{"attributes":{"type":"Lead"},"Id":"00Q1","FirstName":null,"LastName":"Doe",
        "NumberOfEmployees":5000,"AnnualRevenue":50000000.0,"Industry":"Technology","Website_Visits__c":45,
        "Content_Downloads__c":8,"Email_Opens__c":25,"Days_Since_Last_Activity__c":2}"#;
    let l: Lead = serde_json::from_str(raw).unwrap();
    assert_eq!(score_lead(&l, &CrmConfig::default().leads).score, 92.2);
}

#[test]
fn owned_and_borrowed_batches_score_alike_and_every_lead_is_kept_once() {
    // Many ties and long permutation cycles: 500 leads over 7 distinct profiles.
    let cfg = CrmConfig::default().leads;
    let profiles = golden();
    let leads: Vec<Lead> =
        (0..500).map(|i| Lead { id: format!("L{i}"), ..profiles[(i * 3 + i / 7) % profiles.len()].clone() }).collect();
    let borrowed = score_leads(&leads, &cfg);
    assert_eq!(borrowed, domain::crm::score_leads_owned(leads.clone(), &cfg));
    let one_by_one: Vec<_> = leads.iter().map(|l| score_lead(l, &cfg)).collect();
    let mut expected = one_by_one.clone();
    expected.sort_by(|a, b| b.score.total_cmp(&a.score));
    assert_eq!(borrowed, expected, "a stable sort of the leads scored one by one");
}
