//! The `crm` section: profiles, single-constant overrides, and rejection of bad overrides.

use bootstrap::ConfigSources;
use bootstrap::settings::{CrmSourceKind, load};
use domain::crm::{Bound, CrmConfig, CrmProfile};

fn dir_with(dev_yaml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("dev.yaml"), format!("environment: dev\n{dev_yaml}")).expect("dev.yaml written");
    dir
}

fn load_dir(dir: &tempfile::TempDir) -> Result<bootstrap::Settings, String> {
    let mut sources = ConfigSources::from_env([]);
    sources.dir = Some(dir.path().to_owned());
    load(&sources).map(|l| l.settings).map_err(|e| e.to_string())
}

#[test]
fn dev_defaults_to_the_code_profile_on_the_fake_crm_and_prod_to_none() {
    let s = load(&ConfigSources::from_env([])).unwrap().settings;
    assert_eq!(s.crm.source, CrmSourceKind::Fake);
    assert!(s.crm.run_on_startup);
    assert_eq!(s.crm.engines().unwrap(), CrmConfig::default());
    let prod =
        load(&ConfigSources::from_env([("APP_ENVIRONMENT", "prod"), ("JAVA_JWT_SECRET", "s".repeat(40).as_str())]))
            .unwrap()
            .settings;
    assert_eq!(prod.crm.source, CrmSourceKind::None);
}

#[test]
fn overrides_apply_over_the_chosen_profile() {
    let dir = dir_with(
        "crm:\n  profile: documented\n  engines:\n    pipeline:\n      quota: 750000\n    churn:\n      high: {bound: 0.8, inclusive: true}\n",
    );
    let s = load_dir(&dir).unwrap();
    assert_eq!(s.crm.profile, CrmProfile::Documented);
    let e = s.crm.engines().unwrap();
    assert_eq!(e.pipeline.quota, 750_000.0);
    assert_eq!(e.churn.high, Bound::at_least(0.8));
    // The rest is the documented profile.
    assert_eq!(e.leads.medium, Bound::at_least(40.0));
    assert_eq!(e.churn.medium, Bound::at_least(0.3));
}

#[test]
fn bad_overrides_fail_at_start_up_naming_the_section() {
    for (yaml, why) in [
        ("crm:\n  engines:\n    pipeline:\n      quotas: 1\n", "unknown key"),
        ("crm:\n  engines:\n    pipeline:\n      quota: -1\n", "negative quota"),
        ("crm:\n  engines:\n    leads:\n      medium: {bound: 90, inclusive: false}\n", "bands out of order"),
        ("crm:\n  profile: lenient\n", "unknown profile"),
    ] {
        let err = load_dir(&dir_with(yaml)).unwrap_err();
        assert!(err.contains("crm"), "{why}: {err}");
    }
}
