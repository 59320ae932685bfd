//! Use case: find anomalous days and route them by severity (seed 000): LOW is logged, MEDIUM is
//! flagged in the answer, HIGH raises an alert (stored once, delivered in the background).

use chrono::NaiveDate;
use domain::alert::AlertSource;
use domain::anomaly::{AnomalyConfig, AnomalyLabel, AnomalyMethod, detect_counts, detect_robust, upstream_zscore};
use domain::{Principal, ProductId, Severity, Uuid};
use ports::Recorded;
use serde::{Deserialize, Serialize};

use super::forecast::selector_key;
use super::{MlError, MlService, ProductRef, ProductSelector, Scope, Target};
use crate::alerting::AlertDraft;
use crate::cache_keys::{CacheKeys, CacheScope};

/// What the caller asks for; unset numbers take the configured defaults.
#[derive(Clone, Debug, PartialEq)]
pub struct AnomalyRequest {
    pub scope: Scope,
    pub product: ProductSelector,
    pub method: AnomalyMethod,
    pub threshold: Option<f64>,
    pub min_history: Option<usize>,
    pub causal: bool,
    pub history_days: Option<u32>,
    pub target: Target,
}

/// One anomalous day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FoundAnomaly {
    pub date: NaiveDate,
    pub value: f64,
    pub expected: f64,
    pub score: f64,
    pub label: AnomalyLabel,
    pub severity: Severity,
    pub explanation: String,
    /// MEDIUM and above: shown to users.
    pub flagged: bool,
    /// HIGH: the alert it raised.
    pub alert_id: Option<Uuid>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnomalyResult {
    pub scope: Scope,
    pub product: Option<ProductRef>,
    pub method: AnomalyMethod,
    pub target: Target,
    pub threshold: f64,
    pub history_start: NaiveDate,
    pub history_end: NaiveDate,
    pub anomalies: Vec<FoundAnomaly>,
}

impl MlService {
    /// Detects anomalous days and routes them by severity.
    ///
    /// # Errors
    /// `InvalidRequest`, `UnknownProduct`, `NoHistory`, `Source`. Alert-store failures do not
    /// fail the request (they are logged).
    #[tracing::instrument(skip_all, fields(scope = ?request.scope, method = ?request.method), err)]
    pub async fn anomalies(&self, caller: &Principal, request: AnomalyRequest) -> Result<AnomalyResult, MlError> {
        let threshold = request.threshold.unwrap_or(match request.method {
            AnomalyMethod::Robust => self.config.anomaly_threshold,
            AnomalyMethod::Zscore => 3.0,
        });
        if !(threshold.is_finite() && threshold > 0.0) {
            return Err(MlError::InvalidRequest {
                field: "threshold",
                message: "threshold must be a positive number".into(),
            });
        }
        let days = request.history_days.unwrap_or(self.config.anomaly_history_days);
        if !(14..=3660).contains(&days) {
            return Err(MlError::InvalidRequest {
                field: "history_days",
                message: "history_days must be between 14 and 3660".into(),
            });
        }
        let key = CacheKeys::key(
            CacheScope::Ml,
            &[
                "anomalies",
                &Self::roles(caller),
                &selector_key(request.scope, &request.product),
                &format!("{:?}", request.method),
                &threshold.to_string(),
                &format!("{:?}", request.min_history),
                &request.causal.to_string(),
                &days.to_string(),
                &format!("{:?}", request.target),
                &self.clock.today().to_string(),
            ],
        );
        self.cache
            .get_or_compute(CacheScope::Ml, &key, self.config.ttl, || async {
                let product = match request.scope {
                    Scope::Product => Some(self.resolve(caller, &request.product).await?),
                    Scope::Global => None,
                };
                let series = self.series(caller, product.as_ref(), request.target, days).await?;
                let mut found = self.detect(&series, &request, threshold);
                self.route(&mut found, request.scope, product.as_ref().map(domain::Product::id)).await;
                Ok(AnomalyResult {
                    scope: request.scope,
                    product: product.as_ref().map(ProductRef::from),
                    method: request.method,
                    target: request.target,
                    threshold,
                    history_start: series.start,
                    history_end: series.end(),
                    anomalies: found,
                })
            })
            .await
    }

    fn detect(&self, series: &super::DailySeries, request: &AnomalyRequest, threshold: f64) -> Vec<FoundAnomaly> {
        let found = |date, value, expected, score, label, severity: Severity, explanation| FoundAnomaly {
            date,
            value,
            expected,
            score,
            label,
            severity,
            explanation,
            flagged: severity >= Severity::Medium,
            alert_id: None,
        };
        match request.method {
            AnomalyMethod::Zscore => {
                let mean = series.values.iter().sum::<f64>() / series.values.len() as f64;
                upstream_zscore(&series.values, threshold)
                    .into_iter()
                    .map(|a| {
                        found(
                            series.date(a.index),
                            a.value,
                            mean,
                            a.score,
                            a.label,
                            a.severity,
                            "Z-score anomaly detected".to_owned(),
                        )
                    })
                    .collect()
            }
            AnomalyMethod::Robust => {
                let config = AnomalyConfig {
                    threshold,
                    min_history: request.min_history.unwrap_or(self.config.anomaly_min_history),
                    causal: request.causal,
                    ..AnomalyConfig::default()
                };
                // Units are counts: judged on a variance-stabilised scale (see domain::anomaly::counts).
                let detect = match request.target {
                    Target::Units => detect_counts,
                    Target::Revenue => detect_robust,
                };
                detect(&series.values, &config, Some(&series.closed))
                    .into_iter()
                    .map(|a| {
                        found(series.date(a.index), a.value, a.expected, a.score, a.label, a.severity, a.explanation)
                    })
                    .collect()
            }
        }
    }

    async fn route(&self, found: &mut [FoundAnomaly], scope: Scope, product: Option<ProductId>) {
        for a in found.iter_mut() {
            if a.severity < Severity::High {
                tracing::info!(date = %a.date, label = a.label.as_str(), severity = %a.severity, "anomaly");
                continue;
            }
            let draft = AlertDraft {
                source: AlertSource::Anomaly,
                kind: a.label.as_str().to_owned(),
                severity: a.severity,
                scope: format!("{scope:?}").to_ascii_uppercase(),
                product_id: product,
                date: Some(a.date),
                title: format!(
                    "{} on {}{}",
                    a.label.as_str(),
                    a.date,
                    product.map_or_else(String::new, |p| format!(" (product {p})"))
                ),
                message: a.explanation.clone(),
            };
            match self.alerts.raise(draft).await {
                Ok(Recorded::New(alert) | Recorded::Duplicate(alert)) => a.alert_id = Some(alert.id),
                Err(e) => tracing::error!(error = %e, "could not record an alert; the answer is unaffected"),
            }
        }
    }
}
