//! Sheet "Forecast": history and forecast with both interval bands in one dated table, and the
//! anomalies found in the history beside it (columns K–Q).

use domain::report::ForecastSection;

use crate::cells::{DECIMAL, MONEY, SheetWriter};

const ANOMALY_COL: u32 = 11;

pub(crate) fn write(w: &mut SheetWriter<'_>, f: &ForecastSection) {
    w.header(1, &["Date", "Series", "Actual", "Forecast", "Lower 80 %", "Upper 80 %", "Lower 95 %", "Upper 95 %"]);
    let mut row = 2;
    for day in &f.history {
        w.date(1, row, day.date);
        w.text(2, row, "history");
        w.number(3, row, day.value, MONEY);
        row += 1;
    }
    let fc = &f.forecast;
    for (i, (date, point)) in f.first_day.iter_days().zip(&fc.points).enumerate() {
        w.date(1, row, date);
        w.text(2, row, "forecast");
        w.number(4, row, *point, MONEY);
        let bands = [&fc.interval80.lower, &fc.interval80.upper, &fc.interval95.lower, &fc.interval95.upper];
        for (col, band) in (5..).zip(bands) {
            if let Some(v) = band.get(i) {
                w.number(col, row, *v, MONEY);
            }
        }
        row += 1;
    }
    w.table(1, 8, row - 1);

    let c = ANOMALY_COL;
    w.header_at(c, 1, &["Anomaly date", "Value", "Expected", "Score", "Label", "Severity", "Explanation"]);
    for (row, a) in (2..).zip(&f.anomalies) {
        w.date(c, row, a.date);
        w.number(c + 1, row, a.anomaly.value, MONEY);
        w.number(c + 2, row, a.anomaly.expected, MONEY);
        w.number(c + 3, row, a.anomaly.score, DECIMAL);
        w.text(c + 4, row, a.anomaly.label.as_str());
        w.text(c + 5, row, a.anomaly.severity.as_str());
        w.text(c + 6, row, &a.anomaly.explanation);
    }
}
