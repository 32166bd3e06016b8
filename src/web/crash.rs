//! The last line of defence: a panic hook. Reaching it should be
//! impossible (no input makes the core panic, and the decoders are fuzzed),
//! but if it happens, every calculator on the page says so in its
//! language and sends `changecost:error`, instead of freezing silently.
//! The module stops after a panic (panic = "abort"), so nothing more is
//! written: the saved state stays as it was.

use std::cell::RefCell;
use std::sync::Once;

use wasm_bindgen::JsValue;
use web_sys::HtmlElement;

use crate::core::i18n;
use crate::web::dom::document;
use crate::web::events::{emit, object, HostEvent};

thread_local! {
    /// The hosts of the mounted calculators.
    static MOUNTED: RefCell<Vec<HtmlElement>> = const { RefCell::new(Vec::new()) };
}

/// Installs the hook once per page.
pub fn install() {
    static ONCE: Once = Once::new();
    // The default hook prints to stderr, which goes nowhere in a browser:
    // the report logs to the console instead.
    ONCE.call_once(|| std::panic::set_hook(Box::new(|info| report(&info.to_string()))));
}

/// Remembers a mounted calculator.
pub fn register(host: &HtmlElement) {
    MOUNTED.with(|m| {
        if let Ok(mut list) = m.try_borrow_mut() {
            list.push(host.clone());
        }
    });
}

/// Forgets a calculator that was taken off the page.
pub fn unregister(host: &HtmlElement) {
    MOUNTED.with(|m| {
        if let Ok(mut list) = m.try_borrow_mut() {
            list.retain(|h| !h.is_same_node(Some(host)));
        }
    });
}

/// Shows the message in every mounted calculator and tells the host page.
/// Only plain DOM calls: the widget's own state may be mid-update.
pub fn report(detail: &str) {
    let hosts = MOUNTED.with(|m| m.try_borrow().map(|l| l.clone()).unwrap_or_default());
    web_sys::console::error_1(&JsValue::from_str(&["changecost: internal error: ", detail].concat()));
    for host in hosts {
        let lang = host
            .get_attribute("lang")
            .or_else(|| document().document_element().and_then(|e| e.get_attribute("lang")))
            .unwrap_or_default();
        // A mounted calculator has a language loaded (issue 24).
        let Some(t) = i18n::for_tag(&lang).or_else(i18n::fallback) else { continue };
        if let Some(root) = host.shadow_root() {
            if let Ok(p) = document().create_element("p") {
                p.set_class_name("notice crash");
                let _ = p.set_attribute("role", "alert");
                p.set_text_content(Some(t.crash));
                let _ = root.prepend_with_node_1(&p);
            }
        }
        let detail = object(&[("message", JsValue::from_str(t.crash)), ("detail", JsValue::from_str(detail))]);
        emit(&host, HostEvent::Error, &detail);
    }
}
