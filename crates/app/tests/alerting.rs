//! Alerting: one alert per dedup key, delivered once per channel outside the request, with
//! retries and backoff for failing channels, and abandonment for refusals.

use std::sync::Arc;
use std::time::Duration;

use adapter_memory::{FixedClock, MemoryAlertStore, RecordingNotifier, SequentialIds};
use app::{AlertDraft, AlertService, DeliveryReport, RetryPolicy};
use chrono::{NaiveDate, TimeDelta};
use domain::Severity;
use domain::alert::AlertSource;
use ports::{AlertFilter, Recorded};

struct Fixture {
    service: AlertService,
    store: Arc<MemoryAlertStore>,
    mail: Arc<RecordingNotifier>,
    chat: Arc<RecordingNotifier>,
    clock: Arc<FixedClock>,
}

fn fixture() -> Fixture {
    let store = Arc::new(MemoryAlertStore::default());
    let (mail, chat) = (Arc::new(RecordingNotifier::named("smtp")), Arc::new(RecordingNotifier::named("slack")));
    let clock = Arc::new(FixedClock::on(NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")));
    let policy = RetryPolicy { max_attempts: 3, backoff: Duration::from_secs(30), lease: Duration::from_secs(60) };
    let service = AlertService::new(
        store.clone(),
        vec![mail.clone(), chat.clone()],
        clock.clone(),
        Arc::new(SequentialIds::default()),
        policy,
    );
    Fixture { service, store, mail, chat, clock }
}

fn spike(date: u32) -> AlertDraft {
    AlertDraft {
        source: AlertSource::Anomaly,
        kind: "HIGH_SPIKE".into(),
        severity: Severity::High,
        scope: "GLOBAL".into(),
        product_id: None,
        date: NaiveDate::from_ymd_opt(2026, 11, date),
        title: format!("HIGH_SPIKE on 2026-11-{date}"),
        message: "Unusually high sales spike.".into(),
    }
}

#[tokio::test]
async fn the_same_anomaly_is_recorded_and_notified_once() {
    let f = fixture();
    assert!(matches!(f.service.raise(spike(20)).await.unwrap(), Recorded::New(_)));
    assert!(matches!(f.service.raise(spike(20)).await.unwrap(), Recorded::Duplicate(_)));
    assert!(f.mail.sent().is_empty(), "raising sends nothing: delivery happens later");
    let report = f.service.deliver_due(100).await.unwrap();
    assert_eq!(report, DeliveryReport { sent: 2, retrying: 0, abandoned: 0 });
    assert_eq!((f.mail.sent().len(), f.chat.sent().len()), (1, 1));
    assert_eq!(f.mail.sent()[0].title, "HIGH_SPIKE on 2026-11-20");
    assert_eq!(f.service.deliver_due(100).await.unwrap(), DeliveryReport::default(), "never twice");
    assert_eq!(f.service.list(&AlertFilter::default(), 0, 10).await.unwrap().total, 1);
}

#[tokio::test]
async fn a_failing_channel_is_retried_with_backoff_without_holding_up_the_others() {
    let f = fixture();
    f.mail.set_failing(true);
    f.service.raise(spike(21)).await.unwrap();
    assert_eq!(f.service.deliver_due(100).await.unwrap(), DeliveryReport { sent: 1, retrying: 1, abandoned: 0 });
    assert_eq!(f.chat.sent().len(), 1);
    // Backoff: 30 s after the first failure, not before.
    f.clock.advance(TimeDelta::seconds(29));
    assert_eq!(f.service.deliver_due(100).await.unwrap(), DeliveryReport::default());
    f.clock.advance(TimeDelta::seconds(1));
    assert_eq!(f.service.deliver_due(100).await.unwrap().retrying, 1);
    // Second retry after 60 s more; the server is back.
    f.mail.set_failing(false);
    f.clock.advance(TimeDelta::seconds(60));
    assert_eq!(f.service.deliver_due(100).await.unwrap().sent, 1);
    assert_eq!(f.mail.sent().len(), 1);
    assert!(f.store.pending().is_empty());
}

#[tokio::test]
async fn retries_end_after_max_attempts_and_refusals_are_not_retried() {
    let f = fixture();
    f.mail.set_failing(true);
    f.chat.set_rejecting();
    f.service.raise(spike(22)).await.unwrap();
    assert_eq!(f.service.deliver_due(100).await.unwrap(), DeliveryReport { sent: 0, retrying: 1, abandoned: 1 });
    f.clock.advance(TimeDelta::hours(1));
    assert_eq!(f.service.deliver_due(100).await.unwrap().retrying, 1);
    f.clock.advance(TimeDelta::hours(1));
    assert_eq!(f.service.deliver_due(100).await.unwrap().abandoned, 1, "third attempt of three");
    f.clock.advance(TimeDelta::days(1));
    assert_eq!(f.service.deliver_due(100).await.unwrap(), DeliveryReport::default());
}

#[tokio::test]
async fn acknowledging_records_who_and_when() {
    let f = fixture();
    let Recorded::New(alert) = f.service.raise(spike(23)).await.unwrap() else { panic!("new") };
    let acked = f.service.acknowledge(alert.id, "+243 81 234 5678").await.unwrap();
    assert_eq!(acked.acknowledged_by.as_deref(), Some("+243 81 234 5678"));
    assert_eq!(acked.acknowledged_at, Some(ports::Clock::now(f.clock.as_ref())));
}
