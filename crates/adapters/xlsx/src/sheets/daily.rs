//! Sheet "Daily Sales": one row per day of the window and a native line chart of revenue.

use domain::analytics::SalesAnalytics;
use umya_spreadsheet::drawing::spreadsheet::MarkerType;
use umya_spreadsheet::{Chart, ChartType};

use crate::cells::{COUNT, MONEY, SheetWriter, UNITS};

pub(crate) const NAME: &str = "Daily Sales";

pub(crate) fn write(w: &mut SheetWriter<'_>, sales: &SalesAnalytics) {
    w.header(1, &["Date", "Revenue", "Quantity", "Transactions", "Average ticket"]);
    for (row, day) in (2..).zip(&sales.daily) {
        let t = &day.totals;
        w.date(1, row, day.date);
        w.number(2, row, t.revenue.to_f64(), MONEY);
        w.number(3, row, t.quantity.to_f64(), UNITS);
        w.number(4, row, t.transactions as f64, COUNT);
        w.number(5, row, t.average_ticket().to_f64(), MONEY);
    }
    let last = sales.daily.len() as u32 + 1;
    w.table(1, 5, last);
    if !sales.daily.is_empty() {
        chart(w, last);
    }
}

/// Revenue by date, beside the table (G2:R22), reading the sheet's own cells.
fn chart(w: &mut SheetWriter<'_>, last: u32) {
    let (mut from, mut to) = (MarkerType::default(), MarkerType::default());
    from.set_coordinate("G2");
    to.set_coordinate("R22");
    let values = format!("'{NAME}'!$B$2:$B${last}");
    let mut chart = Chart::default();
    chart
        .new_chart(&ChartType::LineChart, from, to, vec![values.as_str()])
        .set_series_title(vec!["Revenue"])
        .set_title("Daily revenue")
        .set_horizontal_title("Date")
        .set_vertical_title("Revenue")
        .set_grouping(umya_spreadsheet::drawing::charts::GroupingValues::Standard);
    w.sheet().add_chart(chart);
}
