//! The language switch, now that a language's texts may not be here yet
//! (issue 24: the wasm carries none; `web::texts` loads them). A language
//! already loaded shows at once, as before (`App::show_language`, in
//! edit.rs); another is fetched first, while the select stays usable, and
//! shown when it arrives, unless the client has chosen otherwise since. If
//! it cannot be fetched, the widget stays in its language and says so.
//!
//! For the rewrite of src/web: the state this needs is `App::wanted`; the
//! DOM it touches is the select (`#lang`) and one notice.

use wasm_bindgen::prelude::*;

use super::App;
use crate::core::i18n::{self, fill};
use crate::web::dom::button;
use crate::web::events::settle_any;
use crate::web::msg::Action;
use crate::web::texts;

impl App {
    /// The client chose the language `code` in the select.
    pub(super) fn switch_language(&mut self, code: &'static str) {
        if let Some(t) = i18n::for_tag(code) {
            self.wanted = None;
            self.remove_notice("language");
            self.show_language(t);
            return;
        }
        if self.wanted == Some(code) {
            return; // already on its way
        }
        self.wanted = Some(code);
        let Some(promise) = texts::fetch(code) else {
            self.language_failed(code, "no loader for languages (setTextsLoader)");
            return;
        };
        // The file's text, or why not (the rejection's reason): one
        // callback, `texts::add_js` tells them apart. The language is
        // installed even if this calculator is gone meanwhile.
        let weak = self.weak.clone();
        settle_any(&promise, move |value| {
            let added = texts::add_js(&value);
            if let Some(app) = weak.upgrade() {
                crate::web::with_app(&app, |a| a.language_arrived(code, added));
            }
        });
    }

    /// A fetched language arrived (or why not): shown if it is still the
    /// one chosen.
    fn language_arrived(&mut self, code: &'static str, added: Result<&'static i18n::Texts, String>) {
        match added {
            Ok(t) if t.code == code => {
                if self.wanted == Some(code) {
                    self.wanted = None;
                    self.remove_notice("language");
                    self.show_language(t);
                }
            }
            Ok(_) => self.language_failed(code, "the file holds another language"),
            Err(detail) => self.language_failed(code, &detail),
        }
    }

    /// The language `code` could not be loaded: the select shows the
    /// language on screen again, a notice says so in it, the console and
    /// the host page (`changecost:error`) hear why.
    fn language_failed(&mut self, code: &str, detail: &str) {
        if self.wanted != Some(code) {
            return; // the client has chosen otherwise since
        }
        self.wanted = None;
        if let Some(select) = self.view.root.query_selector("#lang").ok().flatten() {
            if let Some(select) = select.dyn_ref::<web_sys::HtmlSelectElement>() {
                select.set_value(self.t.code);
            }
        }
        let name = i18n::LANGUAGES.iter().find(|(c, _)| *c == code).map_or(code, |(_, name)| name);
        let text = fill(self.t.language_failed, name);
        self.remove_notice("language");
        let n = self.notice("language", &text);
        button(&n, "link", self.t.dismiss, Action::Dismiss);
        web_sys::console::warn_1(&JsValue::from_str(&["changecost: language ", code, ": ", detail].concat()));
        self.error_event(&text, &["language ", code, ": ", detail].concat());
    }
}
