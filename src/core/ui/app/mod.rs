//! The widget's state and what each event does to it: parse what the client
//! typed, apply it to the scenario through the core's checks, recompute,
//! update only what changed, save, and tell the host page. Every effect on
//! the page goes through the [`Host`]: DOM updates as one [`Paint`] string
//! per event, storage, timers and the rest as calls.

mod edit;
mod export;
mod figures;
mod language;
mod print;
mod send;
mod share;
mod storage;
mod timers;

pub use export::{File, MAX_IMPORT};
pub use send::SendError;
pub use share::Follow;

use crate::core::config::{configure, Config};
use crate::core::editor::{self, Editor};
use crate::core::i18n::{self, Texts};
use crate::core::json::Json;
use crate::core::parse::integer;
use crate::core::pricing::Pricing;
use crate::core::saved::{decode, encode};
use crate::core::scenario::Scenario;
use crate::core::simulate::{Runner, Simulation};
use crate::core::ui::host::{Formats, Host};
use crate::core::ui::msg::{Action, Msg, SendField};
use crate::core::ui::paint::{Paint, ROOT};
use crate::core::ui::store::{Loaded, Store, Unreadable};
use crate::core::ui::view::{self, id};
use crate::core::Persist;

/// The events the element sends to its host page (EMBED.md): the one
/// place that names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostEvent {
    /// The widget is mounted and its properties can be read.
    Ready,
    /// The scenario changed.
    Change,
    /// Something went wrong (storage, a saved state, an internal error).
    Error,
    /// A share is about to happen; cancelable.
    Share,
}

impl HostEvent {
    /// The event's name.
    pub fn name(self) -> &'static str {
        match self {
            HostEvent::Ready => "changecost:ready",
            HostEvent::Change => "changecost:change",
            HostEvent::Error => "changecost:error",
            HostEvent::Share => "changecost:share",
        }
    }
}

/// What the widget knows of the page when it mounts.
#[derive(Clone, Debug, Default)]
pub struct Env {
    /// The page's `<html lang>`.
    pub page_lang: Option<String>,
    /// The browser's language.
    pub browser_lang: Option<String>,
    /// The page's path (for the default storage key).
    pub path: String,
    /// The element's position among the page's calculators.
    pub position: u32,
    /// The page's own host name.
    pub page_host: String,
}

/// The send panel as the client filled it in.
#[derive(Clone, Debug, Default)]
struct SendForm {
    name: String,
    email: String,
    message: String,
    consent: bool,
    open: bool,
}

/// One widget's state.
pub struct App {
    config: Config,
    t: &'static Texts,
    /// The locale of number formats: the tag that chose `t` (`de-CH`), or
    /// its code once the client switches language.
    locale: String,
    fmt: Box<dyn Formats>,
    /// The scenario, its history and everything the editing rules read.
    ed: Editor,
    /// Whether a send to the endpoint is under way.
    sending: bool,
    pricing: Option<Pricing>,
    store: Store,
    unreadable: Option<Unreadable>,
    /// Events for the host page, sent once the state is no longer borrowed.
    pub outbox: Vec<(HostEvent, Json)>,
    /// A `changecost:share` event to send, with what follows unless the
    /// host page cancels it.
    pub outbox_share: Option<(Json, String, Follow)>,
    /// Whether a save is waiting for its timer.
    save_due: bool,
    /// Whether the figures changed since the live region last spoke.
    announce_due: bool,
    /// The simulation of the current scenario, while it runs here.
    runner: Option<Runner>,
    /// The simulation of the current scenario, once it has run.
    simulation: Option<Simulation>,
    /// Whether the simulation needs to (re)start or continue.
    simulation_due: bool,
    /// Whether whole simulations go to the host's worker (until it fails).
    worker: bool,
    /// The number of the last simulation asked of the worker; a reply to
    /// an earlier one (the scenario has changed since) is dropped.
    asked: u32,
    /// The chart's width when it was last drawn.
    chart_width: f64,
    /// This calculator's position among the page's calculators.
    slot: u8,
    /// A shared scenario offered from the address, not yet opened.
    shared: Option<Scenario>,
    /// The client's own scenario while a shared one is open.
    backup: Option<Scenario>,
    /// The text of the clipboard fallback, for its download button.
    fallback_text: String,
    /// The DOM updates of the event being handled.
    paint: Paint,
    /// The ids of the rendered rows, in order: the latest changes (the
    /// earliest ones may not be rendered; see [`App::offset`]).
    rows: Vec<u32>,
    /// The notices shown, in order: their class and markup.
    notices: Vec<(String, String)>,
    /// Each card's bar as last drawn (markup), in card order.
    drawn: Vec<String>,
    /// Each card's spread in words as last written, in card order.
    spreads: Vec<String>,
    /// The send panel.
    form: SendForm,
    /// The text its preview shows: exactly what is sent.
    preview: String,
    /// The page's own host name.
    page_host: String,
    /// The language chosen in the select while its texts are loaded
    /// (language.rs).
    wanted: Option<&'static str>,
}

