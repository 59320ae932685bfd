//! In-process: the settings and adapters the gateway would build (`bootstrap`), the same
//! `ImportService` (catalogue from the configured sales source, batch in the configured state
//! store, commit through the configured sales sink in resumable chunks).

use std::sync::Arc;

use app::{ImportError, ImportService, UploadRequest};
use async_trait::async_trait;
use bootstrap::settings::load;
use bootstrap::{Adapters, ConfigSources};
use domain::{AccessToken, NewSale, Principal};
use ports::{CommitMode, SalesSink, SinkError, SinkReceipt};

use super::{Args, Mode, Outcome, Refused, RowProblem, show_rows, spinner};

/// The configured sink, advancing a progress bar by the sales each chunk recorded.
struct ProgressSink {
    inner: Arc<dyn SalesSink>,
    bar: indicatif::ProgressBar,
}

#[async_trait]
impl SalesSink for ProgressSink {
    async fn record(&self, caller: &Principal, sales: &[NewSale]) -> Result<SinkReceipt, SinkError> {
        let receipt = self.inner.record(caller, sales).await?;
        self.bar.inc(sales.len() as u64);
        Ok(receipt)
    }
}

fn refused(error: &ImportError) -> Refused {
    let code = match error {
        ImportError::File(e) => e.code().to_owned(),
        ImportError::Rejected(f) | ImportError::Unconfirmed(f, _) | ImportError::OutcomeUnknown(f) => f.code.clone(),
        _ => "import_failed".to_owned(),
    };
    Refused { code, message: error.to_string() }
}

pub(super) async fn run(args: &Args) -> Result<Outcome, Refused> {
    let settings = load(&ConfigSources::from_process())
        .map_err(|e| Refused { code: "config".into(), message: e.to_string() })?
        .settings;
    let step = spinner("starting (settings, adapters)");
    let adapters = Adapters::from_settings(&settings).await?;
    let bar = indicatif::ProgressBar::hidden();
    let sink = Arc::new(ProgressSink { inner: adapters.sales_sink.clone(), bar: bar.clone() });
    let service: ImportService = bootstrap::import_service(&settings, &adapters, sink);
    let caller = match &args.token {
        Some(token) => Principal { token: Some(AccessToken::new(token.clone())), ..Principal::dev_admin() },
        None => Principal::dev_admin(),
    };
    let bytes = std::fs::read(&args.file)
        .map_err(|e| Refused { code: "unreadable".into(), message: format!("cannot read the file: {e}") })?;
    let request = UploadRequest {
        file_name: args.file.file_name().map(|n| n.to_string_lossy().into_owned()),
        sheet: args.sheet.clone(),
        date_format: args.date_format.clone(),
    };
    step.set_message("reading the product catalogue");
    let prepared = service.prepare(&caller, request).await.map_err(|e| refused(&e))?;
    step.set_message(format!("checking {} bytes", bytes.len()));
    // CPU-bound, as on the gateway's blocking pool.
    let (prepared, parsed) = tokio::task::spawn_blocking(move || {
        let parsed = prepared.parse(&bytes);
        (prepared, parsed)
    })
    .await
    .map_err(|e| Refused { code: "failed".into(), message: e.to_string() })?;
    let report = parsed.map_err(|e| Refused { code: e.code().to_owned(), message: e.to_string() })?;
    let batch = service.store(&caller, prepared, report).await.map_err(|e| refused(&e))?;
    step.finish_and_clear();
    let r = &batch.report;
    let mut outcome = Outcome {
        batch_id: batch.id.to_string(),
        format: r.format.as_str().to_owned(),
        sheet: r.sheet.clone(),
        rows: r.total_rows as u64,
        valid: r.valid_rows() as u64,
        invalid: r.invalid_rows as u64,
        errors: r
            .errors
            .iter()
            .map(|e| RowProblem {
                row: u64::from(e.row),
                field: e.field.to_string(),
                code: e.code.as_str().to_owned(),
                message: e.message.clone(),
            })
            .collect(),
        committed: None,
    };
    if !args.commit {
        return Ok(outcome);
    }
    let mode = match args.mode {
        Mode::AllOrNothing => CommitMode::AllOrNothing,
        Mode::ValidRowsOnly => CommitMode::ValidRowsOnly,
    };
    show_rows(&bar, outcome.valid, "committing");
    match service.commit(&caller, batch.id, mode, None).await {
        Ok(done) => outcome.committed = Some(done.newly_committed as u64),
        // Invalid rows under all-or-nothing: reported by the exit code, nothing recorded.
        Err(ImportError::HasErrors { .. }) => {}
        Err(e) => return Err(refused(&e)),
    }
    bar.finish_and_clear();
    Ok(outcome)
}
