//! `CrmWriteback` through the Composite sObject Collections API: `PATCH` (updates) and `POST`
//! (Task inserts) of `/services/data/vXX.X/composite/sobjects`, at most 200 records a call,
//! `allOrNone: false` so that one refused record does not sink the others.

use async_trait::async_trait;
use domain::crm::{AccountUpdate, LeadUpdate, NewTask};
use ports::{CrmError, CrmWriteback, WriteOutcome};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::client::{SalesforceClient, Target};
use crate::errors::unreadable;
use crate::http::Repeat;

/// The Collections API's limit per request.
pub const MAX_RECORDS_PER_CALL: usize = 200;

/// One entry of a Collections answer, in request order.
#[derive(Deserialize)]
struct SaveResult {
    #[serde(default)]
    success: bool,
    #[serde(default)]
    errors: Vec<SaveError>,
}

#[derive(Deserialize)]
struct SaveError {
    #[serde(rename = "statusCode", default)]
    status_code: String,
    #[serde(default)]
    message: String,
}

/// `{"attributes": {"type": T}, "id"?: …, fields…}` from a domain value whose `Id` is renamed.
pub(crate) fn record(object: &str, value: &impl Serialize) -> Result<Value, CrmError> {
    let mut v = serde_json::to_value(value).map_err(|e| CrmError::BadResponse(format!("{object} record: {e}")))?;
    let Some(map) = v.as_object_mut() else {
        return Err(CrmError::BadResponse(format!("{object} record is not an object")));
    };
    if let Some(id) = map.remove("Id") {
        map.insert("id".to_owned(), id);
    }
    map.insert("attributes".to_owned(), json!({ "type": object }));
    Ok(v)
}

impl SalesforceClient {
    /// Sends `records` in calls of at most 200 and counts each record's result. `labels` name the
    /// records in failures (their ids; for inserts, the related record's id).
    pub(crate) async fn collections(
        &self,
        op: &str,
        method: Method,
        records: Vec<Value>,
        labels: &[String],
    ) -> Result<WriteOutcome, CrmError> {
        let repeat = if method == Method::POST { Repeat::Never } else { Repeat::Safe };
        let mut out = WriteOutcome::default();
        for (chunk, names) in records.chunks(MAX_RECORDS_PER_CALL).zip(labels.chunks(MAX_RECORDS_PER_CALL)) {
            let body = json!({ "allOrNone": false, "records": chunk });
            let target = Target::Data { path: "composite/sobjects", query: &[] };
            let results = match self.call(op, method.clone(), target, Some(&body), repeat).await {
                Ok(reply) => serde_json::from_slice::<Vec<SaveResult>>(&reply.body).map_err(|e| unreadable(op, &e)),
                Err(e) => Err(e),
            };
            let results = match results {
                Ok(r) => r,
                // Reachable but refused as a whole (a malformed batch): the records count as
                // errors and the run goes on with the next batch.
                Err(CrmError::BadResponse(why)) => {
                    tracing::warn!(op, records = chunk.len(), reason = %why, "Salesforce refused a batch");
                    out.errors += chunk.len();
                    out.failures.extend(names.iter().map(|n| (n.clone(), why.clone())));
                    continue;
                }
                Err(e) => return Err(e),
            };
            for (i, name) in names.iter().enumerate() {
                match results.get(i) {
                    Some(r) if r.success => out.written += 1,
                    Some(r) => {
                        let why = r
                            .errors
                            .iter()
                            .map(|e| format!("{}: {}", e.status_code, e.message))
                            .collect::<Vec<_>>()
                            .join("; ");
                        out.errors += 1;
                        out.failures.push((name.clone(), why));
                    }
                    None => {
                        out.errors += 1;
                        out.failures.push((name.clone(), "no result in Salesforce's answer".to_owned()));
                    }
                }
            }
        }
        if out.errors > 0 {
            tracing::warn!(op, written = out.written, errors = out.errors, "Salesforce refused some records");
        }
        Ok(out)
    }

    async fn update<T: Serialize + Sync>(
        &self,
        op: &str,
        object: &str,
        items: &[T],
        id: impl Fn(&T) -> &str,
    ) -> Result<WriteOutcome, CrmError> {
        let records = items.iter().map(|u| record(object, u)).collect::<Result<Vec<_>, _>>()?;
        let labels: Vec<String> = items.iter().map(|u| id(u).to_owned()).collect();
        self.collections(op, Method::PATCH, records, &labels).await
    }
}

#[async_trait]
impl CrmWriteback for SalesforceClient {
    #[tracing::instrument(skip_all, fields(records = updates.len()), err)]
    async fn update_leads(&self, updates: &[LeadUpdate]) -> Result<WriteOutcome, CrmError> {
        self.update("update Lead", "Lead", updates, |u| u.id.as_str()).await
    }

    #[tracing::instrument(skip_all, fields(records = updates.len()), err)]
    async fn update_accounts(&self, updates: &[AccountUpdate]) -> Result<WriteOutcome, CrmError> {
        self.update("update Account", "Account", updates, |u| u.id.as_str()).await
    }

    #[tracing::instrument(skip_all, fields(tasks = tasks.len()), err)]
    async fn create_tasks(&self, tasks: &[NewTask]) -> Result<WriteOutcome, CrmError> {
        let (fresh, skipped) = match self.without_existing(tasks).await {
            Ok(found) => found,
            // Without the look-up no insert is safe (it could duplicate); the Tasks count as
            // errors and the next run creates them.
            Err(CrmError::BadResponse(why)) => {
                tracing::warn!(reason = %why, "existing Tasks could not be looked up; none created");
                let failures = tasks.iter().map(|t| (t.related_id().to_owned(), why.clone())).collect();
                return Ok(WriteOutcome { errors: tasks.len(), failures, ..WriteOutcome::default() });
            }
            Err(e) => return Err(e),
        };
        let records = fresh.iter().map(|t| record("Task", *t)).collect::<Result<Vec<_>, _>>()?;
        let labels: Vec<String> = fresh.iter().map(|t| t.related_id().to_owned()).collect();
        let mut out = self.collections("insert Task", Method::POST, records, &labels).await?;
        out.skipped_duplicates += skipped;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};
    use domain::crm::{Priority, TaskKind};

    use super::*;

    #[test]
    fn an_update_is_a_collections_record_with_a_lowercase_id() {
        let u = LeadUpdate {
            id: "00Q1".into(),
            score: 92.5,
            priority: Priority::Critical,
            scored_at: Utc.with_ymd_and_hms(2026, 12, 2, 6, 0, 0).unwrap(),
        };
        assert_eq!(
            record("Lead", &u).unwrap(),
            json!({"attributes": {"type": "Lead"}, "id": "00Q1", "Lead_Score__c": 92.5,
                   "Priority__c": "Critical", "Last_Scored_Date__c": "2026-12-02T06:00:00Z"})
        );
    }

    #[test]
    fn a_task_has_no_id_and_its_activity_date_as_a_date() {
        let t = NewTask {
            kind: TaskKind::ChurnIntervention,
            who_id: None,
            what_id: Some("001A".into()),
            subject: "Churn intervention: Acme".into(),
            description: "d".into(),
            priority: "High".into(),
            status: "Not Started".into(),
            activity_date: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
            task_type: "Call".into(),
        };
        let r = record("Task", &t).unwrap();
        assert_eq!(r["attributes"]["type"], "Task");
        assert_eq!(r["WhatId"], "001A");
        assert_eq!(r["ActivityDate"], "2026-12-02");
        assert!(r.get("id").is_none() && r.get("WhoId").is_none());
    }
}
