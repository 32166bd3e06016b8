//! The figures: exact totals on every keystroke; the simulation, chart,
//! verdict and table after it; the values for events and `result`.

use super::App;
use crate::core::decide::{break_even, bundle, BreakEven};
use crate::core::effort::Effort;
use crate::core::i18n::fill;
use crate::core::insight::{spread, summary_bar, verdict, whole_units, Formatters, Verdict};
use crate::core::json::Json;
use crate::core::money::Money;
use crate::core::parse::integer;
use crate::core::pricing::{price, Pricing};
use crate::core::rangebar::{range_bar, Scale};
use crate::core::saved::encode;
use crate::core::scenario::{Contract, Range, Unit};
use crate::core::simulate::{Runner, Simulation, Triangle, TAIL};
use crate::core::ui::chart::{chart, Plot};
use crate::core::ui::host::Host;
use crate::core::ui::paint::ROOT;
use crate::core::ui::view::id;

/// Milliseconds of simulation per slice.
const SLICE_MS: f64 = 8.0;

/// A number for a JSON tree.
fn num(x: f64) -> Json {
    Json::Num(x)
}

/// A JSON object from `(key, value)` pairs.
pub(super) fn object(pairs: Vec<(&str, Json)>) -> Json {
    Json::Obj(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

impl App {
    /// Runs the next slice of the simulation (about 8 ms of trials, so that
    /// a keystroke waits at most that long), starting it if needed; `true`
    /// when more slices are due. Decisions are redrawn at the first slice
    /// and at the end.
    pub(super) fn simulate_slice(&mut self, host: &dyn Host) -> bool {
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
        let start = host.now();
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
            if settled || host.now() - start >= SLICE_MS {
                break;
            }
        }
        if settled {
            self.simulation = self.runner.take().map(Runner::finish);
            self.decisions(host);
            return false;
        }
        if first {
            self.decisions(host);
        }
        self.simulation_due = true;
        true
    }

    /// Hands the whole simulation to the host's worker; `false` where there
    /// is none (the simulation then runs here, in slices). The decisions are
    /// drawn when it replies.
    pub(super) fn simulate_elsewhere(&mut self, host: &mut dyn Host) -> bool {
        if !self.worker || !host.simulate(self.asked, &encode(&self.ed.scenario)) {
            self.worker = false;
            return false;
        }
        self.simulation_due = false;
        // Right after mounting, the verdict, chart and table are drawn at
        // once from the figures as estimated; afterwards the last drawing
        // stays, marked stale, until the reply (one drawing per edit).
        if self.asked == 0 {
            self.decisions(host);
        }
        true
    }

    /// The worker's reply to simulation `asked`: drawn if the scenario is
    /// still the one it simulated; `None` (or anything but a simulation)
    /// is a failure, and the simulation runs here from now on, starting
    /// with the one that was asked.
    pub fn simulated(&mut self, host: &mut dyn Host, asked: u32, numbers: Option<&[f64]>) {
        if asked != self.asked {
            return;
        }
        match numbers.and_then(Simulation::from_numbers) {
            Some(simulation) => {
                self.simulation = Some(simulation);
                self.decisions(host);
            }
            None => {
                self.worker = false;
                self.simulation_due = true;
                self.schedule(host);
            }
        }
        self.end(host);
    }

    /// The chart's area is `width` pixels wide: redrawn if that changed.
    pub fn resized(&mut self, host: &mut dyn Host, width: f64) {
        if (width - self.chart_width).abs() >= 1.0 {
            self.chart_width = width;
            self.draw_chart();
            self.end(host);
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
    pub(super) fn decisions(&mut self, host: &dyn Host) {
        let Some(p) = &self.pricing else { return };
        let t = self.t;
        let sim = self.simulation.as_ref();
        let v = self.verdict();
        let simulating = if sim.is_none() { t.simulating } else { "" };
        let [_, odds] = self.with_formatters(|f| summary_bar(t, p, &self.config.models, sim, f));
        // One scale for every card's bar; bars only where something varies.
        let varies = sim.filter(|s| !s.exact);
        let scale = varies.and_then(|s| {
            let last = s.last();
            Scale::over(self.config.models.iter().flat_map(|&c| {
                let b = last[c as usize];
                [b.p10, b.p90, p.part(c).total]
            }))
        });
        let drawn: Vec<[String; 2]> = self
            .config
            .models
            .iter()
            .map(|&c| match (varies, &scale) {
                (Some(s), Some(scale)) => {
                    let i = c as usize;
                    let estimated = p.part(c).total;
                    let [label, line] = self.with_formatters(|f| spread(t, &s.last()[i], s.means[i], estimated, f));
                    [range_bar(scale, &s.last()[i], estimated, &label), line]
                }
                _ => [String::new(), String::new()],
            })
            .collect();
        self.paint.text(id::INSIGHT, if v.answer.is_empty() { simulating } else { &v.answer });
        self.paint.text(id::ESTIMATE, &v.estimate);
        self.paint.text(id::CAP, &v.cap);
        self.paint.text(id::BUNDLE, &v.bundle);
        self.paint.text(id::SUMMARY_ODDS, &odds);
        let models = self.config.models.clone();
        for (i, (c, [bar, line])) in models.iter().zip(drawn).enumerate() {
            self.paint.html(&id::card(*c, "bar"), &bar);
            self.paint.text(&id::card(*c, "spread"), &line);
            self.drawn[i] = bar;
            self.spreads[i] = line;
        }
        self.paint.show(id::BARS_KEY, scale.is_some());
        self.paint.flag(ROOT, "data-stale", sim.is_none());
        // An open send panel shows the figures it would send.
        if self.form.open {
            self.send_preview(host);
        }
        self.fill_table();
        self.draw_chart();
    }

    fn draw_chart(&mut self) {
        let width = if self.chart_width > 0.0 { self.chart_width } else { 640.0 };
        let markup = self.chart_markup(width, None);
        self.paint.html(id::PLOT, &markup);
    }

    /// The chart at `width` pixels (the widget's own, or the receipt's,
    /// which gives its `height` too); empty without figures.
    pub(super) fn chart_markup(&self, width: f64, height: Option<f64>) -> String {
        let Some(p) = &self.pricing else { return String::new() };
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
        chart(width, height, &plot)
    }

    /// The chart's figures as rows: every simulated point (or, before the
    /// simulation, every point up to 100 changes).
    fn fill_table(&mut self) {
        let Some(p) = &self.pricing else { return };
        let points: Vec<usize> = match &self.simulation {
            Some(s) => s.points.clone(),
            None => (0..p.series.len().min(101)).collect(),
        };
        let mut h = crate::core::html::Html::default();
        for (i, &k) in points.iter().enumerate() {
            h.open("tr", &[]);
            let head = if k == 0 { self.t.table_start.to_owned() } else { integer(k as i64) };
            h.leaf("th", &[("scope", "row")], &head);
            for &c in &self.config.models {
                h.leaf("td", &[], &self.fmt.money(p.series[k][c as usize]));
            }
            let band = match &self.simulation {
                Some(s) => {
                    let b = s.bands[i][Contract::Hourly as usize];
                    let whole = |m: Money| self.fmt.money_whole(whole_units(m));
                    [whole(b.p10).as_str(), " – ", &whole(b.p90)].concat()
                }
                None => "…".to_owned(),
            };
            h.leaf("td", &[], &band);
            h.close("tr");
        }
        let markup = h.into_string();
        self.paint.html(id::TABLE, &markup);
    }

    /// Prices the scenario and updates what changed.
    pub(super) fn recompute(&mut self) {
        let pricing = match price(&self.ed.scenario) {
            Ok(p) => p,
            Err(_) => {
                self.paint.show(id::OVERFLOW, true);
                self.pricing = None;
                return;
            }
        };
        self.paint.show(id::OVERFLOW, false);
        let (t, vat) = (self.t, self.ed.scenario.vat);
        // The cards and the summary bar are in the same order (the models).
        for c in self.config.models.clone() {
            let part = pricing.part(c);
            let total = self.fmt.money(part.total);
            self.paint.attr(&id::card(c, "total"), "data-cents", &integer(part.total.cents()));
            self.paint.text(&id::card(c, "total"), &total);
            self.paint.text(&id::summary(c), &total);
            let gross = if vat > 0 {
                part.total
                    .checked_add(Pricing::vat(part.total, vat).unwrap_or_default())
                    .map(|g| fill(t.gross, &self.fmt.money(g)))
                    .unwrap_or_default()
            } else {
                String::new()
            };
            self.paint.text(&id::card(c, "gross"), &gross);
            self.paint.text(&id::card(c, "baseline"), &self.fmt.money(part.baseline));
            self.paint.text(&id::card(c, "changes"), &self.fmt.money(part.changes));
            // Nothing to say before the first change.
            let churn = part
                .churn_bp()
                .filter(|_| part.changes > Money::ZERO)
                .map(|bp| fill(t.churn, &self.fmt.percent(bp)))
                .unwrap_or_default();
            self.paint.text(&id::card(c, "churn"), &churn);
            let note = if c == Contract::Capped && pricing.cap < pricing.parts[0].baseline {
                fill(t.cap_binds, &self.fmt.money(pricing.cap))
            } else {
                String::new()
            };
            self.paint.text(&id::card(c, "note"), &note);
        }
        let [diff, _] = self.with_formatters(|f| summary_bar(t, &pricing, &self.config.models, None, f));
        self.paint.text(id::SUMMARY_DIFF, &diff);
        // The "why?" texts that name figures of the settings.
        for setting in crate::core::scenario::Setting::ALL {
            if t.why(setting).text.contains('{') {
                let text = t.why_text(setting, &self.ed.scenario, &|m| self.fmt.money(m));
                self.paint.text(&id::why(setting), &text);
            }
        }
        let baseline_note = self.clamp_note(&self.ed.scenario.baseline);
        self.paint.text(id::CLAMP, &baseline_note);
        self.paint.show(id::CLAMP, !baseline_note.is_empty());
        let count = pricing.lines.len();
        let offset = self.offset(count);
        for (at, row) in self.rows.clone().into_iter().enumerate() {
            let i = offset + at;
            let Some(line) = pricing.lines.get(i) else { continue };
            let note = match self.ed.scenario.changes.get(i) {
                Some(c) if c.share.is_none() => self.clamp_note(&c.effort),
                _ => String::new(),
            };
            let hourly = fill(t.line_hourly, &self.fmt.money(line.hourly));
            let fixed = if line.is_request() {
                fill(t.line_fixed, &self.fmt.money(line.fixed))
            } else {
                t.line_covered.to_owned()
            };
            let cost = if note.is_empty() {
                [hourly.as_str(), " · ", &fixed].concat()
            } else {
                [hourly.as_str(), " · ", &fixed, ". ", &note].concat()
            };
            self.paint.text(&id::part(row, "cost"), &cost);
        }
        self.pricing = Some(pricing);
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
    pub(super) fn announce(&mut self) {
        self.announce_due = false;
        let Some(p) = &self.pricing else { return };
        let mut parts = String::new();
        for &c in &self.config.models {
            if !parts.is_empty() {
                parts.push_str(", ");
            }
            parts.push_str(&[self.t.contract(c), " ", &self.fmt.money(p.part(c).total)].concat());
        }
        let text = fill(self.t.announce, &parts);
        self.paint.text(id::LIVE, &text);
    }

    /// Totals in cents and the number of changes, for events.
    pub fn summary(&self) -> Json {
        object(vec![("totals", self.totals()), ("changes", num(self.ed.scenario.changes.len() as f64))])
    }

    fn totals(&self) -> Json {
        match &self.pricing {
            Some(p) => object(Contract::ALL.iter().map(|&c| (c.key(), num(p.part(c).total.cents() as f64))).collect()),
            None => Json::Null,
        }
    }

    /// The `result` property: totals and parts per contract in cents, and
    /// the series.
    pub fn result(&self) -> Json {
        let Some(p) = &self.pricing else { return Json::Null };
        let cents = |m: Money| num(m.cents() as f64);
        let mut pairs: Vec<(&str, Json)> = Contract::ALL
            .iter()
            .map(|&c| {
                let part = p.part(c);
                let churn = part.churn_bp().map_or(Json::Null, |b| num(b as f64));
                (
                    c.key(),
                    object(vec![
                        ("total", cents(part.total)),
                        ("baseline", cents(part.baseline)),
                        ("changes", cents(part.changes)),
                        ("churnBp", churn),
                    ]),
                )
            })
            .collect();
        let series = p.series.iter().map(|point| Json::Arr(point.iter().map(|&m| cents(m)).collect())).collect();
        pairs.push(("series", Json::Arr(series)));
        object(pairs)
    }
}
