//! The importer over real files made by openpyxl, LibreOffice and msoffcrypto-tool
//! (tests/fixtures/import/make_fixtures.py): each bad input of issue 6 gives its error code.

use chrono::{NaiveDate, NaiveDateTime};
use domain::{Money, Product, ProductId, Quantity, Sku};
use import::{Catalog, DateFormat, FileError, Format, ImportOptions, ImportReport, Limits, RowErrorCode};

fn catalog() -> Catalog {
    let names = [
        ("MILK-001", "Milk"),
        ("BREAD-002", "Bread"),
        ("EGGS-003", "Eggs"),
        ("BUTTER-004", "Butter"),
        ("CHEESE-005", "Cheese"),
    ];
    Catalog::new(
        names
            .iter()
            .enumerate()
            .map(|(i, (sku, name))| {
                Product::new(
                    ProductId::new(i as u64 + 1),
                    Sku::parse(sku).expect("valid sku"),
                    *name,
                    Money::from_cents(100),
                )
            })
            .collect(),
    )
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../tests/fixtures/import/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn options() -> ImportOptions {
    ImportOptions { today: NaiveDate::from_ymd_opt(2026, 1, 1), ..ImportOptions::default() }
}

fn run(name: &str) -> Result<ImportReport, FileError> {
    import::import(&fixture(name), &options(), &catalog())
}

fn run_with(name: &str, options: &ImportOptions) -> Result<ImportReport, FileError> {
    import::import(&fixture(name), options, &catalog())
}

fn code(name: &str) -> &'static str {
    run(name).map(|r| panic!("{name} was accepted: {r:?}")).unwrap_or_else(|e| e.code())
}

fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(0, 0, 0)).expect("a real day")
}

#[test]
fn reads_the_same_rows_from_xlsx_xls_ods_and_csv() {
    for (name, format) in
        [("good.xlsx", Format::Xlsx), ("good.xls", Format::Xls), ("good.ods", Format::Ods), ("good.csv", Format::Csv)]
    {
        let report = run(name).unwrap();
        assert_eq!(report.format, format, "{name}");
        assert!(report.errors.is_empty(), "{name}: {:?}", report.errors);
        assert_eq!((report.total_rows, report.valid_rows()), (4, 4), "{name}");
        let rows = &report.rows;
        assert_eq!(rows.iter().map(|r| r.row).collect::<Vec<_>>(), [2, 3, 4, 5], "{name}");
        assert_eq!(rows[0].product_id, ProductId::new(1));
        assert_eq!(rows[1].sku.as_str(), "BREAD-002", "{name}: sku matched case-insensitively");
        assert_eq!(rows[2].quantity, Quantity::from_units(12));
        assert_eq!(rows[0].sale_date.map(|d| d.date()), NaiveDate::from_ymd_opt(2025, 3, 1), "{name}");
        assert_eq!(rows[0].unit_price, Some(Money::from_cents(120)), "{name}");
        assert_eq!(rows[1].unit_price, None, "{name}: empty price = catalogue price");
        assert_eq!(rows[2].unit_price, Some(Money::from_cents(25)), "{name}");
    }
    // The time of day survives where the file has one.
    let xlsx = run("good.xlsx").unwrap();
    assert_eq!(xlsx.rows[3].sale_date, NaiveDate::from_ymd_opt(2025, 3, 4).unwrap().and_hms_opt(14, 30, 0));
}

#[test]
fn lists_exactly_the_three_bad_rows_of_ten_thousand() {
    for name in ["big_3_bad.xlsx", "big_3_bad.csv"] {
        let report = run(name).unwrap();
        assert_eq!((report.total_rows, report.valid_rows(), report.invalid_rows), (10_000, 9_997, 3), "{name}");
        let found: Vec<_> = report.errors.iter().map(|e| (e.row, e.field.as_ref(), e.code)).collect();
        assert_eq!(
            found,
            [
                (1235, "sku", RowErrorCode::UnknownProduct),
                (5000, "quantity", RowErrorCode::InvalidNumber),
                (9999, "quantity", RowErrorCode::NotPositive)
            ],
            "{name}"
        );
    }
}

