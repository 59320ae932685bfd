//! End to end: `CrmService` runs extract → score → store → writeback over a wiremock Salesforce
//! holding the fake CRM's records, and reaches exactly the figures it reaches over the fake CRM
//! itself; a retried run creates no Task twice.

mod common;

use std::sync::Arc;
use std::time::Duration;

use adapter_fake::crm::{FakeCrm, FakeCrmConfig};
use adapter_memory::{MemoryAlertStore, MemoryCrmRunStore, MemoryResultStore, SequentialIds};
use app::crm::RunStatus;
use app::{AlertService, CrmPorts, CrmService, CrmServiceConfig, RetryPolicy, RunRecord, RunTrigger};
use common::FakeOrg;
use ports::{Clock, CrmSource, CrmWriteback, IdGenerator};
use serde_json::{Value, json};

fn service(source: Arc<dyn CrmSource>, writeback: Arc<dyn CrmWriteback>) -> CrmService {
    let clock: Arc<dyn Clock> = common::clock();
    let ids: Arc<dyn IdGenerator> = Arc::new(SequentialIds::default());
    let policy = RetryPolicy { max_attempts: 3, backoff: Duration::from_secs(30), lease: Duration::from_secs(60) };
    let alerts = AlertService::new(
        Arc::new(MemoryAlertStore::default()),
        Vec::new(),
        Arc::clone(&clock),
        Arc::clone(&ids),
        policy,
    );
    let ports = CrmPorts {
        source,
        writeback,
        store: Arc::new(MemoryResultStore::default()),
        runs: Arc::new(MemoryCrmRunStore::default()),
        clock,
        ids,
        alerts: Arc::new(alerts),
    };
    CrmService::new(ports, CrmServiceConfig::default())
}

/// As Salesforce answers it: the account's name as a relationship, not a flat field.
fn as_salesforce(record: &impl serde::Serialize) -> Value {
    let mut v = serde_json::to_value(record).expect("records serialise");
    if let Some(name) = v.as_object_mut().expect("a record is an object").remove("AccountName") {
        v["Account"] =
            if name.is_null() { Value::Null } else { json!({"attributes": {"type": "Account"}, "Name": name}) };
    }
    v
}

async fn run(service: &CrmService) -> RunRecord {
    let record = service.run(RunTrigger::Api, Some(false)).await.expect("the run succeeds");
    assert_eq!(record.status, RunStatus::Succeeded);
    record
}

#[tokio::test]
async fn a_run_over_salesforce_matches_the_fake_crm_and_a_retry_adds_no_task() {
    let fake = Arc::new(FakeCrm::new(FakeCrmConfig::default(), common::clock()));
    let data = fake.data().clone();
    // 30 records a page: leads come in 4 pages, opportunities in 2.
    let (server, org) = FakeOrg::start(30).await;
    org.insert("Lead", data.leads.iter().map(as_salesforce));
    org.insert("Opportunity", data.opportunities.iter().map(as_salesforce));
    org.insert("Account", data.accounts.iter().map(as_salesforce));
    org.insert("Case", data.cases.iter().map(as_salesforce));
    let salesforce = Arc::new(common::client(&server));

    let expected = run(&service(fake.clone(), fake.clone())).await;
    let first = run(&service(salesforce.clone(), salesforce.clone())).await;
    assert_eq!(first.source, "salesforce (API v59.0)");
    assert_eq!(first.extracted, expected.extracted);
    assert_eq!(first.summary, expected.summary, "same records, same scores");
    assert_eq!(first.writeback, expected.writeback);

    let report = first.writeback.clone().unwrap();
    assert_eq!((report.lead_scores.written, report.churn_risk.written), (100, 25));
    let tasks = report.follow_up_tasks.written + report.intervention_tasks.written;
    assert!(report.follow_up_tasks.written > 0 && report.intervention_tasks.written > 0, "{report:?}");
    assert_eq!(org.tasks().len(), tasks);
    assert_eq!(org.updates().len(), 125);
    let scored = org.updates().into_iter().find(|u| u["attributes"]["type"] == "Lead").unwrap();
    assert_eq!(scored["Last_Scored_Date__c"], "2026-12-02T06:00:00Z");

    // A retried run (a new process: nothing remembered in memory) finds the Tasks in Salesforce.
    let retried = run(&service(salesforce.clone(), salesforce)).await;
    let again = retried.writeback.unwrap();
    assert_eq!(again.lead_scores.written, 100, "scores are simply written again");
    assert_eq!((again.follow_up_tasks.written, again.intervention_tasks.written), (0, 0));
    assert_eq!(
        again.follow_up_tasks.skipped_duplicates + again.intervention_tasks.skipped_duplicates,
        tasks,
        "every Task was recognised as already there"
    );
    assert_eq!(org.tasks().len(), tasks, "no Task created twice");
}
