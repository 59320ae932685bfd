//! SOQL over REST: `GET /services/data/vXX.X/query?q=…`, then every `nextRecordsUrl` until
//! `done`.

use std::collections::HashSet;

use ports::CrmError;
use reqwest::Method;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::client::{SalesforceClient, Target};
use crate::errors::unreadable;
use crate::http::Repeat;

/// One page of a query result (REST API "Query").
#[derive(Deserialize)]
struct Page {
    done: bool,
    #[serde(rename = "nextRecordsUrl")]
    next_records_url: Option<String>,
    records: Vec<Value>,
}

/// `{"Account": {"attributes": …, "Name": "Acme"}}` becomes `{"AccountName": "Acme"}`, the
/// domain records' flat field.
fn lift_account_name(record: &mut Value) {
    let Some(obj) = record.as_object_mut() else { return };
    let name = obj.get("Account").and_then(|a| a.get("Name")).cloned();
    if let Some(name) = name {
        obj.insert("AccountName".to_owned(), name);
    }
    obj.remove("Account");
}

impl SalesforceClient {
    /// Every record the query selects, across all pages.
    ///
    /// # Errors
    /// As [`SalesforceClient::call`]; `BadResponse` when a page or a record breaks the documented
    /// shape, or the pages loop.
    #[tracing::instrument(skip(self, soql), err)]
    pub(crate) async fn query_all<T: DeserializeOwned>(&self, op: &str, soql: &str) -> Result<Vec<T>, CrmError> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let mut next: Option<String> = None;
        let first = [("q", soql)];
        loop {
            let target = match next.as_deref() {
                None => Target::Data { path: "query", query: &first },
                Some(path) => Target::Given(path),
            };
            let reply = self.call(op, Method::GET, target, None, Repeat::Safe).await?;
            let page: Page = serde_json::from_slice(&reply.body).map_err(|e| unreadable(op, &e))?;
            out.reserve(page.records.len());
            for mut record in page.records {
                lift_account_name(&mut record);
                out.push(serde_json::from_value(record).map_err(|e| unreadable(op, &e))?);
            }
            if page.done {
                break;
            }
            let Some(url) = page.next_records_url else {
                return Err(CrmError::BadResponse(format!("{op}: a page is not done but has no nextRecordsUrl")));
            };
            if !seen.insert(url.clone()) {
                return Err(CrmError::BadResponse(format!("{op}: nextRecordsUrl repeats itself")));
            }
            next = Some(url);
        }
        tracing::debug!(op, records = out.len(), "Salesforce query done");
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_account_relationship_becomes_a_flat_name() {
        let mut r = json!({"Id": "006", "Account": {"attributes": {"type": "Account"}, "Name": "Acme"}});
        lift_account_name(&mut r);
        assert_eq!(r, json!({"Id": "006", "AccountName": "Acme"}));
        let mut none = json!({"Id": "006", "Account": null});
        lift_account_name(&mut none);
        assert_eq!(none, json!({"Id": "006"}));
    }
}
