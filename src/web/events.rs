//! Owned event listeners, removed when dropped, and the CustomEvents the
//! element sends to its host page.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, Event, EventTarget};

/// An event listener that is removed when dropped (like gloo-events'
/// `EventListener`, without the dependency).
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    callback: Closure<dyn FnMut(Event)>,
}

impl Listener {
    /// Listens for `kind` on `target`.
    pub fn new(target: &EventTarget, kind: &'static str, f: impl FnMut(Event) + 'static) -> Listener {
        let callback = Closure::<dyn FnMut(Event)>::new(f);
        target
            .add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref())
            .expect_throw("addEventListener on an element or window");
        Listener { target: target.clone(), kind, callback }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback(self.kind, self.callback.as_ref().unchecked_ref());
    }
}

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

/// A plain object from `(key, value)` pairs.
pub fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

/// Dispatches a bubbling, composed `CustomEvent` on `target`.
pub fn emit(target: &EventTarget, event: HostEvent, detail: &JsValue) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(event.name(), &init) {
        let _ = target.dispatch_event(&event);
    }
}

/// Dispatches a bubbling, composed, cancelable `CustomEvent`; `true` when no
/// listener cancelled it.
pub fn emit_cancelable(target: &EventTarget, event: HostEvent, detail: &JsValue) -> bool {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_cancelable(true);
    init.set_detail(detail);
    match CustomEvent::new_with_event_init_dict(event.name(), &init) {
        Ok(event) => target.dispatch_event(&event).unwrap_or(true),
        Err(_) => true,
    }
}

/// Runs `f` with the value or the reason when `promise` settles: for a
/// caller that tells the two apart by the value's type. The one callback
/// is freed when it runs.
pub fn settle_any(promise: &js_sys::Promise, f: impl FnOnce(JsValue) + 'static) {
    let f = Closure::once_into_js(f);
    if let Ok(then) = Reflect::get(promise, &JsValue::from_str("then")) {
        if let Some(then) = then.dyn_ref::<js_sys::Function>() {
            let _ = then.call2(promise, &f, &f);
        }
    }
}

/// Runs `ok` or `err` when `promise` settles. The callback that does not
/// run stays allocated (a few bytes per promise): `Closure::once_into_js`
/// frees a closure only when it is called.
pub fn settle(promise: &js_sys::Promise, ok: impl FnOnce(JsValue) + 'static, err: impl FnOnce(JsValue) + 'static) {
    let ok = Closure::once_into_js(ok);
    let err = Closure::once_into_js(err);
    if let Ok(then) = Reflect::get(promise, &JsValue::from_str("then")) {
        if let Some(then) = then.dyn_ref::<js_sys::Function>() {
            let _ = then.call2(promise, &ok, &err);
        }
    }
}
