//! Any bytes through the whole import pipeline (format sniffing, zip and encryption checks,
//! calamine, CSV decoding, header mapping, row validation): it must end in a report or a
//! `FileError`, never a panic that escapes, an abort or an allocation past the limits.
//!
//! The pipeline contains panics of the spreadsheet readers (calamine) with `catch_unwind`
//! (docs/IMPORT.md); libFuzzer's panic hook would abort on them before they are caught, so the
//! default hook is put back: a contained panic is an answer (`unreadable_file`), and any other
//! panic still unwinds out of this closure, where libfuzzer-sys turns it into a crash.

#![no_main]

use std::sync::OnceLock;

use domain::{Money, Product, ProductId, Sku};
use import::{Catalog, ImportOptions, Limits};
use libfuzzer_sys::fuzz_target;

struct Setup {
    catalog: Catalog,
    options: ImportOptions,
}

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| {
        std::panic::set_hook(Box::new(|_| {}));
        let products = [("MILK-001", "Milk"), ("BREAD-002", "Bread"), ("EGGS-003", "Eggs"), ("BUTTER-004", "Butter")]
            .iter()
            .zip(1..)
            .map(|((sku, name), id)| {
                Product::new(ProductId::new(id), Sku::parse(sku).expect("sku"), *name, Money::from_cents(250))
            })
            .collect();
        let options = ImportOptions {
            // The production defaults, except the inflated size (libFuzzer's 2 GB RSS limit).
            limits: Limits { max_uncompressed_bytes: 64 * 1024 * 1024, ..Limits::default() },
            today: chrono::NaiveDate::from_ymd_opt(2025, 6, 1),
            ..ImportOptions::default()
        };
        Setup { catalog: Catalog::new(products), options }
    })
}

fuzz_target!(|data: &[u8]| {
    let setup = setup();
    let _ = import::import(data, &setup.options, &setup.catalog);
});
