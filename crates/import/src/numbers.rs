//! Exact decimal parsing: "2,5", "1 234,50 €", "1,234.5", 2.9 (a float cell) → integers of
//! 10^-scale, without ever truncating a digit.

use crate::cell::Cell;

/// Why a cell is not a usable number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumberError {
    Invalid,
    /// More decimals than `scale`.
    TooPrecise,
}

const POW10: [i64; 7] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];
/// Beyond this, amounts stop being exact in `i64` thousandths; no sale is that large.
const MAX_UNITS: i64 = 1_000_000_000_000;

/// The cell as an integer count of 10^-`scale` (`scale` ≤ 6).
pub(crate) fn scaled(cell: &Cell<'_>, scale: usize) -> Result<i64, NumberError> {
    match cell {
        Cell::Int(i) if i.abs() <= MAX_UNITS => Ok(i * POW10[scale]),
        Cell::Float(f) => from_f64(*f, scale),
        Cell::Text(t) => from_text(t, scale),
        _ => Err(NumberError::Invalid),
    }
}

fn from_f64(value: f64, scale: usize) -> Result<i64, NumberError> {
    if !value.is_finite() || value.abs() > MAX_UNITS as f64 {
        return Err(NumberError::Invalid);
    }
    let shifted = value * POW10[scale] as f64;
    let rounded = shifted.round();
    // A float cell holding 2.9 is 2.899999…; anything further than binary noise is a real digit.
    if (shifted - rounded).abs() > 1e-6 * rounded.abs().max(1.0) {
        return Err(NumberError::TooPrecise);
    }
    Ok(rounded as i64)
}

fn from_text(raw: &str, scale: usize) -> Result<i64, NumberError> {
    let mut digits = [0u8; 64];
    let mut len = 0;
    let (mut dots, mut commas, mut last_sep) = (0, 0, None);
    let mut negative = false;
    let mut seen_digit = false;
    for ch in raw.trim().chars() {
        match ch {
            '0'..='9' => {
                if len == digits.len() {
                    return Err(NumberError::Invalid);
                }
                digits[len] = ch as u8;
                len += 1;
                seen_digit = true;
            }
            '.' | ',' => {
                if ch == '.' {
                    dots += 1
                } else {
                    commas += 1
                }
                last_sep = Some((ch, len));
                if len == digits.len() {
                    return Err(NumberError::Invalid);
                }
                digits[len] = ch as u8;
                len += 1;
            }
            '-' if !seen_digit && !negative => negative = true,
            '+' if !seen_digit => {}
            // Grouping spaces (also no-break and narrow no-break), Swiss apostrophes, currency.
            ' ' | '\u{a0}' | '\u{202f}' | '\'' | '€' | '$' | '£' => {}
            'e' | 'E' => return scientific(raw, scale),
            _ => return Err(NumberError::Invalid),
        }
    }
    if !seen_digit {
        return Err(NumberError::Invalid);
    }
    // The decimal separator: the last one when both kinds appear; a lone "," or "." otherwise;
    // several of the same kind are thousands separators (1.234.567).
    let decimal = match (dots, commas, last_sep) {
        (0, 0, _) => None,
        (_, _, Some((sep, at))) if dots > 0 && commas > 0 => {
            let of_kind = if sep == '.' { dots } else { commas };
            if of_kind != 1 {
                return Err(NumberError::Invalid);
            }
            Some((sep, at))
        }
        (1, 0, Some(s)) | (0, 1, Some(s)) => Some(s),
        _ => None,
    };
    let mut whole: i64 = 0;
    let mut fraction: i64 = 0;
    let mut fraction_digits = 0usize;
    for (index, &byte) in digits[..len].iter().enumerate() {
        if !byte.is_ascii_digit() {
            if decimal.is_some_and(|(sep, at)| at == index && sep as u8 == byte) {
                continue;
            }
            if decimal.is_some_and(|(_, at)| index > at) {
                return Err(NumberError::Invalid);
            }
            continue;
        }
        let digit = i64::from(byte - b'0');
        if decimal.is_some_and(|(_, at)| index > at) {
            if fraction_digits == scale {
                if digit != 0 {
                    return Err(NumberError::TooPrecise);
                }
                continue;
            }
            fraction = fraction * 10 + digit;
            fraction_digits += 1;
        } else {
            whole = whole * 10 + digit;
            if whole > MAX_UNITS {
                return Err(NumberError::Invalid);
            }
        }
    }
    let value = whole * POW10[scale] + fraction * POW10[scale - fraction_digits];
    Ok(if negative { -value } else { value })
}

fn scientific(raw: &str, scale: usize) -> Result<i64, NumberError> {
    let value: f64 = raw.trim().replace(',', ".").parse().map_err(|_| NumberError::Invalid)?;
    from_f64(value, scale)
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    fn text(s: &str) -> Result<i64, NumberError> {
        scaled(&Cell::Text(Cow::Borrowed(s)), 3)
    }

    #[test]
    fn reads_decimal_commas_and_grouping_exactly() {
        assert_eq!(text("2,5"), Ok(2_500));
        assert_eq!(text("2.5"), Ok(2_500));
        assert_eq!(text(" 1 234,5 "), Ok(1_234_500));
        assert_eq!(text("1.234,5"), Ok(1_234_500));
        assert_eq!(text("1,234.5"), Ok(1_234_500));
        assert_eq!(text("1.234.567"), Ok(1_234_567_000));
        assert_eq!(text("-3"), Ok(-3_000));
        assert_eq!(text("12 €"), Ok(12_000));
        assert_eq!(text("1E+03"), Ok(1_000_000));
        assert_eq!(text("2.0004"), Err(NumberError::TooPrecise));
        assert_eq!(text("2.5000"), Ok(2_500));
        assert_eq!(text("abc"), Err(NumberError::Invalid));
        assert_eq!(text("1,2,3.4.5"), Err(NumberError::Invalid));
        assert_eq!(text("--1"), Err(NumberError::Invalid));
        assert_eq!(text("."), Err(NumberError::Invalid));
        assert_eq!(text("99999999999999999999"), Err(NumberError::Invalid));
    }

    #[test]
    fn float_cells_keep_their_decimals() {
        assert_eq!(scaled(&Cell::Float(2.9), 3), Ok(2_900));
        assert_eq!(scaled(&Cell::Float(0.1 + 0.2), 3), Ok(300));
        assert_eq!(scaled(&Cell::Float(2.0001), 3), Err(NumberError::TooPrecise));
        assert_eq!(scaled(&Cell::Float(f64::NAN), 3), Err(NumberError::Invalid));
        assert_eq!(scaled(&Cell::Int(7), 4), Ok(70_000));
    }
}
