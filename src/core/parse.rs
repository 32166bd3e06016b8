//! Numbers as people type them: `95`, `95,5`, `95.50`, `1.234,56` (de),
//! `1,234.56` (en), with spaces and a currency sign or unit around them.
//! Ambiguous or malformed text is an error, never a guess.
//!
//! The rules, for a language whose decimal separator is `d` and whose
//! group separator is `g` (de: `,` and `.`; en: `.` and `,`):
//! - `d` is always the decimal separator, and appears at most once.
//! - `g` groups digits in threes (`1.234.567`); spaces may group too.
//! - With both present, the last one must be the decimal separator of
//!   either convention, and everything before it must be grouped in threes.
//! - `g` alone, once, followed by other than three digits (`95.50` in de)
//!   cannot be a group separator, so it is the decimal separator.
//! - `g` alone, once, followed by exactly three digits (`1.234`) is a group
//!   separator: 1234 in de, and 1.234 in en, where it is the decimal one;
//!   `0.500` would group nothing, so it is refused as ambiguous.
//! - A group never starts with more than three digits, and every later group
//!   has exactly three.

use core::fmt;

use crate::core::effort::{Bp, Minutes};
use crate::core::money::Money;
use crate::core::round::div_round;

/// What a number is for, which decides its unit, its precision and the
/// signs allowed around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    /// An amount of money: at most two decimals, a currency sign allowed.
    Money,
    /// Hours, turned into whole minutes (rounded half away from zero).
    Hours,
    /// A percentage: at most two decimals, turned into basis points.
    Percent,
    /// A multiplier such as 1.5x: at most four decimals, in basis points.
    Multiplier,
    /// A whole number.
    Count,
}

impl Quantity {
    /// The most decimals this quantity takes.
    fn max_decimals(self) -> u32 {
        match self {
            Quantity::Money | Quantity::Percent => 2,
            Quantity::Hours => 6,
            Quantity::Multiplier => 4,
            Quantity::Count => 0,
        }
    }
}

impl From<crate::core::scenario::Unit> for Quantity {
    /// The quantity a setting of this unit is typed in.
    fn from(unit: crate::core::scenario::Unit) -> Quantity {
        use crate::core::scenario::Unit;
        match unit {
            Unit::Money => Quantity::Money,
            Unit::Hours => Quantity::Hours,
            Unit::Percent => Quantity::Percent,
            Unit::Multiplier => Quantity::Multiplier,
            Unit::Count => Quantity::Count,
        }
    }
}

/// Why text is not a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// Nothing but spaces.
    Empty,
    /// A character that has no place in a number.
    Invalid {
        /// The character.
        found: char,
    },
    /// Separators that fit neither convention, such as `1.2.3` or `1,23,4`.
    Malformed,
    /// Separators that could mean two different numbers.
    Ambiguous,
    /// More decimals than the quantity takes.
    TooPrecise {
        /// The most decimals allowed.
        max: u32,
    },
    /// A minus sign where only positive figures make sense.
    Negative,
    /// More digits than any setting allows.
    TooLarge,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => f.write_str("enter a number"),
            ParseError::Invalid { found } => {
                let mut text = String::from('"');
                text.push(*found);
                text.push_str("\" is not part of a number");
                f.write_str(&text)
            }
            ParseError::Malformed => f.write_str("the separators do not form a number"),
            ParseError::Ambiguous => f.write_str("the separators could mean two different numbers"),
            ParseError::TooPrecise { max } => {
                f.write_str(&["at most ", &integer(i64::from(*max)), " decimal places"].concat())
            }
            ParseError::Negative => f.write_str("must not be negative"),
            ParseError::TooLarge => f.write_str("the number is too large"),
        }
    }
}

impl std::error::Error for ParseError {}

/// An exact decimal: `digits / 10^scale`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decimal {
    /// The digits as an integer.
    pub digits: i128,
    /// How many of them are decimals.
    pub scale: u32,
}

/// The most significant digits a typed number may have.
const MAX_DIGITS: usize = 24;

