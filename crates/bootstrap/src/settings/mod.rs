//! The typed settings tree, loaded once at start-up (see [`load`]).
//!
//! Every key has a default in `configuration/base.yaml`; `configuration/<env>.yaml` overrides it,
//! then the seeds' environment variables (aliases such as `JAVA_API_URL`), then `APP__…`
//! variables. Unknown keys and bad values fail at start-up with a message naming the key.

mod aliases;
mod crm;
mod integrations;
mod load;
mod object_storage;
mod salesforce;
mod sections;
mod validate;

pub use crm::{CrmSettings, CrmSourceKind, FakeCrmSettings, ResultStoreKind};
pub use integrations::{
    CacheSettings, JobSettings, NotifySettings, ReportSettings, ReportStoreKind, SalesforceSettings, SlackSettings,
    SmtpSettings, SmtpTls, StateBackend, StateSettings,
};
pub use load::{ConfigSources, SettingsError, load};
pub use object_storage::{AzureSettings, ObjectBackend, ObjectStorageSettings, S3Settings};
pub use salesforce::SalesforceFlow;
pub use sections::{
    AlertSettings, AuthSettings, CookieSecurity, CorsSettings, DashboardSettings, DataSettings, DataSource,
    DocsSettings, Environment, FakeDataset, FakeSettings, JavaSettings, LogFormat, MlSettings, ServerSettings,
    Settings, ShopSettings, TelemetrySettings,
};
pub use validate::DEV_JWT_SECRET;
