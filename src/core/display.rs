//! Money and percentages written as `Intl.NumberFormat` writes them for
//! German and US English and the common currencies, without the browser.
//!
//! The page's first `Intl.NumberFormat` loads the locale's data, 12 to 26 ms
//! on this project's test machine, on the way to the first totals. For the
//! locales and currencies below the widget writes its figures itself,
//! character for character as the browser would (the wasm browser tests
//! compare both over thousands of values); for any other it asks the
//! browser. `None` means "ask the browser".

use crate::core::parse::format_grouped;

/// How one locale writes money in one currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Native {
    /// German (`15.646,50 €`) or English (`€15,646.50`).
    german: bool,
    /// The currency's sign (`€`) or code (`CHF`).
    symbol: &'static str,
}

/// Whether `locale` is German (`Some(true)`) or English (`Some(false)`) as
/// written natively: as spoken in Germany and the United States (`de-AT`,
/// `de-CH` and `en-GB` differ in details and go to the browser).
pub fn german(locale: &str) -> Option<bool> {
    const GERMAN: [&str; 2] = ["de", "de-de"];
    const ENGLISH: [&str; 2] = ["en", "en-us"];
    let lower = locale.to_ascii_lowercase();
    if GERMAN.contains(&lower.as_str()) {
        Some(true)
    } else if ENGLISH.contains(&lower.as_str()) {
        Some(false)
    } else {
        None
    }
}

impl Native {
    /// The native format of `locale` (as given to `Intl`) and `currency`
    /// (ISO 4217), if there is one.
    pub fn new(locale: &str, currency: &str) -> Option<Native> {
        let german = german(locale)?;
        let symbol = match currency {
            "EUR" => "€",
            "USD" => "$",
            "GBP" => "£",
            "CHF" => "CHF",
            _ => return None,
        };
        Some(Native { german, symbol })
    }

    /// Cents as money with two decimals: `15.646,50 €`, `€15,646.50`,
    /// `-CHF 1.00` (en writes a code apart from the figure).
    pub fn money(&self, cents: i64) -> String {
        self.write(cents, 2, cents < 0)
    }

    /// Cents as whole currency units, rounded half away from zero
    /// (`15.647 €` for 15,646.50), for chart ticks.
    pub fn money_whole(&self, cents: i64) -> String {
        // In i128, so that no amount overflows on the way; the sign is the
        // exact amount's: the browser writes -0.40 as `-€0`.
        let cents = i128::from(cents);
        let units = (cents + cents.signum() * 50) / 100;
        self.write(i64::try_from(units).unwrap_or_default(), 0, cents < 0)
    }

    /// `value` with `scale` decimals, signed by `negative`.
    fn write(&self, value: i64, scale: u32, negative: bool) -> String {
        let figure = unsigned(value, scale, self.german);
        let sign = if negative { "-" } else { "" };
        // U+00A0 between the figure and a sign or code after it; `en` puts
        // a sign straight before the figure and a code before it with U+00A0.
        match (self.german, self.symbol == "CHF") {
            (true, _) => [sign, &figure, "\u{a0}", self.symbol].concat(),
            (false, false) => [sign, self.symbol, &figure].concat(),
            (false, true) => [sign, self.symbol, "\u{a0}", &figure].concat(),
        }
    }
}

/// `value` with `scale` decimals, grouped, without its sign (every `i64`,
/// `i64::MIN` too).
fn unsigned(value: i64, scale: u32, german: bool) -> String {
    let text = format_grouped(value, scale, scale, if german { ',' } else { '.' });
    match text.strip_prefix('-') {
        Some(rest) => rest.to_owned(),
        None => text,
    }
}

/// Basis points already rounded to whole or tenth percent, as a percentage
/// (`37 %` in German with U+00A0, `37%` in English).
pub fn percent(german: bool, bp: i64) -> String {
    let figure = format_grouped(bp, 2, 0, if german { ',' } else { '.' });
    if german {
        figure + "\u{a0}%"
    } else {
        figure + "%"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_as_the_browser_writes_it() {
        let de = Native::new("de", "EUR").unwrap();
        let en = Native::new("en", "EUR").unwrap();
        assert_eq!(de.money(1_564_650), "15.646,50\u{a0}€");
        assert_eq!(en.money(1_564_650), "€15,646.50");
        assert_eq!(de.money(1_721_400), "17.214,00\u{a0}€");
        assert_eq!(en.money(-5), "-€0.05");
        assert_eq!(de.money(-123_456_789), "-1.234.567,89\u{a0}€");
        assert_eq!(de.money(0), "0,00\u{a0}€");
        assert_eq!(en.money_whole(1_564_650), "€15,647");
        assert_eq!(en.money_whole(-1_564_650), "-€15,647");
        assert_eq!(en.money_whole(-40), "-€0");
        assert_eq!(en.money(i64::MIN), "-€92,233,720,368,547,758.08");
        assert_eq!(de.money(i64::MAX), "92.233.720.368.547.758,07\u{a0}€");
        assert_eq!(en.money_whole(i64::MAX), "€92,233,720,368,547,758");
        assert_eq!(en.money_whole(i64::MIN), "-€92,233,720,368,547,758");
        assert_eq!(de.money_whole(1_564_649), "15.646\u{a0}€");
        assert_eq!(Native::new("en-US", "CHF").unwrap().money(100), "CHF\u{a0}1.00");
        assert_eq!(Native::new("de-DE", "CHF").unwrap().money(100), "1,00\u{a0}CHF");
        assert_eq!(Native::new("en", "USD").unwrap().money(99_999_999), "$999,999.99");
        assert_eq!(Native::new("de", "GBP").unwrap().money(12_345), "123,45\u{a0}£");
    }

    #[test]
    fn other_locales_and_currencies_go_to_the_browser() {
        for (locale, currency) in [("de-CH", "EUR"), ("en-GB", "GBP"), ("de-AT", "EUR"), ("fr", "EUR"), ("de", "JPY")] {
            assert_eq!(Native::new(locale, currency), None, "{locale} {currency}");
        }
        assert_eq!(german("en-GB"), None);
        assert_eq!(german("EN-us"), Some(false));
        assert_eq!(german("de-DE"), Some(true));
    }

    #[test]
    fn percentages() {
        assert_eq!(percent(true, 3_700), "37\u{a0}%");
        assert_eq!(percent(false, 3_700), "37%");
        assert_eq!(percent(true, 950), "9,5\u{a0}%");
        assert_eq!(percent(false, -950), "-9.5%");
        assert_eq!(percent(false, 123_400), "1,234%");
        assert_eq!(percent(true, 0), "0\u{a0}%");
    }
}
