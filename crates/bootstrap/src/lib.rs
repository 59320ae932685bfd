//! SalesFlow's composition root: the typed [`Settings`] (loaded once), telemetry (logs and the
//! Prometheus recorder), and [`Adapters::from_settings`], the one place that chooses an adapter
//! for every port by mode. The gateway, the worker, the CLI and the tests' `TestApp` all build
//! their adapters here, so a wiring mistake cannot hide in one of them.
//!
//! This crate may depend on everything; nothing but the apps and test support depends on it.

mod adapters;
mod crm;
mod imports;
mod object_storage;
pub mod settings;
pub mod startup;
mod state;
pub mod telemetry;

pub use adapters::{AdapterSummary, Adapters, dependency};
pub use imports::{import_config, import_service};
pub use settings::{ConfigSources, Environment, Settings, SettingsError};
