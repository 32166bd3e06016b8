//! The widget's state and what each event does to it: parse what the client
//! typed, apply it to the scenario through the core's checks, recompute,
//! update only what changed, save, and tell the host page.

mod edit;
mod export;
mod figures;
mod receipt;
mod send;
mod share;
mod storage;
mod timers;

pub use share::Follow;
pub use timers::Timers;

use std::cell::RefCell;
use std::rc::Weak;

use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};

use crate::core::i18n::{self, fill, fill_n};
use crate::core::{
    break_even, break_even_p90, break_even_text, bundle, bundle_text, configure, encode, insight, parse, price,
    validate_change, BreakEven, Config, Contract, Effort, Formatters, History, Json, Kind, Money, Phase, Pricing,
    Quantity, Range, Runner, Scenario, ScenarioError, Setting, Simulation, Texts, Triangle, Unit, TAIL,
};
use crate::web::chart::{self, Plot};
use crate::web::dom::{attr, button, child, document, flag, set_text, show, text_child};
use crate::web::events::object;
use crate::web::format::Formats;
use crate::web::store::{self, Fault, Loaded, Store, Unreadable, Why};
use crate::web::view::{self, mark, Row, View};

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

impl Key {
    /// A number for the field, so that undo can tell fields apart.
    fn id(self) -> u64 {
        let (kind, n) = match self {
            Key::Setting(s) => (0, u64::from(s.wire())),
            Key::Currency => (1, 0),
            Key::Title(id) => (2, u64::from(id)),
            Key::Effort(id) => (3, u64::from(id)),
            Key::EffortLow(id) => (4, u64::from(id)),
            Key::EffortHigh(id) => (5, u64::from(id)),
        };
        kind << 32 | n
    }
}

/// One widget's state.
pub struct App {
    host: HtmlElement,
    config: Config,
    t: &'static Texts,
    /// The locale of number formats: the tag that chose `t` (`de-CH`), or
    /// its code once the client switches language.
    locale: String,
    fmt: Formats,
    /// The last valid scenario: what the figures show.
    pub scenario: Scenario,
    /// The ids of the changes the example button added (for its note and
    /// its one-step removal); not saved.
    example_ids: Vec<u32>,
    /// Whether a send to the endpoint is under way.
    sending: bool,
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
    /// Snapshots for undo and redo.
    history: History<Scenario>,
    /// This calculator's position among the page's calculators.
    slot: u8,
    /// The app itself, for callbacks of promises.
    weak: Weak<RefCell<App>>,
    /// A shared scenario offered from the address, not yet opened.
    shared: Option<Scenario>,
    /// The client's own scenario while a shared one is open.
    backup: Option<Scenario>,
    /// The text of the clipboard fallback, for its download button.
    fallback_text: String,
    /// A `changecost:share` event to send, with what follows unless the
    /// host page cancels it.
    pub outbox_share: Option<(JsValue, String, Follow)>,
}

/// The `lang` attribute, else the page's `lang`, else the browser's; with
/// the locale for number formats: the tag that chose the language, so
/// that `de-CH` and `de-AT` keep their region's formats.
fn language(config: &Config) -> (&'static Texts, String) {
    if let Some(t) = config.lang {
        return (t, config.lang_tag.clone().unwrap_or_else(|| t.code.to_owned()));
    }
    let page = document().document_element().and_then(|e| e.get_attribute("lang"));
    let browser = web_sys::window().and_then(|w| w.navigator().language());
    let chosen = [page, browser].into_iter().flatten().find_map(|tag| i18n::for_tag(&tag).map(|t| (t, tag)));
    match chosen {
        Some((t, tag)) => (t, i18n::locale(&tag).unwrap_or_else(|| t.code.to_owned())),
        None => (i18n::ALL[0], i18n::ALL[0].code.to_owned()),
    }
}

/// The default storage key: the page path and the element's position
/// among the page's calculators.
fn default_key(host: &HtmlElement) -> String {
    let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    [path, "#".to_owned(), position(host).to_string()].concat()
}

/// The element's position among the page's calculators.
fn position(host: &HtmlElement) -> u32 {
    let Ok(all) = document().query_selector_all("change-cost") else { return 0 };
    (0..all.length()).find(|&i| all.get(i).is_some_and(|n| n.is_same_node(Some(host)))).unwrap_or(0)
}

impl App {
    /// Reads the configuration, the saved state and builds the view into
    /// `root`.
    pub fn new(host: HtmlElement, root: &Element) -> App {
        let slot = u8::try_from(position(&host)).unwrap_or(u8::MAX);
        let (config, warnings) = configure(&|name| host.get_attribute(name));
        for w in &warnings {
            web_sys::console::warn_1(&JsValue::from_str(&w.to_string()));
        }
        let (t, locale) = language(&config);
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
        let fmt = Formats::new(&locale, scenario.currency_code());
        let mut app = App {
            host,
            config,
            t,
            locale,
            fmt,
            scenario,
            example_ids: Vec::new(),
            sending: false,
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
            history: History::default(),
            slot,
            weak: Weak::new(),
            shared: None,
            backup: None,
            fallback_text: String::new(),
            outbox_share: None,
        };
        if let Some(u) = unreadable {
            app.report_unreadable(u);
        }
        if let Some(f) = fault {
            app.report_fault(&f);
        }
        // The totals first; the insight, chart and table follow with the
        // simulation's first slice, right after the first paint.
        app.recompute();
        app.announce_due = false;
        app
    }

