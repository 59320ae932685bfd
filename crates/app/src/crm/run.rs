//! One pipeline run: extract → score → store a snapshot per engine → writeback → alerts → summary.

use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Utc};
use domain::Uuid;
use domain::crm::{
    Priority, RiskLevel, account_update, analyse_pipeline, follow_up_task, intervention_task, lead_update,
    pipeline::funnel, risk_summary, score_accounts, score_distribution, score_leads_owned,
};
use futures_util::future::try_join4;
use ports::{SnapshotKey, WriteOutcome};
use serde::Serialize;

use super::runs::{
    ExtractCounts, RunRecord, RunStatus, RunSummary, RunTrigger, StepReport, WritebackReport, summary_text,
};
use super::snapshots::{CHURN, ChurnSnapshot, LEADS, Latest, LeadSnapshot, PIPELINE, PipelineKpis, PipelineSnapshot};
use super::{CrmService, CrmServiceError};

/// Clears the "running" flag however the run ends.
struct Running<'a>(&'a AtomicBool);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Release);
    }
}

fn step(o: &WriteOutcome) -> StepReport {
    StepReport { written: o.written, errors: o.errors, skipped_duplicates: o.skipped_duplicates }
}

fn would(n: usize) -> StepReport {
    StepReport { written: n, ..StepReport::default() }
}

impl CrmService {
    /// Runs the whole pipeline once. `dry_run` (default from config) computes and stores but
    /// writes nothing to the CRM, reporting what it would write.
    ///
    /// # Errors
    /// `RunInProgress` when another run is going; a CRM or store failure (the failed run is kept
    /// in the history with its error).
    #[tracing::instrument(skip_all, fields(?trigger), err)]
    pub async fn run(&self, trigger: RunTrigger, dry_run: Option<bool>) -> Result<RunRecord, CrmServiceError> {
        if self.running.swap(true, Ordering::AcqRel) {
            return Err(CrmServiceError::RunInProgress);
        }
        let _running = Running(&self.running);
        let dry_run = dry_run.unwrap_or(self.config.dry_run);
        let mut record = RunRecord {
            id: self.ports.ids.new_id(),
            trigger,
            status: RunStatus::Failed,
            dry_run,
            source: self.ports.source.describe(),
            started_at: self.ports.clock.now(),
            finished_at: self.ports.clock.now(),
            extracted: ExtractCounts::default(),
            snapshots: Vec::new(),
            writeback: None,
            alerts_raised: 0,
            summary: None,
            error: None,
        };
        let outcome = self.execute(&mut record).await;
        record.finished_at = self.ports.clock.now();
        match outcome {
            Ok(()) => {
                record.status = RunStatus::Succeeded;
                tracing::info!(run = %record.id, leads = record.extracted.leads, "CRM run succeeded");
                self.remember(&record).await;
                Ok(record)
            }
            Err(e) => {
                record.error = Some(e.to_string());
                tracing::warn!(run = %record.id, error = %e, "CRM run failed");
                self.remember(&record).await;
                Err(e)
            }
        }
    }

    /// Saves the run in the history. Best effort: the run's work is done (snapshots stored, CRM
    /// written), and failing it now would invite a retry that writes again; the loss is logged.
    async fn remember(&self, record: &RunRecord) {
        if let Err(e) = self.ports.runs.save(record, self.keep()).await {
            tracing::error!(run = %record.id, error = %e, "CRM run not recorded in the run history");
        }
    }

    async fn store<T: Serialize + Sync>(
        &self,
        kind: &str,
        at: DateTime<Utc>,
        value: &T,
    ) -> Result<String, CrmServiceError> {
        let key = SnapshotKey::new(kind, at).map_err(|e| CrmServiceError::Corrupt(kind.to_owned(), e.to_string()))?;
        let bytes = serde_json::to_vec(value).map_err(|e| CrmServiceError::Corrupt(kind.to_owned(), e.to_string()))?;
        self.ports.store.put(&key, bytes).await?;
        Ok(key.path())
    }