/// Reads a plain number written with `decimal` as decimal separator
/// (`','` for de, `'.'` for en), without units or signs.
///
/// # Errors
/// [`ParseError`] for empty, malformed or ambiguous text.
pub fn parse_decimal(text: &str, decimal: char) -> Result<Decimal, ParseError> {
    let group = if decimal == ',' { '.' } else { ',' };
    let text = text.trim_matches(is_space);
    let (negative, body) = match text.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest.trim_start_matches(is_space)),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if body.is_empty() {
        return Err(ParseError::Empty);
    }
    // Two passes over the text, without copying it. The first: every
    // character is a digit or a separator; the separators, and the runs of
    // digits around the last one, decide which separator, if any, is the
    // decimal one (always the last).
    let (mut seps, mut decimals, mut groups, mut last) = (0usize, 0usize, 0usize, ' ');
    let (mut run, mut zero_first) = (0usize, false);
    for ch in body.chars() {
        if ch.is_ascii_digit() {
            run += 1;
            continue;
        }
        let sep = separator(ch).ok_or(ParseError::Invalid { found: ch })?;
        if seps == 0 {
            zero_first = run == 1 && body.starts_with('0');
        }
        seps += 1;
        decimals += usize::from(sep == decimal);
        groups += usize::from(sep == group);
        last = sep;
        run = 0;
    }
    let decimal_last = if seps == 0 {
        false
    } else if decimals > 1 {
        return Err(ParseError::Malformed);
    } else if last == ' ' || last == '\'' {
        false
    } else if decimals == 1 {
        // The language's own decimal separator must come last.
        if last != decimal {
            return Err(ParseError::Malformed);
        }
        true
    } else if groups == 1 && last == group {
        // Only the group separator of this language, last (any others are
        // spaces). "0.500" groups nothing in de and is 0.5 in en: refuse to
        // guess; "95.50" in de is not a group, so the other convention's
        // decimal.
        if run == 3 && zero_first {
            return Err(ParseError::Ambiguous);
        }
        run != 3
    } else {
        false
    };

    // The second: everything before the decimal separator is grouped in
    // threes, with one kind of group separator; the digits and the scale.
    let int_seps = seps - usize::from(decimal_last);
    // Whether run `k` of digits, `len` long, breaks the grouping.
    let bad_run =
        |k: usize, len: usize| int_seps > 0 && k <= int_seps && if k == 0 { len == 0 || len > 3 } else { len != 3 };
    let (mut digits, mut significant, mut scale) = (0i128, 0usize, 0u32);
    let (mut k, mut run, mut kind, mut malformed, mut any) = (0usize, 0usize, ' ', false, false);
    for ch in body.chars() {
        match ch.to_digit(10) {
            Some(d) => {
                // Leading zeros of the integer part are not significant.
                let in_frac = k > int_seps;
                if in_frac || significant > 0 || d > 0 {
                    significant += 1;
                }
                if significant <= MAX_DIGITS {
                    digits = digits * 10 + i128::from(d);
                }
                scale += u32::from(in_frac);
                run += 1;
                any = true;
            }
            None => {
                malformed |= bad_run(k, run);
                let sep = separator(ch).unwrap_or(' ');
                if k == 0 {
                    kind = sep;
                } else if k < int_seps && sep != kind {
                    malformed = true;
                }
                k += 1;
                run = 0;
            }
        }
    }
    if malformed || bad_run(k, run) || !any {
        return Err(ParseError::Malformed);
    }
    if significant > MAX_DIGITS {
        return Err(ParseError::TooLarge);
    }
    Ok(Decimal { digits: if negative { -digits } else { digits }, scale })
}

/// A separator a number may contain, with every space as `' '`.
fn separator(ch: char) -> Option<char> {
    let sep = if is_space(ch) { ' ' } else { ch };
    matches!(sep, '.' | ',' | ' ' | '\'').then_some(sep)
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{a0}' || c == '\u{202f}' || c == '\u{2009}' || c == '\t'
}

