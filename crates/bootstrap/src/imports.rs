//! The import pipeline built from `imports.*`: one definition for the gateway and the CLI, so the
//! command line validates exactly as an upload does.

use std::sync::Arc;
use std::time::Duration;

use app::{ImportConfig, ImportService};
use ports::SalesSink;

use crate::{Adapters, Settings};

/// The `imports.*` settings as the use case's configuration.
#[must_use]
pub fn import_config(settings: &Settings) -> ImportConfig {
    let i = &settings.imports;
    ImportConfig {
        limits: import::Limits {
            max_bytes: i.max_bytes,
            max_rows: i.max_rows,
            max_uncompressed_bytes: i.max_uncompressed_bytes,
            ..import::Limits::default()
        },
        allow_fractional_quantities: i.allow_fractional_quantities,
        chunk_size: i.commit_chunk_size,
        batch_ttl: Duration::from_secs(i.batch_ttl_secs),
        commit_lease: Duration::from_secs(i.commit_lease_secs),
    }
}

/// The import use cases over `adapters`, recording sales through `sink` (the adapters' own sink,
/// or a wrapper of it, e.g. one that reports progress).
#[must_use]
pub fn import_service(settings: &Settings, adapters: &Adapters, sink: Arc<dyn SalesSink>) -> ImportService {
    ImportService::new(
        adapters.sales_source.clone(),
        sink,
        adapters.import_batches.clone(),
        adapters.cache.clone(),
        adapters.clock.clone(),
        adapters.ids.clone(),
        import_config(settings),
    )
}
