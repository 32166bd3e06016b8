//! The consultant's configuration: the attributes of `<change-cost>` turned
//! into defaults and options. A bad value never stops the widget: it falls
//! back to the default and leaves a warning for the console.

use core::fmt;

use crate::core::example::Example;
use crate::core::i18n::{self, Texts};
use crate::core::parse::{parse, Quantity};
use crate::core::scenario::{Contract, Phase, Preset, Scenario, ScenarioError, Setting};

/// Colour scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Light.
    Light,
    /// Dark.
    Dark,
    /// Follows `prefers-color-scheme`.
    Auto,
}

impl Theme {
    /// The name in the `theme` attribute.
    pub fn key(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

/// What the widget keeps in the visitor's localStorage (`persist`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Persist {
    /// The client's entries, saved after every pause in typing (the
    /// default).
    On,
    /// Nothing.
    Off,
    /// Nothing until the client ticks "keep my entries on this device";
    /// unticking deletes what was kept.
    Ask,
}

/// What the consultant configured.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The scenario a client starts from and resets to.
    pub defaults: Scenario,
    /// The language, when the `lang` attribute names one.
    pub lang: Option<&'static Texts>,
    /// The `lang` attribute as given (`de-CH`), when it names a language
    /// and reads as a language tag: its region picks the number formats.
    pub lang_tag: Option<String>,
    /// The contracts to show, in order.
    pub models: Vec<Contract>,
    /// Settings the client sees but cannot edit.
    pub locked: Vec<Setting>,
    /// Whether the currency is locked.
    pub currency_locked: bool,
    /// The `storage-key` attribute, if given.
    pub storage_key: Option<String>,
    /// What to keep in localStorage.
    pub persist: Persist,
    /// Colour scheme.
    pub theme: Theme,
    /// The consultant's e-mail address.
    pub contact: Option<String>,
    /// What an empty calculator offers to fill in.
    pub example: Example,
    /// Where "send to the consultant" posts, with the client's consent.
    pub endpoint: Option<Endpoint>,
}

/// The consultant's endpoint for sending a result (`endpoint`,
/// `endpoint-format`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// An `https://` or `http://` address, or a path on the page's own site.
    pub url: String,
    /// Form-encoded (`endpoint-format="form"`) instead of JSON.
    pub form: bool,
}

impl Endpoint {
    /// The `endpoint` attribute.
    ///
    /// # Errors
    /// Why it is not an address to post to, in English for the console.
    pub fn parse(url: &str, format: Option<&str>) -> Result<Endpoint, String> {
        let url = url.trim();
        let scheme = url.starts_with("https://") || url.starts_with("http://");
        let path = url.starts_with('/') && !url.starts_with("//");
        if !(scheme || path) {
            return Err("expected an https:// address or a path on this site".into());
        }
        if url.len() > 2_000
            || url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '`'))
        {
            return Err("not an address".into());
        }
        let form = match format.map(str::trim) {
            None | Some("" | "json") => false,
            Some("form") => true,
            Some(_) => return Err("endpoint-format is json or form".into()),
        };
        Ok(Endpoint { url: url.to_owned(), form })
    }
}

/// An attribute value that was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// The attribute.
    pub attr: &'static str,
    /// Its value.
    pub value: String,
    /// Why it was not used.
    pub reason: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            &["changecost: ignored ", self.attr, "=\"", &self.value, "\": ", &self.reason, "; using the default"]
                .concat(),
        )
    }
}

/// Every attribute this function reads, for `observedAttributes`.
pub const ATTRIBUTES: [&str; 28] = [
    "lang",
    "currency",
    "rate",
    "hours",
    "hours-low",
    "hours-high",
    "premium",
    "fixed-price",
    "allowance",
    "cr-rate",
    "cr-admin",
    "switch",
    "vat",
    "cap",
    "overhead",
    "multipliers",
    "remaining",
    "trials",
    "models",
    "lock",
    "storage-key",
    "persist",
    "theme",
    "preset",
    "contact",
    "example",
    "endpoint",
    "endpoint-format",
];

/// The settings read from attributes of their own, in order: the baseline
/// first, so that low and high follow the likely effort unless they are
/// given.
const SETTINGS: [Setting; 14] = [
    Setting::Hours,
    Setting::HoursLow,
    Setting::HoursHigh,
    Setting::Rate,
    Setting::Premium,
    Setting::FixedPrice,
    Setting::Allowance,
    Setting::CrRate,
    Setting::CrAdmin,
    Setting::Switch,
    Setting::Vat,
    Setting::Cap,
    Setting::Overhead,
    Setting::Trials,
];

/// Notes that `attr="value"` was not used, and why.
fn warn(warnings: &mut Vec<Warning>, attr: &'static str, value: &str, reason: &str) {
    warnings.push(Warning { attr, value: value.chars().take(80).collect(), reason: reason.to_owned() });
}

