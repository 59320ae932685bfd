//! XLSX rendering of report documents with umya-spreadsheet (the `ReportRenderer` port).
//!
//! Sheets: Overview, Daily Sales (with a native line chart), Top Products, Critical Stock and
//! Forecast, each present only when the document has its section. Tables have frozen header
//! rows, autofilters and native number and date formats; text from data is written as string
//! cells and defused against formula injection ([`defuse`]). Rendering is CPU-bound and runs
//! on tokio's blocking pool, never on the async executor.

mod cells;
mod sheets;

use std::sync::Arc;

use async_trait::async_trait;
use domain::report::{ReportDocument, ReportFormat};
use ports::{RenderError, ReportRenderer};
use umya_spreadsheet::Workbook;

pub use cells::defuse;

use crate::cells::SheetWriter;

/// Renders report documents as XLSX workbooks.
#[derive(Clone, Copy, Debug, Default)]
pub struct XlsxRenderer;

impl XlsxRenderer {
    #[must_use]
    pub fn new() -> Self {
        Self
    }

    /// The workbook's bytes, on the calling thread (benchmarks; the port goes through
    /// [`ReportRenderer::render`]).
    ///
    /// # Errors
    /// `Failed` when the workbook cannot be written.
    pub fn render_blocking(document: &ReportDocument) -> Result<Vec<u8>, RenderError> {
        let book = workbook(document)?;
        let mut bytes = Vec::with_capacity(64 * 1024);
        umya_spreadsheet::writer::xlsx::write_writer(&book, std::io::Cursor::new(&mut bytes))
            .map_err(|e| RenderError::Failed(format!("xlsx write: {e}")))?;
        Ok(bytes)
    }
}

#[async_trait]
impl ReportRenderer for XlsxRenderer {
    fn format(&self) -> ReportFormat {
        ReportFormat::Xlsx
    }

    async fn render(&self, document: Arc<ReportDocument>) -> Result<Vec<u8>, RenderError> {
        tokio::task::spawn_blocking(move || Self::render_blocking(&document))
            .await
            .map_err(|e| RenderError::Failed(format!("xlsx render task: {e}")))?
    }
}

fn workbook(doc: &ReportDocument) -> Result<Workbook, RenderError> {
    let mut book = umya_spreadsheet::new_file_empty_worksheet();
    let mut sheet = |name: &str, write: &dyn Fn(&mut SheetWriter<'_>)| -> Result<(), RenderError> {
        let ws = book.new_sheet(name).map_err(|e| RenderError::Failed(format!("sheet {name}: {e}")))?;
        let mut w = SheetWriter::new(ws);
        write(&mut w);
        w.finish();
        Ok(())
    };
    sheet("Overview", &|w| sheets::overview::write(w, doc))?;
    if let Some(sales) = &doc.sales {
        sheet(sheets::daily::NAME, &|w| sheets::daily::write(w, sales))?;
        sheet("Top Products", &|w| sheets::products::write(w, sales))?;
    }
    if doc.stock.is_some() {
        sheet("Critical Stock", &|w| sheets::stock::write(w, doc))?;
    }
    if let Some(forecast) = &doc.forecast {
        sheet("Forecast", &|w| sheets::forecast::write(w, forecast))?;
    }
    Ok(book)
}
