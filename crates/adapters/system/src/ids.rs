//! Time-ordered unique ids.

use domain::Uuid;
use ports::IdGenerator;

/// UUIDv7: unique across processes and sortable by creation time, so listings by id are
/// listings by age.
#[derive(Clone, Copy, Debug, Default)]
pub struct UuidV7Ids;

impl IdGenerator for UuidV7Ids {
    fn new_id(&self) -> Uuid {
        Uuid::now_v7()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_ordered() {
        let ids: Vec<_> = (0..1000).map(|_| UuidV7Ids.new_id()).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]));
    }
}
