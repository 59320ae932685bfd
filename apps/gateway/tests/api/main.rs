//! The gateway's API tests: one binary, one module per concern.

mod admin;
mod alerts;
mod analytics;
mod auth;
mod binary;
mod browser;
mod cors;
mod crm;
mod dashboard;
mod docs;
mod errors;
mod excel;
mod excel_inputs;
mod excel_restart;
mod health;
mod java;
mod metrics;
mod ml;
mod redis;
mod report_jobs;
mod reports;
mod schedules;
mod session;
