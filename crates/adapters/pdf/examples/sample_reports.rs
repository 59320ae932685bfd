//! Writes the sample reports (fake shop, 90 days) as PDFs into a directory, for the screenshots
//! in docs/screenshots and for looking at the layout:
//! `cargo run -p salesflow-adapter-pdf --example sample_reports -- /tmp/reports`.

use adapter_fake::SampleReport;
use adapter_pdf::PdfRenderer;
use domain::report::ReportKind;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "target/sample-reports".into()));
    std::fs::create_dir_all(&dir)?;
    for kind in ReportKind::ALL {
        let sample = SampleReport::new(kind);
        let doc = if kind.has_sales() { sample.with_forecast() } else { sample }.build();
        let bytes = PdfRenderer::render_blocking(&doc)?;
        let path = dir.join(format!("report-{}.pdf", kind.as_str()));
        std::fs::write(&path, &bytes)?;
        eprintln!("{} {} bytes", path.display(), bytes.len());
    }
    Ok(())
}
