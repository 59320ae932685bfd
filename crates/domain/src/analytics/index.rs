//! Product id → dense slot, the hot lookup of every aggregation.

use std::collections::HashMap;

use crate::ProductId;

const NONE: u32 = u32::MAX;

/// Maps product ids to slots `0..len`. Java ids are small dense integers, so a direct table is
/// used when it stays compact; other ids (and ids first seen in sales, not in the catalogue)
/// go through a hash map.
#[derive(Debug)]
pub(crate) struct ProductIndex {
    direct: Vec<u32>,
    sparse: HashMap<u64, u32>,
    ids: Vec<ProductId>,
}

impl ProductIndex {
    pub(crate) fn new(ids: impl IntoIterator<Item = ProductId>) -> Self {
        let ids: Vec<ProductId> = ids.into_iter().collect();
        let max = ids.iter().map(|id| id.get()).max().unwrap_or(0);
        let table_len = if max <= 8 * ids.len() as u64 + 4096 { max as usize + 1 } else { 0 };
        let mut index =
            Self { direct: vec![NONE; table_len], sparse: HashMap::new(), ids: Vec::with_capacity(ids.len()) };
        for id in ids {
            index.slot(id);
        }
        index
    }

    /// The slot of `id`, creating one for an id not seen before.
    #[inline]
    pub(crate) fn slot(&mut self, id: ProductId) -> usize {
        let raw = id.get();
        if let Some(entry) = usize::try_from(raw).ok().and_then(|i| self.direct.get(i)) {
            if *entry != NONE {
                return *entry as usize;
            }
        } else if let Some(slot) = self.sparse.get(&raw) {
            return *slot as usize;
        }
        let slot = u32::try_from(self.ids.len()).unwrap_or(NONE);
        self.ids.push(id);
        match usize::try_from(raw).ok().and_then(|i| self.direct.get_mut(i)) {
            Some(entry) => *entry = slot,
            None => {
                self.sparse.insert(raw, slot);
            }
        }
        slot as usize
    }

    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }

    pub(crate) fn id(&self, slot: usize) -> ProductId {
        self.ids[slot]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dense_and_sparse_ids_get_stable_slots() {
        let mut index = ProductIndex::new([1, 2, 3].map(ProductId::new));
        assert_eq!((index.slot(ProductId::new(2)), index.len()), (1, 3));
        assert_eq!(index.slot(ProductId::new(10_000_000_000)), 3);
        assert_eq!(index.slot(ProductId::new(10_000_000_000)), 3);
        assert_eq!(index.slot(ProductId::new(40)), 4);
        assert_eq!(index.id(4), ProductId::new(40));
        let sparse = ProductIndex::new([u64::MAX, 5].map(ProductId::new));
        assert_eq!(sparse.len(), 2);
    }
}
