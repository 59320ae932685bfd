//! Use case: upload. Catalogue from the sales source, parse + validate (pure, on the caller's
//! blocking thread), then the batch is stored for preview and commit.

use chrono::Duration as ChronoDuration;
use domain::Principal;
use import::{Catalog, DateFormat, FileError, ImportOptions, ImportReport};
use ports::ImportBatch;

use super::{ImportError, ImportService};

/// What the uploader chose besides the file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UploadRequest {
    pub file_name: Option<String>,
    pub sheet: Option<String>,
    /// `iso` | `dmy` | `mdy` (or the spelled-out patterns); `None` = sniffed.
    pub date_format: Option<String>,
}

/// Everything parsing needs, fetched before the CPU work starts.
#[derive(Debug)]
pub struct PreparedImport {
    pub request: UploadRequest,
    options: ImportOptions,
    catalog: Catalog,
}

impl PreparedImport {
    /// Parses and validates the file: CPU-bound, call it where blocking is allowed.
    ///
    /// # Errors
    /// The file-level error, with its stable code.
    pub fn parse(&self, bytes: &[u8]) -> Result<ImportReport, FileError> {
        import::import(bytes, &self.options, &self.catalog)
    }

    #[must_use]
    pub fn options(&self) -> &ImportOptions {
        &self.options
    }
}

impl ImportService {
    /// Checks the options and fetches the product catalogue.
    ///
    /// # Errors
    /// `File(InvalidOption)` for an unknown `date_format`; `Source` when the catalogue cannot
    /// be read.
    #[tracing::instrument(skip_all, err)]
    pub async fn prepare(&self, caller: &Principal, request: UploadRequest) -> Result<PreparedImport, ImportError> {
        let date_format = match request.date_format.as_deref().map(str::trim).filter(|f| !f.is_empty()) {
            None => None,
            Some(raw) => Some(DateFormat::parse(raw).map_err(|given| FileError::InvalidOption {
                name: "date_format".to_owned(),
                reason: format!("{given:?} is not one of iso, dmy, mdy"),
            })?),
        };
        let options = ImportOptions {
            limits: self.config.limits.clone(),
            sheet: request.sheet.clone().filter(|s| !s.trim().is_empty()),
            date_format,
            allow_fractional_quantities: self.config.allow_fractional_quantities,
            today: Some(self.clock.today()),
        };
        let catalog = Catalog::new(self.source.products(caller).await?);
        Ok(PreparedImport { request, options, catalog })
    }

    /// Stores a parsed file as a new batch.
    ///
    /// # Errors
    /// `Store` when the batch store is unreachable.
    #[tracing::instrument(skip_all, fields(rows = report.total_rows, invalid = report.invalid_rows), err)]
    pub async fn store(
        &self,
        caller: &Principal,
        prepared: PreparedImport,
        report: ImportReport,
    ) -> Result<ImportBatch, ImportError> {
        let now = self.clock.now();
        let ttl = ChronoDuration::from_std(self.config.batch_ttl).unwrap_or(ChronoDuration::days(1));
        let batch = ImportBatch {
            id: self.ids.new_id(),
            owner: caller.subject.clone(),
            file_name: prepared.request.file_name,
            created_at: now,
            expires_at: now + ttl,
            report,
            commit: None,
            version: 0,
        };
        self.store.create(&batch).await?;
        tracing::info!(batch = %batch.id, "import batch stored");
        Ok(batch)
    }
}