/// Reads the configuration from the element's attributes; `attr` returns
/// an attribute's value or `None` when it is absent.
pub fn configure(attr: &dyn Fn(&str) -> Option<String>) -> (Config, Vec<Warning>) {
    let mut warnings = Vec::new();
    let w = &mut warnings;
    let mut s = Scenario::default();

    let preset = match attr("preset") {
        None => Preset::Typical,
        Some(v) => Preset::from_key(v.trim()).unwrap_or_else(|| {
            warn(w, "preset", &v, "expected cautious, typical or optimistic");
            Preset::Typical
        }),
    };
    preset.apply(&mut s);

    if let Some(v) = attr("currency") {
        if s.set_currency(&v).is_err() {
            warn(w, "currency", &v, "expected a three-letter code such as EUR");
        }
    }

    // Settings with a dot as decimal separator, each applied only when the
    // scenario stays valid; the likely effort brings the preset's low and
    // high with it.
    for setting in SETTINGS {
        let Some(v) = attr(setting.attr()) else { continue };
        let mut next = s.clone();
        let applied = read(&v, setting).and_then(|n| {
            let done = if setting == Setting::Hours {
                next.baseline = preset.baseline(u32::try_from(n).unwrap_or(u32::MAX));
                next.validate()
            } else {
                next.set(setting, n)
            };
            done.map_err(|e| problem_text(&e, &s))
        });
        match applied {
            Ok(()) => s = next,
            Err(reason) => warn(w, setting.attr(), &v, &reason),
        }
    }
    for (name, make) in
        [("multipliers", Setting::Multiplier as fn(Phase) -> Setting), ("remaining", Setting::Remaining)]
    {
        let Some(v) = attr(name) else { continue };
        let items: Vec<&str> = v.split([' ', ',', ';']).filter(|t| !t.is_empty()).collect();
        if items.len() != 4 {
            warn(w, name, &v, "expected four numbers, one per phase (concept, build, acceptance, live)");
            continue;
        }
        let mut next = s.clone();
        let applied = Phase::ALL.iter().zip(&items).try_for_each(|(&phase, text)| {
            let setting = make(phase);
            read(text, setting).and_then(|n| next.set(setting, n).map_err(|e| problem_text(&e, &s)))
        });
        match applied {
            Ok(()) => s = next,
            Err(reason) => warn(w, name, &v, &reason),
        }
    }

    let lang_attr = attr("lang");
    let lang = lang_attr.as_deref().and_then(|v| {
        // A language this build has, loaded or not (in the browser, the
        // loader loads it before mounting): no warning.
        if i18n::code_for(v).is_none() && !v.trim().is_empty() {
            warn(w, "lang", v, "expected de or en");
        }
        i18n::for_tag(v)
    });

    let mut models = Vec::new();
    if let Some(v) = attr("models") {
        for token in v.split_whitespace() {
            match Contract::from_key(token) {
                Some(c) if !models.contains(&c) => models.push(c),
                Some(_) => {}
                None => warn(w, "models", &v, &["unknown contract \"", token, "\" (hourly, fixed, capped)"].concat()),
            }
        }
    }
    if models.is_empty() {
        models = vec![Contract::Hourly, Contract::Fixed];
    }

    let mut locked = Vec::new();
    let mut currency_locked = false;
    if let Some(v) = attr("lock") {
        for token in v.split([' ', ',']).filter(|t| !t.is_empty()) {
            let before = locked.len();
            locked.extend(Setting::ALL.into_iter().filter(|s| s.attr() == token));
            if token == "currency" {
                currency_locked = true;
            } else if locked.len() == before {
                warn(w, "lock", &v, &["unknown setting \"", token, "\""].concat());
            }
        }
    }

    let storage_key =
        attr("storage-key").map(|v| v.trim().chars().take(200).collect::<String>()).filter(|k| !k.is_empty());
    let persist = match attr("persist").as_deref().map(str::trim) {
        None | Some("" | "on" | "local") => Persist::On,
        Some("off") => Persist::Off,
        Some("ask") => Persist::Ask,
        Some(other) => {
            warn(w, "persist", other, "expected off or ask");
            Persist::On
        }
    };
    let theme = match attr("theme").as_deref().map(str::trim) {
        None | Some("" | "auto") => Theme::Auto,
        Some("light") => Theme::Light,
        Some("dark") => Theme::Dark,
        Some(other) => {
            warn(w, "theme", other, "expected light, dark or auto");
            Theme::Auto
        }
    };
    let contact = attr("contact").and_then(|v| {
        let v = v.trim().to_owned();
        let ok = v.len() <= 254
            && v.bytes().filter(|&b| b == b'@').count() == 1
            && !v.starts_with('@')
            && !v.ends_with('@')
            && !v.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '?' | '&'));
        if !ok {
            warn(w, "contact", &v, "expected an e-mail address");
        }
        ok.then_some(v)
    });

    let example = attr("example").map_or(Example::Story, |v| {
        Example::from_attr(&v).unwrap_or_else(|reason| {
            warn(w, "example", &v, &reason);
            Example::Story
        })
    });

    let endpoint = attr("endpoint").filter(|v| !v.trim().is_empty()).and_then(|v| {
        Endpoint::parse(&v, attr("endpoint-format").as_deref()).map_err(|reason| warn(w, "endpoint", &v, &reason)).ok()
    });

    let lang_tag = lang_attr.filter(|_| lang.is_some()).and_then(|v| i18n::locale(&v));
    let config = Config {
        defaults: s,
        lang,
        lang_tag,
        models,
        locked,
        currency_locked,
        storage_key,
        persist,
        theme,
        contact,
        example,
        endpoint,
    };
    (config, warnings)
}

