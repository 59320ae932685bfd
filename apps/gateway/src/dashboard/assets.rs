//! The dashboard's files, compiled into the binary. `apps/gateway/dashboard/` is plain HTML, CSS
//! and ES modules (no build step); a unit test checks this list matches the directory.

macro_rules! files {
    ($($path:literal),+ $(,)?) => {
        &[$(($path, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/dashboard/", $path)))),+]
    };
}

/// Every file under `apps/gateway/dashboard/`, by its path there.
pub(super) const FILES: &[(&str, &[u8])] = files![
    "index.html",
    "favicon.svg",
    "css/app.css",
    "js/main.js",
    "js/api.js",
    "js/charts.js",
    "js/dom.js",
    "js/format.js",
    "js/session.js",
    "js/ui.js",
    "js/pages/alerts.js",
    "js/pages/forecast.js",
    "js/pages/import.js",
    "js/pages/login.js",
    "js/pages/overview.js",
    "js/pages/reports.js",
    "js/pages/sales.js",
    "js/pages/stock.js",
    "js/pages/crm/api.js",
    "js/pages/crm/churn.js",
    "js/pages/crm/dashboard.js",
    "js/pages/crm/drilldown.js",
    "js/pages/crm/leads.js",
    "js/pages/crm/pipeline.js",
    "vendor/chart.js/chart.umd.min.js",
    "vendor/chart.js/LICENSE.md",
];

/// The `Content-Type` of a path, by extension.
pub(super) fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("md") => "text/markdown; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                out.push(path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }

    #[test]
    fn every_file_of_the_directory_is_embedded_and_nothing_else() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("dashboard");
        let mut on_disk = Vec::new();
        walk(&root, &root, &mut on_disk);
        on_disk.sort();
        let mut embedded: Vec<String> = super::FILES.iter().map(|(p, _)| (*p).to_owned()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
    }
}
