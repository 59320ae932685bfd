//! Header normalisation (case, spaces, punctuation, accents) and the synonyms each field accepts.

use serde::{Deserialize, Serialize};

/// A column the importer understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    ProductId,
    Sku,
    Name,
    Quantity,
    SaleDate,
    UnitPrice,
}

impl Field {
    pub const ALL: [Self; 6] =
        [Self::ProductId, Self::Sku, Self::Name, Self::Quantity, Self::SaleDate, Self::UnitPrice];

    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::ProductId => "product_id",
            Self::Sku => "sku",
            Self::Name => "name",
            Self::Quantity => "quantity",
            Self::SaleDate => "sale_date",
            Self::UnitPrice => "unit_price",
        }
    }

    const fn index(self) -> usize {
        self as usize
    }
}

/// Normalised header → field. English and French spellings, as the shop's exports use them.
const SYNONYMS: &[(&str, Field)] = &[
    ("product_id", Field::ProductId),
    ("productid", Field::ProductId),
    ("id", Field::ProductId),
    ("id_product", Field::ProductId),
    ("id_produit", Field::ProductId),
    ("produit_id", Field::ProductId),
    ("sku", Field::Sku),
    ("product_sku", Field::Sku),
    ("ref", Field::Sku),
    ("reference", Field::Sku),
    ("product_code", Field::Sku),
    ("code_produit", Field::Sku),
    ("code_article", Field::Sku),
    ("name", Field::Name),
    ("product", Field::Name),
    ("product_name", Field::Name),
    ("produit", Field::Name),
    ("nom", Field::Name),
    ("nom_produit", Field::Name),
    ("nom_du_produit", Field::Name),
    ("article", Field::Name),
    ("designation", Field::Name),
    ("libelle", Field::Name),
    ("item", Field::Name),
    ("quantity", Field::Quantity),
    ("qty", Field::Quantity),
    ("quantite", Field::Quantity),
    ("qte", Field::Quantity),
    ("units", Field::Quantity),
    ("unites", Field::Quantity),
    ("quantity_sold", Field::Quantity),
    ("quantite_vendue", Field::Quantity),
    ("sale_date", Field::SaleDate),
    ("date", Field::SaleDate),
    ("sales_date", Field::SaleDate),
    ("sold_at", Field::SaleDate),
    ("sold_on", Field::SaleDate),
    ("date_of_sale", Field::SaleDate),
    ("date_vente", Field::SaleDate),
    ("date_de_vente", Field::SaleDate),
    ("unit_price", Field::UnitPrice),
    ("price", Field::UnitPrice),
    ("unitprice", Field::UnitPrice),
    ("prix", Field::UnitPrice),
    ("prix_unitaire", Field::UnitPrice),
    ("pu", Field::UnitPrice),
    ("price_per_unit", Field::UnitPrice),
];

/// Lower-case, accents folded, every run of non-alphanumerics one `_`, trimmed of `_`.
#[must_use]
pub fn normalise(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut gap = false;
    for ch in header.chars().flat_map(char::to_lowercase) {
        let ch = fold_accent(ch);
        if ch.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('_');
            }
            gap = false;
            out.push(ch);
        } else {
            gap = true;
        }
    }
    out
}

fn fold_accent(ch: char) -> char {
    match ch {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' | 'ś' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        'ď' => 'd',
        'ť' => 't',
        other => other,
    }
}

/// The field a header names, if any.
#[must_use]
pub fn field_of(header: &str) -> Option<Field> {
    let key = normalise(header);
    SYNONYMS.iter().find(|(name, _)| *name == key).map(|&(_, field)| field)
}

/// Which column holds which field, after the header row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnMap {
    by_field: [Option<usize>; 6],
    headers: Vec<(String, Option<Field>)>,
}

/// Why a header row cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderProblem {
    Missing(Vec<String>),
    Duplicate { field: Field, first: String, second: String },
}

impl ColumnMap {
    /// Maps a header row. Unknown headers are kept (and ignored) so the report can list them.
    ///
    /// # Errors
    /// Every missing required column at once, or the first field named twice.
    pub fn from_headers<'h>(headers: impl IntoIterator<Item = &'h str>) -> Result<Self, HeaderProblem> {
        let mut map = Self::default();
        for (index, header) in headers.into_iter().enumerate() {
            let field = field_of(header);
            if let Some(field) = field {
                if let Some(first) = map.by_field[field.index()] {
                    return Err(HeaderProblem::Duplicate {
                        field,
                        first: map.headers[first].0.clone(),
                        second: header.trim().to_owned(),
                    });
                }
                map.by_field[field.index()] = Some(index);
            }
            map.headers.push((header.trim().to_owned(), field));
        }
        let mut missing = Vec::new();
        if map.column(Field::ProductId).is_none()
            && map.column(Field::Sku).is_none()
            && map.column(Field::Name).is_none()
        {
            missing.push("product_id | sku | name".to_owned());
        }
        if map.column(Field::Quantity).is_none() {
            missing.push("quantity".to_owned());
        }
        if missing.is_empty() { Ok(map) } else { Err(HeaderProblem::Missing(missing)) }
    }

    #[must_use]
    pub fn column(&self, field: Field) -> Option<usize> {
        self.by_field[field.index()]
    }

    /// Every header cell with the field it maps to (`None` = ignored).
    #[must_use]
    pub fn headers(&self) -> &[(String, Option<Field>)] {
        &self.headers
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_spaces_and_accents_into_synonyms() {
        assert_eq!(normalise("  Quantité vendue "), "quantite_vendue");
        assert_eq!(field_of("Quantité"), Some(Field::Quantity));
        assert_eq!(field_of("QTY"), Some(Field::Quantity));
        assert_eq!(field_of("Prix unitaire (€)"), Some(Field::UnitPrice));
        assert_eq!(field_of("Prix-Unitaire"), Some(Field::UnitPrice));
        assert_eq!(field_of("Sale Date"), Some(Field::SaleDate));
        assert_eq!(field_of("Date de vente"), Some(Field::SaleDate));
        assert_eq!(field_of("Product"), Some(Field::Name));
        assert_eq!(field_of("Référence"), Some(Field::Sku));
        assert_eq!(field_of("comment"), None);
    }

    #[test]
    fn lists_every_missing_column_at_once() {
        let err = ColumnMap::from_headers(["date", "price", "note"]).unwrap_err();
        assert_eq!(err, HeaderProblem::Missing(vec!["product_id | sku | name".into(), "quantity".into()]));
        let dup = ColumnMap::from_headers(["sku", "qty", "Quantité"]).unwrap_err();
        assert!(matches!(dup, HeaderProblem::Duplicate { field: Field::Quantity, .. }));
        let ok = ColumnMap::from_headers(["SKU", "Qty", "Comment"]).unwrap();
        assert_eq!((ok.column(Field::Sku), ok.column(Field::Quantity)), (Some(0), Some(1)));
    }
}
