//! Sheet "Critical Stock": every product not OK, one value per header column (the upstream
//! shifted its data one column against the header: defect 10).

use domain::report::{ReportDocument, status_label};

use crate::cells::{DAYS, MONEY, SheetWriter, UNITS};

pub(crate) const HEADERS: [&str; 10] = [
    "Product",
    "SKU",
    "Category",
    "Current stock",
    "Min stock",
    "Stock value",
    "Coverage (days)",
    "Status",
    "Last sale date",
    "Suggested reorder",
];

pub(crate) fn write(w: &mut SheetWriter<'_>, doc: &ReportDocument) {
    w.header(1, &HEADERS);
    let critical = doc.critical_stock();
    for (row, p) in (2..).zip(&critical) {
        w.text(1, row, &p.name);
        w.text(2, row, &p.sku.to_string());
        w.text(3, row, p.category.as_str());
        w.number(4, row, p.current_stock.to_f64(), UNITS);
        w.number(5, row, p.min_stock.to_f64(), UNITS);
        w.number(6, row, p.stock_value.to_f64(), MONEY);
        w.optional(7, row, p.coverage_days, DAYS);
        w.text(8, row, status_label(p.status));
        match p.last_sale_date {
            Some(d) => w.date(9, row, d),
            None => w.text(9, row, "never"),
        }
        w.number(10, row, p.suggested_reorder_quantity.to_f64(), UNITS);
    }
    w.table(1, HEADERS.len() as u32, critical.len() as u32 + 1);
}
