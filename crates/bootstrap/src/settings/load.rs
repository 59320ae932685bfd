//! Loading: embedded defaults, files, aliases, `APP__` variables, then validation.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use config::{Config, Environment as EnvSource, File, FileFormat};

use super::sections::Settings;
use super::{aliases, validate};

/// The defaults ship inside the binary so it starts from any directory; files on disk override.
const BASE_YAML: &str = include_str!("../../../../configuration/base.yaml");
const DEV_YAML: &str = include_str!("../../../../configuration/dev.yaml");
const PROD_YAML: &str = include_str!("../../../../configuration/prod.yaml");

/// Where settings come from. Tests build one by hand instead of touching the process
/// environment.
#[derive(Clone, Debug, Default)]
pub struct ConfigSources {
    /// A directory with `base.yaml` / `<env>.yaml` overriding the embedded defaults.
    pub dir: Option<PathBuf>,
    /// Environment variables.
    pub env: BTreeMap<String, String>,
}

impl ConfigSources {
    /// The process environment, and `APP_CONFIG_DIR` (default `./configuration` when it exists).
    #[must_use]
    pub fn from_process() -> Self {
        let env: BTreeMap<String, String> = std::env::vars().collect();
        let dir = env
            .get("APP_CONFIG_DIR")
            .map(PathBuf::from)
            .or_else(|| Some(PathBuf::from("configuration")).filter(|p| p.is_dir()));
        Self { dir, env }
    }

    /// Only embedded defaults plus `env`.
    #[must_use]
    pub fn from_env<'a>(env: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Self { dir: None, env: env.into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect() }
    }
}

/// Why settings could not be loaded. The message always names the offending key.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("invalid configuration `{key}`: {message}")]
    Invalid { key: String, message: String },
    #[error("invalid configuration: {0}")]
    Config(String),
}

impl SettingsError {
    pub(crate) fn invalid(key: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid { key: key.into(), message: message.into() }
    }
}

/// Settings plus non-fatal remarks worth logging at start-up.
#[derive(Debug)]
pub struct Loaded {
    pub settings: Settings,
    pub warnings: Vec<String>,
}

fn environment_name(env: &BTreeMap<String, String>) -> Result<String, SettingsError> {
    if let Some(name) = env.get("APP__ENVIRONMENT").or_else(|| env.get("APP_ENVIRONMENT")).filter(|v| !v.is_empty()) {
        return match name.to_ascii_lowercase().as_str() {
            "dev" | "development" | "local" => Ok("dev".into()),
            "prod" | "production" => Ok("prod".into()),
            other => Err(SettingsError::invalid("environment", format!("expected dev or prod, got {other:?}"))),
        };
    }
    match env.get("DEV_MODE").filter(|v| !v.is_empty()) {
        Some(raw) => Ok(if aliases::parse_bool("DEV_MODE", raw)? { "dev" } else { "prod" }.into()),
        None => Ok("dev".into()),
    }
}

fn yaml_layer(
    dir: Option<&Path>,
    name: &str,
    embedded: &'static str,
) -> Result<File<config::FileSourceString, FileFormat>, SettingsError> {
    let on_disk = dir.map(|d| d.join(format!("{name}.yaml"))).filter(|p| p.is_file());
    let text = match on_disk {
        Some(path) => std::fs::read_to_string(&path)
            .map_err(|e| SettingsError::Config(format!("cannot read {}: {e}", path.display())))?,
        None => embedded.to_owned(),
    };
    Ok(File::from_str(&text, FileFormat::Yaml))
}

/// Loads, merges and validates the settings.
///
/// # Errors
/// Unknown keys, unparsable values and values that fail validation (including the PROD guard).
pub fn load(sources: &ConfigSources) -> Result<Loaded, SettingsError> {
    let env_name = environment_name(&sources.env)?;
    let env_yaml = if env_name == "prod" { PROD_YAML } else { DEV_YAML };
    let (alias_values, warnings) = aliases::collect(&sources.env)?;
    // Aliases enter as a second environment source so `APP__` variables, added after, win.
    let alias_env: config::Map<String, String> =
        alias_values.into_iter().map(|(k, v)| (format!("APP__{}", k.replace('.', "__")), v)).collect();
    let app_env: config::Map<String, String> =
        sources.env.iter().filter(|(k, _)| k.starts_with("APP__")).map(|(k, v)| (k.clone(), v.clone())).collect();
    let env_source = |vars| {
        EnvSource::with_prefix("APP").prefix_separator("__").separator("__").ignore_empty(true).source(Some(vars))
    };

    let config = Config::builder()
        .add_source(yaml_layer(sources.dir.as_deref(), "base", BASE_YAML)?)
        .add_source(yaml_layer(sources.dir.as_deref(), &env_name, env_yaml)?)
        .add_source(env_source(alias_env))
        .add_source(env_source(app_env))
        .set_override("environment", env_name)
        .map_err(|e| SettingsError::Config(e.to_string()))?
        .build()
        .map_err(|e| SettingsError::Config(e.to_string()))?;
    let settings: Settings = config.try_deserialize().map_err(|e| SettingsError::Config(e.to_string()))?;
    validate::validate(&settings)?;
    Ok(Loaded { settings, warnings })
}
