//! A fake CRM: deterministic Salesforce-shaped records for DEV, tests and benchmarks, and an
//! in-memory writeback that applies updates and keeps Tasks (deduplicated per record, kind, day).

mod generate;
mod lists;
mod store;

pub use generate::{FakeCrmConfig, generate, record_id};
pub use store::FakeCrm;