#[test]
fn refuses_empty_files_and_renamed_binaries() {
    assert_eq!(code("empty.csv"), "empty_file");
    assert_eq!(code("empty_sheet.xlsx"), "no_header");
    assert_eq!(code("picture.xlsx"), "unsupported_format");
    // The content decides, not the name: a CSV named .xlsx is read as CSV.
    assert_eq!(run("csv_named.xlsx").unwrap().format, Format::Csv);
}

#[test]
fn refuses_password_protected_workbooks() {
    assert_eq!(run("password.xlsx").unwrap_err(), FileError::Encrypted);
}

#[test]
fn refuses_a_zip_bomb_before_inflating_it() {
    let started = std::time::Instant::now();
    let error = run("zip_bomb.xlsx").unwrap_err();
    assert!(matches!(error, FileError::DecompressedTooLarge { declared, .. } if declared > 300_000_000), "{error:?}");
    assert_eq!(error.code(), "decompressed_too_large");
    assert!(started.elapsed().as_millis() < 500, "nothing was inflated");
}

#[test]
fn enforces_the_byte_and_row_limits() {
    let tight = |limits: Limits| ImportOptions { limits, ..options() };
    let small = tight(Limits { max_bytes: 1_000, ..Limits::default() });
    assert_eq!(run_with("big_3_bad.csv", &small).unwrap_err().code(), "file_too_large");
    let few = tight(Limits { max_rows: 100, ..Limits::default() });
    for name in ["big_3_bad.csv", "big_3_bad.xlsx"] {
        assert_eq!(run_with(name, &few).unwrap_err(), FileError::TooManyRows { limit: 100 });
    }
    let inflate = tight(Limits { max_uncompressed_bytes: 10_000, ..Limits::default() });
    assert_eq!(run_with("big_3_bad.xlsx", &inflate).unwrap_err().code(), "decompressed_too_large");
}

