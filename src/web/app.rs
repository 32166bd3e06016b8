//! The widget's state and what each event does to it: parse what the client
//! typed, apply it to the scenario through the core's checks, recompute,
//! update only what changed, save, and tell the host page.

use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};

use crate::core::i18n::fill_n;
use crate::core::i18n::{self, fill};
use crate::core::{
    break_even, break_even_p90, break_even_text, bundle, bundle_text, configure, encode, insight, parse, price,
    validate_change, BreakEven, Config, Contract, Effort, Formatters, Json, Kind, Money, Phase, Pricing, Quantity,
    Range, Runner, Scenario, ScenarioError, Setting, Simulation, Texts, Unit,
};
use crate::web::chart::{self, Plot};
use crate::web::dom::{attr, button, child, document, set_text, show, text_child};
use crate::web::events::object;
use crate::web::format::Formats;
use crate::web::store::{self, Fault, Loaded, Store, Unreadable, Why};
use crate::web::view::{self, mark, Row, View};

/// Milliseconds of quiet typing before the scenario is saved and the live
/// region announces the totals. Leaving the page saves at once.
const QUIET_MS: i32 = 500;
/// Milliseconds of quiet typing before the simulation starts: keystrokes
/// only ever wait for the exact likely figures.
const SIMULATION_MS: i32 = 120;

/// The JS functions of the widget's two timers.
#[derive(Clone)]
pub struct Timers {
    /// Save and announce after a pause in typing.
    pub quiet: js_sys::Function,
    /// The next slice of the simulation.
    pub simulation: js_sys::Function,
}

/// Restarts the timer in `slot` to call `f` after `delay` milliseconds.
fn restart(slot: &mut Option<i32>, f: &js_sys::Function, delay: i32) {
    let Some(w) = web_sys::window() else { return };
    if let Some(id) = slot.take() {
        w.clear_timeout_with_handle(id);
    }
    *slot = w.set_timeout_with_callback_and_timeout_and_arguments_0(f, delay).ok();
}

/// A field whose text is not applied because it is invalid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// A setting.
    Setting(Setting),
    /// The currency.
    Currency,
    /// A change's title.
    Title(u32),
    /// A change's effort (or rework share).
    Effort(u32),
    /// A change's best case.
    EffortLow(u32),
    /// A change's worst case.
    EffortHigh(u32),
}

/// One widget's state.
pub struct App {
    host: HtmlElement,
    config: Config,
    t: &'static Texts,
    fmt: Formats,
    /// The last valid scenario: what the figures show.
    pub scenario: Scenario,
    pricing: Option<Pricing>,
    view: View,
    store: Store,
    unreadable: Option<Unreadable>,
    /// Texts that did not apply, retried after every successful edit.
    pending: Vec<(Key, String)>,
    /// Events for the host page, sent once the state is no longer borrowed.
    pub outbox: Vec<(&'static str, JsValue)>,
    /// Whether a save is waiting for its timer.
    save_due: bool,
    /// Whether the figures changed since the live region last spoke.
    announce_due: bool,
    /// The simulation of the current scenario, while it runs.
    runner: Option<Runner>,
    /// The simulation of the current scenario, once it has run.
    simulation: Option<Simulation>,
    /// Whether the simulation needs to (re)start or continue.
    simulation_due: bool,
    /// The timers' functions and pending ids.
    timers: Option<Timers>,
    quiet_timer: Option<i32>,
    simulation_timer: Option<i32>,
    /// The chart's width when it was last drawn.
    chart_width: f64,
}

/// The `lang` attribute, else the page's `lang`, else the browser's.
fn language(config: &Config) -> &'static Texts {
    if let Some(t) = config.lang {
        return t;
    }
    let page = document().document_element().and_then(|e| e.get_attribute("lang"));
    let browser = web_sys::window().and_then(|w| w.navigator().language());
    page.as_deref()
        .and_then(i18n::for_tag)
        .or_else(|| browser.as_deref().and_then(i18n::for_tag))
        .unwrap_or(i18n::ALL[0])
}

