//! The browser layer: the Rust side of `<change-cost>`, kept thin. The
//! loader (`www/changecost/changecost.js`) defines the element, listens
//! for its DOM events (one delegated listener per kind) and hands each to
//! [`Widget::event`] as the few strings it read off the target; the core's
//! app (`core::ui`) decides, and its DOM updates go back to the loader as
//! one string per event, which it applies. Storage, timers and the rest go
//! through the loader's `shell` object too ([`shell::Shell`]).

pub mod crash;
mod format;
mod js;
mod json;
mod shell;
mod texts;

pub use texts::add_texts;

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;

use crate::core::ui::{self, App, Env, File, Follow, HostEvent, SendError, Target, Timer};
use crate::core::{Json, ATTRIBUTES};
use crate::web::shell::Shell;

/// One mounted calculator: the app and the page around it.
#[wasm_bindgen]
pub struct Widget {
    app: RefCell<App>,
    shell: RefCell<Shell>,
    /// The crash message the panic hook holds for this calculator: the
    /// one of the language on screen, renewed when the client switches.
    crash: Cell<&'static str>,
}

/// Runs `f` on the app with the shell, then sends the events it queued,
/// once the app is no longer borrowed, so that a host's listener may read
/// the element's properties. A `changecost:share` event is cancelable:
/// unless the host page cancels it, the app copies the link or opens the
/// e-mail. `None` when the widget is busy (an event inside its own event).
fn with_app<R>(w: &Widget, f: impl FnOnce(&mut App, &mut Shell) -> R) -> Option<R> {
    let (result, outbox, share) = {
        let mut app = w.app.try_borrow_mut().ok()?;
        let mut shell = w.shell.try_borrow_mut().ok()?;
        let result = f(&mut app, &mut shell);
        renew_crash(w, &app, &shell);
        (result, std::mem::take(&mut app.outbox), app.outbox_share.take())
    };
    send(w, outbox, share);
    Some(result)
}

/// Gives the panic hook the crash message of the language on screen if
/// the client switched (once for every `with_app`, which is generic).
#[inline(never)]
fn renew_crash(w: &Widget, app: &App, shell: &Shell) {
    let crash = app.texts().crash;
    if !std::ptr::eq(crash, w.crash.get()) {
        crash::register(shell.object(), crash);
        w.crash.set(crash);
    }
}

/// Sends queued events (see [`with_app`]).
fn send(w: &Widget, outbox: Vec<(HostEvent, Json)>, share: Option<(Json, String, Follow)>) {
    let Ok(shell) = w.shell.try_borrow() else { return };
    for (event, detail) in outbox {
        shell.emit(event.name(), &detail, false);
    }
    if let Some((detail, text, follow)) = share {
        if shell.emit(HostEvent::Share.name(), &detail, true) {
            drop(shell);
            with_app(w, move |a, s| a.share_default(s, text, follow));
        }
    }
}

/// Renders a calculator through `shell` (see the loader): its attributes
/// and saved state, the page's language, path and host; `position` is the
/// element's place among the page's calculators. The calculator starts in
/// a language loaded with [`add_texts`] (the loader adds the one it
/// starts in first).
///
/// # Errors
/// A `JsError` when `shell` lacks its functions or no language is loaded.
#[wasm_bindgen]
pub fn mount(
    shell: JsValue,
    page_lang: Option<String>,
    browser_lang: Option<String>,
    path: String,
    position: u32,
) -> Result<Widget, JsError> {
    let mut shell = Shell::new(shell).ok_or_else(|| JsError::new("changecost: the shell lacks apply or call"))?;
    if crate::core::i18n::fallback().is_none() {
        return Err(JsError::new("changecost: no language loaded (addTexts before mount)"));
    }
    crash::install();
    let env = Env { page_lang, browser_lang, path, position, page_host: crate::core::ui::Host::page_host(&shell) };
    let mut app = App::new(&mut shell, &env);
    let crash = app.texts().crash;
    crash::register(shell.object(), crash);
    app.start(&mut shell);
    let widget = Widget { app: RefCell::new(app), shell: RefCell::new(shell), crash: Cell::new(crash) };
    // Errors found while mounting go out now; `changecost:ready` follows
    // from the loader, once it holds the widget.
    send(&widget, std::mem::take(&mut widget.app.borrow_mut().outbox), None);
    Ok(widget)
}

