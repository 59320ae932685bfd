//! The product catalogue the rows are resolved against, indexed by id, sku and name.

use domain::Product;
use rustc_hash::FxHashMap;

/// What a name lookup found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NameMatch {
    One(usize),
    Several,
}

/// Products indexed for the importer's lookups (sku and name case-insensitive, as upstream).
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    products: Vec<Product>,
    by_id: FxHashMap<u64, usize>,
    by_sku: FxHashMap<String, usize>,
    by_name: FxHashMap<String, NameMatch>,
}

impl Catalog {
    #[must_use]
    pub fn new(products: Vec<Product>) -> Self {
        let mut catalog = Self { products: Vec::new(), ..Self::default() };
        for (index, product) in products.iter().enumerate() {
            catalog.by_id.insert(product.id().get(), index);
            catalog.by_sku.insert(product.sku().as_str().to_lowercase(), index);
            let name = product.name().trim().to_lowercase();
            catalog.by_name.entry(name).and_modify(|m| *m = NameMatch::Several).or_insert(NameMatch::One(index));
        }
        catalog.products = products;
        catalog
    }

    #[must_use]
    pub fn products(&self) -> &[Product] {
        &self.products
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.products.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.products.is_empty()
    }

    pub(crate) fn product(&self, index: usize) -> &Product {
        &self.products[index]
    }

    pub(crate) fn by_id(&self, id: u64) -> Option<usize> {
        self.by_id.get(&id).copied()
    }

    /// `key` is lowered into `scratch` only when it has upper-case letters (the hot path of a
    /// 100 000-row file should not allocate per row).
    pub(crate) fn by_sku(&self, key: &str, scratch: &mut String) -> Option<usize> {
        self.by_sku.get(lowered(key, scratch)).copied()
    }

    pub(crate) fn by_name(&self, key: &str, scratch: &mut String) -> Option<NameMatch> {
        self.by_name.get(lowered(key, scratch)).copied()
    }
}

fn lowered<'k>(key: &'k str, scratch: &'k mut String) -> &'k str {
    if key.chars().any(char::is_uppercase) {
        scratch.clear();
        scratch.extend(key.chars().flat_map(char::to_lowercase));
        scratch
    } else {
        key
    }
}
