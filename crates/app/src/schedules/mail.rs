//! E-mailing finished scheduled reports to their schedule's recipients.
//!
//! A tick whose schedule had recipients is left `Pending`; each scheduler pass looks at pending
//! mails, and for a completed job one worker leases the mail (so two workers never send it
//! twice), sends the file as an attachment and marks it `Sent`. A failed job, a deleted job or
//! a permanent refusal marks it `Failed`; a temporary failure is retried after the lease, up to
//! `mail_max_attempts`.

use chrono::{DateTime, Utc};
use ports::{Attachment, JobStatus, MailStatus, NotifyError, ReportMail, TickRecord};

use super::owner_of;
use super::scheduler::{Scheduler, TickReport, chrono_of};
use crate::reports::JobError;

/// Mails looked at per pass.
const BATCH: u32 = 20;

impl Scheduler {
    pub(super) async fn mail_due(&self, now: DateTime<Utc>, report: &mut TickReport) {
        let pending = match self.store.pending_mail(now, BATCH).await {
            Ok(pending) => pending,
            Err(e) => {
                tracing::warn!(error = %e, "could not read pending report mails");
                return;
            }
        };
        for tick in pending {
            match self.mail_one(&tick, now).await {
                Some(MailStatus::Sent) => report.mailed += 1,
                Some(MailStatus::Failed) => report.mail_failures += 1,
                _ => {}
            }
        }
    }

    /// Tries one pending mail; the status it ended in, if it was decided.
    async fn mail_one(&self, tick: &TickRecord, now: DateTime<Utc>) -> Option<MailStatus> {
        let job = tick.job.as_ref()?;
        let owner = owner_of(&job.owner, &[]);
        let finish = |status: MailStatus, error: Option<String>| async move {
            if let Err(e) = self.store.finish_mail(&tick.task, tick.tick_at, status, error.as_deref()).await {
                tracing::warn!(task = %tick.task, error = %e, "could not record a report mail's outcome");
            }
            Some(status)
        };
        let status = match self.jobs.get(&owner, job.job_id).await {
            Ok(found) => found.status,
            Err(JobError::NotFound) => {
                return finish(MailStatus::Failed, Some("the report job was deleted".into())).await;
            }
            Err(e) => {
                tracing::warn!(job = %job.job_id, error = %e, "could not read a scheduled report job");
                return None;
            }
        };
        match status {
            JobStatus::Queued | JobStatus::Generating => return None,
            JobStatus::Failed => return finish(MailStatus::Failed, Some("the report failed".into())).await,
            JobStatus::Completed => {}
        }
        let Some(mailer) = self.mailer.clone() else {
            return finish(MailStatus::Failed, Some("e-mail is not configured (notify.smtp.host)".into())).await;
        };
        let lease_until = now + chrono_of(self.config.mail_lease);
        let attempt = match self.store.claim_mail(&tick.task, tick.tick_at, now, lease_until).await {
            Ok(Some(attempt)) => attempt,
            Ok(None) => return None,
            Err(e) => {
                tracing::warn!(task = %tick.task, error = %e, "could not lease a report mail");
                return None;
            }
        };
        let (artifact, bytes) = match self.jobs.download(&owner, job.job_id).await {
            Ok(found) => found,
            Err(e) => return finish(MailStatus::Failed, Some(format!("the report file is unavailable: {e}"))).await,
        };
        let mail = ReportMail {
            to: job.mail_to.clone(),
            subject: format!("SalesFlow scheduled report: {} ({})", job.kind, job.format.as_str()),
            body: format!(
                "Your scheduled SalesFlow {} report for {} is attached ({}).\n\n-- \nSent automatically by the SalesFlow scheduler.",
                job.kind,
                tick.tick_at.format("%Y-%m-%d %H:%M UTC"),
                artifact.file_name,
            ),
            attachment: Attachment {
                file_name: artifact.file_name.clone(),
                content_type: job.format.content_type().to_owned(),
                bytes,
            },
        };
        match mailer.send(&mail).await {
            Ok(()) => {
                tracing::info!(job = %job.job_id, recipients = job.mail_to.len(), "scheduled report e-mailed");
                finish(MailStatus::Sent, None).await
            }
            Err(NotifyError::Unavailable(reason)) if attempt < self.config.mail_max_attempts => {
                tracing::warn!(job = %job.job_id, attempt, %reason, "report mail failed; will retry");
                finish(MailStatus::Pending, Some(reason)).await;
                None
            }
            Err(e) => {
                tracing::error!(job = %job.job_id, attempt, error = %e, "report mail given up");
                finish(MailStatus::Failed, Some(e.to_string())).await
            }
        }
    }
}