    // ---- Events -------------------------------------------------------

    /// Text typed into an input.
    pub fn on_input(&mut self, target: &Element) {
        if target.closest("section.send").ok().flatten().is_some() {
            self.send_preview();
            return;
        }
        let Some(input) = view::as_input(target) else { return };
        if let Some(key) = self.key_of(&input) {
            self.edit(key, &input.value());
        }
    }

    /// The field an input edits.
    fn key_of(&self, input: &web_sys::HtmlInputElement) -> Option<Key> {
        if let Some(which) = input.get_attribute("data-setting") {
            if which == "currency" {
                return Some(Key::Currency);
            }
            return which.parse::<u8>().ok().and_then(Setting::from_wire).map(Key::Setting);
        }
        let id = row_id(input)?;
        match input.get_attribute("data-part").as_deref() {
            Some("t") => Some(Key::Title(id)),
            Some("e") => Some(Key::Effort(id)),
            Some("l") => Some(Key::EffortLow(id)),
            Some("h") => Some(Key::EffortHigh(id)),
            _ => None,
        }
    }

    /// A select changed (kind, phase, rework unit).
    pub fn on_change(&mut self, target: &Element) {
        if target.get_attribute("data-part").as_deref() == Some("file") {
            let file = self.view.file.files().and_then(|list| list.get(0));
            self.view.file.set_value("");
            if let Some(file) = file {
                self.import_file(file);
            }
            return;
        }
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
        self.remember();
        self.scenario.changes[index] = c;
        if effort_shown_changes {
            self.pending.retain(|(k, _)| *k != Key::Effort(id));
            if let Some(at) = self.view.row_at(index, self.scenario.changes.len()) {
                self.view.rows[at].fill_effort(self.t, &self.scenario.changes[index]);
            }
        }
        self.committed();
    }

    /// A button was pressed.
    pub fn on_click(&mut self, target: &Element) {
        let Some(button) = target.closest("button[data-action]").ok().flatten() else { return };
        match button.get_attribute("data-action").as_deref() {
            Some("add") => self.add_change(),
            Some("example") => self.add_example(),
            Some("example-remove") => self.remove_example(),
            Some("send-post") => self.send(),
            Some("send-cancel") => self.close_send(),
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
            Some("earlier") => {
                self.view.show_earlier(self.t, &self.scenario, view::PAGE);
                self.recompute();
            }
            Some("undo") => self.undo(),
            Some("redo") => self.redo(),
            Some("reset") => {
                show(&self.view.confirm, true);
                if let Some(b) = self.view.confirm.query_selector("button").ok().flatten() {
                    if let Some(b) = b.dyn_ref::<HtmlElement>() {
                        let _ = b.focus();
                    }
                }
            }
            Some("reset-yes") => self.reset(),
            Some("reset-no") => show(&self.view.confirm, false),
            Some(action @ ("link" | "send" | "summary")) => self.share(action),
            Some("print") => {
                // Marks this calculator as the one to print, and builds its
                // receipt now: print() fires beforeprint synchronously,
                // while this calculator is busy in this very click. The
                // others hear beforeprint and leave themselves out.
                flag(&self.host, "data-printing", true);
                self.build_receipt();
                if let Some(w) = web_sys::window() {
                    let _ = w.print();
                }
                flag(&self.host, "data-printing", false);
            }
            Some("csv") => self.export_csv(),
            Some("json") => self.export_json(),
            Some("import") => self.view.file.click(),
            Some("fallback-download") => self.download_fallback(),
            Some("open-shared") => self.open_shared(),
            Some("ignore-shared") => self.ignore_shared(),
            Some("restore") => self.restore_previous(),
            Some("keep-shared") => self.keep_shared(),
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

    /// After every accepted edit: figures, storage, host page.
    pub(super) fn committed(&mut self) {
        self.recompute();
        self.save_due = true;
        self.announce_due = true;
        self.runner = None;
        self.simulation = None;
        self.simulation_due = true;
        crate::web::dom::flag(&self.view.root, "data-stale", true);
        self.outbox.push(("changecost:change", self.summary()));
        flag(&self.view.undo_redo[0], "disabled", !self.history.can_undo());
        flag(&self.view.undo_redo[1], "disabled", !self.history.can_redo());
        // The example is offered to an empty list, and marked while any of
        // its changes is left.
        let empty = self.scenario.changes.is_empty();
        if let Some(button) = &self.view.example.0 {
            show(button, empty);
        }
        // Checked on every accepted edit: nothing to look for without an example.
        let marked =
            !self.example_ids.is_empty() && self.scenario.changes.iter().any(|c| self.example_ids.contains(&c.id));
        show(&self.view.example.1, marked);
    }

    /// Hands the app a weak reference to itself, for promise callbacks,
    /// and offers a share link in the address.
    pub fn attach(&mut self, weak: Weak<RefCell<App>>) {
        self.weak = weak;
        self.offer_shared();
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
        self.remember();
        self.replace_scenario(scenario);
        Ok(())
    }

    /// Shows `scenario` in place of the current one.
    pub(super) fn replace_scenario(&mut self, scenario: Scenario) {
        self.scenario = scenario;
        self.pending.clear();
        self.fmt = Formats::new(&self.locale, self.scenario.currency_code());
        self.view.fill_settings(self.t, &self.scenario);
        self.view.fill_rows(self.t, &self.scenario);
        self.pricing = None;
        self.committed();
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
