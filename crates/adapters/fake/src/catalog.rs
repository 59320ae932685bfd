//! The generated catalogue: products, their demand profile and their designed stock status.

use domain::{Category, Money, Product, ProductId, Quantity, Sku};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

/// A category: its name, sku prefix, price range and product names.
struct CategorySpec(&'static str, &'static str, (f64, f64), [&'static str; 8]);

const CATEGORIES: [CategorySpec; 8] = [
    CategorySpec(
        "Dairy",
        "DAI",
        (0.9, 6.5),
        ["Whole Milk", "Greek Yogurt", "Butter", "Cheddar", "Cream", "Kefir", "Mozzarella", "Skimmed Milk"],
    ),
    CategorySpec(
        "Bakery",
        "BAK",
        (0.8, 5.0),
        ["Baguette", "Whole Grain Bread", "Croissant", "Rye Bread", "Muffin", "Bagel", "Brioche", "Pita"],
    ),
    CategorySpec(
        "Pantry",
        "PAN",
        (1.0, 9.0),
        ["White Sugar 1kg", "Basmati Rice", "Olive Oil", "Pasta", "Flour", "Tomato Sauce", "Lentils", "Honey"],
    ),
    CategorySpec(
        "Beverages",
        "BEV",
        (0.7, 12.0),
        ["Mineral Water", "Orange Juice", "Cola", "Green Tea", "Ground Coffee", "Lemonade", "Apple Juice", "Iced Tea"],
    ),
    CategorySpec(
        "Snacks",
        "SNK",
        (0.9, 4.5),
        ["Salted Crisps", "Dark Chocolate", "Peanuts", "Granola Bar", "Cookies", "Popcorn", "Pretzels", "Trail Mix"],
    ),
    CategorySpec(
        "Produce",
        "PRO",
        (0.5, 5.5),
        ["Bananas", "Apples", "Tomatoes", "Potatoes", "Onions", "Carrots", "Avocados", "Lemons"],
    ),
    CategorySpec(
        "Household",
        "HOU",
        (1.5, 15.0),
        ["Dish Soap", "Paper Towels", "Laundry Powder", "Sponges", "Trash Bags", "Bleach", "Glass Cleaner", "Candles"],
    ),
    CategorySpec(
        "Personal Care",
        "PER",
        (1.5, 18.0),
        ["Toothpaste", "Shampoo", "Hand Soap", "Deodorant", "Razor Blades", "Body Lotion", "Cotton Pads", "Sunscreen"],
    ),
];

/// The stock situation a product is generated to end up in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Healthy,
    Low,
    /// Sold out `days_ago` days before today; no sales since.
    Out {
        days_ago: u32,
    },
    /// Discontinued `days_ago` days before today; leftover stock remains on the shelf.
    Dead {
        days_ago: u32,
    },
}

/// A generated product and the demand model behind its sales.
#[derive(Clone, Debug)]
pub(crate) struct ProductSpec {
    pub(crate) product: Product,
    pub(crate) category_index: usize,
    /// Mean units per day before effects.
    pub(crate) base_demand: f64,
    /// Relative growth per year (−0.15 … +0.35).
    pub(crate) growth: f64,
    pub(crate) role: Role,
}

fn cents(value: f64) -> Money {
    Money::from_cents((value * 100.0).round() as i64)
}

/// Deterministic role assignment so that every status is always represented.
fn role_for(index: usize) -> Role {
    match index % 10 {
        3 => Role::Low,
        7 => Role::Out { days_ago: 1 + (index as u32 % 5) },
        9 if index % 20 == 9 => Role::Dead { days_ago: 100 + 10 * (index as u32 % 7) },
        _ => Role::Healthy,
    }
}

/// Builds `count` products; ids are `1..=count`, skus `<CAT>-<id:04>`.
pub(crate) fn generate(count: usize, rng: &mut ChaCha8Rng) -> Vec<ProductSpec> {
    (0..count)
        .map(|i| {
            let category_index = i % CATEGORIES.len();
            let CategorySpec(category, code, (lo, hi), names) = &CATEGORIES[category_index];
            let (lo, hi) = (*lo, *hi);
            let round = i / CATEGORIES.len();
            let base_name = names[round % names.len()];
            let name = if round < names.len() {
                base_name.to_owned()
            } else {
                format!("{base_name} #{}", round / names.len() + 1)
            };
            let id = i as u64 + 1;
            let price = (rng.random_range(lo..hi) * 10.0).floor() / 10.0 + 0.09;
            let cost = price * rng.random_range(0.45..0.75);
            let base_demand = 0.4 * 40f64.powf(rng.random_range(0.0..1.0));
            let growth = rng.random_range(-0.15..0.35);
            let threshold = (base_demand * 7.0).round().max(5.0);
            let role = role_for(i);
            let stock = match role {
                Role::Healthy => (base_demand * rng.random_range(20.0..60.0)).round().max(threshold),
                Role::Low => (threshold * rng.random_range(0.2..0.9)).floor().max(1.0),
                Role::Out { .. } => 0.0,
                Role::Dead { .. } => (threshold * rng.random_range(1.5..4.0)).round(),
            };
            let sku = Sku::parse(&format!("{code}-{id:04}")).expect("generated skus are valid");
            let product = Product::new(ProductId::new(id), sku, name, cents(price))
                .with_category(Category::new(category))
                .with_cost(cents(cost))
                .with_stock(Quantity::from_units(stock as i64))
                .with_low_stock_threshold(Quantity::from_units(threshold as i64));
            ProductSpec { product, category_index, base_demand, growth, role }
        })
        .collect()
}