/// Reads an attribute value for `setting`, with a dot as decimal separator
/// and no grouping: attributes are written by a consultant once, so
/// `1,5` or `1,500` is refused rather than read one way or the other.
fn read(text: &str, setting: Setting) -> Result<i64, String> {
    if text.bytes().any(|b| b == b',') {
        return Err("numbers in attributes use a dot as decimal separator and no thousands separator".into());
    }
    parse(text, '.', Quantity::from(setting.unit())).map_err(|e| e.to_string())
}

/// The problem of `e` in English, in the attribute's own unit.
fn problem_text(e: &ScenarioError, s: &Scenario) -> String {
    i18n::english_problem(e, s.currency_code())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::money::Money;
    use crate::core::scenario::Range;

    fn with(pairs: &[(&str, &str)]) -> (Config, Vec<Warning>) {
        let map: Vec<(String, String)> = pairs.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect();
        configure(&|name| map.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
    }

    #[test]
    fn no_attributes_give_the_model_defaults() {
        let (c, w) = with(&[]);
        assert_eq!(c.defaults, Scenario::default());
        assert!(w.is_empty());
        assert_eq!(c.models, [Contract::Hourly, Contract::Fixed]);
        assert_eq!(c.persist, Persist::On);
        assert_eq!(c.theme, Theme::Auto);
    }

    #[test]
    fn attributes_set_the_defaults() {
        let (c, w) = with(&[
            ("rate", "120.50"),
            ("hours", "200"),
            ("premium", "25"),
            ("allowance", "16"),
            ("cr-rate", "1.2"),
            ("currency", "chf"),
            ("models", "hourly fixed capped"),
            ("lock", "rate premium multipliers"),
            ("multipliers", "1 2 4 8"),
        ]);
        assert!(w.is_empty(), "{w:?}");
        let d = &c.defaults;
        assert_eq!(d.rate, Money::from_cents(12_050));
        assert_eq!(d.baseline, Range { low: 10_000, likely: 12_000, high: 18_000 });
        assert_eq!((d.premium, d.allowance, d.cr_rate), (2_500, 960, 12_000));
        assert_eq!(d.currency_code(), "CHF");
        assert_eq!(d.multipliers, [10_000, 20_000, 40_000, 80_000]);
        assert_eq!(c.models.len(), 3);
        assert_eq!(c.locked.len(), 6);
    }

    #[test]
    fn explicit_attributes_win_over_the_preset() {
        let (c, _) = with(&[("preset", "cautious"), ("premium", "10"), ("hours-high", "300")]);
        assert_eq!(c.defaults.premium, 1_000);
        assert_eq!(c.defaults.multipliers, [10_000, 20_000, 50_000, 100_000]);
        assert_eq!(c.defaults.baseline, Range { low: 5_760, likely: 7_200, high: 18_000 });
    }

    #[test]
    fn bad_values_fall_back_with_a_warning() {
        let (c, w) = with(&[
            ("rate", "abc"),
            ("hours", "-5"),
            ("premium", "20,5"),
            ("multipliers", "1 2"),
            ("models", "hourly barter"),
            ("theme", "neon"),
            ("contact", "not an address"),
            ("lang", "fr"),
            ("hours-low", "500"),
        ]);
        assert_eq!(c.defaults, Scenario::default());
        let attrs: Vec<&str> = w.iter().map(|w| w.attr).collect();
        assert_eq!(
            attrs,
            ["hours", "hours-low", "rate", "premium", "multipliers", "lang", "models", "theme", "contact"]
        );
        assert_eq!(c.models, [Contract::Hourly]);
        assert!(w[0].to_string().starts_with("changecost: ignored hours=\"-5\""));
    }

    #[test]
    fn persist_is_on_off_or_ask() {
        for (value, persist) in [
            ("", Persist::On),
            ("on", Persist::On),
            ("local", Persist::On),
            ("off", Persist::Off),
            (" off ", Persist::Off),
            ("ask", Persist::Ask),
            (" ask\n", Persist::Ask),
        ] {
            let (c, w) = with(&[("persist", value)]);
            assert_eq!(c.persist, persist, "{value:?}");
            assert!(w.is_empty(), "{value:?}: {w:?}");
        }
    }

    #[test]
    fn an_unknown_persist_value_keeps_entries_and_says_so() {
        // Keeping is the default; a typo never turns the question on or
        // storage off.
        for value in ["ASK", "Ask", "asks", "sometimes", "no", "false"] {
            let (c, w) = with(&[("persist", value)]);
            assert_eq!(c.persist, Persist::On, "{value}");
            assert_eq!(w.len(), 1, "{value}");
            assert_eq!(w[0].attr, "persist");
            assert_eq!(w[0].reason, "expected off or ask");
        }
    }
}