/// The default storage key: the page path and the element's position
/// among the page's calculators.
fn default_key(host: &HtmlElement) -> String {
    let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    let mut position = 0;
    if let Ok(all) = document().query_selector_all("change-cost") {
        for i in 0..all.length() {
            if all.get(i).is_some_and(|n| n.is_same_node(Some(host))) {
                position = i;
            }
        }
    }
    format!("{path}#{position}")
}

impl App {
    /// Reads the configuration, the saved state and builds the view into
    /// `root`.
    pub fn new(host: HtmlElement, root: &Element) -> App {
        let (config, warnings) = configure(&|name| host.get_attribute(name));
        for w in &warnings {
            web_sys::console::warn_1(&JsValue::from_str(&w.to_string()));
        }
        let t = language(&config);
        let key = config.storage_key.clone().unwrap_or_else(|| default_key(&host));
        let (store, loaded, fault) = Store::open(&key, config.persist, &config.defaults);
        let (mut scenario, unreadable) = match loaded {
            Loaded::Nothing => (config.defaults.clone(), None),
            Loaded::Found(s) => (s, None),
            Loaded::Unreadable(u) => (config.defaults.clone(), Some(u)),
        };
        apply_locks(&mut scenario, &config);
        attr(root, "lang", t.code);
        attr(root, "data-theme", config.theme.key());
        let view = view::build(root, t, &config, &scenario);
        let fmt = Formats::new(t.code, scenario.currency_code());
        let mut app = App {
            host,
            config,
            t,
            fmt,
            scenario,
            pricing: None,
            view,
            store,
            unreadable: None,
            pending: Vec::new(),
            outbox: Vec::new(),
            save_due: false,
            announce_due: false,
            runner: None,
            simulation: None,
            simulation_due: true,
            timers: None,
            quiet_timer: None,
            simulation_timer: None,
            chart_width: 0.0,
        };
        if let Some(u) = unreadable {
            app.report_unreadable(u);
        }
        if let Some(f) = fault {
            app.report_fault(&f);
        }
        app.recompute();
        app.announce_due = false;
        app.decisions();
        app
    }

    // ---- Events -------------------------------------------------------

    /// Text typed into an input.
    pub fn on_input(&mut self, target: &Element) {
        let Some(input) = view::as_input(target) else { return };
        let text = input.value();
        if let Some(which) = target.get_attribute("data-setting") {
            if which == "currency" {
                self.edit(Key::Currency, &text);
            } else if let Some(&s) = which.parse::<usize>().ok().and_then(|i| Setting::ALL.get(i)) {
                self.edit(Key::Setting(s), &text);
            }
            return;
        }
        let Some(id) = row_id(target) else { return };
        match target.get_attribute("data-part").as_deref() {
            Some("t") => self.edit(Key::Title(id), &text),
            Some("e") => self.edit(Key::Effort(id), &text),
            Some("l") => self.edit(Key::EffortLow(id), &text),
            Some("h") => self.edit(Key::EffortHigh(id), &text),
            _ => {}
        }
    }

    /// A select changed (kind, phase, rework unit).
    pub fn on_change(&mut self, target: &Element) {
        let Some(sel) = target.dyn_ref::<web_sys::HtmlSelectElement>() else { return };
        if target.get_attribute("data-part").as_deref() == Some("lang") {
            if let Some(t) = crate::core::i18n::for_tag(&sel.value()) {
                self.switch_language(t);
            }
            return;
        }
        let Some(id) = row_id(target) else { return };
        let Some(index) = self.scenario.position(id) else { return };
        let value = sel.value();
        let mut c = self.scenario.changes[index].clone();
        match target.get_attribute("data-part").as_deref() {
            Some("k") => {
                let Some(kind) = Kind::from_key(&value) else { return };
                c.kind = kind;
            }
            Some("p") => {
                let Some(phase) = Phase::from_key(&value) else { return };
                c.phase = phase;
            }
            Some("u") => c.share = (value == "share").then_some(c.share.unwrap_or(1_000)),
            _ => return,
        }
        if c.kind != Kind::Rework {
            c.share = None;
        }
        let effort_shown_changes = c.rework_share() != self.scenario.changes[index].rework_share()
            || c.kind != self.scenario.changes[index].kind;
        self.scenario.changes[index] = c;
        if effort_shown_changes {
            self.pending.retain(|(k, _)| *k != Key::Effort(id));
            self.view.rows[index].fill_effort(self.t, &self.scenario.changes[index]);
        }
        self.committed();
    }

