//! Sheet "Overview": title, generation time and period, then the KPI blocks.

use chrono_tz::Tz;
use domain::report::{Kpi, ReportDocument};

use crate::cells::SheetWriter;

pub(crate) fn write(w: &mut SheetWriter<'_>, doc: &ReportDocument) {
    w.bold(1, 1, &format!("SalesFlow – {}", doc.title), Some(16.0));
    w.sheet().add_merge_cells("A1:D1");
    // Dates are the shop's; an unknown zone (never configured so) falls back to UTC.
    let zone: Tz = doc.timezone.parse().unwrap_or(Tz::UTC);
    w.text(1, 2, "Generated at");
    w.date_time(2, 2, doc.generated_at.with_timezone(&zone).naive_local());
    w.text(3, 2, &doc.timezone);
    w.text(1, 3, "Period");
    w.text(2, 3, &doc.period_label);
    w.text(1, 4, "Currency");
    w.text(2, 4, &doc.currency);

    let mut row = 6;
    row = block(w, row, "Sales KPIs", &doc.sales_kpis());
    row = block(w, row, "Stock KPIs", &doc.stock_kpis());
    if let Some(f) = &doc.forecast {
        let model = f.forecast.model.as_str();
        let rows = [
            ("Forecast model", model.to_owned()),
            ("Forecast horizon (days)", f.forecast.points.len().to_string()),
            ("Anomalies in history", f.anomalies.len().to_string()),
        ];
        w.bold(1, row, "Forecast", None);
        for (i, (label, value)) in (row + 1..).zip(rows) {
            w.text(1, i, label);
            w.text(2, i, &value);
        }
    }
}

/// A bold title then label/value rows; returns the next free row (after a blank one).
fn block(w: &mut SheetWriter<'_>, row: u32, title: &str, kpis: &[Kpi]) -> u32 {
    if kpis.is_empty() {
        return row;
    }
    w.bold(1, row, title, None);
    for (i, kpi) in (row + 1..).zip(kpis) {
        w.text(1, i, kpi.label);
        w.figure(2, i, &kpi.figure);
    }
    row + kpis.len() as u32 + 2
}
