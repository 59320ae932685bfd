//! Parse + validate 100 000 sales rows (issue 6: XLSX ≥ 250 000 rows/s, CSV ≥ 1 000 000 rows/s on
//! one core). The files are made before timing; each iteration runs the whole pipeline
//! (`import::import`: sniffing, limits, reading, header mapping, validation, report). Criterion
//! runs on one thread and the pipeline is single-threaded. Peak memory: `examples/import_file.rs`
//! under `/usr/bin/time -v` (docs/PERFORMANCE.md).

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use import::ImportOptions;

#[path = "sample/mod.rs"]
mod sample;

const ROWS: usize = 100_000;

fn bench(c: &mut Criterion) {
    let catalog = sample::catalog();
    let options = ImportOptions { today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1), ..ImportOptions::default() };
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.throughput(Throughput::Elements(ROWS as u64));
    for (format, bytes) in [("csv", sample::csv(ROWS)), ("xlsx", sample::xlsx(ROWS))] {
        let check = import::import(&bytes, &options, &catalog).expect("the sample imports");
        assert_eq!((check.total_rows, check.valid_rows()), (ROWS, ROWS), "{format}: {:?}", check.errors.first());
        group.bench_with_input(BenchmarkId::new(format, ROWS), &bytes, |b, bytes| {
            b.iter(|| black_box(import::import(bytes, &options, &catalog)));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
