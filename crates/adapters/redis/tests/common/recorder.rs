//! A `metrics` recorder that keeps the current value of every counter and gauge, to assert on
//! the metrics an adapter emits. Install it with `metrics::set_default_local_recorder` in a
//! current-thread test: it only sees metrics recorded on the test's thread.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use metrics::{Counter, CounterFn, Gauge, GaugeFn, Histogram, Key, KeyName, Metadata, Recorder, SharedString, Unit};

type Values = Arc<Mutex<HashMap<String, f64>>>;

#[derive(Debug, Default)]
pub(crate) struct CapturingRecorder {
    values: Values,
}

impl CapturingRecorder {
    /// The value of `name{label="value",...}` (labels sorted), or `None` if never recorded.
    pub(crate) fn value(&self, rendered_key: &str) -> Option<f64> {
        self.values.lock().unwrap_or_else(PoisonError::into_inner).get(rendered_key).copied()
    }

    fn handle(&self, key: &Key) -> Arc<Handle> {
        let mut labels: Vec<String> = key.labels().map(|l| format!("{}=\"{}\"", l.key(), l.value())).collect();
        labels.sort();
        let rendered =
            if labels.is_empty() { key.name().to_owned() } else { format!("{}{{{}}}", key.name(), labels.join(",")) };
        Arc::new(Handle { key: rendered, values: Arc::clone(&self.values) })
    }
}

#[derive(Debug)]
struct Handle {
    key: String,
    values: Values,
}

impl Handle {
    fn update(&self, f: impl FnOnce(&mut f64)) {
        let mut values = self.values.lock().unwrap_or_else(PoisonError::into_inner);
        f(values.entry(self.key.clone()).or_default());
    }
}

impl CounterFn for Handle {
    fn increment(&self, value: u64) {
        self.update(|v| *v += value as f64);
    }

    fn absolute(&self, value: u64) {
        self.update(|v| *v = v.max(value as f64));
    }
}

impl GaugeFn for Handle {
    fn increment(&self, value: f64) {
        self.update(|v| *v += value);
    }

    fn decrement(&self, value: f64) {
        self.update(|v| *v -= value);
    }

    fn set(&self, value: f64) {
        self.update(|v| *v = value);
    }
}

impl Recorder for CapturingRecorder {
    fn describe_counter(&self, _key: KeyName, _unit: Option<Unit>, _description: SharedString) {}

    fn describe_gauge(&self, _key: KeyName, _unit: Option<Unit>, _description: SharedString) {}

    fn describe_histogram(&self, _key: KeyName, _unit: Option<Unit>, _description: SharedString) {}

    fn register_counter(&self, key: &Key, _metadata: &Metadata<'_>) -> Counter {
        Counter::from_arc(self.handle(key))
    }

    fn register_gauge(&self, key: &Key, _metadata: &Metadata<'_>) -> Gauge {
        Gauge::from_arc(self.handle(key))
    }

    fn register_histogram(&self, _key: &Key, _metadata: &Metadata<'_>) -> Histogram {
        Histogram::noop()
    }
}