/// Currency signs and codes, and units, that may stand before or after a
/// number and are dropped.
fn strip_unit(text: &str, quantity: Quantity) -> &str {
    let t = text.trim_matches(is_space);
    let signs: &[&str] = match quantity {
        Quantity::Money => &["€", "$", "£", "¥", "₣", "Fr.", "CHF", "EUR", "USD", "GBP"],
        Quantity::Percent => &["%"],
        Quantity::Hours => &["Std.", "Std", "hrs", "hr", "h"],
        Quantity::Multiplier => &["x", "×", "X"],
        Quantity::Count => &[],
    };
    for sign in signs {
        if let Some(rest) = t.strip_suffix(sign) {
            return rest.trim_end_matches(is_space);
        }
        if let Some(rest) = t.strip_prefix(sign) {
            return rest.trim_start_matches(is_space);
        }
    }
    // Any other three-letter currency code (ISO 4217), before or after.
    if quantity == Quantity::Money && t.len() > 3 {
        let code = |s: &str| s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase());
        // Checked splits: text that would cut a character is no code.
        if let Some((_, tail)) = t.split_at_checked(3).filter(|(head, _)| code(head)) {
            return tail.trim_start_matches(is_space);
        }
        if let Some((head, _)) = t.split_at_checked(t.len() - 3).filter(|(_, tail)| code(tail)) {
            return head.trim_end_matches(is_space);
        }
    }
    t
}

/// Reads what a person typed for `quantity`, with `decimal` as their
/// language's decimal separator, into the quantity's integer form: cents,
/// minutes, basis points, or a count. Negative numbers are refused.
///
/// # Errors
/// [`ParseError`] for text that is not one unambiguous, non-negative
/// number with at most the quantity's decimals.
pub fn parse(text: &str, decimal: char, quantity: Quantity) -> Result<i64, ParseError> {
    let d = parse_decimal(strip_unit(text, quantity), decimal)?;
    if d.digits < 0 {
        return Err(ParseError::Negative);
    }
    let max = quantity.max_decimals();
    // Trailing zeros beyond the limit are harmless: 95,500 is 95,50.
    let (mut digits, mut scale) = (d.digits, d.scale);
    while scale > max && digits % 10 == 0 {
        digits /= 10;
        scale -= 1;
    }
    if scale > max {
        return Err(ParseError::TooPrecise { max });
    }
    let pow = |e: u32| 10i128.pow(e);
    let value = match quantity {
        Quantity::Money | Quantity::Percent => digits * pow(2 - scale),
        Quantity::Multiplier => digits * pow(4 - scale),
        Quantity::Count => digits,
        Quantity::Hours => div_round(digits * 60, pow(scale)).ok_or(ParseError::TooLarge)?,
    };
    i64::try_from(value).map_err(|_| ParseError::TooLarge)
}

/// Cents as read from `text`.
///
/// # Errors
/// See [`parse`].
pub fn parse_money(text: &str, decimal: char) -> Result<Money, ParseError> {
    parse(text, decimal, Quantity::Money).map(Money::from_cents)
}

/// Whole minutes from hours in `text`.
///
/// # Errors
/// See [`parse`]; also [`ParseError::TooLarge`] beyond `u32` minutes.
pub fn parse_hours(text: &str, decimal: char) -> Result<Minutes, ParseError> {
    parse(text, decimal, Quantity::Hours).and_then(|m| Minutes::try_from(m).map_err(|_| ParseError::TooLarge))
}

/// Basis points from a percentage in `text`.
///
/// # Errors
/// See [`parse`]; also [`ParseError::TooLarge`] beyond `u32`.
pub fn parse_percent(text: &str, decimal: char) -> Result<Bp, ParseError> {
    parse(text, decimal, Quantity::Percent).and_then(|b| Bp::try_from(b).map_err(|_| ParseError::TooLarge))
}

