//! The browser layer: the Rust side of `<change-cost>`. The loader
//! (`www/changecost/changecost.js`) defines the element and calls
//! [`mount`]; everything else happens here, on top of the pure core.

mod app;
mod chart;
pub mod crash;
mod dom;
mod events;
mod format;
mod msg;
mod store;
mod texts;
mod view;

pub use texts::{add_texts, set_texts_loader};

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use wasm_bindgen::prelude::*;
use web_sys::{Element, Event, HtmlElement, ShadowRoot};

use crate::web::app::{App, Timer, Timers};
use crate::web::events::{emit, HostEvent, Listener};
use crate::web::msg::Msg;

/// One mounted calculator. Dropping it (or [`Widget::destroy`]) removes
/// every listener it added and stops its timers.
#[wasm_bindgen]
pub struct Widget {
    app: Rc<RefCell<App>>,
    _listeners: Vec<Listener>,
    _callbacks: [Closure<dyn FnMut()>; 2],
    _resize: Option<Resize>,
    _in_view: Option<InView>,
}

/// Watches whether the results are on screen (the summary bar gives way to
/// them), and stops watching when dropped.
struct InView {
    observer: web_sys::IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for InView {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Watches the chart's width, and stops watching when dropped.
struct Resize {
    observer: web_sys::ResizeObserver,
    _callback: Closure<dyn FnMut()>,
}

impl Drop for Resize {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Runs `f` on the app, then sends the events it queued, after the borrow
/// ends so that a host's listener may read the element's properties. A
/// `changecost:share` event is cancelable: unless the host page cancels
/// it, the app copies the link or opens the e-mail.
pub(crate) fn with_app<R>(app: &Rc<RefCell<App>>, f: impl FnOnce(&mut App) -> R) -> Option<R> {
    let (result, outbox, share, host) = {
        let mut a = app.try_borrow_mut().ok()?;
        let result = f(&mut a);
        (result, std::mem::take(&mut a.outbox), a.outbox_share.take(), a.host().clone())
    };
    send(app, &host, outbox, share);
    Some(result)
}

/// Sends queued events (see [`with_app`]); not generic, so that it may
/// call `with_app` again for a share's default action.
fn send(
    app: &Rc<RefCell<App>>,
    host: &HtmlElement,
    outbox: Vec<(HostEvent, JsValue)>,
    share: Option<(JsValue, String, app::Follow)>,
) {
    for (name, detail) in outbox {
        emit(host, name, &detail);
    }
    if let Some((detail, text, follow)) = share {
        if events::emit_cancelable(host, HostEvent::Share, &detail) {
            with_app(app, move |a| a.share_default(text, follow));
        }
    }
}

/// A callback for a timer or an observer that runs `f` on the app, if it
/// still exists. It holds a weak reference, so a destroyed widget is freed.
fn callback(weak: &Weak<RefCell<App>>, f: fn(&mut App)) -> Closure<dyn FnMut()> {
    let weak = weak.clone();
    Closure::<dyn FnMut()>::new(move || {
        if let Some(app) = weak.upgrade() {
            with_app(&app, f);
        }
    })
}

/// Renders a calculator for `host` into its open shadow root `root`, from
/// the host's attributes and its saved state, in a language loaded with
/// [`add_texts`] (the loader adds the one it starts in).
///
/// # Errors
/// A `JsError` when no language is loaded or the shadow root cannot take
/// the widget.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, root: ShadowRoot) -> Result<Widget, JsError> {
    // The loader adds the language the calculator starts in first (texts.rs).
    if crate::core::i18n::fallback().is_none() {
        return Err(JsError::new("changecost: no language loaded (addTexts before mount)"));
    }
    let doc = dom::document();
    let container: Element = doc.create_element("div").map_err(|_| JsError::new("cannot create an element"))?;
    container.set_class_name("cc");
    dom::attr(&container, "part", "root");
    root.append_child(&container).map_err(|_| JsError::new("cannot render into the shadow root"))?;

    crash::install();
    crash::register(&host);
    let app = Rc::new(RefCell::new(App::new(host.clone(), &container)));
    let weak: Weak<RefCell<App>> = Rc::downgrade(&app);
    // The first totals are in the DOM: the load benchmark measures to here.
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark("changecost:totals");
    }

    // Two timers: saving and announcing after a pause in typing, and the
    // simulation in slices. The app holds their JS functions to restart
    // them; the closures live here.
    let quiet = callback(&weak, App::quiet);
    let simulation = callback(&weak, App::simulation_tick);
    let timers = Timers {
        quiet: Timer::new(quiet.as_ref().unchecked_ref::<js_sys::Function>().clone()),
        simulation: Timer::new(simulation.as_ref().unchecked_ref::<js_sys::Function>().clone()),
    };
    app.borrow_mut().set_timers(timers);

    // Every DOM event inside the widget is read once, by `web::msg`, into
    // a message for the app; the app updates, then the timers are set.
    let on = |kind: &'static str, read: fn(&Event) -> Option<Msg>| {
        let weak = weak.clone();
        Listener::new(root.as_ref(), kind, move |event: Event| {
            let Some(msg) = read(&event) else { return };
            let Some(app) = weak.upgrade() else { return };
            with_app(&app, |a| {
                a.update(msg);
                a.schedule();
            });
        })
    };
    let mut listeners = vec![
        on("input", msg::input),
        on("change", msg::change),
        on("click", msg::click),
        on("focusin", msg::focus),
        on("keydown", msg::keydown),
        on("drop", msg::drop),
        // Lets a file be dropped (see `drop`).
        Listener::new(root.as_ref(), "dragover", |event: Event| event.prevent_default()),
    ];
    if let Some(window) = web_sys::window() {
        // Leaving the page saves at once, so that a quick reload loses
        // nothing.
        let on_hide = weak.clone();
        listeners.push(Listener::new(window.as_ref(), "pagehide", move |_| {
            if let Some(app) = on_hide.upgrade() {
                with_app(&app, App::flush);
            }
        }));
        // Another tab saved this calculator's scenario.
        let on_storage = weak.clone();
        listeners.push(Listener::new(window.as_ref(), "storage", move |event: Event| {
            let Some(e) = event.dyn_ref::<web_sys::StorageEvent>() else { return };
            let (key, value) = (e.key(), e.new_value());
            if let Some(app) = on_storage.upgrade() {
                with_app(&app, |a| {
                    a.other_tab(key, value);
                    a.schedule();
                });
            }
        }));
        // The receipt is written just before printing.
        let on_print = weak.clone();
        listeners.push(Listener::new(window.as_ref(), "beforeprint", move |_| {
            if let Some(app) = on_print.upgrade() {
                with_app(&app, |a| a.build_receipt());
            }
        }));
    }
    // The chart is drawn in the widget's own pixels: redraw when its width
    // changes.
    let resize = {
        let cb = callback(&weak, App::resized);
        web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()).ok().map(|observer| {
            observer.observe(&app.borrow().plot());
            Resize { observer, _callback: cb }
        })
    };

    // A share link in the address is offered now that callbacks can reach
    // the app; errors found while mounting go out, and the simulation starts.
    with_app(&app, |a| a.attach(weak.clone()));
    // `changecost:ready` goes out in a microtask, once the loader holds the
    // widget, so that a ready listener can already read its properties.
    with_app(&app, App::start);
    let ready = app.borrow().ready_detail();
    let target = host.clone();
    let announce = Closure::once_into_js(move || emit(&target, HostEvent::Ready, &ready));
    if let Some(w) = web_sys::window() {
        w.queue_microtask(announce.unchecked_ref());
    }
    // On a narrow screen the summary bar keeps the totals in sight until
    // the results themselves are on screen.
    let in_view = {
        let weak = weak.clone();
        let cb = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let last = entries.get(entries.length().saturating_sub(1));
            let Some(entry) = last.dyn_ref::<web_sys::IntersectionObserverEntry>() else { return };
            // In view: the whole of the cards, or at least half the screen
            // of them (on a phone three cards are taller than the screen).
            let screen = web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64());
            let seen = entry.intersection_rect().height();
            let visible = entry.intersection_ratio() >= 0.99 || screen.is_some_and(|h| seen >= h / 2.0);
            if let Some(app) = weak.upgrade() {
                with_app(&app, |a| a.results_in_view(visible));
            }
        });
        let options = web_sys::IntersectionObserverInit::new();
        let steps: js_sys::Array = [0.0, 0.25, 0.5, 0.75, 1.0].iter().map(|&s| JsValue::from_f64(s)).collect();
        options.set_threshold(&steps);
        web_sys::IntersectionObserver::new_with_options(cb.as_ref().unchecked_ref(), &options).ok().map(|observer| {
            observer.observe(&app.borrow().cards());
            InView { observer, _callback: cb }
        })
    };
    Ok(Widget { app, _listeners: listeners, _callbacks: [quiet, simulation], _resize: resize, _in_view: in_view })
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
    let json = store::from_js(saved).map_err(|e| JsError::new(&e))?;
    let scenario =
        crate::core::decode(&json, &crate::core::Scenario::default()).map_err(|e| JsError::new(&e.to_string()))?;
    let simulation = crate::core::simulate(&scenario).map_err(|e| JsError::new(&e.to_string()))?;
    Ok(simulation.to_numbers())
}

/// The attributes the element reads (its `observedAttributes`): a change
/// to any of them re-mounts the widget with the new defaults.
#[wasm_bindgen]
pub fn attributes() -> Vec<JsValue> {
    crate::core::ATTRIBUTES.iter().map(|a| JsValue::from_str(a)).collect()
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
                a.schedule();
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

    /// Runs whole simulations through `simulator` from now on (the
    /// loader's worker): called with the scenario's saved form, it returns
    /// a promise of the simulation's numbers; when it fails, the
    /// simulation runs on the page again, in slices.
    #[wasm_bindgen(js_name = useSimulator)]
    pub fn use_simulator(&self, simulator: js_sys::Function) {
        with_app(&self.app, |a| a.set_simulator(simulator));
    }

    /// Saves what is due, stops the timers and removes every listener.
    pub fn destroy(self) {
        if let Ok(a) = self.app.try_borrow() {
            crash::unregister(a.host());
        }
        with_app(&self.app, App::stop);
    }
}
