//! Shared helpers: configs pointed at a wiremock Salesforce, a frozen clock, and `FakeOrg`, a
//! stateful wiremock responder that answers the token, query and Composite Collections calls as
//! Salesforce documents them (for the dedup and end-to-end tests).

// Every test binary uses a different subset of these helpers.
#![allow(dead_code, unreachable_pub)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use adapter_memory::FixedClock;
use adapter_salesforce::{AuthFlow, SalesforceClient, SalesforceConfig};
use chrono::{DateTime, TimeZone, Utc};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

pub const TOKEN_PATH: &str = "/services/oauth2/token";
pub const QUERY_PATH: &str = "/services/data/v59.0/query";
pub const COLLECTIONS_PATH: &str = "/services/data/v59.0/composite/sobjects";

/// 2026-12-02 06:00 UTC, the daily run's default time.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 2, 6, 0, 0).single().expect("a valid time")
}

pub fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::at(now()))
}

pub fn password_flow() -> AuthFlow {
    AuthFlow::Password {
        client_id: "3MVG9-consumer-key".into(),
        client_secret: "consumer-secret".into(),
        username: "ops@acme.example".into(),
        password: "hunter2".into(),
        security_token: "XYZTOKEN".into(),
    }
}

/// Fast settings for tests: 3 retries, 1 ms back-off.
pub fn config(server: &MockServer, flow: AuthFlow) -> SalesforceConfig {
    SalesforceConfig {
        login_url: server.uri(),
        flow,
        api_version: "59.0".into(),
        timeout: Duration::from_secs(5),
        connect_timeout: Duration::from_secs(2),
        retries: 3,
        retry_backoff: Duration::from_millis(1),
        max_retry_wait: Duration::from_millis(20),
    }
}

pub fn client(server: &MockServer) -> SalesforceClient {
    SalesforceClient::new(config(server, password_flow()), clock()).expect("a valid test configuration")
}

pub fn token_body(server: &MockServer, token: &str) -> Value {
    json!({
        "access_token": token,
        "instance_url": server.uri(),
        "id": "https://login.salesforce.com/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS",
        "token_type": "Bearer",
        "issued_at": "1764655200000",
        "signature": "0CmxinZir53Yex7nE0TD+zMpvIWYGb/bdJh6XfOH6EQ="
    })
}

/// A token endpoint that always hands out `token`.
pub async fn mount_token(server: &MockServer, token: &str) {
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body(server, token)))
        .mount(server)
        .await;
}

/// The form fields of a token request.
pub fn form(request: &Request) -> HashMap<String, String> {
    form_urlencoded::parse(&request.body).into_owned().collect()
}

pub fn page(records: &[Value], next: Option<&str>) -> Value {
    json!({"totalSize": records.len(), "done": next.is_none(), "nextRecordsUrl": next, "records": records})
}

pub fn lead(id: &str) -> Value {
    json!({"attributes": {"type": "Lead", "url": format!("/services/data/v59.0/sobjects/Lead/{id}")},
           "Id": id, "LastName": format!("L{id}"), "Company": "Acme", "NumberOfEmployees": 120,
           "Website_Visits__c": 12.0, "CreatedDate": "2026-10-01T09:30:00.000+0000"})
}

#[derive(Default)]
struct OrgState {
    objects: HashMap<String, Vec<Value>>,
    tasks: Vec<Value>,
    updates: Vec<Value>,
    task_queries: Vec<String>,
    instance: String,
}

/// A small Salesforce org in memory behind wiremock: pages of `page_size` records, updates of
/// unknown ids refused per record (`ENTITY_IS_DELETED`), Tasks stored and found by `FROM Task`.
#[derive(Clone)]
pub struct FakeOrg {
    state: Arc<Mutex<OrgState>>,
    page_size: usize,
}

