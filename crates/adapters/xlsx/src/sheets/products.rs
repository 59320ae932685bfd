//! Sheet "Top Products": every product that sold, by revenue, with its share.

use domain::analytics::SalesAnalytics;

use crate::cells::{COUNT, MONEY, PERCENT, SheetWriter, UNITS};

pub(crate) fn write(w: &mut SheetWriter<'_>, sales: &SalesAnalytics) {
    w.header(1, &["Rank", "Product", "Category", "Quantity", "Revenue", "Share of revenue"]);
    for (row, (rank, p)) in (2..).zip(sales.products.iter().enumerate()) {
        w.number(1, row, (rank + 1) as f64, COUNT);
        w.text(2, row, &p.name);
        w.text(3, row, p.category.as_str());
        w.number(4, row, p.quantity.to_f64(), UNITS);
        w.number(5, row, p.revenue.to_f64(), MONEY);
        w.number(6, row, sales.share(p.revenue) / 100.0, PERCENT);
    }
    w.table(1, 6, sales.products.len() as u32 + 1);
}
