//! PDF rendering of report documents with genpdf (the `ReportRenderer` port).
//!
//! Cover, executive summary, KPI tables, charts drawn with plotters and embedded as images,
//! top products, critical stock, the forecast section when present, and page numbers. The
//! font (DejaVu Sans, shipped inside the build by the `dejavu` crate) is subset to the
//! characters each document prints, which keeps a 90-day combined report far below 400 KB
//! although genpdf itself embeds whole fonts. Rendering runs on tokio's blocking pool.

mod charts;
mod fonts;
mod layout;
mod sections;

use std::sync::Arc;

use async_trait::async_trait;
use domain::report::{ReportDocument, ReportFormat};
use ports::{RenderError, ReportRenderer};

use crate::fonts::Ink;
use crate::layout::Footer;

/// Renders report documents as A4 PDFs.
#[derive(Clone, Copy, Debug, Default)]
pub struct PdfRenderer;

impl PdfRenderer {
    #[must_use]
    pub fn new() -> Self {
        Self
    }

    /// The PDF's bytes, on the calling thread (benchmarks; the port goes through
    /// [`ReportRenderer::render`]).
    ///
    /// # Errors
    /// `Failed` when a chart, the font or the layout fails.
    pub fn render_blocking(document: &ReportDocument) -> Result<Vec<u8>, RenderError> {
        let mut ink = Ink::default();
        let mut elements = sections::Elements::new();
        sections::cover(&mut ink, document, &mut elements);
        sections::summary(&mut ink, document, &mut elements);
        sections::sales(&mut ink, document, &mut elements)?;
        sections::stock(&mut ink, document, &mut elements)?;
        sections::forecast(&mut ink, document, &mut elements)?;
        let footer = ink.s(format!("SalesFlow · {} · {}", document.title, document.period_label));

        let mut doc = genpdf::Document::new(fonts::family(&ink)?);
        doc.set_title(document.title.clone());
        // The default PDF/A conformance embeds a 480 KB ICC colour profile.
        doc.set_minimal_conformance();
        doc.set_font_size(10);
        doc.set_paper_size(genpdf::PaperSize::A4);
        doc.set_page_decorator(Footer::new(footer));
        for element in elements {
            doc.push(layout::Boxed(element));
        }
        let mut bytes = Vec::with_capacity(256 * 1024);
        doc.render(&mut bytes).map_err(|e| RenderError::Failed(format!("pdf render: {e}")))?;
        Ok(bytes)
    }
}

#[async_trait]
impl ReportRenderer for PdfRenderer {
    fn format(&self) -> ReportFormat {
        ReportFormat::Pdf
    }

    async fn render(&self, document: Arc<ReportDocument>) -> Result<Vec<u8>, RenderError> {
        tokio::task::spawn_blocking(move || Self::render_blocking(&document))
            .await
            .map_err(|e| RenderError::Failed(format!("pdf render task: {e}")))?
    }
}
