//! The print receipt: what a client takes into the contract talk on one or
//! two A4 pages: the date, the totals, every change with its cost under
//! each contract, the insight, the chart and every assumption. Built just
//! before printing; the screen never shows it.

use wasm_bindgen::prelude::*;

use super::App;
use crate::core::i18n::{fill, fill_n};
use crate::core::{format_quantity, Contract, Money, Pricing, Setting, Unit};
use crate::web::dom::{child, document, flag, text_child};

/// The chart's width on paper, in CSS pixels: A4 portrait less the page
/// margins (about 170 mm at 96 pixels per inch).
const PRINT_WIDTH: f64 = 640.0;

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
        let date = js_sys::Date::new_0().to_locale_date_string(t.code, &JsValue::UNDEFINED);
        text_child(r, "h2", "", &fill_n(t.receipt_title, &[&String::from(date)]));
        text_child(r, "p", "", t.title);

        // Totals per contract.
        let table = child(r, "table", "totals");
        let head = child(&child(&table, "thead", ""), "tr", "");
        text_child(&head, "th", "", "");
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
        for el in [&self.view.insight, &self.view.break_even, &self.view.bundle] {
            let text = el.text_content().unwrap_or_default();
            if !text.is_empty() {
                text_child(r, "p", "", &text);
            }
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
        self.draw_chart_into(&child(&figure, "div", "plot-area"), PRINT_WIDTH);

        // Every assumption.
        text_child(r, "h3", "", t.assumptions);
        let dl = child(r, "dl", "assumptions");
        let currency = s.currency_code();
        for setting in Setting::ALL {
            let value = s.get(setting);
            if setting == Setting::FixedPrice && value == 0 {
                continue;
            }
            text_child(&dl, "dt", "", &t.setting(setting));
            let shown = match setting.unit() {
                Unit::Money => self.fmt.money(Money::from_cents(value)),
                unit => t.quantity(value, unit, currency),
            };
            text_child(&dl, "dd", "", &shown);
        }
        text_child(&dl, "dt", "", t.currency);
        text_child(&dl, "dd", "", currency);
    }
}