    /// A button was pressed.
    pub fn on_click(&mut self, target: &Element) {
        let Some(button) = target.closest("button[data-action]").ok().flatten() else { return };
        match button.get_attribute("data-action").as_deref() {
            Some("add") => self.add_change(),
            Some("remove") => {
                if let Some(id) = row_id(&button) {
                    self.remove_change(id);
                }
            }
            Some(direction @ ("up" | "down")) => {
                if let Some(id) = row_id(&button) {
                    self.move_change(id, direction == "up");
                }
            }
            Some("range") => {
                if let Some(id) = row_id(&button) {
                    self.toggle_range(id);
                }
            }
            Some("download") => self.download_unreadable(),
            Some("discard") => self.discard_unreadable(),
            Some("dismiss") => {
                if let Some(n) = button.closest(".notice").ok().flatten() {
                    n.remove();
                }
            }
            _ => {}
        }
    }

    // ---- Editing ------------------------------------------------------

    /// Applies `text` to the field `key`, or shows why it cannot.
    fn edit(&mut self, key: Key, text: &str) {
        match self.try_apply(key, text) {
            Ok(()) => {
                self.pending.retain(|(k, _)| *k != key);
                self.show_message(key, None);
                self.retry_pending();
                self.committed();
            }
            Err(message) => {
                match self.pending.iter_mut().find(|(k, _)| *k == key) {
                    Some(p) => p.1 = text.to_owned(),
                    None => self.pending.push((key, text.to_owned())),
                }
                self.show_message(key, Some(&message));
            }
        }
    }

    /// Fields that were invalid may be valid now (a raised high estimate
    /// makes a likely one fit).
    fn retry_pending(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        for (key, text) in pending {
            match self.try_apply(key, &text) {
                Ok(()) => self.show_message(key, None),
                Err(message) => {
                    self.show_message(key, Some(&message));
                    self.pending.push((key, text));
                }
            }
        }
    }

    /// Parses and applies one field; the error is in the client's language.
    fn try_apply(&mut self, key: Key, text: &str) -> Result<(), String> {
        let t = self.t;
        let currency = self.scenario.currency_code().to_owned();
        let explain = |e: ScenarioError| t.problem(&e, &currency);
        match key {
            Key::Setting(s) => {
                if self.config.locked.contains(&s) {
                    return Ok(());
                }
                let value = if s == Setting::FixedPrice && text.trim().is_empty() {
                    0
                } else {
                    parse(text, t.decimal, Quantity::from(s.unit())).map_err(|e| t.parse_error(e))?
                };
                self.scenario.set(s, value).map_err(explain)
            }
            Key::Currency => {
                if self.config.currency_locked {
                    return Ok(());
                }
                self.scenario.set_currency(text).map_err(explain)?;
                self.fmt = Formats::new(t.code, self.scenario.currency_code());
                Ok(())
            }
            Key::Title(id) | Key::Effort(id) | Key::EffortLow(id) | Key::EffortHigh(id) => {
                let Some(index) = self.scenario.position(id) else { return Ok(()) };
                let mut c = self.scenario.changes[index].clone();
                let range_open = self.view.rows.get(index).is_some_and(|r| r.range_open);
                let hours = |text: &str| -> Result<u32, String> {
                    let minutes = parse(text, t.decimal, Quantity::Hours).map_err(|e| t.parse_error(e))?;
                    Ok(u32::try_from(minutes).unwrap_or(u32::MAX))
                };
                if let Key::Title(_) = key {
                    c.title = text.to_owned();
                } else if let Key::EffortLow(_) = key {
                    c.effort.low = hours(text)?;
                } else if let Key::EffortHigh(_) = key {
                    c.effort.high = hours(text)?;
                } else if c.rework_share().is_some() {
                    c.share = Some(
                        u32::try_from(parse(text, t.decimal, Quantity::Percent).map_err(|e| t.parse_error(e))?)
                            .unwrap_or(u32::MAX),
                    );
                } else if range_open {
                    c.effort.likely = hours(text)?;
                } else {
                    c.effort = Range::exact(hours(text)?);
                }
                validate_change(index, &c).map_err(explain)?;
                self.scenario.changes[index] = c;
                Ok(())
            }
        }
    }

