//! Storage faults and unreadable saved states, told to the client and
//! the host page; nothing is ever written over a kept state. Notices.

use super::{App, HostEvent};
use crate::core::editor;
use crate::core::i18n::fill;
use crate::core::json::Json;
use crate::core::ui::host::{Fault, Host};
use crate::core::ui::msg::{Action, Target};
use crate::core::ui::store::{self, Unreadable, Why};
use crate::core::ui::view::{self, id};
use crate::core::Persist;

impl App {
    /// Writes the scenario to storage now.
    pub(super) fn save(&mut self, host: &mut dyn Host) {
        self.save_due = false;
        if let Err(f) = self.store.save(host, &self.ed.scenario) {
            self.report_fault(host, &f);
        }
    }

    pub(super) fn report_fault(&mut self, host: &mut dyn Host, fault: &Fault) {
        let (class, text) = match fault {
            Fault::Full => ("full", self.t.storage_full),
            Fault::Unavailable(_) => ("unavailable", self.t.no_storage),
        };
        if !self.notices.iter().any(|(c, _)| c == class) {
            self.notice(class, text, &[(Action::Dismiss, self.t.dismiss, true)]);
        }
        let detail = match fault {
            Fault::Full => "QuotaExceededError".to_owned(),
            Fault::Unavailable(m) => m.clone(),
        };
        host.warn(&["changecost: storage: ", &detail].concat());
        self.error_event(text, &detail);
    }

    pub(super) fn report_unreadable(&mut self, host: &mut dyn Host, u: Unreadable) {
        // The client reads the reason in their language; the console and
        // the event's detail carry the technical one.
        let reason = match &u.why {
            Why::NotJson(_) => self.t.not_json.to_owned(),
            Why::Invalid(e) => self.t.problem_in_field(e, &|m| self.fmt.money(m)),
        };
        let text = fill(self.t.unreadable, &reason);
        let (download, discard) = (self.t.download, self.t.discard);
        self.notice("unreadable", &text, &[(Action::Download, download, false), (Action::Discard, discard, false)]);
        let detail = match &u.why {
            Why::NotJson(m) => m.clone(),
            Why::Invalid(e) => e.to_string(),
        };
        host.warn(&["changecost: kept the unreadable saved state under ", self.store.key(), ": ", &detail].concat());
        self.error_event(&text, &detail);
        self.unreadable = Some(u);
    }

    /// Queues `changecost:error` for the host page: `message` as the client
    /// reads it, `detail` the technical cause.
    pub(super) fn error_event(&mut self, message: &str, detail: &str) {
        let detail = super::figures::object(vec![
            ("message", Json::Str(message.to_owned())),
            ("detail", Json::Str(detail.to_owned())),
        ]);
        self.outbox.push((HostEvent::Error, detail));
    }

    /// Shows a notice of `class` (after the ones already shown).
    pub(super) fn notice(&mut self, class: &str, text: &str, buttons: &[(Action, &str, bool)]) {
        let markup = view::notice(class, text, buttons);
        self.paint.insert(id::NOTICES, false, &markup);
        self.notices.push((class.to_owned(), markup));
    }

    /// Removes the notice of `class`, if it is shown.
    pub(super) fn remove_notice(&mut self, class: &str) {
        if let Some(at) = self.notices.iter().position(|(c, _)| c == class) {
            self.notices.remove(at);
            self.paint.remove(&id::notice(class));
        }
    }

    pub(super) fn download_unreadable(&mut self, host: &mut dyn Host) {
        if let Some(u) = &self.unreadable {
            host.download("changecost-saved-state.json", "application/json", &u.raw);
        }
    }

    pub(super) fn discard_unreadable(&mut self, host: &mut dyn Host) {
        self.unreadable = None;
        if let Err(f) = self.store.replace(host, &self.ed.scenario) {
            self.report_fault(host, &f);
        }
        self.remove_notice("unreadable");
    }

    /// Ticks the checkbox when the client's entries are kept, and unticks
    /// it when they are not (after a choice in this tab or another).
    fn show_keeping(&mut self) {
        if self.config.persist == Persist::Ask {
            self.paint.checked(id::KEEP, self.store.keeping());
        }
    }

    /// The client ticked or unticked "keep my entries on this device"
    /// (`persist="ask"`). Ticked: the entries are saved now and after every
    /// pause. Unticked: everything kept for this calculator is deleted,
    /// an unreadable saved state too (the notice offered its download
    /// until then; unticking is the client's explicit choice).
    pub(super) fn keep(&mut self, host: &mut dyn Host, on: bool) {
        if on == self.store.keeping() {
            return;
        }
        if on {
            match self.store.start(host, &self.ed.scenario) {
                Ok(()) => self.save_due = false,
                Err(f) => self.report_fault(host, &f),
            }
        } else {
            self.save_due = false;
            self.unreadable = None;
            self.remove_notice("unreadable");
            if let Err(f) = self.store.stop(host) {
                self.report_fault(host, &f);
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
    pub fn other_tab(&mut self, host: &mut dyn Host, key: Option<&str>, value: Option<&str>) {
        self.incoming(host, key, value);
        self.schedule(host);
        self.end(host);
    }

    fn incoming(&mut self, host: &mut dyn Host, key: Option<&str>, value: Option<&str>) {
        let ask = self.config.persist == Persist::Ask;
        if ask && (key.is_none() || (key == Some(self.store.key()) && value.is_none())) {
            if self.store.keeping() {
                self.store.follow(false);
                self.save_due = false;
                self.unreadable = None;
                self.remove_notice("unreadable");
                self.show_keeping();
            }
            return;
        }
        if key != Some(self.store.key()) {
            return;
        }
        let Some(text) = value else { return };
        if ask && !self.store.keeping() {
            self.store.follow(true);
            self.show_keeping();
        }
        let mut incoming = match store::read(host, text, &self.config.defaults) {
            Ok(s) => s,
            Err(why) => {
                // Kept like an unreadable state found on loading: nothing
                // is written over it until the client chooses.
                if !self.store.blocked {
                    self.store.blocked = true;
                    self.report_unreadable(host, Unreadable { raw: text.to_owned(), why });
                }
                return;
            }
        };
        self.ed.lock(&mut incoming);
        if incoming == self.ed.scenario {
            return;
        }
        // What this tab is typing: the focused input.
        let typing = host.focused().and_then(|f| {
            let target =
                Target { setting: f.setting.as_deref(), part: f.part.as_deref(), row: f.row.as_deref(), send: None };
            Some((target.key()?, f.value.clone(), f.id.clone(), f.caret))
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
        self.edit(host, editor::Msg::Incoming(incoming));
        if let Some((key, text, field, caret)) = typing {
            self.edit(host, editor::Msg::Type(key, text.clone()));
            self.paint.value(&field, &text);
            self.paint.focus(&field);
            if let Some(at) = caret {
                self.paint.caret(&field, at);
            }
        }
        // Saved already by the other tab, unless this tab's texts changed it.
        if self.ed.scenario == theirs {
            self.save_due = false;
        }
        self.paint.text(id::STATUS, self.t.other_tab);
    }
}
