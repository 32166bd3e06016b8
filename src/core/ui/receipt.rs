//! The print receipt: what a client takes into the contract talk on one or
//! two A4 pages: the date, that it is a non-binding model calculation (net,
//! and gross where VAT is set), the totals as estimated, each contract's
//! spread as a bar, the verdict with its odds, every change with its cost
//! under each contract, the chart, and every assumption with its source
//! line. Written just before printing; the screen never shows it.

use crate::core::html::Html;
use crate::core::i18n::{fill, fill_n, Texts};
use crate::core::insight::Verdict;
use crate::core::money::Money;
use crate::core::parse::{format_quantity, integer, Quantity};
use crate::core::pricing::{Part, Pricing};
use crate::core::scenario::{Contract, Phase, Scenario, Setting, Unit};
use crate::core::ui::host::Formats;

/// What the receipt shows.
pub struct Receipt<'a> {
    /// The client's language.
    pub t: &'a Texts,
    /// How figures are written.
    pub fmt: &'a dyn Formats,
    /// The scenario.
    pub scenario: &'a Scenario,
    /// Its figures as estimated.
    pub pricing: &'a Pricing,
    /// The contracts shown.
    pub models: &'a [Contract],
    /// Today: day, month (from 1), year.
    pub today: (u32, u32, i32),
    /// Each card's bar (markup) and spread in words, where drawn.
    pub spreads: &'a [(Contract, String, String)],
    /// The verdict.
    pub verdict: &'a Verdict,
    /// The chart, drawn at the printed width.
    pub chart: &'a str,
}

fn cell(h: &mut Html, tag: &str, text: &str) {
    h.leaf(tag, &[], text);
}

