//! Figures as the client reads them: German and US English figures in the
//! common currencies written by [`crate::core::display`], exactly as the
//! browser would; any other through the browser's own `Intl.NumberFormat`,
//! fed exact decimals as strings, so no cent is ever rounded by floating
//! point on the way to the screen.

use wasm_bindgen::prelude::*;

use crate::core::display::{self, Native};
use crate::core::{format_plain, to_step, Money};
use crate::web::js::{self, Object};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = NumberFormat)]
    #[derive(Clone)]
    type NumberFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "NumberFormat", catch)]
    fn new(locale: &str, options: &Object) -> Result<NumberFormat, JsValue>;

    #[wasm_bindgen(method)]
    fn format(this: &NumberFormat, value: &str) -> String;
}

/// Formatters for one language and currency.
#[derive(Clone)]
pub struct Formats {
    /// Money written without the browser (see [`crate::core::display`]).
    native: Option<Native>,
    /// Percentages written without the browser: German or English.
    german: Option<bool>,
    money: Option<NumberFormat>,
    whole: Option<NumberFormat>,
    percent: Option<NumberFormat>,
    currency: String,
}

fn options(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = js::set(&o, &JsValue::from_str(k), v);
    }
    o
}

impl Formats {
    /// Formatters for `lang` (a BCP 47 tag) and `currency` (ISO 4217). The
    /// browser's are made only where the widget does not write the figures
    /// itself; when the browser refuses them, figures fall back to plain
    /// text.
    pub fn new(lang: &str, currency: &str) -> Formats {
        let native = Native::new(lang, currency);
        let german = display::german(lang);
        let currency_format = |extra: &[(&str, JsValue)]| {
            let mut pairs = vec![("style", "currency".into()), ("currency", currency.into())];
            pairs.extend_from_slice(extra);
            NumberFormat::new(lang, &options(&pairs)).ok()
        };
        let (money, whole) = match native {
            Some(_) => (None, None),
            None => (
                currency_format(&[]),
                currency_format(&[("maximumFractionDigits", 0.into()), ("minimumFractionDigits", 0.into())]),
            ),
        };
        let percent = german
            .is_none()
            .then(|| {
                NumberFormat::new(lang, &options(&[("style", "percent".into()), ("maximumFractionDigits", 2.into())]))
                    .ok()
            })
            .flatten();
        Formats { native, german, money, whole, percent, currency: currency.to_owned() }
    }

    /// The currency these format (ISO 4217).
    pub fn currency(&self) -> &str {
        &self.currency
    }

    /// `15.646,50 €` (de) or `€15,646.50` (en).
    pub fn money(&self, m: Money) -> String {
        if let Some(n) = &self.native {
            return n.money(m.cents());
        }
        let exact = format_plain(m.cents(), 2, 2, '.');
        match &self.money {
            Some(f) => f.format(&exact),
            None => [exact.as_str(), " ", &self.currency].concat(),
        }
    }

    /// `15.000 €`: whole currency units, for chart ticks.
    pub fn money_whole(&self, m: Money) -> String {
        if let Some(n) = &self.native {
            return n.money_whole(m.cents());
        }
        let exact = format_plain(m.cents(), 2, 2, '.');
        match &self.whole {
            Some(f) => f.format(&exact),
            None => [format_plain(m.cents() / 100, 0, 0, '.').as_str(), " ", &self.currency].concat(),
        }
    }

    /// `37 %` from 3,725 basis points: whole percent from 10 % on, one
    /// decimal below (half away from zero), so no figure claims more
    /// precision than the estimates behind it have.
    pub fn percent(&self, bp: i64) -> String {
        let step = if bp.abs() >= 1_000 { 100 } else { 10 };
        let rounded = to_step(bp, step);
        if let Some(german) = self.german {
            return display::percent(german, rounded);
        }
        let exact = format_plain(rounded, 4, 0, '.');
        match &self.percent {
            Some(f) => f.format(&exact),
            None => format_plain(rounded, 2, 0, '.') + "\u{a0}%",
        }
    }
}

impl crate::core::ui::Formats for Formats {
    fn currency(&self) -> &str {
        Formats::currency(self)
    }

    fn money(&self, m: Money) -> String {
        Formats::money(self, m)
    }

    fn money_whole(&self, m: Money) -> String {
        Formats::money_whole(self, m)
    }

    fn percent(&self, bp: i64) -> String {
        Formats::percent(self, bp)
    }
}