    /// Shows or clears the message of field `key`.
    fn show_message(&self, key: Key, message: Option<&str>) {
        let target = match key {
            Key::Setting(s) => self.view.settings.iter().find(|f| f.setting == s).map(|f| (&f.input, &f.error)),
            Key::Currency => Some((&self.view.currency.0, &self.view.currency.1)),
            Key::Title(id) => self.row(id).map(|r| (&r.title, &r.title_error)),
            Key::Effort(id) => self.row(id).map(|r| (&r.effort, &r.effort_error)),
            Key::EffortLow(id) => self.row(id).map(|r| (&r.low, &r.low_error)),
            Key::EffortHigh(id) => self.row(id).map(|r| (&r.high, &r.high_error)),
        };
        if let Some((input, error)) = target {
            mark(input, error, message);
        }
    }

    fn row(&self, id: u32) -> Option<&Row> {
        self.view.rows.iter().find(|r| r.id == id)
    }

    fn add_change(&mut self) {
        if self.scenario.changes.len() >= crate::core::MAX_CHANGES {
            return;
        }
        let id = self.scenario.next_id();
        let change = crate::core::Change::new(id, "", Kind::Tweak, 60, Phase::Build);
        let index = self.scenario.changes.len();
        let row = self.view.make_row(self.t, &change, index, index + 1);
        let _ = row.title.focus();
        self.view.rows.push(row);
        self.scenario.changes.push(change);
        // The row before the new one can move down now.
        self.view.renumber(self.t, index.saturating_sub(1));
        show(&self.view.empty, false);
        self.committed();
    }

