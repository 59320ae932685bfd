//! The web dashboard: a small static app (HTML, CSS, ES modules and a vendored Chart.js) compiled
//! into the binary and prepared once at start-up: gzip-compressed, tagged with a content hash,
//! and served under `/assets/<version>/…` so the files can be cached for a year while a new
//! build is picked up at once (`index.html` itself is revalidated with its `ETag`).

mod assets;

use std::collections::HashMap;
use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};

/// The app's entry points: each serves `index.html`, whose router draws the page.
pub(crate) const PAGES: &[&str] = &[
    "/",
    "/login",
    "/sales",
    "/stock",
    "/forecast",
    "/alerts",
    "/reports",
    "/import",
    "/crm",
    "/crm/leads",
    "/crm/pipeline",
    "/crm/churn",
];

/// Content Security Policy of every dashboard response: our own scripts, styles and fetches
/// only, no inline script or style element, no plugins, no framing, and Trusted Types enforced so
/// no string can ever reach `innerHTML` and friends (the one policy, `sf-assets`, only turns our
/// own `/assets/` URLs into script URLs, for the chart library loaded on first use).
pub(crate) const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
    frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types sf-assets";

/// One file, ready to send.
#[derive(Debug)]
pub(crate) struct Asset {
    pub(crate) content_type: &'static str,
    pub(crate) identity: Vec<u8>,
    /// Only when it is smaller than the original.
    pub(crate) gzip: Option<Vec<u8>>,
    pub(crate) etag: String,
}

impl Asset {
    fn new(path: &str, bytes: Vec<u8>) -> Self {
        let etag = format!("\"{}\"", &hex(&Sha256::digest(&bytes))[..20]);
        let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
        let gzip = encoder.write_all(&bytes).and_then(|()| encoder.finish()).ok().filter(|z| z.len() < bytes.len());
        Self { content_type: assets::content_type(path), identity: bytes, gzip, etag }
    }
}

/// Which optional APIs exist, read from the OpenAPI document: a page lights up when the routes
/// it needs are registered (and documented, as every route must be).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Features {
    pub(crate) reports: bool,
    pub(crate) schedules: bool,
    pub(crate) imports: bool,
    pub(crate) crm: bool,
}

impl Features {
    pub(crate) fn from_paths<'a>(paths: impl IntoIterator<Item = &'a str>) -> Self {
        let mut features = Self::default();
        for path in paths {
            features.reports |= path == "/api/v1/reports";
            features.schedules |= path == "/api/v1/reports/schedules";
            features.imports |= path == "/api/v1/excel/uploads";
            features.crm |= path.starts_with("/api/v1/crm/");
        }
        features
    }
}

/// The prepared app.
#[derive(Debug)]
pub(crate) struct Dashboard {
    /// A hash of every file: the `/assets/<version>/` prefix.
    pub(crate) version: String,
    pub(crate) index: Asset,
    files: HashMap<&'static str, Asset>,
    pub(crate) features: Features,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Dashboard {
    pub(crate) fn new(features: Features) -> Self {
        let mut hasher = Sha256::new();
        for (path, bytes) in assets::FILES {
            hasher.update(path.as_bytes());
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        }
        let version = hex(&hasher.finalize())[..12].to_owned();
        let mut files = HashMap::new();
        let mut index = Asset::new("index.html", Vec::new());
        for (path, bytes) in assets::FILES {
            if *path == "index.html" {
                let html = String::from_utf8_lossy(bytes).replace("{{version}}", &version);
                index = Asset::new(path, html.into_bytes());
            } else {
                files.insert(*path, Asset::new(path, bytes.to_vec()));
            }
        }
        Self { version, index, files, features }
    }

    pub(crate) fn file(&self, path: &str) -> Option<&Asset> {
        self.files.get(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_points_at_the_versioned_assets_and_files_are_compressed() {
        let dashboard = Dashboard::new(Features::default());
        let html = String::from_utf8(dashboard.index.identity.clone()).unwrap();
        assert!(html.contains(&format!("/assets/{}/js/main.js", dashboard.version)), "{html}");
        assert!(!html.contains("{{version}}"));
        let chart = dashboard.file("vendor/chart.js/chart.umd.min.js").unwrap();
        assert!(chart.gzip.as_ref().unwrap().len() < chart.identity.len() / 2);
        assert!(dashboard.file("../Cargo.toml").is_none());
    }

    #[test]
    fn features_follow_the_documented_paths() {
        assert_eq!(Features::from_paths(["/api/v1/alerts"]), Features::default());
        let all = Features::from_paths([
            "/api/v1/reports",
            "/api/v1/reports/schedules",
            "/api/v1/excel/uploads",
            "/api/v1/crm/leads/scores",
        ]);
        assert_eq!(all, Features { reports: true, schedules: true, imports: true, crm: true });
    }
}
