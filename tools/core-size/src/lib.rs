//! The core of changecost alone, behind a thin string API: every part the
//! browser layer calls (configuration, editing, pricing, the simulation,
//! the saved form, share links, number parsing and formatting, the
//! sentences, CSV and summary, range bars and chart numbers), and no view.
//! For measuring the core's size only.
#![forbid(unsafe_code)]

// The core as source, not the changecost crate: that would bring the
// browser layer's exports along.
#[path = "../../../src/core/mod.rs"]
pub mod core;

use wasm_bindgen::prelude::*;

use crate::core::display::{self, Native};
use crate::core::editor::{Ctx, Editor, Key, Msg};
use crate::core::i18n::{self, Texts};
use crate::core::{
    break_even, bundle, configure, csv, decode, decode_link, encode, encode_link, format_quantity, parse, price,
    range_bar, spread, summary, summary_bar, verdict, BreakEven, Contract, Effort, Formatters, Json, Kind, Money,
    Phase, Quantity, Runner, Scale, Scenario, Setting, Simulation, Unit,
};

#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The language `lang`, else the first one loaded. As in the release, the
/// wasm carries no texts: they come as data files (`add_texts`), so that
/// the words are counted where they ship, in their own file, not here.
fn texts(lang: &str) -> &'static Texts {
    i18n::for_tag(lang).or_else(i18n::fallback).expect("a language loaded (add_texts)")
}

/// Reads a language's data file (as the release's `addTexts`); what is
/// wrong with it, or nothing.
#[wasm_bindgen]
pub fn add_texts(text: String) -> String {
    let data: &'static str = Box::leak(text.into_boxed_str());
    match Texts::from_data(data) {
        Ok(t) => {
            i18n::install(Box::leak(Box::new(t)));
            String::new()
        }
        Err(e) => e.to_string(),
    }
}

/// Integers as the core writes them (`parse::integer`, no core::fmt), so
/// that the harness keeps nothing alive that the core may drop.
fn num(out: &mut String, n: i64) {
    out.push_str(&crate::core::parse::integer(n));
}

/// The attribute `name` from `name=value` lines, as the element would read it.
fn attr_of(attrs: &str, name: &str) -> Option<String> {
    attrs.lines().find_map(|l| l.split_once('=').filter(|(k, _)| *k == name).map(|(_, v)| v.to_owned()))
}

fn scenario(link: &str) -> Result<Scenario, String> {
    decode_link(link).map(|(_, s)| s).map_err(|e| e.to_string())
}

