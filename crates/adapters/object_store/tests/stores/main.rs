//! The `ReportStore` and `ResultStore` contracts on every backend (memory, filesystem, S3 via
//! moto, Azure Blob via Azurite), and what only object storage needs checking: prefixes,
//! unfinished uploads, stray objects, an unreachable service.

mod azure;
mod local;
mod object;
mod s3;
mod wiring;
