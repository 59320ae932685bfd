//! `ReportStore` and `ResultStore` over object storage, through the `object_store` crate:
//! S3-compatible services (AWS S3, MinIO, moto, …) and Azure Blob Storage (and Azurite).
//!
//! A [`Bucket`] is one container plus a key prefix; [`ObjectReportStore`] keeps report
//! artifacts in it and [`ObjectResultStore`] keeps analytics snapshots in the Hive layout
//! `analytics/<type>/year=YYYY/month=MM/day=DD/<HHMMSS>_<type>.json`, exactly the keys the
//! filesystem adapter uses as relative paths, so a tree can be copied between the two.
//!
//! Atomicity comes from the services themselves: a single PUT is all-or-nothing, and a
//! multipart upload (S3) or block list (Azure) becomes visible only when it is completed, so a
//! process killed mid-upload leaves nothing a reader can name.
//!
//! Depends on `ports` and `object_store`; driver errors never leave this crate.

mod bucket;
mod report_store;
mod result_store;

pub use bucket::{AzureBlobConfig, Bucket, BucketError, S3Config};
pub use report_store::ObjectReportStore;
pub use result_store::ObjectResultStore;
