//! The print receipt: what a client takes into the contract talk on one or
//! two A4 pages: the date, that it is a non-binding model calculation (net,
//! and gross where VAT is set), the totals as estimated, each contract's
//! spread as a bar, the verdict with its odds, every change with its cost
//! under each contract, the chart, and every assumption with its source
//! line. Built just before printing; the screen never shows it.

use super::App;
use crate::core::i18n::{fill, fill_n};
use crate::core::{format_quantity, Contract, Money, Phase, Pricing, Setting, Unit};
use crate::web::dom::set_text;
use crate::web::dom::{child, document, flag, text_child};

/// The chart's width on paper, in CSS pixels: A4 portrait less the page
/// margins (about 170 mm at 96 pixels per inch).
const PRINT_WIDTH: f64 = 640.0;
/// Its height: lower than on screen, so that the receipt with its verdict
/// and sources keeps to two pages.
const PRINT_HEIGHT: f64 = 160.0;

impl App {
    /// Writes the receipt for printing (the `beforeprint` event).
    pub fn build_receipt(&self) {
        let Some(p) = &self.pricing else { return };
        let (t, fmt, s) = (self.t, &self.fmt, &self.ed.scenario);
        let r = &self.view.receipt;
        r.set_text_content(None);
        // When the client pressed "Print" in another calculator on the page,
        // this one stays out of the printout.
        let chosen = document().query_selector("change-cost[data-printing]").ok().flatten();
        let skip = chosen.is_some_and(|c| !c.is_same_node(Some(&self.host)));
        flag(&self.host, "data-print-skip", skip);
        if skip {
            return;
        }
        let now = js_sys::Date::new_0();
        let date = t.write_date(now.get_date(), now.get_month() + 1, now.get_full_year() as i32);
        text_child(r, "h2", "", &fill_n(t.receipt_title, &[&date]));
        text_child(r, "p", "", t.title);
        text_child(r, "p", "binding", t.receipt_binding);
        let net = if s.vat > 0 {
            fill_n(t.receipt_vat, &[&self.fmt.percent(i64::from(s.vat))])
        } else {
            t.receipt_net.to_owned()
        };
        text_child(r, "p", "", &net);

        // Totals per contract.
        let table = child(r, "table", "totals");
        let head = child(&child(&table, "thead", ""), "tr", "");
        text_child(&head, "th", "", t.verdict.as_estimated);
        for &c in &self.config.models {
            text_child(&head, "th", "", t.contract(c));
        }
        let body = child(&table, "tbody", "");
        type Pick = fn(&crate::core::Part) -> Money;
        let rows: [(&str, Pick); 3] =
            [(t.baseline_part, |x| x.baseline), (t.change_part, |x| x.changes), (t.total, |x| x.total)];
        for (label, pick) in rows {
            let tr = child(&body, "tr", "");
            text_child(&tr, "th", "", label);
            for &c in &self.config.models {
                text_child(&tr, "td", "", &fmt.money(pick(p.part(c))));
            }
        }
        if s.vat > 0 {
            let tr = child(&body, "tr", "");
            text_child(&tr, "th", "", &fill(t.gross, ""));
            for &c in &self.config.models {
                let net = p.part(c).total;
                let gross = net.checked_add(Pricing::vat(net, s.vat).unwrap_or_default()).unwrap_or(net);
                text_child(&tr, "td", "", &fmt.money(gross));
            }
        }
        // Each contract's spread, as on its card.
        for card in self.view.cards.iter().filter(|c| !c.drawn.is_empty()) {
            let row = child(r, "div", "spread-row");
            text_child(&row, "p", "name", t.contract(card.contract));
            child(&row, "div", "bar").set_inner_html(&card.drawn);
            let line = text_child(&row, "p", "spread", "");
            set_text(&line, &card.spread.text_content().unwrap_or_default());
        }
        for paragraph in self.verdict().paragraphs() {
            text_child(r, "p", "", paragraph);
        }

        // Every change.
        if !s.changes.is_empty() {
            text_child(r, "h3", "", t.changes);
            let table = child(r, "table", "changes");
            let cols = child(&table, "colgroup", "");
            for class in ["no", "title", "kind", "phase", "effort", "money", "money"] {
                child(&cols, "col", class);
            }
            let head = child(&child(&table, "thead", ""), "tr", "");
            for h in [t.csv_heads.number, t.csv_heads.title, t.csv_heads.kind, t.csv_heads.phase, t.csv_heads.effort] {
                text_child(&head, "th", "", h);
            }
            text_child(&head, "th", "", t.contract(Contract::Hourly));
            text_child(&head, "th", "", t.contract(Contract::Fixed));
            let body = child(&table, "tbody", "");
            for (i, (c, line)) in s.changes.iter().zip(&p.lines).enumerate() {
                let tr = child(&body, "tr", "");
                text_child(&tr, "td", "", &(i + 1).to_string());
                text_child(&tr, "td", "", &c.title);
                text_child(&tr, "td", "", t.kind(c.kind));
                text_child(&tr, "td", "", t.phase(c.phase));
                let effort = match c.rework_share() {
                    Some(share) => {
                        [&format_quantity(i64::from(share), crate::core::Quantity::Percent, t.decimal), " %"].concat()
                    }
                    None => format_quantity(i64::from(c.effort.likely), crate::core::Quantity::Hours, t.decimal),
                };
                text_child(&tr, "td", "", &effort);
                text_child(&tr, "td", "", &fmt.money(line.hourly));
                let fixed = if line.is_request() { fmt.money(line.fixed) } else { t.csv_covered.to_owned() };
                text_child(&tr, "td", "", &fixed);
            }
        }

        // The chart, drawn for the page: at the width it prints at, so that
        // its text prints at the size it was drawn in (a screen's chart,
        // scaled to the page, printed its labels several times too large).
        let figure = child(r, "figure", "");
        text_child(&figure, "figcaption", "", t.chart_title);
        self.draw_chart_into(&child(&figure, "div", "plot-area"), PRINT_WIDTH, Some(PRINT_HEIGHT));

        // Every assumption, then the line naming each one's source: the
        // settings that share a source under it together.
        text_child(r, "h3", "", t.assumptions);
        let dl = child(r, "dl", "assumptions");
        let currency = s.currency_code();
        let shown = |setting: Setting| match setting.unit() {
            Unit::Money => self.fmt.money(Money::from_cents(s.get(setting))),
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
            text_child(&dl, "dt", "", &label);
            text_child(&dl, "dd", "", &value);
            let source = t.why(setting).source;
            match sources.iter_mut().find(|(known, _)| *known == source) {
                Some((_, labels)) => labels.push(label),
                None => sources.push((source, vec![label])),
            }
        }
        text_child(&dl, "dt", "", t.currency);
        text_child(&dl, "dd", "", currency);
        let list = child(r, "ul", "sources");
        for (source, labels) in sources {
            let item = child(&list, "li", "");
            text_child(&item, "span", "", &[&labels.join(", "), ": "].concat());
            text_child(&item, "span", "", &fill(t.why_source, source));
        }
    }
}
