//! The language switch, now that a language's texts may not be here yet
//! (issue 24: the wasm carries none; the browser layer loads each from its
//! file). A language that is here shows at once, as before
//! (`App::show_language`, in edit.rs); another is asked of the [`Host`]
//! first, while the select stays usable, and shown when it arrives, unless
//! the client has chosen otherwise since. If it cannot be loaded, the
//! widget stays in its language and says so in it.

use super::App;
use crate::core::i18n::{self, fill};
use crate::core::ui::host::Host;
use crate::core::ui::msg::Action;
use crate::core::ui::view::id;

impl App {
    /// The client chose the language `code` in the select.
    pub(super) fn switch_language(&mut self, host: &mut dyn Host, code: &'static str) {
        if let Some(t) = host.language(code) {
            self.wanted = None;
            self.remove_notice("language");
            self.show_language(host, t);
            return;
        }
        if self.wanted == Some(code) {
            return; // already on its way
        }
        self.wanted = Some(code);
        host.load_language(code);
    }

    /// The browser layer's answer to [`Host::load_language`]: the texts of
    /// `code` are here (`Ok`), or why they are not. Shown if it is still
    /// the language chosen.
    pub fn language_arrived(&mut self, host: &mut dyn Host, code: &str, arrived: Result<(), String>) {
        match arrived.and_then(|()| host.language(code).ok_or_else(|| "the file holds another language".to_owned())) {
            // Still the language chosen: shown as one already here is.
            Ok(t) if self.wanted == Some(t.code) => self.switch_language(host, t.code),
            Ok(_) => {}
            Err(detail) => self.language_failed(host, code, &detail),
        }
        self.schedule(host);
        self.end(host);
    }

    /// The language `code` could not be loaded: the select shows the
    /// language on screen again, a notice says so in it, the console and
    /// the host page (`changecost:error`) hear why.
    fn language_failed(&mut self, host: &mut dyn Host, code: &str, detail: &str) {
        if self.wanted != Some(code) {
            return; // the client has chosen otherwise since
        }
        self.wanted = None;
        self.paint.value(id::LANG, self.t.code);
        let name = i18n::LANGUAGES.iter().find(|(c, _)| *c == code).map_or(code, |(_, name)| name);
        let text = fill(self.t.language_failed, name);
        self.remove_notice("language");
        self.notice("language", &text, &[(Action::Dismiss, self.t.dismiss, true)]);
        let detail = ["language ", code, ": ", detail].concat();
        host.warn(&["changecost: ", &detail].concat());
        self.error_event(&text, &detail);
    }
}
