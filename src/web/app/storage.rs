//! Storage faults and unreadable saved states, told to the client and
//! the host page; nothing is ever written over a kept state.

use wasm_bindgen::prelude::*;
use web_sys::Element;

use super::App;
use crate::core::editor;
use crate::core::i18n::fill;
use crate::core::Persist;
use crate::web::dom::{attr, button, child, set_text, text_child};
use crate::web::events::{object, HostEvent};
use crate::web::msg;
use crate::web::msg::{Action, Part};
use crate::web::store::{self, Fault, Unreadable, Why};

impl App {
    /// Writes the scenario to storage now.
    pub fn save(&mut self) {
        self.save_due = false;
        if let Err(f) = self.store.save(&self.ed.scenario) {
            self.report_fault(&f);
        }
    }

    pub(super) fn report_fault(&mut self, fault: &Fault) {
        let (class, text) = match fault {
            Fault::Full => ("full", self.t.storage_full),
            Fault::Unavailable(_) => ("unavailable", self.t.no_storage),
        };
        if self.view.notices.query_selector(&format!(".notice.{class}")).ok().flatten().is_none() {
            let n = self.notice(class, text);
            button(&n, "link", self.t.dismiss, Action::Dismiss);
        }
        let detail = match fault {
            Fault::Full => "QuotaExceededError".to_owned(),
            Fault::Unavailable(m) => m.clone(),
        };
        web_sys::console::warn_1(&JsValue::from_str(&format!("changecost: storage: {detail}")));
        self.error_event(text, &detail);
    }

    pub(super) fn report_unreadable(&mut self, u: Unreadable) {
        // The client reads the reason in their language; the console and
        // the event's detail carry the technical one.
        let reason = match &u.why {
            Why::NotJson(_) => self.t.not_json.to_owned(),
            Why::Invalid(e) => self.t.problem_in_field(e, &|m| self.fmt.money(m)),
        };
        let text = fill(self.t.unreadable, &reason);
        let n = self.notice("unreadable", &text);
        let actions = child(&n, "div", "actions");
        button(&actions, "", self.t.download, Action::Download);
        button(&actions, "", self.t.discard, Action::Discard);
        let detail = match &u.why {
            Why::NotJson(m) => m.clone(),
            Why::Invalid(e) => e.to_string(),
        };
        web_sys::console::warn_1(&JsValue::from_str(&format!(
            "changecost: kept the unreadable saved state under {}: {detail}",
            self.store.key()
        )));
        self.error_event(&text, &detail);
        self.unreadable = Some(u);
    }

    /// Queues `changecost:error` for the host page: `message` as the client
    /// reads it, `detail` the technical cause.
    pub(super) fn error_event(&mut self, message: &str, detail: &str) {
        let detail = object(&[("message", JsValue::from_str(message)), ("detail", JsValue::from_str(detail))]);
        self.outbox.push((HostEvent::Error, detail));
    }

    pub(super) fn notice(&self, class: &str, text: &str) -> Element {
        let n = child(&self.view.notices, "div", &format!("notice {class}"));
        attr(&n, "role", "alert");
        text_child(&n, "p", "", text);
        n
    }

    pub(super) fn download_unreadable(&self) {
        if let Some(u) = &self.unreadable {
            crate::web::dom::download("changecost-saved-state.json", "application/json", &u.raw);
        }
    }

    pub(super) fn discard_unreadable(&mut self) {
        self.unreadable = None;
        if let Err(f) = self.store.replace(&self.ed.scenario) {
            self.report_fault(&f);
        }
        if let Some(n) = self.view.notices.query_selector(".notice.unreadable").ok().flatten() {
            n.remove();
        }
    }

    /// The checkbox "keep my entries on this device" (`persist="ask"`
    /// only).
    fn keep_box(&self) -> Option<web_sys::HtmlInputElement> {
        self.view.root.query_selector(Part::Keep.selector()).ok().flatten()?.dyn_into().ok()
    }

