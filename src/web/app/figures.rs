//! The figures: exact totals on every keystroke; the simulation, chart,
//! insight and table after it; the values for events and `result`.

use wasm_bindgen::prelude::*;
use web_sys::Element;

use super::App;
use crate::core::i18n::fill;
use crate::core::{
    break_even, bundle, encode, price, range_bar, spread, summary_bar, verdict, BreakEven, Contract, Effort,
    Formatters, Money, Pricing, Range, Runner, Scale, Simulation, Triangle, Unit, Verdict, TAIL,
};
use crate::web::chart::{self, Plot};
use crate::web::dom::{attr, child, set_text, show, text_child};
use crate::web::events::{object, settle_any};
use crate::web::{self as web, store};

/// Milliseconds of simulation per slice.
const SLICE_MS: f64 = 8.0;

impl App {
    /// Runs the next slice of the simulation (about 8 ms of trials, so that
    /// a keystroke waits at most that long), starting it if needed; `true`
    /// when more slices are due. Decisions are redrawn at the first slice
    /// and at the end.
    pub fn simulate_slice(&mut self) -> bool {
        self.simulation_due = false;
        let first = self.runner.is_none();
        if first {
            match Runner::new(&self.ed.scenario) {
                Ok(r) => self.runner = Some(r),
                Err(_) => return false,
            }
        }
        // Trials in small steps, then the bands a few points at a time,
        // until the time budget of the slice is used.
        let step = (20_000 / (self.ed.scenario.changes.len() + 1)).max(1);
        let clock = web_sys::window().and_then(|w| w.performance());
        let now = || clock.as_ref().map_or(0.0, |p| p.now());
        let start = now();
        let Some(runner) = self.runner.as_mut() else { return false };
        let mut settled = false;
        loop {
            match runner.advance(step) {
                Ok(true) => settled = runner.settle(4),
                Ok(false) => {}
                Err(_) => {
                    self.runner = None;
                    return false;
                }
            }
            if settled || now() - start >= SLICE_MS {
                break;
            }
        }
        if settled {
            self.simulation = self.runner.take().map(Runner::finish);
            self.decisions();
            return false;
        }
        if first {
            self.decisions();
        }
        self.simulation_due = true;
        true
    }

    /// Hands the whole simulation to the worker; the decisions are drawn
    /// when it replies.
    pub(super) fn simulate_elsewhere(&mut self) {
        let Some(simulator) = &self.simulator else { return };
        self.simulation_due = false;
        let asked = self.asked;
        let promise = simulator.call1(&JsValue::NULL, &store::to_js(&encode(&self.ed.scenario)));
        let Some(promise) = promise.ok().and_then(|p| p.dyn_into::<js_sys::Promise>().ok()) else {
            self.simulator_failed(asked);
            return;
        };
        // A rejection's reason is no simulation: `simulated` tells them apart.
        let weak = self.weak.clone();
        settle_any(&promise, move |numbers| {
            if let Some(app) = weak.upgrade() {
                web::with_app(&app, |a| a.simulated(asked, &numbers));
            }
        });
        // Right after mounting, the insight, chart and table are drawn at
        // once from the likely figures; afterwards the last drawing stays,
        // marked stale, until the reply (one drawing per edit, not two).
        if asked == 0 {
            self.decisions();
        }
    }

    /// The worker's reply to simulation `asked`: drawn if the scenario
    /// is still the one it simulated; anything but numbers is a failure.
    fn simulated(&mut self, asked: u32, numbers: &JsValue) {
        if asked != self.asked {
            return;
        }
        let numbers = numbers.dyn_ref::<js_sys::Float64Array>().map(js_sys::Float64Array::to_vec);
        match numbers.as_deref().and_then(Simulation::from_numbers) {
            Some(simulation) => {
                self.simulation = Some(simulation);
                self.decisions();
            }
            None => self.simulator_failed(asked),
        }
    }

    /// The worker cannot simulate (no workers here, a Content-Security-
    /// Policy, a failed load): from now on the simulation runs here, in
    /// slices, starting with the one that was asked.
    fn simulator_failed(&mut self, asked: u32) {
        self.simulator = None;
        if asked == self.asked {
            self.simulation_due = true;
            self.schedule();
        }
    }

    /// Uses `simulator` for whole simulations (see [`App::simulator`]).
    pub fn set_simulator(&mut self, simulator: js_sys::Function) {
        self.simulator = Some(simulator);
    }