#[test]
fn lists_every_missing_column_at_once() {
    match run("missing_columns.xlsx").unwrap_err() {
        FileError::MissingColumns { missing, found } => {
            assert_eq!(missing, ["product_id | sku | name", "quantity"]);
            assert_eq!(found, ["Date", "Price", "Comment"]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn formula_errors_are_row_errors() {
    // LibreOffice recomputed the formulas: =1/0 is cached as #DIV/0!, =2*3 as 6.
    let report = run("formulas.xlsx").unwrap();
    let found: Vec<_> = report.errors.iter().map(|e| (e.row, e.field.as_ref(), e.code)).collect();
    assert_eq!(found, [(2, "quantity", RowErrorCode::CellError), (4, "unit_price", RowErrorCode::CellError)]);
    assert!(report.errors[0].message.contains("#DIV/0!"), "{}", report.errors[0].message);
    assert_eq!(report.rows.iter().map(|r| (r.row, r.quantity)).collect::<Vec<_>>(), [(3, Quantity::from_units(6))]);
    // openpyxl stores formulas without results: the cell reads as empty, never as a number.
    let raw = run("formulas_uncomputed.xlsx").unwrap();
    let codes: Vec<_> = raw.errors.iter().map(|e| (e.row, e.code)).collect();
    assert_eq!(codes, [(2, RowErrorCode::Required), (3, RowErrorCode::Required)]);
}

#[test]
fn merged_cells_are_row_errors() {
    // LibreOffice wrote the .xls and .ods from the openpyxl .xlsx (make_fixtures.py).
    for name in ["merged.xlsx", "merged.xls", "merged.ods"] {
        let report = run(name).unwrap();
        let found: Vec<_> = report.errors.iter().map(|e| (e.row, e.field.as_ref(), e.code)).collect();
        assert_eq!(
            found,
            [(3, "sale_date", RowErrorCode::MergedCell), (4, "sale_date", RowErrorCode::MergedCell)],
            "{name}"
        );
        assert_eq!(report.valid_rows(), 2, "{name}");
    }
}

#[test]
fn picks_the_first_visible_sheet_or_the_named_one() {
    for name in ["sheets.xlsx", "sheets.ods"] {
        let default = run(name).unwrap();
        assert_eq!(default.sheet.as_deref(), Some("Sales"), "{name}: the hidden first sheet is skipped");
        assert_eq!(default.valid_rows(), 4);
        let named = run_with(name, &ImportOptions { sheet: Some("returns".into()), ..options() }).unwrap();
        assert_eq!(named.sheet.as_deref(), Some("Returns"));
        assert_eq!(named.rows[0].sku.as_str(), "BUTTER-004");
        let hidden = run_with(name, &ImportOptions { sheet: Some("Old".into()), ..options() }).unwrap();
        assert_eq!(hidden.rows[0].quantity, Quantity::from_units(99), "a hidden sheet can still be asked for");
        match run_with(name, &ImportOptions { sheet: Some("Nope".into()), ..options() }).unwrap_err() {
            FileError::SheetNotFound { available, .. } => assert_eq!(available, ["Old", "Sales", "Returns"]),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn reads_windows_1252_with_semicolons_and_decimal_commas() {
    let report =
        run_with("windows1252.csv", &ImportOptions { allow_fractional_quantities: true, ..options() }).unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.date_format, Some(DateFormat::Dmy), "25/03 proves day-first");
    assert_eq!(report.rows[0].quantity, Quantity::from_milli(2_500));
    assert_eq!(report.rows[0].unit_price, Some(Money::from_cents(120)));
    assert_eq!(report.rows[1].sale_date, Some(at(2025, 4, 3)));
    // Java takes whole units: by default 2,5 is an error, never truncated to 2.
    let strict = run("windows1252.csv").unwrap();
    assert_eq!(strict.errors[0].code, RowErrorCode::FractionalQuantity);
}

#[test]
fn reads_bom_tabs_quoted_fields_and_us_dates() {
    let report = run("bom_tab_us.csv").unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.date_format, Some(DateFormat::Mdy));
    assert_eq!(report.rows.iter().map(|r| r.product_id.get()).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(report.rows[1].sale_date, Some(at(2025, 4, 1)));
    // The record after a quoted line break is numbered by the line it starts on.
    assert_eq!(report.rows[2].row, 5);
}

#[test]
fn ambiguous_dates_need_a_date_format() {
    assert_eq!(code("ambiguous_dates.csv"), "ambiguous_date_format");
    let mdy =
        run_with("ambiguous_dates.csv", &ImportOptions { date_format: Some(DateFormat::Mdy), ..options() }).unwrap();
    assert_eq!(mdy.rows[0].sale_date, Some(at(2025, 3, 4)));
    let dmy =
        run_with("ambiguous_dates.csv", &ImportOptions { date_format: Some(DateFormat::Dmy), ..options() }).unwrap();
    assert_eq!(dmy.rows[0].sale_date, Some(at(2025, 4, 3)));
}

#[test]
fn reports_every_bad_row_with_its_code() {
    let report = run("bad_rows.csv").unwrap();
    let found: Vec<_> = report.errors.iter().map(|e| (e.row, e.field.as_ref(), e.code)).collect();
    use RowErrorCode as C;
    assert_eq!(
        found,
        [
            (2, "product_id / sku / name", C::Required),
            (3, "quantity", C::NotPositive),
            (4, "quantity", C::FractionalQuantity),
            (5, "quantity", C::TooPrecise),
            (6, "product_id", C::InvalidProductId),
            (7, "sku", C::UnknownProduct),
            (8, "name", C::UnknownProduct),
            (9, "sku", C::ProductMismatch),
            (10, "sale_date", C::InvalidDate),
            (11, "sale_date", C::Required),
            (12, "unit_price", C::NegativePrice),
            (13, "unit_price", C::InvalidNumber),
            (15, "row", C::DuplicateRow),
            (16, "product_id", C::UnknownProduct),
            (16, "quantity", C::Required),
            (17, "sale_date", C::FutureDate),
        ]
    );
    assert_eq!((report.total_rows, report.valid_rows(), report.invalid_rows), (16, 1, 15));
    assert_eq!(report.rows[0].row, 14);
    assert!(report.errors.iter().all(|e| !e.message.is_empty()));
}

#[test]
fn valid_rows_become_sales_with_their_date_and_price() {
    let report = run("good.csv").unwrap();
    let sale = report.rows[0].to_new_sale();
    assert_eq!(sale.at, Some(at(2025, 3, 1)));
    assert_eq!(sale.lines[0].unit_price, Some(Money::from_cents(120)));
    assert_eq!(sale.lines[0].sku.as_ref().map(Sku::as_str), Some("MILK-001"));
}