    /// Ticks the checkbox when the client's entries are kept, and unticks
    /// it when they are not (after mounting, a language switch, a choice
    /// in this tab or another).
    pub(super) fn show_keeping(&self) {
        if let Some(b) = self.keep_box() {
            b.set_checked(self.store.keeping());
        }
    }

    /// The client ticked or unticked "keep my entries on this device"
    /// (`persist="ask"`). Ticked: the entries are saved now and after every
    /// pause. Unticked: everything kept for this calculator is deleted,
    /// an unreadable saved state too (the notice offered its download
    /// until then; unticking is the client's explicit choice).
    pub(super) fn keep(&mut self, on: bool) {
        if on == self.store.keeping() {
            return;
        }
        if on {
            match self.store.start(&self.ed.scenario) {
                Ok(()) => self.save_due = false,
                Err(f) => self.report_fault(&f),
            }
        } else {
            self.save_due = false;
            self.unreadable = None;
            self.remove_notice("unreadable");
            if let Err(f) = self.store.stop() {
                self.report_fault(&f);
            }
        }
        self.show_keeping();
    }

    /// Another tab saved this calculator's scenario (a `storage` event).
    /// The rule: the newest saved scenario wins, except what this tab is
    /// typing right now: the focused field's text and any text not yet
    /// valid are applied again on top, and the result is saved, so the
    /// other tab sees it in turn. An unreadable value is ignored.
    ///
    /// Under `persist="ask"` the other tab's choice is followed: a saved
    /// state means the client keeps their entries, a deleted one (or
    /// storage cleared) that they do not.
    pub fn other_tab(&mut self, key: Option<String>, value: Option<String>) {
        let ask = self.config.persist == Persist::Ask;
        if ask && (key.is_none() || (key.as_deref() == Some(self.store.key()) && value.is_none())) {
            if self.store.keeping() {
                self.store.follow(false);
                self.save_due = false;
                self.unreadable = None;
                self.remove_notice("unreadable");
                self.show_keeping();
            }
            return;
        }
        if key.as_deref() != Some(self.store.key()) {
            return;
        }
        let Some(text) = value else { return };
        if ask && !self.store.keeping() {
            self.store.follow(true);
            self.show_keeping();
        }
        let mut incoming = match store::read(&text, &self.config.defaults) {
            Ok(s) => s,
            Err(why) => {
                // Kept like an unreadable state found on loading: nothing
                // is written over it until the client chooses.
                if !self.store.blocked {
                    self.store.blocked = true;
                    self.report_unreadable(Unreadable { raw: text, why });
                }
                return;
            }
        };
        self.ed.lock(&mut incoming);
        if incoming == self.ed.scenario {
            return;
        }
        // What this tab is typing: the focused input.
        let focused = self
            .view
            .root
            .get_root_node()
            .dyn_into::<web_sys::ShadowRoot>()
            .ok()
            .and_then(|r| r.active_element())
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
        let typing = focused.as_ref().and_then(|input| {
            let key = msg::key_of(input)?;
            Some((key, input.value(), input.id(), input.selection_start().ok().flatten()))
        });
        if self.store.blocked {
            // The other tab chose to replace the kept state.
            self.store.blocked = false;
            self.unreadable = None;
            self.remove_notice("unreadable");
        }
        // The texts that did not apply here are tried on the incoming
        // scenario; then what is being typed.
        let theirs = incoming.clone();
        self.edit(editor::Msg::Incoming(incoming));
        if let Some((key, text, id, caret)) = typing {
            self.edit(editor::Msg::Type(key, text.clone()));
            if let Some(input) = self.view.root.query_selector(&["#", &id].concat()).ok().flatten() {
                if let Some(input) = input.dyn_ref::<web_sys::HtmlInputElement>() {
                    input.set_value(&text);
                    let _ = input.focus();
                    if let Some(at) = caret {
                        let _ = input.set_selection_range(at, at);
                    }
                }
            }
        }
        // Saved already by the other tab, unless this tab's texts changed it.
        if self.ed.scenario == theirs {
            self.save_due = false;
        }
        set_text(&self.view.status, self.t.other_tab);
    }
}
