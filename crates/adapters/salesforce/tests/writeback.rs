//! Composite sObject Collections contract: batches of ≤ 200, `allOrNone: false`, per-record
//! failures counted, Task inserts deduplicated against the Tasks already in Salesforce.

mod common;

use chrono::NaiveDate;
use common::{COLLECTIONS_PATH, FakeOrg, mount_token, now};
use domain::crm::{AccountUpdate, LeadUpdate, NewTask, Priority, RiskLevel, TaskKind};
use ports::{CrmError, CrmWriteback, WriteOutcome};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn lead_update(i: usize) -> LeadUpdate {
    LeadUpdate {
        id: format!("00Q{i:015}"),
        score: 50.0 + i as f64 / 10.0,
        priority: Priority::Medium,
        scored_at: now(),
    }
}

fn today() -> NaiveDate {
    now().date_naive()
}

fn follow_up(lead: &str, score: f64) -> NewTask {
    NewTask {
        kind: TaskKind::FollowUp,
        who_id: Some(lead.into()),
        what_id: None,
        subject: format!("Follow up: High-priority lead (Score: {score})"),
        description: "Automated task created by analytics engine.".into(),
        priority: "Normal".into(),
        status: "Not Started".into(),
        activity_date: today(),
        task_type: "Call".into(),
    }
}

fn intervention(account: &str) -> NewTask {
    NewTask {
        kind: TaskKind::ChurnIntervention,
        who_id: None,
        what_id: Some(account.into()),
        subject: format!("Churn intervention: {account}"),
        description: "Account flagged as high churn risk.".into(),
        priority: "High".into(),
        status: "Not Started".into(),
        activity_date: today(),
        task_type: "Call".into(),
    }
}

async fn bodies(server: &MockServer, verb: &str) -> Vec<Value> {
    let requests = server.received_requests().await.expect("recording is on");
    requests
        .iter()
        .filter(|r| r.url.path() == COLLECTIONS_PATH && r.method.as_str() == verb)
        .map(|r| serde_json::from_slice(&r.body).expect("a JSON body"))
        .collect()
}

#[tokio::test]
async fn a_composite_update_counts_partial_failures_per_record() {
    let server = MockServer::start().await;
    mount_token(&server, "tok").await;
    Mock::given(method("PATCH"))
        .and(path(COLLECTIONS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"id": "001000000000001AAA", "success": true, "errors": []},
            {"success": false, "errors": [{"statusCode": "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                "message": "Churn level must be set", "fields": ["Churn_Risk_Level__c"]}]},
            {"id": "001000000000003AAA", "success": true, "errors": []}
        ])))
        .expect(1)
        .mount(&server)
        .await;
    let updates: Vec<AccountUpdate> = (1..=3)
        .map(|i| AccountUpdate {
            id: format!("001{i:015}AAA"),
            score: 0.875,
            level: RiskLevel::High,
            analysed_at: now(),
        })
        .collect();
    let out = common::client(&server).update_accounts(&updates).await.unwrap();
    assert_eq!(
        out,
        WriteOutcome {
            written: 2,
            errors: 1,
            skipped_duplicates: 0,
            failures: vec![(
                "001000000000000002AAA".into(),
                "FIELD_CUSTOM_VALIDATION_EXCEPTION: Churn level must be set".into()
            )],
        }
    );
    let sent = bodies(&server, "PATCH").await;
    assert_eq!(sent[0]["allOrNone"], false);
    assert_eq!(
        sent[0]["records"][0],
        json!({"attributes": {"type": "Account"}, "id": "001000000000000001AAA", "Churn_Risk_Score__c": 0.875,
               "Churn_Risk_Level__c": "High", "Last_Churn_Analysis__c": "2026-12-02T06:00:00Z"})
    );
}

#[tokio::test]
async fn updates_go_in_calls_of_at_most_200_records() {
    let (server, org) = FakeOrg::start(2000).await;
    org.insert("Lead", (0..450).map(|i| json!({"Id": format!("00Q{i:015}")})));
    let updates: Vec<LeadUpdate> = (0..451).map(lead_update).collect();
    let out = common::client(&server).update_leads(&updates).await.unwrap();
    assert_eq!((out.written, out.errors), (450, 1), "the 451st lead is unknown to the org");
    assert_eq!(
        out.failures,
        vec![("00Q000000000000450".to_owned(), "ENTITY_IS_DELETED: entity is deleted".to_owned())]
    );
    let sizes: Vec<usize> =
        bodies(&server, "PATCH").await.iter().map(|b| b["records"].as_array().unwrap().len()).collect();
    assert_eq!(sizes, [200, 200, 51]);
    assert_eq!(org.updates()[0]["Lead_Score__c"], 50.0);
    assert_eq!(org.updates()[0]["Priority__c"], "Medium");
}

#[tokio::test]
async fn a_batch_refused_whole_is_counted_and_the_next_batch_still_goes() {
    let server = MockServer::start().await;
    mount_token(&server, "tok").await;
    Mock::given(method("PATCH"))
        .and(path(COLLECTIONS_PATH))
        .respond_with(ResponseTemplate::new(400).set_body_json(
            json!([{"errorCode": "JSON_PARSER_ERROR", "message": "Cannot deserialize instance of double"}]),
        ))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path(COLLECTIONS_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([{"id": "00Q000000000000200", "success": true, "errors": []}])),
        )
        .mount(&server)
        .await;
    let updates: Vec<LeadUpdate> = (0..201).map(lead_update).collect();
    let out = common::client(&server).update_leads(&updates).await.unwrap();
    assert_eq!((out.written, out.errors, out.failures.len()), (1, 200, 200));
    assert!(out.failures[0].1.contains("JSON_PARSER_ERROR"), "{:?}", out.failures[0]);
}

