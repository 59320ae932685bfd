//! The `ReportJobStore` contract: claims, leases, retries, completion, listing, retention. Each
//! run uses its own owner, and claims only ever see this run's jobs when the backend is fresh.

use chrono::{DateTime, Duration, TimeZone, Utc};
use domain::Uuid;
use domain::report::ReportFormat;
use ports::{JobArtifact, JobFilter, JobStatus, ReportJob, ReportJobStore};

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).single().expect("valid instant") + Duration::minutes(minutes)
}

/// A queued job of `owner`, created `minutes` after 08:00 on 2026-12-01.
#[must_use]
pub fn job(owner: &str, minutes: i64) -> ReportJob {
    ReportJob {
        id: Uuid::now_v7(),
        owner: owner.to_owned(),
        roles: vec!["USER".into(), "ADMIN".into()],
        kind: "combined".into(),
        format: ReportFormat::Xlsx,
        request: r#"{"kind":"combined"}"#.into(),
        status: JobStatus::Queued,
        progress: 0,
        attempts: 0,
        created_at: at(minutes),
        started_at: None,
        finished_at: None,
        run_after: at(minutes),
        error: None,
        artifact: None,
    }
}

/// Runs the contract on an empty store.
///
/// # Panics
/// When the store breaks the contract.
pub async fn run(store: &dyn ReportJobStore) {
    let owner = format!("owner-{}", Uuid::now_v7().simple());
    let (first, second) = (job(&owner, 0), job(&owner, 1));
    store.insert(&first).await.expect("insert");
    store.insert(&second).await.expect("insert");
    assert_eq!(store.get(first.id).await.expect("get"), Some(first.clone()), "a job reads back as stored");
    assert_eq!(store.get(Uuid::now_v7()).await.expect("get"), None);

    // Nothing is due before its time; then the oldest first, each claimed once.
    assert_eq!(store.claim(at(-1), at(4)).await.expect("claim"), None);
    let claimed = store.claim(at(2), at(7)).await.expect("claim").expect("a due job");
    assert_eq!((claimed.id, claimed.status, claimed.attempts), (first.id, JobStatus::Generating, 1));
    assert_eq!(claimed.started_at, Some(at(2)));
    let next = store.claim(at(2), at(7)).await.expect("claim").expect("the second job");
    assert_eq!(next.id, second.id, "a leased job is not claimed again");
    assert_eq!(store.claim(at(3), at(8)).await.expect("claim"), None);

    // A worker that died: its lease runs out and the job is claimed again.
    let again = store.claim(at(8), at(13)).await.expect("claim").expect("an expired lease");
    assert_eq!((again.id, again.attempts), (first.id, 2));

    store.progress(first.id, 40).await.expect("progress");
    assert_eq!(store.get(first.id).await.expect("get").map(|j| j.progress), Some(40));
    store.retry(first.id, "java down", at(20)).await.expect("retry");
    let retried = store.get(first.id).await.expect("get").expect("job");
    assert_eq!(
        (retried.status, retried.error.as_deref(), retried.run_after),
        (JobStatus::Queued, Some("java down"), at(20))
    );
    assert_eq!(store.claim(at(19), at(24)).await.expect("claim").map(|j| j.id), Some(second.id), "lease of 7 ran out");
    let third = store.claim(at(20), at(25)).await.expect("claim").expect("due after backoff");
    assert_eq!((third.id, third.attempts), (first.id, 3));

    let artifact = JobArtifact {
        key: "reports/2026/12/a.xlsx".into(),
        file_name: "a.xlsx".into(),
        bytes: 42,
        sha256: "ab".repeat(32),
    };
    store.complete(first.id, &artifact, at(21)).await.expect("complete");
    let done = store.get(first.id).await.expect("get").expect("job");
    assert_eq!((done.status, done.progress, done.finished_at), (JobStatus::Completed, 100, Some(at(21))));
    assert_eq!((done.artifact, done.error), (Some(artifact), None));
    store.fail(second.id, "no renderer", at(22)).await.expect("fail");
    assert_eq!(store.claim(at(100), at(105)).await.expect("claim"), None, "finished jobs are never claimed");

    // Listing: the owner's, newest first, filtered and paged, with the total.
    let all = JobFilter { owner: Some(owner.clone()), limit: 10, ..JobFilter::default() };
    let (page, total) = store.list(&all).await.expect("list");
    assert_eq!((page.iter().map(|j| j.id).collect::<Vec<_>>(), total), (vec![second.id, first.id], 2));
    let failed = JobFilter { status: Some(JobStatus::Failed), ..all.clone() };
    assert_eq!(store.list(&failed).await.expect("list").0.iter().map(|j| j.id).collect::<Vec<_>>(), vec![second.id]);
    let paged = JobFilter { limit: 1, offset: 1, ..all.clone() };
    assert_eq!(
        store.list(&paged).await.expect("list"),
        (vec![store.get(first.id).await.expect("get").expect("job")], 2)
    );
    let other = JobFilter { owner: Some("somebody else".into()), ..all.clone() };
    assert_eq!(store.list(&other).await.expect("list").1, 0);

    // Retention.
    let old: Vec<Uuid> = store.finished_before(at(22)).await.expect("finished").iter().map(|j| j.id).collect();
    assert_eq!(old, vec![first.id]);
    assert!(store.delete(first.id).await.expect("delete"));
    assert!(!store.delete(first.id).await.expect("delete"), "deleting twice finds nothing");
    assert_eq!(store.get(first.id).await.expect("get"), None);
}