/// The formatters the browser layer builds (native formats, as for de/en);
/// not generic, so that the harness adds one copy of it.
fn with_formatters(t: &Texts, s: &Scenario, then: &mut dyn FnMut(&Formatters<'_>)) {
    let currency = s.currency_code();
    let native = Native::new(t.code, currency).unwrap_or(Native::new("en", "EUR").expect("native"));
    let german = display::german(t.code).unwrap_or(false);
    let money = |m: Money| native.money(m.cents());
    let whole = |m: Money| native.money_whole(m.cents());
    let percent = |bp: i64| display::percent(german, bp);
    let hours = |e: Effort| {
        let minutes = (e.units() + 500_000_000_000) / 1_000_000_000_000;
        t.quantity(i64::try_from(minutes).unwrap_or(0), Unit::Hours, currency)
    };
    then(&Formatters { money: &money, whole: &whole, percent: &percent, hours: &hours })
}

/// Reads `name=value` lines as the element's attributes; returns the
/// warnings, one a line, and the link of the defaults.
#[wasm_bindgen]
pub fn configure_attrs(attrs: &str) -> String {
    let (config, warnings) = configure(&|name| attr_of(attrs, name));
    let mut out = String::new();
    for w in &warnings {
        out.push_str(&w.to_string());
        out.push('\n');
    }
    out.push_str(&encode_link(&config.defaults, 0));
    out
}

/// Prices a scenario and writes what the widget writes from the likely
/// figures: the verdict, the summary bar, the summary, the CSV, the
/// break-even.
#[wasm_bindgen]
pub fn price_link(link: &str, lang: &str, models: &str) -> String {
    let s = match scenario(link) {
        Ok(s) => s,
        Err(e) => return e,
    };
    let t = texts(lang);
    let models: Vec<Contract> = models.split(' ').filter_map(Contract::from_key).collect();
    let p = match price(&s) {
        Ok(p) => p,
        Err(e) => return e.to_string(),
    };
    let mut out = String::new();
    with_formatters(t, &s, &mut |f| {
        let b = bundle(&s, &p).ok();
        let v = verdict(t, &s, &p, &models, None, b.as_ref(), f);
        for p in v.paragraphs() {
            out.push_str(p);
        }
        let [a, b] = summary_bar(t, &p, &models, None, f);
        out.push_str(&a);
        out.push_str(&b);
        match break_even(&s, &p) {
            Ok(BreakEven::At(n)) => num(&mut out, n as i64),
            Ok(_) => out.push('-'),
            Err(e) => out.push_str(&e.to_string()),
        }
        out.push_str(&summary(t, &s, &p, &models, &v.answer, link, f));
        out.push_str(&csv(t, &s, &p, &models));
        for c in &models {
            num(&mut out, p.part(*c).total.cents());
        }
    });
    out
}

/// Runs the whole simulation as the worker does.
#[wasm_bindgen]
pub fn simulate_link(link: &str) -> Vec<f64> {
    let Ok(s) = scenario(link) else { return Vec::new() };
    let Ok(mut runner) = Runner::new(&s) else { return Vec::new() };
    while let Ok(false) = runner.advance(500) {}
    while !runner.settle(4) {}
    runner.finish().to_numbers()
}

/// The sentences once the simulation has run: verdict, summary bar, each
/// card's spread and range bar.
#[wasm_bindgen]
pub fn decisions(link: &str, numbers: &[f64], lang: &str, models: &str) -> String {
    let s = match scenario(link) {
        Ok(s) => s,
        Err(e) => return e,
    };
    let Some(sim) = Simulation::from_numbers(numbers) else { return String::new() };
    let t = texts(lang);
    let models: Vec<Contract> = models.split(' ').filter_map(Contract::from_key).collect();
    let Ok(p) = price(&s) else { return String::new() };
    let mut out = String::new();
    with_formatters(t, &s, &mut |f| {
        let b = bundle(&s, &p).ok();
        let v = verdict(t, &s, &p, &models, Some(&sim), b.as_ref(), f);
        for p in v.paragraphs() {
            out.push_str(p);
        }
        let [a, b] = summary_bar(t, &p, &models, Some(&sim), f);
        out.push_str(&a);
        out.push_str(&b);
        let last = sim.last();
        let scale = Scale::over(models.iter().flat_map(|&c| {
            let b = last[c as usize];
            [b.p10, b.p90, p.part(c).total]
        }));
        if let Some(scale) = scale {
            for &c in &models {
                let i = c as usize;
                let estimated = p.part(c).total;
                let [label, line] = spread(t, &last[i], sim.means[i], estimated, f);
                out.push_str(&range_bar(&scale, &last[i], estimated, &label));
                out.push_str(&line);
            }
        }
        let step = crate::core::nice_step(p.part(Contract::Hourly).total.cents() as f64, 5.0);
        out.push_str(&crate::core::svg_number(step / 3.0));
    });
    out
}

/// The saved form: encoded, written as JSON text, read back as the page
/// does (the tree as a host page would set it), decoded.
#[wasm_bindgen]
pub fn saved(link: &str, lang: &str) -> String {
    let s = match scenario(link) {
        Ok(s) => s,
        Err(e) => return e,
    };
    let json = encode(&s);
    let mut out = String::new();
    write_json(&mut out, &json);
    let t = texts(lang);
    match decode(&json, &Scenario::default()) {
        Ok(back) => out.push_str(&encode_link(&back, 1)),
        Err(e) => {
            out.push_str(&e.to_string());
            with_formatters(t, &s, &mut |f| out.push_str(&t.problem_in_field(&e, f.money)));
        }
    }
    num(&mut out, crate::core::seed_of(&s) as i64);
    out
}

fn write_json(out: &mut String, json: &Json) {
    match json {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Num(_) => num(out, json.as_int().unwrap_or(0)),
        Json::Str(t) => {
            out.push('"');
            out.push_str(t);
            out.push('"');
        }
        Json::Arr(items) => {
            out.push('[');
            for item in items {
                write_json(out, item);
                out.push(',');
            }
            out.push(']');
        }
        Json::Obj(members) => {
            out.push('{');
            for (k, v) in members {
                out.push_str(k);
                out.push(':');
                write_json(out, v);
                out.push(',');
            }
            out.push('}');
        }
    }
}

/// A number as the client types it: its value in the quantity's integer
/// form written back, or why it is none.
#[wasm_bindgen]
pub fn parse_number(text: &str, lang: &str, quantity: u8) -> String {
    let t = texts(lang);
    let q = [Quantity::Money, Quantity::Hours, Quantity::Percent, Quantity::Multiplier, Quantity::Count]
        [usize::from(quantity % 5)];
    match parse(text, t.decimal, q) {
        Ok(n) => format_quantity(n, q, t.decimal),
        Err(e) => t.parse_error(e),
    }
}

/// The editor: one message a line (`t <wire> <text>` types into a
/// setting, `c <id> <text>` a change's effort, `n <id> <text>` its title,
/// `k <id> <kind>`, `p <id> <phase>`, `a` adds, `r <id>` removes, `m <id>`
/// moves up, `g <id>` opens its range, `u` undo, `y` redo, `x` reset, `e`
/// example), applied in turn; returns the messages under fields, the
/// "why" texts and the link of the result.
#[wasm_bindgen]
pub fn edit(link: &str, lang: &str, attrs: &str, script: &str) -> String {
    let (config, _) = configure(&|name| attr_of(attrs, name));
    let t = texts(lang);
    let mut ed = Editor::new(&config, scenario(link).ok());
    let mut out = String::new();
    let id = |w: &str| w.parse::<u32>().unwrap_or(0);
    for (n, line) in script.lines().enumerate() {
        let mut words = line.splitn(3, ' ');
        let (op, a, b) = (words.next().unwrap_or(""), words.next().unwrap_or(""), words.next().unwrap_or(""));
        let msg = match op {
            "t" => Msg::Type(Key::Setting(Setting::from_wire(id(a) as u8).unwrap_or(Setting::Rate)), b.to_owned()),
            "c" => Msg::Type(Key::Effort(id(a)), b.to_owned()),
            "n" => Msg::Type(Key::Title(id(a)), b.to_owned()),
            "k" => Msg::Kind(id(a), Kind::from_key(b).unwrap_or(Kind::Tweak)),
            "p" => Msg::Phase(id(a), Phase::from_key(b).unwrap_or(Phase::Build)),
            "a" => Msg::Add,
            "r" => Msg::Remove(id(a)),
            "m" => Msg::Move(id(a), true),
            "g" => Msg::Range(id(a)),
            "u" => Msg::Undo,
            "y" => Msg::Redo,
            "x" => Msg::Reset,
            "e" => Msg::Example,
            _ => Msg::Replace(scenario(a).unwrap_or_default()),
        };
        let current = ed.scenario.clone();
        let mut msg = Some(msg);
        with_formatters(t, &current, &mut |f| {
            let cx = Ctx { t, money: f.money, now: n as f64 * 1_000.0 };
            if let Some(msg) = msg.take() {
                for (_, message) in &ed.apply(msg, &cx).messages {
                    out.push_str(message.as_deref().unwrap_or(""));
                }
            }
        });
    }
    with_formatters(t, &ed.scenario, &mut |f| {
        for setting in Setting::ALL {
            out.push_str(&t.setting(setting));
            out.push_str(&t.why_text(setting, &ed.scenario, f.money));
            out.push_str(&t.quantity(ed.scenario.get(setting), setting.unit(), ed.scenario.currency_code()));
        }
    });
    out.push_str(&t.write_date(12, 3, 2026));
    out.push_str(&t.plural(t.count, ed.scenario.changes.len()));
    out.push_str(&t.number(ed.scenario.changes.len()));
    out.push_str(&i18n::locale(lang).unwrap_or_default());
    out.push_str(&encode_link(&ed.scenario, 0));
    out
}