/// Runs the whole simulation of a scenario given in its saved form, for
/// the loader's worker: the result as numbers (see
/// `Simulation::to_numbers`).
///
/// # Errors
/// A `JsError` when the scenario cannot be read or its figures leave the
/// range of exact cents.
#[wasm_bindgen(js_name = simulateSaved)]
pub fn simulate_saved(saved: &JsValue) -> Result<Vec<f64>, JsError> {
    let json = json::from_js(saved).map_err(|e| JsError::new(&e))?;
    let scenario =
        crate::core::decode(&json, &crate::core::Scenario::default()).map_err(|e| JsError::new(&e.to_string()))?;
    let simulation = crate::core::simulate(&scenario).map_err(|e| JsError::new(&e.to_string()))?;
    Ok(simulation.to_numbers())
}

/// The attributes the element reads (its `observedAttributes`): a change
/// to any of them re-mounts the widget with the new defaults.
#[wasm_bindgen]
pub fn attributes() -> Vec<JsValue> {
    ATTRIBUTES.iter().map(|a| JsValue::from_str(a)).collect()
}

/// Splits what the loader read off an event's target (fields joined by
/// U+001F) into at most four parts.
fn fields(packed: &str) -> [&str; 4] {
    let mut f = packed.splitn(4, '\u{1f}');
    [(); 4].map(|()| f.next().unwrap_or(""))
}

fn some(s: &str) -> Option<&str> {
    Some(s).filter(|s| !s.is_empty())
}

#[wasm_bindgen]
impl Widget {
    /// A DOM event, as the loader read it (see `read` in the loader):
    /// `kind` is `input`, `change`, `click`, `key`, `import`, `storage`,
    /// `pagehide`, `beforeprint`, `resize`, `copied`, `copy-refused`,
    /// `sent`, `not-sent` or `texts` (the answer to `load_language`: the
    /// language's code as `target`, its file's text as `value`, or with
    /// flag 1 why it could not be fetched); `target` the target's
    /// `data-setting`, `data-part`, `data-send` and row id (or, for a
    /// click, the action, the row id and the notice's class), joined by
    /// U+001F; `value` a field's value or the event's text; `flags` its
    /// bits (1: checked, Ctrl or Cmd, too large, no key, another calculator
    /// prints, timed out, not fetched; 2: Shift, unreadable, no value; 4:
    /// Alt). `true` when the browser's own action is to be prevented (a
    /// shortcut handled).
    pub fn event(&self, kind: &str, target: &str, value: String, flags: u32) -> bool {
        let [a, b, c, d] = fields(target);
        let t = Target { setting: some(a), part: some(b), send: some(c), row: some(d) };
        let bit = |n: u32| flags & n != 0;
        let handled = with_app(self, |app, shell| {
            let msg = match kind {
                "input" => ui::msg::input(&t, value),
                "change" => ui::msg::change(&t, &value, bit(1)),
                "click" => ui::msg::click(a, some(b), some(c)),
                "key" => ui::msg::keydown(&value, bit(1), bit(2), bit(4)),
                "import" => {
                    let file = if bit(1) {
                        File::TooLarge
                    } else if bit(2) {
                        File::Unreadable
                    } else {
                        File::Text(value)
                    };
                    app.import(shell, file);
                    return false;
                }
                "storage" => {
                    let key = (!bit(1)).then_some(a);
                    let value = (!bit(2)).then_some(value.as_str());
                    app.other_tab(shell, key, value);
                    return false;
                }
                "pagehide" => {
                    app.flush(shell);
                    return false;
                }
                "beforeprint" => {
                    app.before_print(shell, bit(1));
                    return false;
                }
                "resize" => {
                    app.resized(shell, f64::from(value.parse::<u32>().unwrap_or(0)));
                    return false;
                }
                "copied" => {
                    app.copied(shell);
                    return false;
                }
                "copy-refused" => {
                    app.copy_refused(shell, value);
                    return false;
                }
                "sent" => {
                    app.sent(shell, value.parse().unwrap_or(0));
                    return false;
                }
                "texts" => {
                    // Read here even if the language is no longer wanted:
                    // it is kept for the page (texts.rs).
                    let arrived =
                        if bit(1) { Err(value) } else { texts::add(value).map(drop).map_err(|e| e.to_string()) };
                    app.language_arrived(shell, a, arrived);
                    return false;
                }
                "not-sent" => {
                    app.not_sent(shell, if bit(1) { SendError::Timeout } else { SendError::Offline });
                    return false;
                }
                _ => None,
            };
            let Some(msg) = msg else { return false };
            let prevent = kind == "key";
            app.update(shell, msg);
            prevent
        });
        handled.unwrap_or(false)
    }

