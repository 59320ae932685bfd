//! The `ScheduleStore` contract: schedules round-trip, tick claims are unique (also under a
//! race between two handles on one database), mails are leased once, recent jobs are found.
//! Each run uses its own owner and task names, so a shared database does not disturb it.

use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use domain::Uuid;
use domain::report::ReportFormat;
use ports::{MailStatus, ReportSchedule, ScheduleStore, TickJob};

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).single().expect("valid instant") + Duration::minutes(minutes)
}

/// An enabled daily 07:30 Europe/Paris schedule of `owner`, created `minutes` after 08:00 UTC on
/// 2026-12-01.
#[must_use]
pub fn schedule(owner: &str, minutes: i64) -> ReportSchedule {
    ReportSchedule {
        id: Uuid::now_v7(),
        owner: owner.to_owned(),
        roles: vec!["USER".into(), "ADMIN".into()],
        name: "Morning sales".into(),
        cron: "30 7 * * *".into(),
        timezone: "Europe/Paris".into(),
        kind: "sales".into(),
        format: ReportFormat::Xlsx,
        period: "daily".into(),
        include_forecast: true,
        recipients: vec!["ops@example.com".into(), "boss@example.com".into()],
        enabled: true,
        created_at: at(minutes),
        updated_at: at(minutes),
        active_since: at(minutes),
    }
}

/// Runs the contract.
///
/// # Panics
/// When the store breaks the contract.
pub async fn run(store: &dyn ScheduleStore) {
    let owner = format!("owner-{}", Uuid::now_v7().simple());
    let (first, second) = (schedule(&owner, 0), schedule(&owner, 1));
    store.insert(&first).await.expect("insert");
    store.insert(&second).await.expect("insert");
    assert_eq!(store.get(first.id).await.expect("get"), Some(first.clone()), "a schedule reads back as stored");
    assert_eq!(store.get(Uuid::now_v7()).await.expect("get"), None);
    let mine = store.list(Some(&owner)).await.expect("list");
    assert_eq!(mine.iter().map(|s| s.id).collect::<Vec<_>>(), vec![first.id, second.id], "oldest first");
    assert!(store.list(None).await.expect("list all").iter().any(|s| s.id == second.id));
    assert!(store.list(Some("nobody")).await.expect("list").is_empty());

    let edited = ReportSchedule {
        cron: "0 6 * * 1-5".into(),
        timezone: "America/New_York".into(),
        recipients: vec![],
        enabled: false,
        include_forecast: false,
        updated_at: at(5),
        active_since: at(5),
        ..first.clone()
    };
    assert!(store.update(&edited).await.expect("update"));
    assert_eq!(store.get(first.id).await.expect("get"), Some(edited.clone()));
    assert!(!store.update(&schedule(&owner, 9)).await.expect("update"), "no such schedule");
    assert!(store.delete(second.id).await.expect("delete"));
    assert!(!store.delete(second.id).await.expect("delete"), "deleting twice finds nothing");
    assert_eq!(store.list(Some(&owner)).await.expect("list"), vec![edited]);

    ticks(store, &owner).await;
    mails(store, &owner).await;
}

async fn ticks(store: &dyn ScheduleStore, owner: &str) {
    let task = format!("schedule:{owner}");
    assert_eq!(store.last_tick(&task).await.expect("last"), None);
    assert!(store.claim_tick(&task, at(60), at(61)).await.expect("claim"), "the first claim wins");
    assert!(!store.claim_tick(&task, at(60), at(62)).await.expect("claim"), "a tick is claimed once");
    assert!(store.claim_tick(&task, at(120), at(121)).await.expect("claim"), "the next tick is free");
    assert!(store.claim_tick(&format!("{task}-other"), at(60), at(61)).await.expect("claim"), "per task");
    assert_eq!(store.last_tick(&task).await.expect("last"), Some(at(120)));
    let tick = store.tick(&task, at(60)).await.expect("tick").expect("claimed");
    assert_eq!((tick.claimed_at, tick.job, tick.mail_status), (at(61), None, MailStatus::None));

    store.release_tick(&task, at(120)).await.expect("release");
    assert_eq!(store.last_tick(&task).await.expect("last"), Some(at(60)));
    assert!(store.claim_tick(&task, at(120), at(125)).await.expect("claim"), "a released tick is claimed again");

    // Jobs of ticks, newest first, by kind/format/owner.
    let (old_job, new_job) = (Uuid::now_v7(), Uuid::now_v7());
    let job = |job_id, mail_to: Vec<String>| TickJob {
        job_id,
        owner: owner.to_owned(),
        kind: "stock".into(),
        format: ReportFormat::Pdf,
        mail_to,
    };
    store.attach_job(&task, at(60), &job(old_job, vec![])).await.expect("attach");
    store.attach_job(&task, at(120), &job(new_job, vec![])).await.expect("attach");
    let recent = store.recent_jobs(Some(owner), "stock", ReportFormat::Pdf, 10).await.expect("recent");
    assert_eq!(recent, vec![new_job, old_job]);
    assert_eq!(store.recent_jobs(Some(owner), "stock", ReportFormat::Pdf, 1).await.expect("recent"), vec![new_job]);
    assert!(store.recent_jobs(None, "stock", ReportFormat::Pdf, 50).await.expect("recent").contains(&new_job));
    assert!(store.recent_jobs(Some(owner), "stock", ReportFormat::Xlsx, 10).await.expect("recent").is_empty());
    assert!(store.recent_jobs(Some("nobody"), "stock", ReportFormat::Pdf, 10).await.expect("recent").is_empty());
    let attached = store.tick(&task, at(60)).await.expect("tick").expect("claimed");
    assert_eq!((attached.job, attached.mail_status), (Some(job(old_job, vec![])), MailStatus::None));
}

