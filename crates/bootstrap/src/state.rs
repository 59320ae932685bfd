//! SalesFlow's own state and its notification channels, chosen by configuration.

use std::sync::Arc;
use std::time::Duration;

use adapter_memory::{
    MemoryAlertStore, MemoryCrmRunStore, MemoryImportBatchStore, MemoryReportJobStore, MemoryScheduleStore,
};
use adapter_postgres::PostgresAlertStore;
use adapter_slack::SlackNotifier;
use adapter_smtp::{SmtpConfig, SmtpNotifier, SmtpReportMailer, SmtpSecurity};
use adapter_sqlite::SqliteAlertStore;
use adapter_system::LogNotifier;
use anyhow::{Context, bail};
use app::Dependency;
use ports::{AlertStore, CrmRunStore, ImportBatchStore, Notifier, ReportJobStore, ReportMailer, ScheduleStore};
use secrecy::ExposeSecret;

use crate::adapters::dependency;
use crate::settings::{Settings, SmtpTls, StateBackend};

/// How long one notification may take before it counts as failed (and is retried later).
const NOTIFY_TIMEOUT: Duration = Duration::from_secs(10);

/// SalesFlow's own state: the alert store, the report job queue, the CRM run history and the
/// import batches and the report schedules (one database), the readiness dependency (if any) and
/// a label for the log.
pub(crate) struct State {
    pub(crate) alerts: Arc<dyn AlertStore>,
    pub(crate) jobs: Arc<dyn ReportJobStore>,
    pub(crate) crm_runs: Arc<dyn CrmRunStore>,
    pub(crate) imports: Arc<dyn ImportBatchStore>,
    /// Report schedules and tick claims.
    pub(crate) schedules: Arc<dyn ScheduleStore>,
    pub(crate) dependency: Option<Dependency>,
    pub(crate) label: String,
}

/// Opens the configured state backend.
pub(crate) async fn state(settings: &Settings) -> anyhow::Result<State> {
    let s = &settings.state;
    Ok(match s.backend {
        StateBackend::Memory => State {
            alerts: Arc::new(MemoryAlertStore::default()),
            jobs: Arc::new(MemoryReportJobStore::default()),
            crm_runs: Arc::new(MemoryCrmRunStore::default()),
            imports: Arc::new(MemoryImportBatchStore::default()),
            schedules: Arc::new(MemoryScheduleStore::default()),
            dependency: None,
            label: "memory".into(),
        },
        StateBackend::Sqlite => {
            let store = Arc::new(
                SqliteAlertStore::open(&s.sqlite_path)
                    .await
                    .with_context(|| format!("state.sqlite_path: cannot open {}", s.sqlite_path.display()))?,
            );
            let dep = dependency(settings, "state", true, store.clone());
            let label = format!("sqlite ({})", s.sqlite_path.display());
            State {
                alerts: store.clone(),
                jobs: store.clone(),
                crm_runs: store.clone(),
                imports: store.clone(),
                schedules: store,
                dependency: Some(dep),
                label,
            }
        }
        StateBackend::Postgres => {
            let Some(url) = s.postgres_url.as_ref() else { bail!("state.postgres_url (DATABASE_URL) is required") };
            let store = Arc::new(
                PostgresAlertStore::connect(url.expose_secret(), &s.postgres_schema, s.pool_size)
                    .await
                    .context("state.postgres_url (DATABASE_URL)")?,
            );
            let dep = dependency(settings, "state", true, store.clone());
            let label = format!("postgres (schema {})", s.postgres_schema);
            State {
                alerts: store.clone(),
                jobs: store.clone(),
                crm_runs: store.clone(),
                imports: store.clone(),
                schedules: store,
                dependency: Some(dep),
                label,
            }
        }
    })
}

/// The SMTP settings, when an SMTP host is set.
fn smtp_config(settings: &Settings) -> Option<SmtpConfig> {
    let n = &settings.notify;
    let host = n.smtp.host.as_deref()?;
    let from = n.smtp.from.clone().or_else(|| n.smtp.username.clone()).unwrap_or_else(|| format!("salesflow@{host}"));
    Some(SmtpConfig {
        host: host.to_owned(),
        port: n.smtp.port,
        security: match n.smtp.tls {
            SmtpTls::Starttls => SmtpSecurity::StartTls,
            SmtpTls::Tls => SmtpSecurity::Tls,
            SmtpTls::None => SmtpSecurity::None,
        },
        username: n.smtp.username.clone(),
        password: n.smtp.password.as_ref().map(|p| p.expose_secret().to_owned()),
        from,
        to: n.email_to.clone(),
        timeout: NOTIFY_TIMEOUT,
    })
}

/// Who e-mails scheduled reports: SMTP when a host is set, else nobody (those mails fail with
/// a reason the schedule's ticks show).
pub(crate) fn report_mailer(settings: &Settings) -> anyhow::Result<Option<Arc<dyn ReportMailer>>> {
    let Some(config) = smtp_config(settings) else { return Ok(None) };
    Ok(Some(Arc::new(SmtpReportMailer::new(config).context("notify.smtp")?)))
}

/// The log channel always; e-mail when an SMTP host is set; Slack when a webhook is set.
pub(crate) fn notifiers(settings: &Settings) -> anyhow::Result<Vec<Arc<dyn Notifier>>> {
    let mut channels: Vec<Arc<dyn Notifier>> = vec![Arc::new(LogNotifier)];
    let n = &settings.notify;
    if let Some(config) = smtp_config(settings) {
        if n.email_to.is_empty() {
            bail!("notify.email_to (ALERT_EMAIL_TO) is required when notify.smtp.host (SMTP_HOST) is set");
        }
        channels.push(Arc::new(SmtpNotifier::new(config).context("notify.smtp")?));
    }
    if let Some(url) = n.slack.webhook_url.as_ref() {
        channels.push(Arc::new(
            SlackNotifier::new(url.expose_secret(), NOTIFY_TIMEOUT)
                .context("notify.slack.webhook_url (SLACK_WEBHOOK_URL)")?,
        ));
    }
    Ok(channels)
}
