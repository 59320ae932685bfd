//! Use case: is every dependency this process needs answering?

use std::sync::Arc;
use std::time::Instant;

use futures_util::future::join_all;
use ports::HealthProbe;
use serde::Serialize;

/// One external dependency as the composition root wired it.
#[derive(Clone)]
pub struct Dependency {
    pub name: &'static str,
    /// A required dependency that is down makes the service not ready (503).
    pub required: bool,
    /// Bounded by its own timeout (the composition root wraps every probe).
    pub probe: Arc<dyn HealthProbe>,
}

impl std::fmt::Debug for Dependency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dependency").field("name", &self.name).field("required", &self.required).finish_non_exhaustive()
    }
}

/// The outcome of one probe.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DependencyStatus {
    pub name: &'static str,
    pub required: bool,
    pub up: bool,
    pub latency_ms: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// All probes, and whether the service can take traffic.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReadinessReport {
    pub ready: bool,
    pub dependencies: Vec<DependencyStatus>,
}

/// Probes every dependency concurrently.
pub async fn check_readiness(dependencies: &[Dependency]) -> ReadinessReport {
    let statuses = join_all(dependencies.iter().map(|dep| async move {
        let started = Instant::now();
        let result = dep.probe.check().await;
        DependencyStatus {
            name: dep.name,
            required: dep.required,
            up: result.is_ok(),
            latency_ms: (started.elapsed().as_secs_f64() * 1e4).round() / 10.0,
            error: result.err().map(|e| e.to_string()),
        }
    }))
    .await;
    for down in statuses.iter().filter(|s| !s.up) {
        tracing::warn!(dependency = down.name, required = down.required, error = ?down.error, "dependency down");
    }
    ReadinessReport { ready: statuses.iter().all(|s| s.up || !s.required), dependencies: statuses }
}

#[cfg(test)]
mod tests {
    use ports::{MockHealthProbe, ProbeError};

    use super::*;

    fn dep(name: &'static str, required: bool, up: bool) -> Dependency {
        let mut probe = MockHealthProbe::new();
        probe.expect_check().times(1).returning(move || if up { Ok(()) } else { Err(ProbeError("refused".into())) });
        Dependency { name, required, probe: Arc::new(probe) }
    }

    #[tokio::test]
    async fn only_required_dependencies_decide_readiness() {
        let report = check_readiness(&[dep("java", true, true), dep("redis", false, false)]).await;
        assert!(report.ready);
        assert_eq!(report.dependencies[1].error.as_deref(), Some("refused"));
        let report = check_readiness(&[dep("java", true, false)]).await;
        assert!(!report.ready);
    }
}