    fn remove_change(&mut self, id: u32) {
        let Some(index) = self.scenario.position(id) else { return };
        self.scenario.changes.remove(index);
        let row = self.view.rows.remove(index);
        row.el.remove();
        self.pending.retain(
            |(k, _)| !matches!(k, Key::Title(i) | Key::Effort(i) | Key::EffortLow(i) | Key::EffortHigh(i) if *i == id),
        );
        self.view.renumber(self.t, index.saturating_sub(1));
        // Keep the keyboard where it was: the next row, else the previous
        // one, else the add button.
        let next = self.view.rows.get(index).or_else(|| index.checked_sub(1).and_then(|i| self.view.rows.get(i)));
        let focus =
            next.map(|r| r.remove.clone()).or_else(|| self.view.root.query_selector("button.add").ok().flatten());
        if let Some(el) = focus.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
            let _ = el.focus();
        }
        show(&self.view.empty, self.scenario.changes.is_empty());
        self.committed();
    }

    /// Moves a change one place up or down; the keyboard stays on the
    /// button that moved it (or on its twin when it reached an end).
    fn move_change(&mut self, id: u32, up: bool) {
        let Some(index) = self.scenario.position(id) else { return };
        let other =
            if up { index.checked_sub(1) } else { Some(index + 1).filter(|&i| i < self.scenario.changes.len()) };
        let Some(other) = other else { return };
        self.scenario.changes.swap(index, other);
        self.view.rows.swap(index, other);
        let (first, second) = (index.min(other), index.max(other));
        // Put the later row's element before the earlier one's.
        let _ = self.view.list.insert_before(&self.view.rows[first].el, Some(&self.view.rows[second].el));
        self.view.renumber(self.t, first);
        let row = &self.view.rows[other];
        let button = if row.moves[usize::from(!up)].has_attribute("disabled") {
            &row.moves[usize::from(up)]
        } else {
            &row.moves[usize::from(!up)]
        };
        if let Some(b) = button.dyn_ref::<HtmlElement>() {
            let _ = b.focus();
        }
        self.committed();
    }

    /// Shows the widget in another language, keeping the scenario.
    fn switch_language(&mut self, t: &'static Texts) {
        if t == self.t {
            return;
        }
        self.t = t;
        self.pending.clear();
        self.fmt = Formats::new(t.code, self.scenario.currency_code());
        attr(&self.view.root, "lang", t.code);
        let notices = self.view.notices.clone();
        self.view = view::build(&self.view.root, t, &self.config, &self.scenario);
        // Storage notices stay (in the language they were written in).
        let _ = self.view.notices.replace_with_with_node_1(&notices);
        self.view.notices = notices;
        self.pricing = None;
        self.recompute();
        self.decisions();
        if let Some(sel) =
            self.view.root.query_selector("#lang").ok().flatten().and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ = sel.focus();
        }
    }

    /// Opens or closes a change's best / worst case. Closing makes the
    /// estimate one number again: the likely one.
    fn toggle_range(&mut self, id: u32) {
        let Some(index) = self.scenario.position(id) else { return };
        let open = !self.view.rows[index].range_open;
        self.view.rows[index].range_open = open;
        if !open {
            let likely = self.scenario.changes[index].effort.likely;
            self.scenario.changes[index].effort = Range::exact(likely);
            self.pending.retain(|(k, _)| *k != Key::EffortLow(id) && *k != Key::EffortHigh(id));
        }
        self.view.rows[index].fill_effort(self.t, &self.scenario.changes[index]);
        if open {
            let _ = self.view.rows[index].low.focus();
        } else {
            self.committed();
        }
    }

    /// After every accepted edit: figures, storage, host page.
    fn committed(&mut self) {
        self.recompute();
        self.save_due = true;
        self.announce_due = true;
        self.runner = None;
        self.simulation = None;
        self.simulation_due = true;
        crate::web::dom::flag(&self.view.root, "data-stale", true);
        self.outbox.push(("changecost:change", self.summary()));
    }

    // ---- Timers ---------------------------------------------------------

    /// Hands the app its timers' functions.
    pub fn set_timers(&mut self, timers: Timers) {
        self.timers = Some(timers);
    }

    /// Restarts the timers whose work is due after an event: the save and
    /// the announcement after a pause in typing, the simulation after a
    /// shorter one.
    pub fn schedule(&mut self) {
        let Some(timers) = self.timers.clone() else { return };
        if self.save_due || self.announce_due {
            restart(&mut self.quiet_timer, &timers.quiet, QUIET_MS);
        }
        if self.simulation_due {
            restart(&mut self.simulation_timer, &timers.simulation, SIMULATION_MS);
        }
    }

    /// Starts the first simulation at once (after mounting).
    pub fn start(&mut self) {
        if let Some(timers) = self.timers.clone() {
            restart(&mut self.simulation_timer, &timers.simulation, 0);
        }
    }

    /// The pause in typing is over: save and announce.
    pub fn quiet(&mut self) {
        self.quiet_timer = None;
        if self.save_due {
            self.save();
        }
        if self.announce_due {
            self.announce();
        }
    }

    /// The simulation timer fired: run a slice, and schedule the next one.
    pub fn simulation_tick(&mut self) {
        self.simulation_timer = None;
        if self.simulate_slice() {
            if let Some(timers) = self.timers.clone() {
                restart(&mut self.simulation_timer, &timers.simulation, 0);
            }
        }
    }

    /// Saves now what is due (the page is going away).
    pub fn flush(&mut self) {
        if self.save_due {
            self.save();
        }
    }

    /// Stops both timers and saves what is due (the widget is going away).
    pub fn stop(&mut self) {
        if let Some(w) = web_sys::window() {
            for id in [self.quiet_timer.take(), self.simulation_timer.take()].into_iter().flatten() {
                w.clear_timeout_with_handle(id);
            }
        }
        self.runner = None;
        self.flush();
    }

    /// The element the chart is drawn into, for the resize observer.
    pub fn plot(&self) -> Element {
        self.view.plot.clone()
    }

    // ---- Simulation and decisions --------------------------------------

    /// Runs the next slice of the simulation (about 200,000 priced changes,
    /// a few milliseconds), starting it if needed; `true` when more slices
    /// are due. Decisions are redrawn at the first slice and at the end.
    pub fn simulate_slice(&mut self) -> bool {
        self.simulation_due = false;
        let first = self.runner.is_none();
        if first {
            match Runner::new(&self.scenario) {
                Ok(r) => self.runner = Some(r),
                Err(_) => return false,
            }
        }
        let slice = (200_000 / (self.scenario.changes.len() + 1)).max(20);
        let Some(runner) = self.runner.as_mut() else { return false };
        match runner.advance(slice) {
            Ok(true) => {
                self.simulation = self.runner.take().map(Runner::finish);
                self.decisions();
                false
            }
            Ok(false) => {
                if first {
                    self.decisions();
                }
                self.simulation_due = true;
                true
            }
            Err(_) => {
                self.runner = None;
                false
            }
        }
    }

    /// Redraws the chart if its width changed.
    pub fn resized(&mut self) {
        let width = f64::from(self.view.plot.client_width());
        if (width - self.chart_width).abs() >= 1.0 {
            self.draw_chart();
        }
    }

    /// The insight, break-even, bundling, spreads, chart and table.
    fn decisions(&mut self) {
        let Some(p) = &self.pricing else { return };
        let (t, fmt) = (self.t, &self.fmt);
        let currency = self.scenario.currency_code();
        let money = |m: Money| fmt.money(m);
        let percent = |bp: i64| fmt.percent(bp);
        let hours =
            |e: Effort| t.quantity(i64::try_from(e.units() / 1_000_000_000_000).unwrap_or(0), Unit::Hours, currency);
        let f = Formatters { money: &money, percent: &percent, hours: &hours };
        let sim = self.simulation.as_ref();
        let bundled = bundle(&self.scenario, p).ok();
        let odds = sim.map(|s| s.fixed_cheaper_bp);
        set_text(&self.view.insight, &insight(t, p, odds, bundled.as_ref(), &f));
        let likely = break_even(&self.scenario, p).unwrap_or(BreakEven::Never);
        set_text(&self.view.break_even, &break_even_text(t, likely, sim.map(break_even_p90), &f));
        let bundle_line = match &bundled {
            Some(b) if p.lines.len() > 1 => bundle_text(t, b, &f),
            _ => String::new(),
        };
        set_text(&self.view.bundle, &bundle_line);
        for card in &self.view.cards {
            let text = match sim {
                Some(s) => {
                    let b = s.last()[card.contract as usize];
                    fill_n(t.spread, &[&fmt.money(b.p10), &fmt.money(b.p50), &fmt.money(b.p90)])
                }
                None => t.simulating.to_owned(),
            };
            set_text(&card.spread, &text);
        }
        crate::web::dom::flag(&self.view.root, "data-stale", sim.is_none());
        self.fill_table();
        self.draw_chart();
    }

    fn draw_chart(&mut self) {
        let Some(p) = &self.pricing else { return };
        let width = f64::from(self.view.plot.client_width());
        self.chart_width = width;
        let likely = match break_even(&self.scenario, p) {
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
        chart::draw(&self.view.plot, if width > 0.0 { width } else { 640.0 }, &plot);
    }

    /// The chart's figures as rows: every simulated point (or, before the
    /// simulation, every point up to 100 changes).
    fn fill_table(&self) {
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
                    format!("{} – {}", self.fmt.money(b.p10), self.fmt.money(b.p90))
                }
                None => "…".to_owned(),
            };
            text_child(&row, "td", "", &band);
        }
    }

    // ---- Figures ------------------------------------------------------

    /// Prices the scenario and updates what changed.
    pub fn recompute(&mut self) {
        let pricing = match price(&self.scenario) {
            Ok(p) => p,
            Err(_) => {
                show(&self.view.overflow, true);
                self.pricing = None;
                return;
            }
        };
        show(&self.view.overflow, false);
        let vat = self.scenario.vat;
        for card in &self.view.cards {
            let part = pricing.part(card.contract);
            let cents = part.total.cents().to_string();
            if card.total.get_attribute("data-cents").as_deref() != Some(cents.as_str()) {
                attr(&card.total, "data-cents", &cents);
            }
            set_text(&card.total, &self.fmt.money(part.total));
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
            let churn = part.churn_bp().map(|bp| fill(self.t.churn, &self.fmt.percent(bp))).unwrap_or_default();
            set_text(&card.churn, &churn);
            let note = if card.contract == Contract::Capped && pricing.cap < pricing.parts[0].baseline {
                fill(self.t.cap_binds, &self.fmt.money(pricing.cap))
            } else {
                String::new()
            };
            set_text(&card.note, &note);
        }
        let previous = self.pricing.take();
        for (i, (line, row)) in pricing.lines.iter().zip(&self.view.rows).enumerate() {
            let unchanged = previous.as_ref().and_then(|p| p.lines.get(i)) == Some(line)
                && row.cost.text_content().is_some_and(|t| !t.is_empty());
            if unchanged {
                continue;
            }
            let hourly = fill(self.t.line_hourly, &self.fmt.money(line.hourly));
            let fixed = if line.is_request() {
                fill(self.t.line_fixed, &self.fmt.money(line.fixed))
            } else {
                self.t.line_covered.to_owned()
            };
            set_text(&row.cost, &format!("{hourly} · {fixed}"));
        }
        self.pricing = Some(pricing);
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
    fn summary(&self) -> JsValue {
        object(&[("totals", self.totals_js()), ("changes", JsValue::from(self.scenario.changes.len() as u32))])
    }

    fn totals_js(&self) -> JsValue {
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

    // ---- The scenario property ---------------------------------------

    /// The `scenario` property: the saved form as a plain object.
    pub fn scenario_js(&self) -> JsValue {
        store::to_js(&encode(&self.scenario))
    }

    /// Sets the whole scenario from a plain object.
    ///
    /// # Errors
    /// The message names the field; nothing changes.
    pub fn set_scenario_js(&mut self, value: &JsValue) -> Result<(), String> {
        let json: Json = store::from_js(value)?;
        let scenario = crate::core::decode(&json, &self.config.defaults).map_err(|e| e.to_string())?;
        let mut locked = scenario.clone();
        apply_locks(&mut locked, &self.config);
        if let Some(&setting) = self.config.locked.iter().find(|&&s| locked.get(s) != scenario.get(s)) {
            return Err(format!("{}: is locked by the consultant (lock=\"{}\")", setting.key(), setting.attr()));
        }
        if locked.currency != scenario.currency {
            return Err("currency: is locked by the consultant (lock=\"currency\")".to_owned());
        }
        self.replace_scenario(scenario);
        Ok(())
    }

    /// Shows `scenario` in place of the current one.
    fn replace_scenario(&mut self, scenario: Scenario) {
        self.scenario = scenario;
        self.pending.clear();
        self.fmt = Formats::new(self.t.code, self.scenario.currency_code());
        self.view.fill_settings(self.t, &self.scenario);
        self.view.fill_rows(self.t, &self.scenario);
        self.pricing = None;
        self.committed();
    }

    // ---- Storage --------------------------------------------------------

    /// Writes the scenario to storage now.
    pub fn save(&mut self) {
        self.save_due = false;
        if let Err(f) = self.store.save(&self.scenario) {
            self.report_fault(&f);
        }
    }

    fn report_fault(&mut self, fault: &Fault) {
        let (class, text) = match fault {
            Fault::Full => ("full", self.t.storage_full),
            Fault::Unavailable(_) => ("unavailable", self.t.no_storage),
        };
        if self.view.notices.query_selector(&format!(".notice.{class}")).ok().flatten().is_none() {
            let n = self.notice(class, text);
            button(&n, "link", self.t.dismiss, "dismiss");
        }
        let detail = match fault {
            Fault::Full => "QuotaExceededError".to_owned(),
            Fault::Unavailable(m) => m.clone(),
        };
        web_sys::console::warn_1(&JsValue::from_str(&format!("changecost: storage: {detail}")));
        self.outbox.push((
            "changecost:error",
            object(&[("message", JsValue::from_str(text)), ("detail", JsValue::from_str(&detail))]),
        ));
    }

    fn report_unreadable(&mut self, u: Unreadable) {
        let currency = self.scenario.currency_code().to_owned();
        let reason = match &u.why {
            Why::NotJson(m) => m.clone(),
            Why::Invalid(e) => self.t.problem_in_field(e, &currency),
        };
        let text = fill(self.t.unreadable, &reason);
        let n = self.notice("unreadable", &text);
        let actions = child(&n, "div", "actions");
        button(&actions, "", self.t.download, "download");
        button(&actions, "", self.t.discard, "discard");
        let detail = match &u.why {
            Why::NotJson(m) => m.clone(),
            Why::Invalid(e) => e.to_string(),
        };
        web_sys::console::warn_1(&JsValue::from_str(&format!(
            "changecost: kept the unreadable saved state under {}: {detail}",
            self.store.key()
        )));
        self.outbox.push((
            "changecost:error",
            object(&[("message", JsValue::from_str(&text)), ("detail", JsValue::from_str(&detail))]),
        ));
        self.unreadable = Some(u);
    }

    fn notice(&self, class: &str, text: &str) -> Element {
        let n = child(&self.view.notices, "div", &format!("notice {class}"));
        attr(&n, "role", "alert");
        text_child(&n, "p", "", text);
        n
    }

    fn download_unreadable(&self) {
        if let Some(u) = &self.unreadable {
            crate::web::dom::download("changecost-saved-state.json", &u.raw);
        }
    }

    fn discard_unreadable(&mut self) {
        self.unreadable = None;
        if let Err(f) = self.store.replace(&self.scenario) {
            self.report_fault(&f);
        }
        if let Some(n) = self.view.notices.query_selector(".notice.unreadable").ok().flatten() {
            n.remove();
        }
    }

    /// The host element.
    pub fn host(&self) -> &HtmlElement {
        &self.host
    }
}

/// Locked settings always take the consultant's value, also over a saved
/// state from before the lock.
fn apply_locks(s: &mut Scenario, config: &Config) {
    // The baseline's three estimates move together, so that a lock never
    // leaves them out of order.
    let baseline = [Setting::Hours, Setting::HoursLow, Setting::HoursHigh];
    if config.locked.iter().any(|l| baseline.contains(l)) {
        s.baseline = config.defaults.baseline;
    }
    for &setting in &config.locked {
        let _ = s.set(setting, config.defaults.get(setting));
    }
    if config.currency_locked {
        s.currency = config.defaults.currency;
    }
}

/// The `data-change-id` of the row around `el`.
fn row_id(el: &Element) -> Option<u32> {
    el.closest("[data-change-id]").ok().flatten()?.get_attribute("data-change-id")?.parse().ok()
}