impl FakeOrg {
    pub async fn start(page_size: usize) -> (MockServer, Self) {
        let server = MockServer::start().await;
        let org = Self { state: Arc::new(Mutex::new(OrgState::default())), page_size };
        org.lock().instance = server.uri();
        Mock::given(wiremock::matchers::any()).respond_with(org.clone()).mount(&server).await;
        (server, org)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, OrgState> {
        self.state.lock().expect("no test panicked while holding the org")
    }

    /// Adds records of `object` (domain records serialise with Salesforce's field names).
    pub fn insert(&self, object: &str, records: impl IntoIterator<Item = Value>) {
        let mut s = self.lock();
        let list = s.objects.entry(object.to_owned()).or_default();
        for mut r in records {
            r["attributes"] = json!({"type": object});
            list.push(r);
        }
    }

    pub fn tasks(&self) -> Vec<Value> {
        self.lock().tasks.clone()
    }

    pub fn updates(&self) -> Vec<Value> {
        self.lock().updates.clone()
    }

    pub fn task_queries(&self) -> Vec<String> {
        self.lock().task_queries.clone()
    }

    fn query_page(&self, s: &OrgState, object: &str, offset: usize) -> Value {
        let all = s.objects.get(object).cloned().unwrap_or_default();
        let end = (offset + self.page_size).min(all.len());
        let next = (end < all.len()).then(|| format!("/services/data/v59.0/query/01g{object}-{end}"));
        page(&all[offset.min(end)..end], next.as_deref())
    }

    fn find_tasks(s: &mut OrgState, soql: &str) -> Value {
        s.task_queries.push(soql.to_owned());
        let hits: Vec<Value> = s
            .tasks
            .iter()
            .filter(|t| {
                let related = t["WhoId"].as_str().or(t["WhatId"].as_str()).unwrap_or_default();
                let day = t["ActivityDate"].as_str().unwrap_or_default();
                // Salesforce matches a 15-character id and its 18-character form alike.
                let id15: String = related.chars().take(15).collect();
                soql.contains(&format!("'{id15}")) && soql.contains(day)
            })
            .cloned()
            .collect();
        page(&hits, None)
    }

    fn save(s: &mut OrgState, body: &Value, insert: bool) -> Value {
        let records = body["records"].as_array().cloned().unwrap_or_default();
        let mut results = Vec::new();
        for r in records {
            if insert {
                let id = format!("00T{:015}", s.tasks.len() + 1);
                let mut task = r.clone();
                task["Id"] = json!(id);
                s.tasks.push(task);
                results.push(json!({"id": id, "success": true, "errors": []}));
                continue;
            }
            let id = r["id"].as_str().unwrap_or_default().to_owned();
            let known = s.objects.values().flatten().any(|o| o["Id"] == json!(id));
            if known {
                s.updates.push(r);
                results.push(json!({"id": id, "success": true, "errors": []}));
            } else {
                results.push(json!({"success": false, "errors": [
                    {"statusCode": "ENTITY_IS_DELETED", "message": "entity is deleted", "fields": []}]}));
            }
        }
        Value::Array(results)
    }
}

impl Respond for FakeOrg {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut s = self.lock();
        let p = request.url.path().to_owned();
        let verb = request.method.as_str();
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        let json = |v: Value| ResponseTemplate::new(200).set_body_json(v);
        if p == TOKEN_PATH {
            let instance = s.instance.clone();
            return json(json!({"access_token": "org-token", "instance_url": instance, "token_type": "Bearer"}));
        }
        if p == QUERY_PATH {
            let q: String =
                request.url.query_pairs().find(|(k, _)| k == "q").map(|(_, v)| v.into_owned()).unwrap_or_default();
            let object =
                q.split(" FROM ").nth(1).and_then(|r| r.split_whitespace().next()).unwrap_or_default().to_owned();
            if object == "Task" {
                return json(Self::find_tasks(&mut s, &q));
            }
            return json(self.query_page(&s, &object, 0));
        }
        if let Some(cursor) = p.strip_prefix("/services/data/v59.0/query/01g") {
            let (object, offset) = cursor.split_once('-').unwrap_or_default();
            return json(self.query_page(&s, object, offset.parse().unwrap_or(0)));
        }
        if p == COLLECTIONS_PATH && (verb == "PATCH" || verb == "POST") {
            return json(Self::save(&mut s, &body, verb == "POST"));
        }
        ResponseTemplate::new(404).set_body_json(json!([{"errorCode": "NOT_FOUND", "message": p}]))
    }
}
