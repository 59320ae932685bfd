//! The reference rounds in two different ways, and the golden numbers depend on which.

/// pandas/numpy `round(decimals)`: scale, round half to even, unscale (the reference's per-record
/// `Lead_Score` and `Churn_Risk_Score`).
#[must_use]
pub fn round_numpy(x: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (x * scale).round_ties_even() / scale
}

/// Python's built-in `round(x, n)`: correctly rounded from the exact binary value, ties to even
/// (the reference's averages, medians and health score). Rust's formatter rounds the same way.
#[must_use]
pub fn round_python(x: f64, decimals: usize) -> f64 {
    if !x.is_finite() {
        return 0.0;
    }
    format!("{x:.decimals$}").parse().unwrap_or(x)
}

/// Python's `f"{v:,.0f}"`: thousands separators, no decimals.
#[must_use]
pub fn thousands(v: f64) -> String {
    let digits = format!("{:.0}", v.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 && digits.chars().any(|c| c != '0') { format!("-{out}") } else { out }
}

/// Mean of a slice, 0 when empty.
pub(crate) fn mean(xs: &[f64]) -> f64 {
    if xs.is_empty() { 0.0 } else { xs.iter().sum::<f64>() / xs.len() as f64 }
}

/// Median as pandas computes it (mean of the two middle values), 0 when empty.
pub(crate) fn median(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        return 0.0;
    }
    let n = xs.len();
    let middle = |v: &[f64]| if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 };
    // Scored leads arrive sorted best first: their median needs no second sort (the two middle
    // values swap places, and their sum does not depend on the order).
    if xs.is_sorted_by(|a, b| a.total_cmp(b).is_ge()) {
        return middle(xs);
    }
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    middle(&v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numpy_and_python_rounding_differ_where_the_reference_does() {
        assert_eq!(round_numpy(92.25, 1), 92.2);
        assert_eq!(round_python(18.75, 1), 18.8);
        assert_eq!(round_python(68.75, 1), 68.8);
        assert_eq!(round_python(2.675, 2), 2.67);
        assert_eq!(round_python(f64::NAN, 1), 0.0);
    }

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(400_000.0), "400,000");
        assert_eq!(thousands(3_900_000.0), "3,900,000");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(0.0), "0");
        assert_eq!(thousands(-1234.0), "-1,234");
    }

    #[test]
    fn median_of_even_and_odd() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert_eq!(median(&[]), 0.0);
        assert_eq!(median(&[4.0, 3.0, 2.0, 1.0]), 2.5, "already descending");
        assert_eq!(median(&[5.0, 3.0, 1.0]), 3.0);
    }
}