    async fn execute(&self, record: &mut RunRecord) -> Result<(), CrmServiceError> {
        let src = &self.ports.source;
        let (leads, opps, accounts, cases) =
            try_join4(src.leads(), src.opportunities(), src.accounts(), src.cases()).await?;
        record.extracted = ExtractCounts {
            leads: leads.len(),
            opportunities: opps.len(),
            accounts: accounts.len(),
            cases: cases.len(),
        };
        let cfg = &self.config.engines;
        let now = record.started_at;
        let run_id: Uuid = record.id;

        let scored = score_leads_owned(leads, &cfg.leads);
        let distribution = score_distribution(&scored, &cfg.leads);
        let analysis = analyse_pipeline(&opps, &cfg.pipeline);
        let scored_accounts = score_accounts(&accounts, &cases, &opps, now.naive_utc(), &cfg.churn);
        let churn = risk_summary(&scored_accounts);
        let kpis = PipelineKpis {
            open_opportunities: analysis.velocity_metrics.open_deals,
            total_pipeline_value: analysis.velocity_metrics.open_pipeline_value,
        };
        let latest = Latest {
            leads: LeadSnapshot { run_id, generated_at: now, distribution, leads: scored },
            pipeline: PipelineSnapshot {
                run_id,
                generated_at: now,
                funnel: funnel(&opps, &cfg.pipeline),
                analysis,
                kpis,
            },
            churn: ChurnSnapshot {
                run_id,
                generated_at: now,
                summary: churn,
                accounts: scored_accounts,
                open_cases: cases.iter().filter(|c| !c.is_closed).count(),
            },
        };
        record.snapshots = vec![
            self.store(LEADS, now, &latest.leads).await?,
            self.store(PIPELINE, now, &latest.pipeline).await?,
            self.store(CHURN, now, &latest.churn).await?,
        ];
        // Shared, not copied: at 100k leads a copy of the snapshot costs more than scoring them.
        let latest = std::sync::Arc::new(latest);
        self.set_cached_arc(latest.clone());
        record.writeback = Some(self.writeback(&latest, now, record.dry_run).await?);
        record.alerts_raised = self.raise_alerts(&latest, now).await;
        record.summary = Some(summary(&latest, now));
        Ok(())
    }

    async fn writeback(
        &self,
        l: &Latest,
        now: DateTime<Utc>,
        dry_run: bool,
    ) -> Result<WritebackReport, CrmServiceError> {
        let today = now.date_naive();
        let follow: &[Priority] = &self.config.engines.follow_up_priorities;
        if dry_run {
            // What would be written, counted without building the payloads.
            return Ok(WritebackReport {
                dry_run,
                lead_scores: would(l.leads.leads.len()),
                churn_risk: would(l.churn.accounts.len()),
                follow_up_tasks: would(l.leads.leads.iter().filter(|s| follow.contains(&s.priority)).count()),
                intervention_tasks: would(l.churn.accounts.iter().filter(|a| a.level == RiskLevel::High).count()),
            });
        }
        let lead_updates: Vec<_> = l.leads.leads.iter().map(|s| lead_update(s, now)).collect();
        let account_updates: Vec<_> = l.churn.accounts.iter().map(|a| account_update(a, now)).collect();
        let follow_ups: Vec<_> =
            l.leads.leads.iter().filter(|s| follow.contains(&s.priority)).map(|s| follow_up_task(s, today)).collect();
        let interventions: Vec<_> = l
            .churn
            .accounts
            .iter()
            .filter(|a| a.level == RiskLevel::High)
            .map(|a| intervention_task(a, today))
            .collect();
        let w = &self.ports.writeback;
        Ok(WritebackReport {
            dry_run,
            lead_scores: step(&w.update_leads(&lead_updates).await?),
            churn_risk: step(&w.update_accounts(&account_updates).await?),
            follow_up_tasks: step(&w.create_tasks(&follow_ups).await?),
            intervention_tasks: step(&w.create_tasks(&interventions).await?),
        })
    }

    /// Alerts are best effort: a store failure is logged and never fails the run.
    async fn raise_alerts(&self, l: &Latest, now: DateTime<Utc>) -> usize {
        let drafts = super::crm_alerts(
            &l.leads.distribution,
            &l.pipeline.analysis,
            &l.churn.summary,
            self.config.alert_health_below,
            now.date_naive(),
        );
        let mut raised = 0;
        for d in drafts {
            match self.ports.alerts.raise(d).await {
                Ok(_) => raised += 1,
                Err(e) => tracing::warn!(error = %e, "CRM alert not recorded"),
            }
        }
        raised
    }
}

fn summary(l: &Latest, now: DateTime<Utc>) -> RunSummary {
    let d = &l.leads.distribution;
    let h = &l.pipeline.analysis.health_score;
    let c = &l.churn.summary;
    let mut s = RunSummary {
        leads_scored: d.total_leads,
        average_lead_score: d.average_score,
        critical_leads: d.priority_breakdown.critical,
        high_leads: d.priority_breakdown.high,
        health_score: h.score,
        health_rating: h.rating.clone(),
        risks: l.pipeline.analysis.risk_indicators.len(),
        accounts_analysed: c.total_accounts,
        high_risk_accounts: c.risk_breakdown.high,
        revenue_at_risk: c.total_revenue_at_risk,
        text: String::new(),
    };
    s.text = summary_text(&s, now, &l.pipeline.analysis.recommendations);
    s
}