    /// The timer `which` (0: the pause in typing, 1: the simulation) fired.
    pub fn timer(&self, which: u32) {
        if let Some(timer) = Timer::from_number(which) {
            with_app(self, |app, shell| app.timer(shell, timer));
        }
    }

    /// The worker's reply to simulation `asked`: its numbers, or nothing
    /// when it failed.
    pub fn simulated(&self, asked: u32, numbers: Option<Vec<f64>>) {
        with_app(self, |app, shell| app.simulated(shell, asked, numbers.as_deref()));
    }

    /// The detail of `changecost:ready` and `changecost:change`.
    #[wasm_bindgen(getter)]
    pub fn summary(&self) -> JsValue {
        self.app.try_borrow().map(|a| json::to_js(&a.summary())).unwrap_or(JsValue::NULL)
    }

    /// The scenario in its saved form, as a plain object.
    ///
    /// # Errors
    /// A `JsError` when called from inside the widget's own event.
    #[wasm_bindgen(getter)]
    pub fn scenario(&self) -> Result<JsValue, JsError> {
        let a = self.app.try_borrow().map_err(|_| JsError::new("changecost is busy"))?;
        Ok(json::to_js(&a.scenario()))
    }

    /// Replaces the scenario with a plain object in the saved form.
    ///
    /// # Errors
    /// A `JsError` whose message names the bad field; nothing changes.
    #[wasm_bindgen(setter)]
    pub fn set_scenario(&self, value: JsValue) -> Result<(), JsError> {
        let json = json::from_js(&value).map_err(|e| JsError::new(&["changecost: invalid scenario: ", &e].concat()))?;
        match with_app(self, |a, s| a.set_scenario(s, &json)) {
            Some(Ok(())) => Ok(()),
            Some(Err(e)) => Err(JsError::new(&["changecost: invalid scenario: ", &e].concat())),
            None => Err(JsError::new("changecost is busy")),
        }
    }

    /// Totals, parts and churn per contract in cents, and the series.
    ///
    /// # Errors
    /// A `JsError` when called from inside the widget's own event.
    #[wasm_bindgen(getter)]
    pub fn result(&self) -> Result<JsValue, JsError> {
        let a = self.app.try_borrow().map_err(|_| JsError::new("changecost is busy"))?;
        Ok(json::to_js(&a.result()))
    }

    /// Saves what is due and stops the timers.
    pub fn destroy(self) {
        if let Ok(shell) = self.shell.try_borrow() {
            crash::unregister(shell.object());
        }
        with_app(&self, |a, s| a.stop(s));
    }
}