/// The receipt's markup.
pub fn receipt(r: &Receipt<'_>) -> String {
    let (t, fmt, s, p) = (r.t, r.fmt, r.scenario, r.pricing);
    let mut h = Html::default();
    let (day, month, year) = r.today;
    cell(&mut h, "h2", &fill_n(t.receipt_title, &[&t.write_date(day, month, year)]));
    cell(&mut h, "p", t.title);
    h.leaf("p", &[("class", "binding")], t.receipt_binding);
    let net =
        if s.vat > 0 { fill_n(t.receipt_vat, &[&fmt.percent(i64::from(s.vat))]) } else { t.receipt_net.to_owned() };
    cell(&mut h, "p", &net);

    // Totals per contract.
    h.open("table", &[("class", "totals")]);
    h.open("thead", &[]);
    h.open("tr", &[]);
    cell(&mut h, "th", t.verdict.as_estimated);
    for &c in r.models {
        cell(&mut h, "th", t.contract(c));
    }
    h.close("tr");
    h.close("thead");
    h.open("tbody", &[]);
    type Pick = fn(&Part) -> Money;
    let rows: [(&str, Pick); 3] =
        [(t.baseline_part, |x| x.baseline), (t.change_part, |x| x.changes), (t.total, |x| x.total)];
    for (label, pick) in rows {
        h.open("tr", &[]);
        cell(&mut h, "th", label);
        for &c in r.models {
            cell(&mut h, "td", &fmt.money(pick(p.part(c))));
        }
        h.close("tr");
    }
    if s.vat > 0 {
        h.open("tr", &[]);
        cell(&mut h, "th", &fill(t.gross, ""));
        for &c in r.models {
            let net = p.part(c).total;
            let gross = net.checked_add(Pricing::vat(net, s.vat).unwrap_or_default()).unwrap_or(net);
            cell(&mut h, "td", &fmt.money(gross));
        }
        h.close("tr");
    }
    h.close("tbody");
    h.close("table");

    // Each contract's spread, as on its card.
    for (c, bar, line) in r.spreads {
        h.open("div", &[("class", "spread-row")]);
        h.leaf("p", &[("class", "name")], t.contract(*c));
        h.open("div", &[("class", "bar")]);
        h.raw(bar);
        h.close("div");
        h.leaf("p", &[("class", "spread")], line);
        h.close("div");
    }
    for paragraph in r.verdict.paragraphs() {
        cell(&mut h, "p", paragraph);
    }

    // Every change.
    if !s.changes.is_empty() {
        cell(&mut h, "h3", t.changes);
        h.open("table", &[("class", "changes")]);
        h.open("colgroup", &[]);
        for class in ["no", "title", "kind", "phase", "effort", "money", "money"] {
            h.void("col", &[("class", class)]);
        }
        h.close("colgroup");
        h.open("thead", &[]);
        h.open("tr", &[]);
        for head in [t.csv_heads.number, t.csv_heads.title, t.csv_heads.kind, t.csv_heads.phase, t.csv_heads.effort] {
            cell(&mut h, "th", head);
        }
        cell(&mut h, "th", t.contract(Contract::Hourly));
        cell(&mut h, "th", t.contract(Contract::Fixed));
        h.close("tr");
        h.close("thead");
        h.open("tbody", &[]);
        for (i, (c, line)) in s.changes.iter().zip(&p.lines).enumerate() {
            h.open("tr", &[]);
            cell(&mut h, "td", &integer(i as i64 + 1));
            cell(&mut h, "td", &c.title);
            cell(&mut h, "td", t.kind(c.kind));
            cell(&mut h, "td", t.phase(c.phase));
            let effort = match c.rework_share() {
                Some(share) => [&format_quantity(i64::from(share), Quantity::Percent, t.decimal), " %"].concat(),
                None => format_quantity(i64::from(c.effort.likely), Quantity::Hours, t.decimal),
            };
            cell(&mut h, "td", &effort);
            cell(&mut h, "td", &fmt.money(line.hourly));
            let fixed = if line.is_request() { fmt.money(line.fixed) } else { t.csv_covered.to_owned() };
            cell(&mut h, "td", &fixed);
            h.close("tr");
        }
        h.close("tbody");
        h.close("table");
    }

    // The chart, drawn for the page at the width it prints at.
    h.open("figure", &[]);
    cell(&mut h, "figcaption", t.chart_title);
    h.open("div", &[("class", "plot-area")]);
    h.raw(r.chart);
    h.close("div");
    h.close("figure");

    // Every assumption, then the line naming each one's source: the
    // settings that share a source under it together.
    cell(&mut h, "h3", t.assumptions);
    h.open("dl", &[("class", "assumptions")]);
    let currency = s.currency_code();
    let shown = |setting: Setting| match setting.unit() {
        Unit::Money => fmt.money(Money::from_cents(s.get(setting))),
        unit => t.quantity(s.get(setting), unit, currency),
    };
    let mut sources: Vec<(&str, Vec<String>)> = Vec::new();
    for setting in Setting::ALL {
        if setting == Setting::FixedPrice && s.get(setting) == 0 {
            continue;
        }
        // The per-phase settings print as one entry each: every phase's
        // value side by side.
        let (label, value) = match setting {
            Setting::Multiplier(Phase::Concept) | Setting::Remaining(Phase::Concept) => {
                let which = usize::from(matches!(setting, Setting::Remaining(_)));
                let each: Vec<String> = Phase::ALL
                    .iter()
                    .map(|&phase| {
                        let one = if which == 0 { Setting::Multiplier(phase) } else { Setting::Remaining(phase) };
                        [t.phase(phase), " ", &shown(one)].concat()
                    })
                    .collect();
                (t.receipt_phases[which].to_owned(), each.join(" · "))
            }
            Setting::Multiplier(_) | Setting::Remaining(_) => continue,
            _ => (t.setting(setting), shown(setting)),
        };
        cell(&mut h, "dt", &label);
        cell(&mut h, "dd", &value);
        let source = t.why(setting).source;
        match sources.iter_mut().find(|(known, _)| *known == source) {
            Some((_, labels)) => labels.push(label),
            None => sources.push((source, vec![label])),
        }
    }
    cell(&mut h, "dt", t.currency);
    cell(&mut h, "dd", currency);
    h.close("dl");
    h.open("ul", &[("class", "sources")]);
    for (source, labels) in sources {
        h.open("li", &[]);
        cell(&mut h, "span", &[&labels.join(", "), ": "].concat());
        cell(&mut h, "span", &fill(t.why_source, source));
        h.close("li");
    }
    h.close("ul");
    h.into_string()
}
