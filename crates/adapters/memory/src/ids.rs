//! Predictable ids for tests.

use std::sync::atomic::{AtomicU64, Ordering};

use domain::Uuid;
use ports::IdGenerator;

/// Returns `00000000-0000-0000-0000-000000000001`, `…02`, … in order.
#[derive(Debug, Default)]
pub struct SequentialIds {
    next: AtomicU64,
}

impl IdGenerator for SequentialIds {
    fn new_id(&self) -> Uuid {
        let n = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        Uuid::from_u128(u128::from(n))
    }
}