/// Writes `value / 10^scale` with `decimal` as decimal separator, no
/// grouping and no trailing zeros beyond `min_decimals`: the text an input
/// field shows.
pub fn format_plain(value: i64, scale: u32, min_decimals: u32, decimal: char) -> String {
    let negative = value < 0;
    let abs = value.unsigned_abs();
    let pow = 10u64.pow(scale);
    let (int, mut frac) = (abs / pow, abs % pow);
    let mut places = scale;
    while places > min_decimals && frac % 10 == 0 {
        frac /= 10;
        places -= 1;
    }
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    push_digits(&mut out, int, 1);
    if places > 0 {
        out.push(decimal);
        push_digits(&mut out, frac, places as usize);
    }
    out
}

/// `n` in digits, with a minus sign when negative: what `to_string` writes,
/// without `core::fmt` (which would weigh on the wasm for this alone).
pub(crate) fn integer(n: i64) -> String {
    format_plain(n, 0, 0, '.')
}

/// Appends the digits of `n`, with zeros in front up to `width` digits.
fn push_digits(out: &mut String, mut n: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut len = 0;
    for slot in digits.iter_mut().rev() {
        *slot = b'0' + (n % 10) as u8;
        n /= 10;
        len += 1;
        if n == 0 {
            break;
        }
    }
    let len = len.max(width).min(digits.len());
    for &d in &digits[digits.len() - len..] {
        out.push(char::from(d));
    }
}

/// Like [`format_plain`], with the integer part grouped in threes by the
/// other separator (`1.234,5` in de, `1,234.5` in en).
pub fn format_grouped(value: i64, scale: u32, min_decimals: u32, decimal: char) -> String {
    let plain = format_plain(value, scale, min_decimals, decimal);
    let group = if decimal == ',' { '.' } else { ',' };
    let (sign, rest) = plain.strip_prefix('-').map_or(("", plain.as_str()), |r| ("-", r));
    let (int, frac) = rest.find(decimal).and_then(|i| rest.split_at_checked(i)).unwrap_or((rest, ""));
    let mut out = String::from(sign);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(ch);
    }
    out.push_str(frac);
    out
}

