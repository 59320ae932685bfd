//! Damaged files never panic: every fixture is truncated and bit-flipped many times (a cheap,
//! deterministic cousin of the cargo-fuzz target in fuzz/) and must end in a report or an error.

use import::{Catalog, ImportOptions, Limits};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../../tests/fixtures/import/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn damaged_fixtures_end_in_a_report_or_an_error() {
    let options = ImportOptions { limits: Limits { max_rows: 2_000, ..Limits::default() }, ..ImportOptions::default() };
    let catalog = Catalog::default();
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let names = [
        "good.xlsx",
        "good.xls",
        "good.ods",
        "good.csv",
        "sheets.xlsx",
        "merged.xlsx",
        "formulas.xlsx",
        "windows1252.csv",
        "bom_tab_us.csv",
    ];
    for name in names {
        let original = fixture(name);
        for round in 0..150 {
            let mut bytes = original.clone();
            match round % 3 {
                0 => bytes.truncate(rng.below(bytes.len())),
                1 => {
                    for _ in 0..1 + rng.below(8) {
                        let at = rng.below(bytes.len());
                        bytes[at] ^= 1 << rng.below(8);
                    }
                }
                _ => {
                    let at = rng.below(bytes.len());
                    let len = rng.below(64).min(bytes.len() - at);
                    bytes[at..at + len].fill(rng.next() as u8);
                }
            }
            let _ = import::import(&bytes, &options, &catalog);
        }
    }
}
