//! The import's JSON shapes (the dashboard's contract in docs/DASHBOARD.md).

use import::{ImportRow, RowError};
use ports::{CommitFailure, CommitProgress, CommitStatus, ImportBatch};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub(crate) struct CountsDto {
    /// Data rows in the file.
    rows: usize,
    valid: usize,
    invalid: usize,
    /// Row errors in all pages (a row may have several).
    errors: usize,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct RowErrorDto {
    /// The row number the spreadsheet shows.
    row: u32,
    /// `product_id`, `sku`, `name`, `quantity`, `sale_date`, `unit_price`, `row` or
    /// `product_id / sku / name`.
    field: String,
    /// `required`, `invalid_number`, `not_positive`, `unknown_product`, `duplicate_row`… (docs/IMPORT.md).
    code: &'static str,
    message: String,
}

impl From<&RowError> for RowErrorDto {
    fn from(e: &RowError) -> Self {
        Self { row: e.row, field: e.field.to_string(), code: e.code.as_str(), message: e.message.clone() }
    }
}

/// One normalised valid row.
#[derive(Serialize, ToSchema)]
pub(crate) struct PreviewRowDto {
    row: u32,
    product_id: u64,
    sku: String,
    name: String,
    quantity: f64,
    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`; null = dated by the system of record.
    sale_date: Option<String>,
    /// null = the catalogue price.
    unit_price: Option<f64>,
}

impl From<&ImportRow> for PreviewRowDto {
    fn from(r: &ImportRow) -> Self {
        let sale_date = r.sale_date.map(|d| {
            if d.time() == chrono::NaiveTime::MIN {
                d.date().to_string()
            } else {
                d.format("%Y-%m-%dT%H:%M:%S").to_string()
            }
        });
        Self {
            row: r.row,
            product_id: r.product_id.get(),
            sku: r.sku.as_str().to_owned(),
            name: r.name.clone(),
            quantity: r.quantity.to_f64(),
            sale_date,
            unit_price: r.unit_price.map(domain::Money::to_f64),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub(crate) struct ColumnDto {
    header: String,
    /// The field it was read as; null = ignored.
    field: Option<&'static str>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct CommitDto {
    /// `all_or_nothing` or `valid_rows_only`.
    mode: &'static str,
    /// `running`, `interrupted` or `committed`.
    status: &'static str,
    chunks_total: usize,
    chunks_done: usize,
    committed_rows: usize,
    started_at: String,
    finished_at: Option<String>,
    #[schema(value_type = Option<Object>)]
    last_error: Option<CommitFailure>,
}

fn status_str(s: CommitStatus) -> &'static str {
    match s {
        CommitStatus::Running => "running",
        CommitStatus::Interrupted => "interrupted",
        CommitStatus::Committed => "committed",
    }
}

impl From<&CommitProgress> for CommitDto {
    fn from(p: &CommitProgress) -> Self {
        Self {
            mode: p.mode.as_str(),
            status: status_str(p.status),
            chunks_total: p.chunks_total,
            chunks_done: p.chunks_done,
            committed_rows: p.committed_rows,
            started_at: p.started_at.to_rfc3339(),
            finished_at: p.finished_at.map(|t| t.to_rfc3339()),
            last_error: p.last_error.clone(),
        }
    }
}

/// A batch: counts, a page of the normalised rows and of the errors.
#[derive(Serialize, ToSchema)]
pub(crate) struct BatchDto {
    batch_id: String,
    /// `validated` (not committed yet), `running`, `interrupted` or `committed`.
    status: &'static str,
    file_name: Option<String>,
    /// `xlsx`, `xls`, `ods` or `csv`, as detected from the content.
    format: &'static str,
    sheet: Option<String>,
    /// The order slashed dates were read in (`iso`, `dmy`, `mdy`), given or detected.
    date_format: Option<&'static str>,
    columns: Vec<ColumnDto>,
    counts: CountsDto,
    preview: Vec<PreviewRowDto>,
    errors: Vec<RowErrorDto>,
    page: usize,
    per_page: usize,
    created_at: String,
    expires_at: String,
    commit: Option<CommitDto>,
}

impl BatchDto {
    /// `preview` and `errors` are the given windows of the batch's rows and errors.
    pub(crate) fn new(
        batch: &ImportBatch,
        preview: &[ImportRow],
        errors: &[RowError],
        page: usize,
        per_page: usize,
    ) -> Self {
        let report = &batch.report;
        Self {
            batch_id: batch.id.to_string(),
            status: batch.commit.as_ref().map_or("validated", |c| status_str(c.status)),
            file_name: batch.file_name.clone(),
            format: report.format.as_str(),
            sheet: report.sheet.clone(),
            date_format: report.date_format.map(import::DateFormat::as_str),
            columns: report
                .columns
                .iter()
                .map(|c| ColumnDto { header: c.header.clone(), field: c.field.map(import::Field::as_str) })
                .collect(),
            counts: CountsDto {
                rows: report.total_rows,
                valid: report.rows.len(),
                invalid: report.invalid_rows,
                errors: report.errors.len(),
            },
            preview: preview.iter().map(PreviewRowDto::from).collect(),
            errors: errors.iter().map(RowErrorDto::from).collect(),
            page,
            per_page,
            created_at: batch.created_at.to_rfc3339(),
            expires_at: batch.expires_at.to_rfc3339(),
            commit: batch.commit.as_ref().map(CommitDto::from),
        }
    }
}