/// The text an input shows for a value in `quantity`'s integer form.
pub fn format_quantity(value: i64, quantity: Quantity, decimal: char) -> String {
    match quantity {
        Quantity::Money | Quantity::Percent => format_plain(value, 2, 0, decimal),
        Quantity::Multiplier => format_plain(value, 4, 0, decimal),
        Quantity::Count => format_plain(value, 0, 0, decimal),
        // Minutes as hours, to the hundredth.
        Quantity::Hours => {
            let hundredths = div_round(i128::from(value) * 100, 60).unwrap_or(0);
            // Whole minutes read back exactly from hundredths of an hour
            // (0.12 h is 7.2 min, which rounds to 7).
            format_plain(i64::try_from(hundredths).unwrap_or(i64::MAX), 2, 0, decimal)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn de(t: &str) -> Result<i64, ParseError> {
        parse(t, ',', Quantity::Money)
    }
    fn en(t: &str) -> Result<i64, ParseError> {
        parse(t, '.', Quantity::Money)
    }

    #[test]
    fn the_examples_of_the_issue() {
        assert_eq!(de("95"), Ok(9_500));
        assert_eq!(de("95,5"), Ok(9_550));
        assert_eq!(de("95.50"), Ok(9_550));
        assert_eq!(de("1.234,56"), Ok(123_456));
        assert_eq!(en("1,234.56"), Ok(123_456));
        assert_eq!(en("95.50"), Ok(9_550));
        assert_eq!(en("95"), Ok(9_500));
        assert_eq!(de(" 95,00 € "), Ok(9_500));
        assert_eq!(de("€95"), Ok(9_500));
        assert_eq!(en("$ 1,234.5"), Ok(123_450));
        assert_eq!(de("95 EUR"), Ok(9_500));
        assert_eq!(de("CHF 95"), Ok(9_500));
        assert_eq!(de("1\u{a0}234,56"), Ok(123_456));
    }

    #[test]
    fn grouping_depends_on_the_language() {
        assert_eq!(de("1.234"), Ok(123_400));
        assert_eq!(en("1,234"), Ok(123_400));
        assert_eq!(en("1.234"), Err(ParseError::TooPrecise { max: 2 }));
        assert_eq!(de("1,234"), Err(ParseError::TooPrecise { max: 2 }));
        assert_eq!(de("1.234.567"), Ok(123_456_700));
        assert_eq!(en("95,5"), Ok(9_550), "a comma that cannot group is a decimal comma");
        assert_eq!(de("1,234.56"), Err(ParseError::Malformed), "de's own decimal comma must come last");
        assert_eq!(en("1.234,56"), Err(ParseError::Malformed));
    }

    #[test]
    fn malformed_and_ambiguous_text_is_refused() {
        assert_eq!(de(""), Err(ParseError::Empty));
        assert_eq!(de("   "), Err(ParseError::Empty));
        assert_eq!(de("abc"), Err(ParseError::Invalid { found: 'a' }));
        assert_eq!(de("9a5"), Err(ParseError::Invalid { found: 'a' }));
        assert_eq!(de("1,2,3"), Err(ParseError::Malformed));
        assert_eq!(de("1.2.3"), Err(ParseError::Malformed));
        assert_eq!(de("12.34.567"), Err(ParseError::Malformed));
        assert_eq!(de("1.234.56"), Err(ParseError::Malformed));
        assert_eq!(de("1 234.56"), Ok(123_456), "spaces group, so the dot is decimal");
        assert_eq!(de("1.234 567"), Err(ParseError::Malformed));
        assert_eq!(de("0.500"), Err(ParseError::Ambiguous));
        assert_eq!(de("1'234.56"), Ok(123_456));
        assert_eq!(de(","), Err(ParseError::Malformed));
        assert_eq!(de("-5"), Err(ParseError::Negative));
        assert_eq!(de("95,555"), Err(ParseError::TooPrecise { max: 2 }));
        assert_eq!(de("95,500"), Ok(9_550));
        assert_eq!(de(&"9".repeat(30)), Err(ParseError::TooLarge));
        assert_eq!(de("99999999999999999999"), Err(ParseError::TooLarge));
    }

    #[test]
    fn quantities_have_their_units() {
        assert_eq!(parse("1,5", ',', Quantity::Hours), Ok(90));
        assert_eq!(parse("1.5 h", '.', Quantity::Hours), Ok(90));
        assert_eq!(parse("0,01", ',', Quantity::Hours), Ok(1), "0.6 min rounds to 1 min");
        assert_eq!(parse("0,005", ',', Quantity::Hours), Ok(0), "0.3 min rounds to 0 min");
        assert_eq!(parse("20 %", ',', Quantity::Percent), Ok(2_000));
        assert_eq!(parse("12,5%", ',', Quantity::Percent), Ok(1_250));
        assert_eq!(parse("1,5x", ',', Quantity::Multiplier), Ok(15_000));
        assert_eq!(parse("1.25", '.', Quantity::Multiplier), Ok(12_500));
        assert_eq!(parse("2000", '.', Quantity::Count), Ok(2_000));
        assert_eq!(parse("2,5", ',', Quantity::Count), Err(ParseError::TooPrecise { max: 0 }));
    }

    #[test]
    fn formatting_reads_back() {
        assert_eq!(format_plain(123_456, 2, 0, ','), "1234,56");
        assert_eq!(format_plain(9_500, 2, 0, ','), "95");
        assert_eq!(format_plain(9_550, 2, 0, '.'), "95.5");
        assert_eq!(format_plain(9_505, 2, 2, '.'), "95.05");
        assert_eq!(format_grouped(123_456_789, 2, 2, ','), "1.234.567,89");
        assert_eq!(format_grouped(-100_000, 2, 2, '.'), "-1,000.00");
        assert_eq!(format_quantity(90, Quantity::Hours, ','), "1,5");
        assert_eq!(format_quantity(972, Quantity::Hours, '.'), "16.2");
        assert_eq!(format_quantity(7, Quantity::Hours, '.'), "0.12");
        assert_eq!(format_quantity(i64::MAX, Quantity::Hours, '.'), "92233720368547758.07");
        assert_eq!(format_quantity(15_000, Quantity::Multiplier, ','), "1,5");
    }
}
