//! Never a duplicate Task for the same record, kind and day, even on a retried run: the Tasks
//! already in Salesforce are queried before any insert.
//!
//! A Task is identified by (related record, kind by subject prefix, `ActivityDate`), the
//! contract of `CrmWriteback::create_tasks`; the subject embeds the score, which may change
//! between a run and its retry, so it cannot be the key itself. Ids are compared on their first
//! 15 characters: Salesforce's 18-character ids are the 15-character ones plus a checksum.

use std::collections::{BTreeSet, HashSet};

use chrono::NaiveDate;
use domain::crm::{NewTask, TaskKind};
use ports::CrmError;
use serde::Deserialize;

use crate::client::SalesforceClient;
use crate::soql::existing_tasks;

/// Ids per look-up: keeps the GET URL well under Salesforce's 16 KB limit.
const IDS_PER_QUERY: usize = 100;

const KINDS: [TaskKind; 2] = [TaskKind::FollowUp, TaskKind::ChurnIntervention];

#[derive(Deserialize)]
struct ExistingTask {
    #[serde(rename = "WhoId")]
    who_id: Option<String>,
    #[serde(rename = "WhatId")]
    what_id: Option<String>,
    #[serde(rename = "Subject")]
    subject: Option<String>,
    #[serde(rename = "ActivityDate")]
    activity_date: Option<NaiveDate>,
}

type Key = (String, TaskKind, NaiveDate);

fn id15(id: &str) -> String {
    id.chars().take(15).collect()
}

fn key(t: &NewTask) -> Key {
    (id15(t.related_id()), t.kind, t.activity_date)
}

/// The kind a subject names (SOQL `LIKE` is case-insensitive, and so is this).
fn kind_of(subject: &str) -> Option<TaskKind> {
    let lower = subject.to_lowercase();
    KINDS.into_iter().find(|k| lower.starts_with(&k.subject_prefix().to_lowercase()))
}

fn existing_keys(found: Vec<ExistingTask>, field: &str) -> impl Iterator<Item = Key> {
    let who = field == "WhoId";
    found.into_iter().filter_map(move |t| {
        let id = if who { t.who_id } else { t.what_id }?;
        Some((id15(&id), kind_of(t.subject.as_deref()?)?, t.activity_date?))
    })
}

impl SalesforceClient {
    /// The Tasks to insert (the first of each key, absent from Salesforce) and how many were
    /// skipped as duplicates.
    pub(crate) async fn without_existing<'a>(
        &self,
        tasks: &'a [NewTask],
    ) -> Result<(Vec<&'a NewTask>, usize), CrmError> {
        let mut seen: HashSet<Key> = HashSet::new();
        for field in ["WhoId", "WhatId"] {
            let group: Vec<&NewTask> = tasks
                .iter()
                .filter(|t| if field == "WhoId" { t.who_id.is_some() } else { t.what_id.is_some() })
                .collect();
            if group.is_empty() {
                continue;
            }
            let kinds: Vec<TaskKind> = KINDS.into_iter().filter(|k| group.iter().any(|t| t.kind == *k)).collect();
            let dates: Vec<NaiveDate> =
                group.iter().map(|t| t.activity_date).collect::<BTreeSet<_>>().into_iter().collect();
            let ids: Vec<&str> = group.iter().map(|t| t.related_id()).collect::<BTreeSet<_>>().into_iter().collect();
            for chunk in ids.chunks(IDS_PER_QUERY) {
                let soql = existing_tasks(field, chunk, &kinds, &dates);
                let found: Vec<ExistingTask> = self.query_all("query existing Task", &soql).await?;
                seen.extend(existing_keys(found, field));
            }
        }
        let mut fresh = Vec::with_capacity(tasks.len());
        let mut skipped = 0;
        for t in tasks {
            // `insert` is false for a key already in Salesforce or earlier in this batch.
            if seen.insert(key(t)) {
                fresh.push(t);
            } else {
                skipped += 1;
            }
        }
        if skipped > 0 {
            tracing::info!(skipped, "Tasks already in Salesforce for that record and day were not created again");
        }
        Ok((fresh, skipped))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_prefix_case_insensitively() {
        assert_eq!(kind_of("Follow up: High-priority lead (Score: 72.0)"), Some(TaskKind::FollowUp));
        assert_eq!(kind_of("churn INTERVENTION: Acme"), Some(TaskKind::ChurnIntervention));
        assert_eq!(kind_of("Call back"), None);
    }

    #[test]
    fn ids_compare_on_their_case_sensitive_15_characters() {
        assert_eq!(id15("00Q5g00000AbCdEFGH"), id15("00Q5g00000AbCdE"));
        assert_ne!(id15("00Q5g00000abcde"), id15("00Q5g00000AbCdE"));
    }
}