    /// Redraws the chart if its width changed.
    pub fn resized(&mut self) {
        let width = f64::from(self.view.plot.client_width());
        if (width - self.chart_width).abs() >= 1.0 {
            self.draw_chart();
        }
    }

    /// How figures are written in sentences: money to the cent, simulated
    /// amounts in whole units, hours.
    pub(super) fn with_formatters<R>(&self, then: impl FnOnce(&Formatters<'_>) -> R) -> R {
        let (t, fmt) = (self.t, &self.fmt);
        let currency = self.ed.scenario.currency_code();
        let money = |m: Money| fmt.money(m);
        let whole = |m: Money| fmt.money_whole(m);
        let percent = |bp: i64| fmt.percent(bp);
        let hours = |e: Effort| {
            // Whole minutes, half up (effort is never negative here).
            let minutes = (e.units() + 500_000_000_000) / 1_000_000_000_000;
            t.quantity(i64::try_from(minutes).unwrap_or(0), Unit::Hours, currency)
        };
        then(&Formatters { money: &money, whole: &whole, percent: &percent, hours: &hours })
    }

    /// The verdict's paragraphs for the figures shown.
    pub(super) fn verdict(&self) -> Verdict {
        let Some(p) = &self.pricing else { return Verdict::default() };
        let bundled = bundle(&self.ed.scenario, p).ok();
        self.with_formatters(|f| {
            verdict(self.t, &self.ed.scenario, p, &self.config.models, self.simulation.as_ref(), bundled.as_ref(), f)
        })
    }

    /// The verdict, the summary bar's odds, each card's range bar and
    /// spread, the chart and table.
    pub(super) fn decisions(&mut self) {
        let Some(p) = &self.pricing else { return };
        let t = self.t;
        let sim = self.simulation.as_ref();
        let v = self.verdict();
        let simulating = if sim.is_none() { t.simulating } else { "" };
        set_text(&self.view.insight, if v.answer.is_empty() { simulating } else { &v.answer });
        set_text(&self.view.estimate, &v.estimate);
        set_text(&self.view.cap, &v.cap);
        set_text(&self.view.bundle, &v.bundle);
        let [_, odds] = self.with_formatters(|f| summary_bar(t, p, &self.config.models, sim, f));
        set_text(&self.view.summary.2, &odds);
        // One scale for every card's bar; bars only where something varies.
        let varies = sim.filter(|s| !s.exact);
        let scale = varies.and_then(|s| {
            let last = s.last();
            Scale::over(self.view.cards.iter().flat_map(|c| {
                let b = last[c.contract as usize];
                [b.p10, b.p90, p.part(c.contract).total]
            }))
        });
        let drawn: Vec<[String; 2]> = self
            .view
            .cards
            .iter()
            .map(|card| match (varies, &scale) {
                (Some(s), Some(scale)) => {
                    let i = card.contract as usize;
                    let estimated = p.part(card.contract).total;
                    let [label, line] = self.with_formatters(|f| spread(t, &s.last()[i], s.means[i], estimated, f));
                    [range_bar(scale, &s.last()[i], estimated, &label), line]
                }
                _ => [String::new(), String::new()],
            })
            .collect();
        for (card, [bar, line]) in self.view.cards.iter_mut().zip(drawn) {
            // The bar's markup is written only when it changed.
            if card.drawn != bar {
                card.bar.set_inner_html(&bar);
                card.drawn = bar;
            }
            set_text(&card.spread, &line);
        }
        show(&self.view.bars_key, scale.is_some());
        crate::web::dom::flag(&self.view.root, "data-stale", sim.is_none());
        // An open send panel shows the figures it would send.
        if self.view.send.as_ref().is_some_and(|p| !p.root.has_attribute("hidden")) {
            self.send_preview();
        }
        self.fill_table();
        self.draw_chart();
    }

    pub(super) fn draw_chart(&mut self) {
        let width = f64::from(self.view.plot.client_width());
        self.chart_width = width;
        self.draw_chart_into(&self.view.plot, if width > 0.0 { width } else { 640.0 }, None);
    }

    /// Draws the chart into `host` at `width` pixels (the widget's own, or
    /// the receipt's, which gives its `height` too).
    pub(super) fn draw_chart_into(&self, host: &Element, width: f64, height: Option<f64>) {
        let Some(p) = &self.pricing else { return };
        let likely = match break_even(&self.ed.scenario, p) {
            Ok(BreakEven::At(k)) => Some(k),
            _ => None,
        };
        let fmt = &self.fmt;
        let money = |m: Money| fmt.money_whole(m);
        let plot = Plot {
            pricing: p,
            simulation: self.simulation.as_ref(),
            models: &self.config.models,
            break_even: likely,
            x_label: self.t.chart_x,
            break_even_label: self.t.chart_break_even,
            baseline_label: self.t.baseline_part,
            money: &money,
        };
        chart::draw(host, width, height, &plot);
    }

    /// The chart's figures as rows: every simulated point (or, before the
    /// simulation, every point up to 100 changes).
    pub(super) fn fill_table(&self) {
        let Some(p) = &self.pricing else { return };
        let body = &self.view.table;
        body.set_text_content(None);
        let points: Vec<usize> = match &self.simulation {
            Some(s) => s.points.clone(),
            None => (0..p.series.len().min(101)).collect(),
        };
        for (i, &k) in points.iter().enumerate() {
            let row = child(body, "tr", "");
            let head = if k == 0 { self.t.table_start.to_owned() } else { k.to_string() };
            let th = text_child(&row, "th", "", &head);
            attr(&th, "scope", "row");
            for &c in &self.config.models {
                text_child(&row, "td", "", &self.fmt.money(p.series[k][c as usize]));
            }
            let band = match &self.simulation {
                Some(s) => {
                    let b = s.bands[i][Contract::Hourly as usize];
                    let whole = |m: Money| self.fmt.money_whole(crate::core::whole_units(m));
                    [whole(b.p10), " – ".to_owned(), whole(b.p90)].concat()
                }
                None => "…".to_owned(),
            };
            text_child(&row, "td", "", &band);
        }
    }

    /// Prices the scenario and updates what changed.
    pub fn recompute(&mut self) {
        let pricing = match price(&self.ed.scenario) {
            Ok(p) => p,
            Err(_) => {
                show(&self.view.overflow, true);
                self.pricing = None;
                return;
            }
        };
        show(&self.view.overflow, false);
        let vat = self.ed.scenario.vat;
        // The cards and the summary bar are in the same order (the models).
        for (card, summary) in self.view.cards.iter().zip(&self.view.summary.0) {
            let part = pricing.part(card.contract);
            let cents = part.total.cents().to_string();
            if card.total.get_attribute("data-cents").as_deref() != Some(cents.as_str()) {
                attr(&card.total, "data-cents", &cents);
            }
            let total = self.fmt.money(part.total);
            set_text(&card.total, &total);
            set_text(summary, &total);
            let gross = if vat > 0 {
                part.total
                    .checked_add(Pricing::vat(part.total, vat).unwrap_or_default())
                    .map(|g| fill(self.t.gross, &self.fmt.money(g)))
                    .unwrap_or_default()
            } else {
                String::new()
            };
            set_text(&card.gross, &gross);
            set_text(&card.baseline, &self.fmt.money(part.baseline));
            set_text(&card.changes, &self.fmt.money(part.changes));
            // Nothing to say before the first change.
            let churn = part
                .churn_bp()
                .filter(|_| part.changes > Money::ZERO)
                .map(|bp| fill(self.t.churn, &self.fmt.percent(bp)))
                .unwrap_or_default();
            set_text(&card.churn, &churn);
            let note = if card.contract == Contract::Capped && pricing.cap < pricing.parts[0].baseline {
                fill(self.t.cap_binds, &self.fmt.money(pricing.cap))
            } else {
                String::new()
            };
            set_text(&card.note, &note);
        }
        let [diff, _] = self.with_formatters(|f| summary_bar(self.t, &pricing, &self.config.models, None, f));
        set_text(&self.view.summary.1, &diff);
        // The "why?" texts that name figures of the settings.
        let money = |m: Money| self.fmt.money(m);
        for field in &self.view.settings {
            if let Some(why) = &field.why {
                set_text(why, &self.t.why_text(field.setting, &self.ed.scenario, &money));
            }
        }
        let baseline_note = self.clamp_note(&self.ed.scenario.baseline);
        set_text(&self.view.clamp, &baseline_note);
        show(&self.view.clamp, !baseline_note.is_empty());
        let previous = self.pricing.take();
        let offset = self.view.offset(pricing.lines.len());
        for (at, row) in self.view.rows.iter().enumerate() {
            let i = offset + at;
            let Some(line) = pricing.lines.get(i) else { continue };
            let note = match self.ed.scenario.changes.get(i) {
                Some(c) if c.share.is_none() => self.clamp_note(&c.effort),
                _ => String::new(),
            };
            let unchanged = previous.as_ref().and_then(|p| p.lines.get(i)) == Some(line)
                && row.cost.text_content().is_some_and(|t| !t.is_empty())
                && row.cost.get_attribute("data-clamp").unwrap_or_default() == note;
            if unchanged {
                continue;
            }
            attr(&row.cost, "data-clamp", &note);
            let hourly = fill(self.t.line_hourly, &self.fmt.money(line.hourly));
            let fixed = if line.is_request() {
                fill(self.t.line_fixed, &self.fmt.money(line.fixed))
            } else {
                self.t.line_covered.to_owned()
            };
            let cost =
                if note.is_empty() { format!("{hourly} · {fixed}") } else { format!("{hourly} · {fixed}. {note}") };
            set_text(&row.cost, &cost);
        }
        self.pricing = Some(pricing);
    }

    /// The results came on screen or left it: the summary bar gives way to
    /// them.
    pub fn results_in_view(&mut self, visible: bool) {
        crate::web::dom::flag(&self.view.root, "data-results-in-view", visible);
    }

    /// A field got the focus: where the summary bar would cover it, the
    /// page scrolls it clear (the browser's own scrolling into view only
    /// knows the bar through `scroll-margin`, and only when it scrolls).
    pub fn on_focus(&mut self, target: &Element) {
        let bar = self.view.summary.1.parent_element();
        let Some(bar) = bar else { return };
        let (bar, field) = (bar.get_bounding_client_rect(), target.get_bounding_client_rect());
        let shown = bar.height() > 0.0 && !self.view.root.has_attribute("data-results-in-view");
        if shown && field.top() < bar.bottom() && field.bottom() > bar.top() {
            if let Some(w) = web_sys::window() {
                w.scroll_by_with_x_and_y(0.0, field.top() - bar.bottom() - 8.0);
            }
        }
    }

    /// Where effort cannot go as low as an estimate's best case asks (the
    /// fit is clamped at zero), what the client's 1-in-10 figure is
    /// instead; empty otherwise.
    fn clamp_note(&self, range: &Range) -> String {
        let triangle = Triangle::new(range);
        if !triangle.clamped() {
            return String::new();
        }
        // Whole minutes, half up: what the hours field would show.
        let minutes = (triangle.quantile(TAIL) + 0.5) as i64;
        fill(self.t.clamp_note, &self.t.quantity(minutes, Unit::Hours, ""))
    }

    /// Speaks the totals in the live region (after typing pauses).
    pub fn announce(&mut self) {
        self.announce_due = false;
        let Some(p) = &self.pricing else { return };
        let parts: Vec<String> = self
            .view
            .cards
            .iter()
            .map(|c| format!("{} {}", self.t.contract(c.contract), self.fmt.money(p.part(c.contract).total)))
            .collect();
        set_text(&self.view.live, &fill(self.t.announce, &parts.join(", ")));
    }

    /// The detail of `changecost:ready`.
    pub fn ready_detail(&self) -> JsValue {
        self.summary()
    }

    /// Totals in cents and the number of changes, for events.
    pub(super) fn summary(&self) -> JsValue {
        object(&[("totals", self.totals_js()), ("changes", JsValue::from(self.ed.scenario.changes.len() as u32))])
    }

    pub(super) fn totals_js(&self) -> JsValue {
        match &self.pricing {
            Some(p) => object(&Contract::ALL.map(|c| (c.key(), JsValue::from(p.part(c).total.cents() as f64)))),
            None => JsValue::NULL,
        }
    }

    /// The `result` property: totals and parts per contract in cents, and
    /// the series.
    pub fn result_js(&self) -> JsValue {
        let Some(p) = &self.pricing else { return JsValue::NULL };
        let cents = |m: crate::core::Money| JsValue::from(m.cents() as f64);
        let mut pairs: Vec<(&str, JsValue)> = Contract::ALL
            .iter()
            .map(|&c| {
                let part = p.part(c);
                let churn = part.churn_bp().map_or(JsValue::NULL, |b| JsValue::from(b as f64));
                (
                    c.key(),
                    object(&[
                        ("total", cents(part.total)),
                        ("baseline", cents(part.baseline)),
                        ("changes", cents(part.changes)),
                        ("churnBp", churn),
                    ]),
                )
            })
            .collect();
        let series = js_sys::Array::new();
        for point in &p.series {
            let row = js_sys::Array::new();
            for m in point {
                row.push(&cents(*m));
            }
            series.push(&row);
        }
        pairs.push(("series", series.into()));
        object(&pairs)
    }
}