/// The `lang` attribute, else the page's `lang`, else the browser's; with
/// the locale for number formats: the tag that chose the language, so
/// that `de-CH` and `de-AT` keep their region's formats.
fn language(config: &Config, env: &Env) -> (&'static Texts, String) {
    if let Some(t) = config.lang {
        return (t, config.lang_tag.clone().unwrap_or_else(|| t.code.to_owned()));
    }
    let chosen = [env.page_lang.clone(), env.browser_lang.clone()]
        .into_iter()
        .flatten()
        .find_map(|tag| i18n::for_tag(&tag).map(|t| (t, tag)));
    match chosen {
        Some((t, tag)) => (t, i18n::locale(&tag).unwrap_or_else(|| t.code.to_owned())),
        // The languages here only (issue 24): English if it is, else the one that is.
        None => {
            let t = i18n::fallback().expect("a language loaded before mounting (web::mount checks)");
            (t, t.code.to_owned())
        }
    }
}

impl App {
    /// Reads the configuration and the saved state, and writes the whole
    /// widget with its first totals.
    pub fn new(host: &mut dyn Host, env: &Env) -> App {
        let slot = u8::try_from(env.position).unwrap_or(u8::MAX);
        let (config, warnings) = configure(&|name| host.attribute(name));
        for w in &warnings {
            host.warn(&w.to_string());
        }
        let (t, locale) = language(&config, env);
        let key = config
            .storage_key
            .clone()
            .unwrap_or_else(|| [env.path.as_str(), "#", &integer(i64::from(env.position))].concat());
        let opened = Store::open(host, &key, config.persist, &config.defaults);
        let (saved, unreadable) = match opened.loaded {
            Loaded::Nothing => (None, None),
            Loaded::Found(s) => (Some(s), None),
            Loaded::Unreadable(u) => (None, Some(u)),
        };
        let ed = Editor::new(&config, saved);
        let fmt = host.formats(&locale, ed.scenario.currency_code());
        let mut app = App {
            config,
            t,
            locale,
            fmt,
            ed,
            sending: false,
            pricing: None,
            store: opened.store,
            unreadable: None,
            outbox: Vec::new(),
            outbox_share: None,
            save_due: false,
            announce_due: false,
            runner: None,
            simulation: None,
            simulation_due: true,
            worker: true,
            asked: 0,
            chart_width: 0.0,
            slot,
            shared: None,
            backup: None,
            fallback_text: String::new(),
            paint: Paint::default(),
            rows: Vec::new(),
            notices: Vec::new(),
            drawn: Vec::new(),
            spreads: Vec::new(),
            form: SendForm::default(),
            preview: String::new(),
            page_host: env.page_host.clone(),
            wanted: None,
        };
        app.paint.attr(ROOT, "lang", t.code);
        app.paint.attr(ROOT, "data-theme", app.config.theme.key());
        app.build(String::new());
        if let Some(u) = unreadable {
            app.report_unreadable(host, u);
        }
        // Under `ask` the client has not asked to keep anything yet: storage
        // that cannot be used is told when they tick the box.
        if let Some(f) = opened.fault.filter(|_| app.config.persist != Persist::Ask) {
            app.report_fault(host, &f);
        }
        // The totals first; the insight, chart and table follow with the
        // simulation, right after the first paint.
        app.recompute();
        app.announce_due = false;
        app.offer_shared(host);
        app.end(host);
        app
    }

    /// Writes the whole widget anew: its skeleton with the rows of the
    /// latest changes and `notices` (markup) already shown.
    fn build(&mut self, notices: String) {
        let (t, ed) = (self.t, &self.ed);
        let count = ed.scenario.changes.len();
        let first = count.saturating_sub(view::PAGE);
        let mut rows = String::new();
        self.rows.clear();
        for (i, c) in ed.scenario.changes.iter().enumerate().skip(first) {
            rows.push_str(&view::row(t, c, ed.range_open(c.id), i, count));
            self.rows.push(c.id);
        }
        let send_host =
            self.config.endpoint.as_ref().map(|e| view::endpoint_host(e, &self.page_host)).unwrap_or_default();
        let frame =
            view::Frame { rows: &rows, notices: &notices, keeping: self.store.keeping(), send_host: &send_host };
        let markup = view::widget(t, &self.config, ed, &frame);
        self.paint.forget();
        self.paint.html(ROOT, &markup);
        self.drawn = vec![String::new(); self.config.models.len()];
        self.spreads = vec![String::new(); self.config.models.len()];
        self.form = SendForm::default();
        self.label_earlier(count);
    }

