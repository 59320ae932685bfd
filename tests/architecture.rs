//! The dependency rule of docs/ARCHITECTURE.md, checked on the resolved graph: `domain` knows no
//! IO, runtime or framework; `ports` and `app` know no adapter.

use std::collections::BTreeSet;
use std::process::Command;

use serde_json::Value;

const FORBIDDEN_IN_DOMAIN: &[&str] = &["tokio", "actix", "reqwest", "redis", "sqlx", "apalis", "hyper", "mio"];

fn cargo(args: &[&str]) -> String {
    let out =
        Command::new(env!("CARGO")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().expect("cargo runs");
    assert!(out.status.success(), "cargo {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn the_domain_crate_pulls_in_no_runtime_io_or_framework() {
    let tree = cargo(&["tree", "-p", "salesflow-domain", "-e", "normal", "--prefix", "none", "--offline"]);
    let crates: BTreeSet<&str> = tree.lines().filter_map(|l| l.split_whitespace().next()).collect();
    for name in &crates {
        assert!(!FORBIDDEN_IN_DOMAIN.iter().any(|f| name.contains(f)), "salesflow-domain depends on {name}");
    }
    assert!(crates.contains("chrono"), "the tree was not read: {tree}");
}

fn direct_dependencies(metadata: &Value, package: &str) -> Vec<String> {
    let packages = metadata["packages"].as_array().expect("cargo metadata lists packages");
    let pkg = packages.iter().find(|p| p["name"] == package).expect("package is a workspace member");
    let deps = pkg["dependencies"].as_array().expect("package has a dependency list");
    deps.iter().filter(|d| d["kind"].is_null()).filter_map(|d| d["name"].as_str()).map(str::to_owned).collect()
}

#[test]
fn ports_and_app_depend_on_no_adapter_and_domain_only_on_pure_data_crates() {
    let metadata: Value =
        serde_json::from_str(&cargo(&["metadata", "--format-version", "1", "--no-deps", "--offline"])).unwrap();
    for package in ["salesflow-ports", "salesflow-app"] {
        let deps = direct_dependencies(&metadata, package);
        assert!(deps.contains(&"salesflow-domain".to_owned()), "{package}: {deps:?}");
        for dep in &deps {
            let outer = dep.starts_with("salesflow-adapter")
                || ["salesflow-bootstrap", "salesflow-gateway", "salesflow-testkit"].contains(&dep.as_str());
            assert!(!outer, "{package} depends on {dep}");
            assert!(!FORBIDDEN_IN_DOMAIN.iter().any(|f| dep.contains(f)), "{package} depends on {dep}");
        }
    }
    // smartcore: pure computation (no IO, no runtime), for the random forest the seeds name.
    let allowed = ["chrono", "serde", "smartcore", "thiserror", "uuid"];
    for dep in direct_dependencies(&metadata, "salesflow-domain") {
        assert!(allowed.contains(&dep.as_str()), "salesflow-domain depends on {dep}");
    }
}
