//! The last line of defence: a panic hook. Reaching it should be
//! impossible (no input makes the core panic, and the decoders are fuzzed),
//! but if it happens, every calculator on the page says so in its
//! language and sends `changecost:error` (the loader's `crash`), instead
//! of freezing silently. The module stops after a panic (panic = "abort"),
//! so nothing more is written: the saved state stays as it was.

use std::cell::RefCell;
use std::sync::Once;

use wasm_bindgen::JsValue;

use crate::web::js::{self, Array};

thread_local! {
    /// The shells of the mounted calculators, with their crash text.
    static MOUNTED: RefCell<Vec<(JsValue, &'static str)>> = const { RefCell::new(Vec::new()) };
}

/// Installs the hook once per page.
pub fn install() {
    static ONCE: Once = Once::new();
    // The default hook prints to stderr, which goes nowhere in a browser:
    // the report goes to every calculator (and the console) instead.
    ONCE.call_once(|| std::panic::set_hook(Box::new(|info| report(&info.to_string()))));
}

/// Remembers a mounted calculator's shell and its crash message, or
/// gives one already remembered its new message (after a language switch).
pub fn register(shell: &JsValue, message: &'static str) {
    MOUNTED.with(|m| {
        if let Ok(mut list) = m.try_borrow_mut() {
            match list.iter_mut().find(|(s, _)| s == shell) {
                Some(known) => known.1 = message,
                None => list.push((shell.clone(), message)),
            }
        }
    });
}

/// Forgets a calculator that was taken off the page.
pub fn unregister(shell: &JsValue) {
    MOUNTED.with(|m| {
        if let Ok(mut list) = m.try_borrow_mut() {
            list.retain(|(s, _)| s != shell);
        }
    });
}

/// Shows the message in every mounted calculator and tells the host page,
/// through each shell's `crash(message, detail)`: only plain calls, the
/// widget's own state may be mid-update.
pub fn report(detail: &str) {
    let shells = MOUNTED.with(|m| m.try_borrow().map(|l| l.clone()).unwrap_or_default());
    for (shell, message) in shells {
        if let Some(crash) = js::function(&shell, "crash") {
            let args = Array::of(&[&JsValue::from_str(message), &JsValue::from_str(detail)]);
            let _ = js::apply(&crash, &JsValue::NULL, &args);
        }
    }
}