    /// Applies the DOM updates gathered so far.
    pub fn end(&mut self, host: &mut dyn Host) {
        if !self.paint.is_empty() {
            host.apply(&self.paint.take());
        }
    }

    // ---- Messages -----------------------------------------------------

    /// What a DOM event asked for (see `ui::msg`, where it was read); then
    /// the timers whose work is due, and the DOM updates.
    pub fn update(&mut self, host: &mut dyn Host, msg: Msg) {
        match msg {
            Msg::Edit(edit) => self.edit(host, edit),
            Msg::Press(action) => self.press(host, action),
            Msg::Dismiss(class) => self.remove_notice(&class),
            Msg::Language(code) => self.switch_language(host, code),
            Msg::SendInput(field, value) => {
                match field {
                    SendField::Name => self.form.name = value,
                    SendField::Email => self.form.email = value,
                    SendField::Message => self.form.message = value,
                    SendField::Consent => {}
                }
                self.send_preview(host);
            }
            Msg::Consent(on) => {
                self.form.consent = on;
                self.send_preview(host);
            }
            Msg::Keep(on) => self.keep(host, on),
        }
        self.schedule(host);
        self.end(host);
    }

    /// A button that does not edit the scenario.
    fn press(&mut self, host: &mut dyn Host, action: Action) {
        match action {
            Action::Earlier => {
                self.show_earlier(view::PAGE);
                self.recompute();
            }
            Action::Reset => {
                self.paint.show(id::CONFIRM, true);
                self.paint.focus(id::CONFIRM_YES);
            }
            Action::ResetNo => self.paint.show(id::CONFIRM, false),
            Action::Link | Action::Send | Action::Summary => self.share(host, action),
            Action::Print => self.print(host),
            Action::Csv => self.export_csv(host),
            Action::Json => self.export_json(host),
            Action::Import => self.paint.click(id::FILE),
            Action::FallbackDownload => {
                host.download("changecost.txt", "text/plain;charset=utf-8", &self.fallback_text)
            }
            Action::OpenShared => self.open_shared(host),
            Action::IgnoreShared => self.ignore_shared(host),
            Action::Restore => self.restore_previous(host),
            Action::KeepShared => self.keep_shared(host),
            Action::Download => self.download_unreadable(host),
            Action::Discard => self.discard_unreadable(host),
            Action::SendPost => self.send(host),
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
    fn committed(&mut self) {
        self.recompute();
        self.save_due = true;
        self.announce_due = true;
        self.runner = None;
        self.simulation = None;
        self.simulation_due = true;
        self.asked = self.asked.wrapping_add(1);
        self.paint.flag(ROOT, "data-stale", true);
        let summary = self.summary();
        self.outbox.push((HostEvent::Change, summary));
        self.paint.flag(id::UNDO, "disabled", !self.ed.can_undo());
        self.paint.flag(id::REDO, "disabled", !self.ed.can_redo());
        // The example is offered to an empty list, and marked while any of
        // its changes is left.
        if self.config.example != crate::core::Example::Off {
            self.paint.show(id::EXAMPLE, self.ed.scenario.changes.is_empty());
        }
        self.paint.show(id::EXAMPLE_NOTE, self.ed.example_shown());
    }

    // ---- The scenario property ---------------------------------------

    /// The `scenario` property: the saved form.
    pub fn scenario(&self) -> Json {
        encode(&self.ed.scenario)
    }

    /// Sets the whole scenario from its saved form; saved at once.
    ///
    /// # Errors
    /// The message names the field; nothing changes.
    pub fn set_scenario(&mut self, host: &mut dyn Host, json: &Json) -> Result<(), String> {
        let scenario = decode(json, &self.config.defaults).map_err(|e| e.to_string())?;
        self.ed.check_locks(&scenario)?;
        self.edit(host, editor::Msg::Replace(scenario));
        self.save(host);
        self.schedule(host);
        self.end(host);
        Ok(())
    }

    /// The client's language.
    pub fn texts(&self) -> &'static Texts {
        self.t
    }
}
