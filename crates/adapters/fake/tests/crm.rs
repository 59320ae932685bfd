//! The fake CRM: the reference's counts and profiles, deterministic, stable ids.

use adapter_fake::crm::{FakeCrmConfig, generate, record_id};
use chrono::{DateTime, Utc};
use domain::crm::{CrmConfig, Priority, score_leads};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-06-01T06:00:00Z").expect("instant").with_timezone(&Utc)
}

#[test]
fn default_sizes_are_the_references() {
    let d = generate(FakeCrmConfig::default(), now());
    assert_eq!((d.accounts.len(), d.leads.len(), d.opportunities.len(), d.cases.len()), (25, 100, 60, 40));
    assert_eq!(d.accounts[0].name.as_deref(), Some("Acme Corp"));
    let ids: std::collections::HashSet<&str> = d.accounts.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), 25);
    assert!(d.opportunities.iter().all(|o| o.account_id.as_deref().is_some_and(|id| ids.contains(id))));
    assert!(d.cases.iter().all(|c| c.account_id.as_deref().is_some_and(|id| ids.contains(id))));
    for (prefix, id) in
        [("001", &d.accounts[3].id), ("00Q", &d.leads[7].id), ("006", &d.opportunities[0].id), ("500", &d.cases[1].id)]
    {
        assert!(id.starts_with(prefix) && id.len() == 18, "{id}");
    }
}

#[test]
fn same_seed_same_records_and_ids_that_do_not_move_with_sizes() {
    let a = generate(FakeCrmConfig::default(), now());
    let b = generate(FakeCrmConfig::default(), now());
    assert_eq!(a, b);
    let bigger = generate(FakeCrmConfig { leads: 1000, ..FakeCrmConfig::default() }, now());
    assert_eq!(bigger.leads.len(), 1000);
    assert_eq!(bigger.leads[5].id, a.leads[5].id);
    assert_eq!(record_id("00Q", 42, 5), a.leads[5].id);
    let other = generate(FakeCrmConfig { seed: 7, ..FakeCrmConfig::default() }, now());
    assert_ne!(other.leads[0].id, a.leads[0].id);
}

#[test]
fn profiles_give_hot_leads_first_and_at_risk_accounts_their_cases() {
    let d = generate(FakeCrmConfig::default(), now());
    // 15 hot leads score Critical or High; the dead 30 % are Low.
    let cfg = CrmConfig::default().leads;
    let scored = score_leads(&d.leads[..15], &cfg);
    assert!(
        scored.iter().all(|s| s.priority >= Priority::High),
        "{:?}",
        scored.iter().map(|s| s.score).collect::<Vec<_>>()
    );
    let dead = score_leads(&d.leads[70..], &cfg);
    assert!(dead.iter().all(|s| s.priority == Priority::Low));
    // The first 60 % of cases go to the first quarter of the accounts.
    let pool: Vec<&str> = d.accounts[..6].iter().map(|a| a.id.as_str()).collect();
    assert!(d.cases[..24].iter().all(|c| pool.contains(&c.account_id.as_deref().unwrap_or_default())));
    assert!(d.cases[24..].iter().all(|c| !pool.contains(&c.account_id.as_deref().unwrap_or_default())));
    // Closed stages are closed, and only Closed Won is won.
    assert!(
        d.opportunities
            .iter()
            .all(|o| o.is_closed == o.stage_name.as_deref().unwrap_or_default().starts_with("Closed"))
    );
    assert!(d.opportunities.iter().all(|o| o.is_won == (o.stage_name.as_deref() == Some("Closed Won"))));
}
