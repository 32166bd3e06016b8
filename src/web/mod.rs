//! The browser layer: the Rust side of `<change-cost>`. The loader
//! (`www/changecost/changecost.js`) defines the element and calls
//! [`mount`]; everything else happens here, on top of the pure core.

mod app;
mod dom;
mod events;
mod format;
mod store;
mod view;

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use wasm_bindgen::prelude::*;
use web_sys::{Element, Event, HtmlElement, ShadowRoot};

use crate::web::app::App;
use crate::web::events::{emit, Listener};

/// Milliseconds of quiet typing before the scenario is saved and the live
/// region announces the totals. Leaving the page saves at once.
const QUIET_MS: i32 = 500;

/// One mounted calculator. Dropping it (or [`Widget::destroy`]) removes
/// every listener it added.
#[wasm_bindgen]
pub struct Widget {
    app: Rc<RefCell<App>>,
    _listeners: Vec<Listener>,
    _timer: Closure<dyn FnMut()>,
    /// The timer's JS function, for restarting it.
    timer_fn: js_sys::Function,
}

/// Runs `f` on the app, then sends the events it queued, after the borrow
/// ends so that a host's listener may read the element's properties.
fn with_app<R>(app: &Rc<RefCell<App>>, f: impl FnOnce(&mut App) -> R) -> Option<R> {
    let (result, outbox, host) = {
        let mut a = app.try_borrow_mut().ok()?;
        let result = f(&mut a);
        (result, std::mem::take(&mut a.outbox), a.host().clone())
    };
    for (name, detail) in outbox {
        emit(&host, name, &detail);
    }
    Some(result)
}

/// Restarts the quiet-time timer when a save or an announcement is due.
fn debounce(app: &mut App, timer: &js_sys::Function) {
    if !(app.save_due || app.announce_due) {
        return;
    }
    let Some(w) = web_sys::window() else { return };
    if let Some(id) = app.timer.take() {
        w.clear_timeout_with_handle(id);
    }
    app.timer = w.set_timeout_with_callback_and_timeout_and_arguments_0(timer, QUIET_MS).ok();
}

/// Renders a calculator for `host` into its open shadow root `root`, from
/// the host's attributes and its saved state.
///
/// # Errors
/// A `JsError` when the shadow root cannot take the widget.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, root: ShadowRoot) -> Result<Widget, JsError> {
    let doc = dom::document();
    let container: Element = doc.create_element("div").map_err(|_| JsError::new("cannot create an element"))?;
    container.set_class_name("cc");
    dom::attr(&container, "part", "root");
    root.append_child(&container).map_err(|_| JsError::new("cannot render into the shadow root"))?;

    let app = Rc::new(RefCell::new(App::new(host.clone(), &container)));
    let weak: Weak<RefCell<App>> = Rc::downgrade(&app);

    // One timer callback serves saving and announcing: each does only what
    // is due. It holds a weak reference, so a destroyed widget is freed.
    let timer = Closure::<dyn FnMut()>::new({
        let weak = weak.clone();
        move || {
            if let Some(app) = weak.upgrade() {
                with_app(&app, |a| {
                    a.timer = None;
                    if a.save_due {
                        a.save();
                    }
                    if a.announce_due {
                        a.announce();
                    }
                });
            }
        }
    });
    let timer_fn: js_sys::Function = timer.as_ref().unchecked_ref::<js_sys::Function>().clone();

    let on = |kind: &'static str, target: &web_sys::EventTarget, handle: fn(&mut App, &Element)| {
        let weak = weak.clone();
        let timer_fn = timer_fn.clone();
        Listener::new(target, kind, move |event: Event| {
            let Some(app) = weak.upgrade() else { return };
            let Some(el) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
            with_app(&app, |a| {
                handle(a, &el);
                debounce(a, &timer_fn);
            });
        })
    };
    let mut listeners = vec![
        on("input", root.as_ref(), App::on_input),
        on("change", root.as_ref(), App::on_change),
        on("click", root.as_ref(), App::on_click),
    ];
    // Leaving the page saves at once, so that a quick reload loses nothing.
    if let Some(window) = web_sys::window() {
        let weak = weak.clone();
        listeners.push(Listener::new(window.as_ref(), "pagehide", move |_| {
            if let Some(app) = weak.upgrade() {
                with_app(&app, |a| {
                    if a.save_due {
                        a.save();
                    }
                });
            }
        }));
    }

    // Errors found while mounting go out now; `changecost:ready` goes out
    // in a microtask, once the loader holds the widget, so that a ready
    // listener can already read `scenario` and `result`.
    with_app(&app, |_| ());
    let ready = app.borrow().ready_detail();
    let target = host.clone();
    let announce = Closure::once_into_js(move || emit(&target, "changecost:ready", &ready));
    if let Some(w) = web_sys::window() {
        w.queue_microtask(announce.unchecked_ref());
    }
    Ok(Widget { app, _listeners: listeners, _timer: timer, timer_fn })
}

#[wasm_bindgen]
impl Widget {
    /// The scenario in its saved form, as a plain object.
    ///
    /// # Errors
    /// A `JsError` when called from inside the widget's own event.
    #[wasm_bindgen(getter)]
    pub fn scenario(&self) -> Result<JsValue, JsError> {
        let a = self.app.try_borrow().map_err(|_| JsError::new("changecost is busy"))?;
        Ok(a.scenario_js())
    }

    /// Replaces the scenario with a plain object in the saved form.
    ///
    /// # Errors
    /// A `JsError` whose message names the bad field; nothing changes.
    #[wasm_bindgen(setter)]
    pub fn set_scenario(&self, value: JsValue) -> Result<(), JsError> {
        let result = with_app(&self.app, |a| {
            let r = a.set_scenario_js(&value);
            if r.is_ok() {
                a.save();
                debounce(a, &self.timer_fn);
            }
            r
        });
        match result {
            Some(Ok(())) => Ok(()),
            Some(Err(e)) => Err(JsError::new(&format!("changecost: invalid scenario: {e}"))),
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
        Ok(a.result_js())
    }

    /// Saves what is due, stops the timer and removes every listener.
    pub fn destroy(self) {
        with_app(&self.app, |a| {
            if let (Some(id), Some(w)) = (a.timer.take(), web_sys::window()) {
                w.clear_timeout_with_handle(id);
            }
            if a.save_due {
                a.save();
            }
        });
    }
}
