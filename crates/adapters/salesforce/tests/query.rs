//! SOQL contract: complete field lists, `nextRecordsUrl` pagination, the API version from config,
//! retries on 429/503 and the errors when they run out.

mod common;

use adapter_salesforce::SalesforceClient;
use adapter_salesforce::soql::{LEAD_FIELDS, OPPORTUNITY_FIELDS, select};
use common::{QUERY_PATH, clock, config, lead, mount_token, page, password_flow};
use ports::{CrmError, CrmSource};
use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn leads_follow_next_records_url_across_three_pages() {
    let server = MockServer::start().await;
    mount_token(&server, "tok").await;
    let soql = select("Lead", LEAD_FIELDS);
    Mock::given(method("GET"))
        .and(path(QUERY_PATH))
        .and(query_param("q", soql.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(
            &[lead("00Q000000000001AAA"), lead("00Q000000000002AAA")],
            Some("/services/data/v59.0/query/01gD0000002HU6KIAW-2"),
        )))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/services/data/v59.0/query/01gD0000002HU6KIAW-2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(
            &[lead("00Q000000000003AAA"), lead("00Q000000000004AAA")],
            Some("/services/data/v59.0/query/01gD0000002HU6KIAW-4"),
        )))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/services/data/v59.0/query/01gD0000002HU6KIAW-4"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&[lead("00Q000000000005AAA")], None)))
        .expect(1)
        .mount(&server)
        .await;
    let leads = common::client(&server).leads().await.unwrap();
    let ids: Vec<&str> = leads.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(
        ids,
        ["00Q000000000001AAA", "00Q000000000002AAA", "00Q000000000003AAA", "00Q000000000004AAA", "00Q000000000005AAA"]
    );
    assert_eq!(leads[0].number_of_employees, Some(120.0));
    assert_eq!(leads[0].website_visits, Some(12.0));
}

#[tokio::test]
async fn the_api_version_comes_from_config_and_relationships_are_flattened() {
    let server = MockServer::start().await;
    mount_token(&server, "tok").await;
    Mock::given(method("GET"))
        .and(path("/services/data/v61.0/query"))
        .and(query_param("q", select("Opportunity", OPPORTUNITY_FIELDS).as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(
            &[json!({"attributes": {"type": "Opportunity"}, "Id": "006A", "StageName": "Negotiation/Review",
                     "Amount": 125000.0, "IsClosed": false, "IsWon": false, "Days_In_Stage__c": 41,
                     "Account": {"attributes": {"type": "Account"}, "Name": "Umbrella Ltd"}})],
            None,
        )))
        .expect(1)
        .mount(&server)
        .await;
    let mut cfg = config(&server, password_flow());
    cfg.api_version = "61.0".into();
    let client = SalesforceClient::new(cfg, clock()).unwrap();
    let opps = client.opportunities().await.unwrap();
    assert_eq!(opps.len(), 1);
    assert_eq!(opps[0].account_name.as_deref(), Some("Umbrella Ltd"));
    assert_eq!(opps[0].days_in_stage, Some(41.0));
    assert_eq!(client.describe(), "salesforce (API v61.0)");
}

#[tokio::test]
async fn a_429_is_retried_with_backoff_then_succeeds() {
    let server = MockServer::start().await;
    mount_token(&server, "tok").await;
    Mock::given(method("GET"))
        .and(path(QUERY_PATH))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "0")
                .set_body_json(json!([{"errorCode": "REQUEST_LIMIT_EXCEEDED", "message": "ConcurrentPerOrgLongTxn"}])),
        )
        .up_to_n_times(2)
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(QUERY_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("Sforce-Limit-Info", "api-usage=25/15000")
                .set_body_json(page(&[lead("00Q000000000001AAA")], None)),
        )
        .expect(1)
        .mount(&server)
        .await;
    assert_eq!(common::client(&server).leads().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_503_that_outlasts_the_retries_is_a_clear_unavailable() {
    let server = MockServer::start().await;
    mount_token(&server, "tok").await;
    Mock::given(method("GET"))
        .and(path(QUERY_PATH))
        .respond_with(ResponseTemplate::new(503).set_body_string("Service Unavailable"))
        .expect(4)
        .mount(&server)
        .await;
    let err = common::client(&server).accounts().await.unwrap_err();
    assert_eq!(
        err,
        CrmError::Unavailable(
            "query Account: Salesforce answered 503 Service Unavailable after 4 attempt(s): Service Unavailable".into()
        )
    );
    assert!(!err.to_string().contains("127.0.0.1"), "the reason does not reveal the instance");
}

#[tokio::test]
async fn a_missing_custom_field_is_a_bad_response_naming_it() {
    let server = MockServer::start().await;
    mount_token(&server, "tok").await;
    Mock::given(method("GET"))
        .and(path(QUERY_PATH))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!([{
            "message": "No such column 'Customer_Satisfaction__c' on entity 'Case'.",
            "errorCode": "INVALID_FIELD"}])))
        .expect(1)
        .mount(&server)
        .await;
    let err = common::client(&server).cases().await.unwrap_err();
    let CrmError::BadResponse(reason) = err else { panic!("expected BadResponse, got {err:?}") };
    assert!(reason.starts_with("query Case: Salesforce answered 400 Bad Request: INVALID_FIELD"), "{reason}");
    assert!(reason.contains("Customer_Satisfaction__c"), "{reason}");
}

#[tokio::test]
async fn a_next_records_url_off_the_api_is_refused() {
    let server = MockServer::start().await;
    mount_token(&server, "tok").await;
    Mock::given(method("GET"))
        .and(path(QUERY_PATH))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(page(&[lead("00Q1")], Some("https://elsewhere.example/steal"))),
        )
        .mount(&server)
        .await;
    let err = common::client(&server).leads().await.unwrap_err();
    assert!(matches!(err, CrmError::BadResponse(ref r) if r.contains("not an API path")), "{err:?}");
}

#[tokio::test]
async fn an_unreachable_salesforce_is_unavailable() {
    // Not a dropped MockServer: wiremock pools them, and another test would answer.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let server = MockServer::start().await;
    let mut cfg = config(&server, password_flow());
    cfg.login_url = format!("http://127.0.0.1:{port}");
    let err = SalesforceClient::new(cfg, clock()).unwrap().leads().await.unwrap_err();
    assert!(matches!(err, CrmError::Unavailable(ref r) if r.starts_with("login:")), "{err:?}");
}
