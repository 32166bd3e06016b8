//! The widget's state and what each event does to it: parse what the client
//! typed, apply it to the scenario through the core's checks, recompute,
//! update only what changed, save, and tell the host page.

mod edit;
mod export;
mod figures;
mod language;
mod receipt;
mod send;
mod share;
mod storage;
mod timers;

pub use share::Follow;
pub use timers::{Timer, Timers};

use std::cell::RefCell;
use std::rc::Weak;

use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};

use crate::core::editor::{self, Editor};
use crate::core::i18n;
use crate::core::{configure, encode, Config, Json, Persist, Pricing, Runner, Scenario, Simulation, Texts};
use crate::web::dom::{attr, document, flag, show};
use crate::web::events::HostEvent;
use crate::web::format::Formats;
use crate::web::msg::{Action, Msg};
use crate::web::store::{self, Loaded, Store, Unreadable};
use crate::web::view::{self, View};

/// One widget's state.
pub struct App {
    host: HtmlElement,
    config: Config,
    t: &'static Texts,
    /// The locale of number formats: the tag that chose `t` (`de-CH`), or
    /// its code once the client switches language.
    locale: String,
    fmt: Formats,
    /// The scenario, its history and everything the editing rules read.
    ed: Editor,
    /// Whether a send to the endpoint is under way.
    sending: bool,
    pricing: Option<Pricing>,
    view: View,
    store: Store,
    unreadable: Option<Unreadable>,
    /// Events for the host page, sent once the state is no longer borrowed.
    pub outbox: Vec<(HostEvent, JsValue)>,
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
    /// Runs a whole simulation off the main thread (the loader's worker):
    /// called with the saved form, it returns a promise of the
    /// simulation's numbers. `None`: the simulation runs here, in slices.
    simulator: Option<js_sys::Function>,
    /// The number of the last simulation asked of the worker; a reply to
    /// an earlier one (the scenario has changed since) is dropped.
    asked: u32,
    /// The save and simulation timers.
    timers: Option<Timers>,
    /// The chart's width when it was last drawn.
    chart_width: f64,
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
    /// The language chosen in the select while its texts are fetched
    /// (language.rs).
    wanted: Option<&'static str>,
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
        // The loaded languages only (issue 24): English if it is, else the one that is.
        None => {
            let t = i18n::fallback().expect_throw("mount() checks that a language is loaded");
            (t, t.code.to_owned())
        }
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
        let store::Opened { store, loaded, fault } = Store::open(&key, config.persist, &config.defaults);
        let (saved, unreadable) = match loaded {
            Loaded::Nothing => (None, None),
            Loaded::Found(s) => (Some(s), None),
            Loaded::Unreadable(u) => (None, Some(u)),
        };
        let ed = Editor::new(&config, saved);
        attr(root, "lang", t.code);
        attr(root, "data-theme", config.theme.key());
        let view = view::build(root, t, &config, &ed);
        let fmt = Formats::new(&locale, ed.scenario.currency_code());
        let mut app = App {
            host,
            config,
            t,
            locale,
            fmt,
            ed,
            sending: false,
            pricing: None,
            view,
            store,
            unreadable: None,
            outbox: Vec::new(),
            save_due: false,
            announce_due: false,
            runner: None,
            simulation: None,
            simulation_due: true,
            simulator: None,
            asked: 0,
            timers: None,
            chart_width: 0.0,
            slot,
            weak: Weak::new(),
            shared: None,
            backup: None,
            fallback_text: String::new(),
            outbox_share: None,
            wanted: None,
        };
        if let Some(u) = unreadable {
            app.report_unreadable(u);
        }
        // Under `ask` the client has not asked to keep anything yet: storage
        // that cannot be used is told when they tick the box.
        if let Some(f) = fault.filter(|_| app.config.persist != Persist::Ask) {
            app.report_fault(&f);
        }
        app.show_keeping();
        // The totals first; the insight, chart and table follow with the
        // simulation's first slice, right after the first paint.
        app.recompute();
        app.announce_due = false;
        app
    }

    // ---- Messages -----------------------------------------------------

    /// What a DOM event asked for (see `web::msg`, where it was read).
    pub fn update(&mut self, msg: Msg) {
        match msg {
            Msg::Edit(edit) => self.edit(edit),
            Msg::Press(action) => self.press(action),
            Msg::Dismiss(notice) => notice.remove(),
            Msg::Language(t) => self.switch_language(t),
            Msg::Import(file) => self.import_file(file),
            Msg::SendInput => self.send_preview(),
            Msg::Focus(field) => self.on_focus(&field),
            Msg::Keep(on) => self.keep(on),
        }
    }

    /// A button that does not edit the scenario.
    fn press(&mut self, action: Action) {
        match action {
            Action::Earlier => {
                self.view.show_earlier(self.t, &self.ed, view::PAGE);
                self.recompute();
            }
            Action::Reset => {
                show(&self.view.confirm, true);
                if let Some(b) = self.view.confirm.query_selector("button").ok().flatten() {
                    if let Some(b) = b.dyn_ref::<HtmlElement>() {
                        let _ = b.focus();
                    }
                }
            }
            Action::ResetNo => show(&self.view.confirm, false),
            Action::Link | Action::Send | Action::Summary => self.share(action),
            Action::Print => {
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
            Action::Csv => self.export_csv(),
            Action::Json => self.export_json(),
            Action::Import => self.view.file.click(),
            Action::FallbackDownload => self.download_fallback(),
            Action::OpenShared => self.open_shared(),
            Action::IgnoreShared => self.ignore_shared(),
            Action::Restore => self.restore_previous(),
            Action::KeepShared => self.keep_shared(),
            Action::Download => self.download_unreadable(),
            Action::Discard => self.discard_unreadable(),
            Action::SendPost => self.send(),
            Action::SendCancel => self.close_send(),
            // Read as edits or a dismissal at the boundary.
            Action::Add
            | Action::Example
            | Action::ExampleRemove
            | Action::Remove
            | Action::Up
            | Action::Down
            | Action::Range
            | Action::Undo
            | Action::Redo
            | Action::ResetYes
            | Action::Dismiss => {}
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
        self.asked = self.asked.wrapping_add(1);
        crate::web::dom::flag(&self.view.root, "data-stale", true);
        self.outbox.push((HostEvent::Change, self.summary()));
        flag(&self.view.undo_redo[0], "disabled", !self.ed.can_undo());
        flag(&self.view.undo_redo[1], "disabled", !self.ed.can_redo());
        // The example is offered to an empty list, and marked while any of
        // its changes is left.
        if let Some(button) = &self.view.example.0 {
            show(button, self.ed.scenario.changes.is_empty());
        }
        show(&self.view.example.1, self.ed.example_shown());
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
        store::to_js(&encode(&self.ed.scenario))
    }

    /// Sets the whole scenario from a plain object.
    ///
    /// # Errors
    /// The message names the field; nothing changes.
    pub fn set_scenario_js(&mut self, value: &JsValue) -> Result<(), String> {
        let json: Json = store::from_js(value)?;
        let scenario = crate::core::decode(&json, &self.config.defaults).map_err(|e| e.to_string())?;
        self.ed.check_locks(&scenario)?;
        self.edit(editor::Msg::Replace(scenario));
        Ok(())
    }

    /// The host element.
    pub fn host(&self) -> &HtmlElement {
        &self.host
    }
}