#[tokio::test]
async fn an_unreachable_writeback_is_an_error_not_a_count() {
    let server = MockServer::start().await;
    mount_token(&server, "tok").await;
    Mock::given(method("PATCH"))
        .and(path(COLLECTIONS_PATH))
        .respond_with(ResponseTemplate::new(503))
        .expect(4)
        .mount(&server)
        .await;
    let err = common::client(&server).update_leads(&[lead_update(1)]).await.unwrap_err();
    assert!(matches!(err, CrmError::Unavailable(_)), "{err:?}");
}

#[tokio::test]
async fn a_retried_run_creates_no_task_twice() {
    let (server, org) = FakeOrg::start(2000).await;
    let client = common::client(&server);
    let tasks =
        vec![follow_up("00Q000000000001AAA", 72.5), follow_up("00Q000000000002AAA", 91.0), intervention("001A")];
    let first = client.create_tasks(&tasks).await.unwrap();
    assert_eq!(first, WriteOutcome { written: 3, ..WriteOutcome::default() });
    assert_eq!(org.tasks().len(), 3);
    assert_eq!(org.tasks()[0]["attributes"]["type"], "Task");
    assert_eq!(org.tasks()[0]["WhoId"], "00Q000000000001AAA");
    assert_eq!(org.tasks()[2]["WhatId"], "001A");

    // The retry scored the lead differently: the subject changed, the record, kind and day did not.
    let retried =
        vec![follow_up("00Q000000000001AAA", 73.0), follow_up("00Q000000000002AAA", 91.0), intervention("001A")];
    let second = client.create_tasks(&retried).await.unwrap();
    assert_eq!(second, WriteOutcome { skipped_duplicates: 3, ..WriteOutcome::default() });
    assert_eq!(org.tasks().len(), 3, "nothing created on the retried run");
    assert_eq!(bodies(&server, "POST").await.len(), 1, "the second run sent no insert at all");
    let queries = org.task_queries();
    assert!(queries.iter().any(|q| q.contains("WhoId IN ('00Q000000000001AAA', '00Q000000000002AAA')")), "{queries:?}");
    assert!(queries.iter().all(|q| q.contains("ActivityDate IN (2026-12-02)")), "{queries:?}");
}

#[tokio::test]
async fn a_task_for_another_day_or_an_18_char_id_of_the_same_record_is_judged_right() {
    let (server, org) = FakeOrg::start(2000).await;
    let client = common::client(&server);
    client.create_tasks(&[follow_up("00Q000000000001", 72.5)]).await.unwrap();
    let mut tomorrow = follow_up("00Q000000000001", 72.5);
    tomorrow.activity_date = today().succ_opt().unwrap();
    let out = client.create_tasks(&[tomorrow]).await.unwrap();
    assert_eq!(out.written, 1, "another day is another Task");
    let out = client.create_tasks(&[follow_up("00Q000000000001AAA", 80.0)]).await.unwrap();
    assert_eq!(out.skipped_duplicates, 1, "the 18-character form of the same lead, same day");
    // Two tasks for the same record and day in one batch: the second is a duplicate.
    let out = client.create_tasks(&[follow_up("00Q000000000009AAA", 1.0), follow_up("00Q000000000009AAA", 2.0)]).await;
    assert_eq!(out.unwrap(), WriteOutcome { written: 1, skipped_duplicates: 1, ..WriteOutcome::default() });
    assert_eq!(org.tasks().len(), 3);
}

#[tokio::test]
async fn a_throttled_insert_is_retried_and_creates_once() {
    let server = MockServer::start().await;
    mount_token(&server, "tok").await;
    Mock::given(method("GET"))
        .and(path(common::QUERY_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(common::page(&[], None)))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(COLLECTIONS_PATH))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(COLLECTIONS_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([{"id": "00T000000000001AAA", "success": true, "errors": []}])),
        )
        .expect(1)
        .mount(&server)
        .await;
    let out = common::client(&server).create_tasks(&[intervention("001A")]).await.unwrap();
    assert_eq!(out.written, 1);
}

#[tokio::test]
async fn a_failed_task_lookup_creates_nothing_and_counts_errors() {
    let server = MockServer::start().await;
    mount_token(&server, "tok").await;
    Mock::given(method("GET"))
        .and(path(common::QUERY_PATH))
        .respond_with(
            ResponseTemplate::new(400).set_body_json(
                json!([{"errorCode": "INVALID_TYPE", "message": "sObject type 'Task' is not supported."}]),
            ),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(COLLECTIONS_PATH))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let out = common::client(&server).create_tasks(&[intervention("001A"), intervention("001B")]).await.unwrap();
    assert_eq!((out.written, out.errors, out.failures.len()), (0, 2, 2));
    assert!(out.failures[0].1.contains("INVALID_TYPE"), "{:?}", out.failures);
}
