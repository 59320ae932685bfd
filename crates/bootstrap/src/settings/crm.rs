//! The `crm` section: where CRM records come from, where snapshots go, and the engines' constants.

use std::path::PathBuf;

use domain::crm::{CrmConfig, CrmProfile};
use serde::{Deserialize, Serialize};

use super::load::SettingsError;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CrmSourceKind {
    /// The deterministic fake CRM (DEV, tests).
    Fake,
    /// Salesforce REST (the `salesforce` section).
    Salesforce,
    /// No CRM: runs fail with `crm_unavailable`.
    None,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ResultStoreKind {
    Filesystem,
    /// Lost on restart: DEV and tests only.
    Memory,
    /// The `object_storage.s3` bucket.
    S3,
    /// The `object_storage.azure` container.
    Azure,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FakeCrmSettings {
    pub seed: u64,
    pub accounts: usize,
    pub leads: usize,
    pub opportunities: usize,
    pub cases: usize,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CrmSettings {
    pub source: CrmSourceKind,
    /// `code` (the reference code's constants) or `documented` (its documentation's).
    pub profile: CrmProfile,
    /// Overrides of single constants on top of the profile, e.g. `{pipeline: {quota: 750000}}`.
    #[serde(default)]
    pub engines: Option<serde_json::Value>,
    /// Run the pipeline once when the server starts (DEV: so the pages have data).
    pub run_on_startup: bool,
    /// Runs compute and store but write nothing back unless a run asks otherwise.
    pub dry_run: bool,
    pub store: ResultStoreKind,
    /// Root of the `analytics/<type>/year=…/` tree (filesystem store).
    pub results_dir: PathBuf,
    /// Runs kept in the run history (in the state database; older ones are pruned).
    pub history_runs: usize,
    /// A "Pipeline Health" alert is raised below this score.
    pub alert_health_below: f64,
    pub fake: FakeCrmSettings,
}

fn merge(base: &mut serde_json::Value, over: &serde_json::Value) {
    match (base, over) {
        (serde_json::Value::Object(b), serde_json::Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (slot, v) => *slot = v.clone(),
    }
}

impl CrmSettings {
    /// The profile's constants with `engines` applied on top, validated.
    ///
    /// # Errors
    /// An unknown key, a wrong type or a meaningless value in `crm.engines`.
    pub fn engines(&self) -> Result<CrmConfig, SettingsError> {
        let base = CrmConfig::profile(self.profile);
        let Some(over) = &self.engines else { return Ok(base) };
        let mut value =
            serde_json::to_value(&base).map_err(|e| SettingsError::invalid("crm.engines", e.to_string()))?;
        merge(&mut value, over);
        let config: CrmConfig =
            serde_json::from_value(value).map_err(|e| SettingsError::invalid("crm.engines", e.to_string()))?;
        config.validate().map_err(|e| SettingsError::invalid("crm.engines", e.to_string()))?;
        Ok(config)
    }
}
