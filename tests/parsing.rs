//! Numbers as people type them, in German (decimal ',') and English
//! (decimal '.').

use changecost::core::{
    parse, parse_decimal, parse_hours, parse_money, parse_percent, Decimal, Money, ParseError, Quantity,
};

const DE: char = ',';
const EN: char = '.';

fn money(text: &str, decimal: char) -> Result<i64, ParseError> {
    parse(text, decimal, Quantity::Money)
}

#[test]
fn plain_and_decimal_numbers() {
    for d in [DE, EN] {
        assert_eq!(money("95", d), Ok(9_500));
        assert_eq!(money("0", d), Ok(0));
    }
    assert_eq!(money("95,5", DE), Ok(9_550));
    assert_eq!(money("95,50", DE), Ok(9_550));
    assert_eq!(money("95.50", EN), Ok(9_550));
    // A dot that cannot group three digits is a decimal point in de too.
    assert_eq!(money("95.50", DE), Ok(9_550));
    assert_eq!(money("95.5", DE), Ok(9_550));
    // Likewise a comma that cannot group is a decimal comma in en.
    assert_eq!(money("95,5", EN), Ok(9_550));
    assert_eq!(parse_money("0,05", DE), Ok(Money::from_cents(5)));
    assert_eq!(parse_money(",5", DE), Ok(Money::from_cents(50)));
}

#[test]
fn grouped_thousands() {
    assert_eq!(money("1.234,56", DE), Ok(123_456));
    assert_eq!(money("1,234.56", EN), Ok(123_456));
    assert_eq!(money("1.234.567,89", DE), Ok(123_456_789));
    assert_eq!(money("1,234,567.89", EN), Ok(123_456_789));
    // One group separator followed by three digits groups them.
    assert_eq!(money("1.234", DE), Ok(123_400));
    assert_eq!(money("1,234", EN), Ok(123_400));
    // Each language's own decimal separator must come last.
    assert_eq!(money("1,234.56", DE), Err(ParseError::Malformed));
    assert_eq!(money("1.234,56", EN), Err(ParseError::Malformed));
}

#[test]
fn spaces_and_non_breaking_spaces() {
    assert_eq!(money("  95,50  ", DE), Ok(9_550));
    assert_eq!(money("\t95.50 ", EN), Ok(9_550));
    // U+00A0 groups and surrounds, as Intl.NumberFormat writes it.
    assert_eq!(money("1\u{a0}234,56", DE), Ok(123_456));
    assert_eq!(money("\u{a0}1\u{a0}234,56\u{a0}€", DE), Ok(123_456));
    // U+202F, the narrow no-break space of French and Swiss formats.
    assert_eq!(money("1\u{202f}234.56", EN), Ok(123_456));
    assert_eq!(money("1 234 567", DE), Ok(123_456_700));
}

#[test]
fn currency_sign_before_or_after() {
    assert_eq!(money("95,50 €", DE), Ok(9_550));
    assert_eq!(money("95,50€", DE), Ok(9_550));
    assert_eq!(money("€ 95,50", DE), Ok(9_550));
    assert_eq!(money("€95", DE), Ok(9_500));
    assert_eq!(money("$1,234.56", EN), Ok(123_456));
    assert_eq!(money("1,234.56 USD", EN), Ok(123_456));
    assert_eq!(money("EUR 1.234,56", DE), Ok(123_456));
    assert_eq!(money("CHF 95", DE), Ok(9_500));
    // Any other ISO 4217 code.
    assert_eq!(money("SEK 95", DE), Ok(9_500));
    // A sign belongs to money only.
    assert_eq!(parse("95 €", DE, Quantity::Hours), Err(ParseError::Invalid { found: '€' }));
}

#[test]
fn malformed_and_ambiguous_text_is_an_error() {
    for d in [DE, EN] {
        assert_eq!(money("1,2,3", d), Err(ParseError::Malformed));
        assert_eq!(money("1.2.3", d), Err(ParseError::Malformed));
        assert_eq!(money("abc", d), Err(ParseError::Invalid { found: 'a' }));
        assert_eq!(money("9a5", d), Err(ParseError::Invalid { found: 'a' }));
        assert_eq!(money("", d), Err(ParseError::Empty));
        assert_eq!(money("   ", d), Err(ParseError::Empty));
        assert_eq!(money("\u{a0}", d), Err(ParseError::Empty));
        assert_eq!(money("€", d), Err(ParseError::Empty));
        assert_eq!(money("-5", d), Err(ParseError::Negative));
        assert_eq!(money("12.34.567", d), Err(ParseError::Malformed));
    }
    // "0.500" groups nothing in de and is 0.5 in en: refused rather than guessed.
    assert_eq!(money("0.500", DE), Err(ParseError::Ambiguous));
    assert_eq!(money("0,500", EN), Err(ParseError::Ambiguous));
    assert_eq!(money("1,234,56", DE), Err(ParseError::Malformed));
    assert_eq!(money(",", DE), Err(ParseError::Malformed));
    assert_eq!(money("95,555", DE), Err(ParseError::TooPrecise { max: 2 }));
    assert_eq!(money("1.234", EN), Err(ParseError::TooPrecise { max: 2 }));
    assert_eq!(money(&"9".repeat(25), DE), Err(ParseError::TooLarge));
}

#[test]
fn quantities_and_their_units() {
    assert_eq!(parse_hours("1,5", DE), Ok(90));
    assert_eq!(parse_hours("1.5 h", EN), Ok(90));
    assert_eq!(parse_hours("0,5 Std.", DE), Ok(30));
    // 0.01 h = 0.6 min -> 1 min; 0.005 h = 0.3 min -> 0 min.
    assert_eq!(parse_hours("0,01", DE), Ok(1));
    assert_eq!(parse_hours("0,005", DE), Ok(0));
    // 0.0125 h = 0.75 min -> 1 min; 0.00833 h = 0.4998 min -> 0 min.
    assert_eq!(parse_hours("0.0125", EN), Ok(1));
    assert_eq!(parse_hours("0.00833", EN), Ok(0));
    assert_eq!(parse_percent("20 %", DE), Ok(2_000));
    assert_eq!(parse_percent("12,5%", DE), Ok(1_250));
    assert_eq!(parse_percent("37.25", EN), Ok(3_725));
    assert_eq!(parse_percent("12,345", DE), Err(ParseError::TooPrecise { max: 2 }));
    assert_eq!(parse("1,5x", DE, Quantity::Multiplier), Ok(15_000));
    assert_eq!(parse("1.25 ×", EN, Quantity::Multiplier), Ok(12_500));
    assert_eq!(parse("1,00005", DE, Quantity::Multiplier), Err(ParseError::TooPrecise { max: 4 }));
    assert_eq!(parse("2.000", DE, Quantity::Count), Ok(2_000));
    assert_eq!(parse("2,5", DE, Quantity::Count), Err(ParseError::TooPrecise { max: 0 }));
}

#[test]
fn decimals_are_exact() {
    assert_eq!(parse_decimal("1.234,5", DE), Ok(Decimal { digits: 12_345, scale: 1 }));
    assert_eq!(parse_decimal("-0,25", DE), Ok(Decimal { digits: -25, scale: 2 }));
    assert_eq!(parse_decimal("1,234", EN), Ok(Decimal { digits: 1_234, scale: 0 }));
    assert_eq!(parse_decimal("1.234", EN), Ok(Decimal { digits: 1_234, scale: 3 }));
    // Trailing zeros beyond a quantity's precision are harmless: 95,500 is 95,50.
    assert_eq!(money("95,500", DE), Ok(9_550));
}