async fn mails(store: &dyn ScheduleStore, owner: &str) {
    let task = format!("mail:{owner}");
    let to = vec!["ops@example.com".to_owned(), "boss@example.com".to_owned()];
    store.claim_tick(&task, at(200), at(200)).await.expect("claim");
    let job = TickJob {
        job_id: Uuid::now_v7(),
        owner: owner.to_owned(),
        kind: "combined".into(),
        format: ReportFormat::Xlsx,
        mail_to: to.clone(),
    };
    store.attach_job(&task, at(200), &job).await.expect("attach");
    let mine = |list: Vec<ports::TickRecord>| list.into_iter().filter(|t| t.task == task).collect::<Vec<_>>();
    let pending = mine(store.pending_mail(at(201), 1000).await.expect("pending"));
    assert_eq!(pending.len(), 1);
    assert_eq!((pending[0].mail_status, pending[0].job.as_ref().map(|j| &j.mail_to)), (MailStatus::Pending, Some(&to)));

    assert_eq!(store.claim_mail(&task, at(200), at(201), at(206)).await.expect("claim"), Some(1));
    assert_eq!(store.claim_mail(&task, at(200), at(202), at(207)).await.expect("claim"), None, "leased");
    assert!(mine(store.pending_mail(at(203), 1000).await.expect("pending")).is_empty(), "leased mails wait");
    store.finish_mail(&task, at(200), MailStatus::Pending, Some("smtp down")).await.expect("finish");
    assert_eq!(store.claim_mail(&task, at(200), at(206), at(211)).await.expect("claim"), Some(2), "lease ran out");
    store.finish_mail(&task, at(200), MailStatus::Sent, None).await.expect("finish");
    let sent = store.tick(&task, at(200)).await.expect("tick").expect("claimed");
    assert_eq!((sent.mail_status, sent.mail_attempts, sent.mail_error), (MailStatus::Sent, 2, None));
    assert_eq!(store.claim_mail(&task, at(200), at(300), at(305)).await.expect("claim"), None, "sent is final");
    assert!(mine(store.pending_mail(at(300), 1000).await.expect("pending")).is_empty());
}

/// Two handles on one database (two workers) race for the same ticks: every tick is won by
/// exactly one of them.
///
/// # Panics
/// When a tick is claimed twice or not at all.
pub async fn race(a: Arc<dyn ScheduleStore>, b: Arc<dyn ScheduleStore>) {
    let task = format!("race:{}", Uuid::now_v7().simple());
    for tick in 0..20 {
        let (sa, sb, ta, tb) = (a.clone(), b.clone(), task.clone(), task.clone());
        let first = tokio::spawn(async move { sa.claim_tick(&ta, at(tick), at(tick)).await });
        let second = tokio::spawn(async move { sb.claim_tick(&tb, at(tick), at(tick)).await });
        let won = [first.await, second.await]
            .into_iter()
            .filter(|r| *r.as_ref().expect("task").as_ref().expect("claim"))
            .count();
        assert_eq!(won, 1, "tick {tick} must be claimed exactly once");
    }
    let lease = |s: Arc<dyn ScheduleStore>, t: String| async move { s.claim_mail(&t, at(0), at(1), at(5)).await };
    let job = TickJob {
        job_id: Uuid::now_v7(),
        owner: "o".into(),
        kind: "sales".into(),
        format: ReportFormat::Pdf,
        mail_to: vec!["ops@example.com".into()],
    };
    a.attach_job(&task, at(0), &job).await.expect("attach");
    let (x, y) =
        tokio::join!(tokio::spawn(lease(a.clone(), task.clone())), tokio::spawn(lease(b.clone(), task.clone())));
    let leased = [x.expect("task").expect("claim"), y.expect("task").expect("claim")];
    assert_eq!(leased.iter().filter(|l| l.is_some()).count(), 1, "a mail is leased by one worker: {leased:?}");
}
