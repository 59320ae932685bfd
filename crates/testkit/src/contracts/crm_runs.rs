//! The `CrmRunStore` contract: runs read back whole, newest first, saved again in place, pruned
//! to the newest `keep`. Runs on an empty store (pruning counts every stored run).

use chrono::{DateTime, Duration, TimeZone, Utc};
use domain::Uuid;
use ports::{
    CrmRunStore, ExtractCounts, RunRecord, RunStatus, RunStoreError, RunSummary, RunTrigger, StepReport,
    WritebackReport,
};

fn at(minutes: i64) -> DateTime<Utc> {
    // Nanoseconds on purpose: the stored record keeps them even where a column rounds to µs.
    Utc.with_ymd_and_hms(2026, 12, 1, 6, 0, 0).single().expect("valid instant")
        + Duration::minutes(minutes)
        + Duration::nanoseconds(123_456_789)
}

/// A successful run started `minutes` after 06:00 on 2026-12-01, with every field filled.
#[must_use]
pub fn run_record(minutes: i64, trigger: RunTrigger) -> RunRecord {
    RunRecord {
        id: Uuid::now_v7(),
        trigger,
        status: RunStatus::Succeeded,
        dry_run: minutes % 2 == 0,
        source: "fake (seed 42)".to_owned(),
        started_at: at(minutes),
        finished_at: at(minutes) + Duration::milliseconds(1500),
        extracted: ExtractCounts { leads: 100, opportunities: 60, accounts: 25, cases: 40 },
        snapshots: vec![
            "analytics/lead_scoring/year=2026/month=12/day=01/060000_lead_scoring.json".to_owned(),
            "analytics/churn_risk/year=2026/month=12/day=01/060000_churn_risk.json".to_owned(),
        ],
        writeback: Some(WritebackReport {
            dry_run: minutes % 2 == 0,
            lead_scores: StepReport { written: 100, errors: 0, skipped_duplicates: 0 },
            churn_risk: StepReport { written: 24, errors: 1, skipped_duplicates: 0 },
            follow_up_tasks: StepReport { written: 19, errors: 0, skipped_duplicates: 3 },
            intervention_tasks: StepReport::default(),
        }),
        alerts_raised: 2,
        summary: Some(RunSummary {
            leads_scored: 100,
            average_lead_score: 44.4,
            critical_leads: 14,
            high_leads: 5,
            health_score: 61.2,
            health_rating: "Good".to_owned(),
            risks: 1,
            accounts_analysed: 25,
            high_risk_accounts: 4,
            revenue_at_risk: 5_115_000.0,
            text: "=== Salesforce Analytics Daily Summary ===\nRevenue at risk: £5,115,000\n• Review 14 stalled deals — \"quoted\"\n"
                .to_owned(),
        }),
        error: None,
    }
}

/// Runs every check against an empty `store`.
///
/// # Panics
/// When the store breaks the contract.
pub async fn run(store: &dyn CrmRunStore) {
    let a = run_record(0, RunTrigger::Schedule);
    let b = run_record(10, RunTrigger::Api);
    let mut c = run_record(20, RunTrigger::Cli);
    c.status = RunStatus::Failed;
    c.writeback = None;
    c.summary = None;
    c.snapshots.clear();
    c.error = Some("CRM unavailable: 503 from the source".to_owned());
    // Saved out of order: the listing sorts by start, not by arrival.
    for r in [&b, &a, &c] {
        store.save(r, 10).await.expect("save");
    }
    let ids = |runs: &[RunRecord]| runs.iter().map(|r| r.id).collect::<Vec<_>>();
    let all = store.list(10).await.expect("list");
    assert_eq!(ids(&all), [c.id, b.id, a.id], "newest first");
    assert_eq!(all, [c.clone(), b.clone(), a.clone()], "runs read back whole");
    assert_eq!(ids(&store.list(2).await.expect("list")), [c.id, b.id], "limit keeps the newest");
    assert_eq!(store.get(a.id).await.expect("get"), a);
    let unknown = Uuid::now_v7();
    assert!(matches!(store.get(unknown).await, Err(RunStoreError::NotFound(id)) if id == unknown));

    // Saving again replaces in place (a retried write), never duplicates.
    let mut b2 = b.clone();
    b2.alerts_raised = 7;
    b2.finished_at = b.finished_at + Duration::seconds(1);
    store.save(&b2, 10).await.expect("save again");
    let all = store.list(10).await.expect("list");
    assert_eq!(ids(&all), [c.id, b.id, a.id]);
    assert_eq!(store.get(b.id).await.expect("get"), b2);

    // Same start: the later id (UUIDv7) is the newer.
    let mut d = run_record(20, RunTrigger::Startup);
    d.started_at = c.started_at;
    store.save(&d, 10).await.expect("save");
    assert_eq!(ids(&store.list(2).await.expect("list")), [d.id, c.id]);

    // Pruning keeps the newest `keep`, whatever the order of arrival.
    let e = run_record(30, RunTrigger::Api);
    store.save(&e, 3).await.expect("save and prune");
    assert_eq!(ids(&store.list(100).await.expect("list")), [e.id, d.id, c.id]);
    assert!(matches!(store.get(a.id).await, Err(RunStoreError::NotFound(_))), "pruned");
    assert!(matches!(store.get(b.id).await, Err(RunStoreError::NotFound(_))), "pruned");
    let old = run_record(-60, RunTrigger::Cli);
    store.save(&old, 3).await.expect("save an old run");
    assert_eq!(ids(&store.list(100).await.expect("list")), [e.id, d.id, c.id], "an older run is pruned at once");
    store.save(&run_record(40, RunTrigger::Api), 0).await.expect("keep 0");
    assert_eq!(store.list(100).await.expect("list").len(), 1, "at least one run is kept");
}
