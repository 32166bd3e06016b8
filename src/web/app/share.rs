//! Taking the result away: the share link (`#cc=...`, never sent to a
//! server), the e-mail to the consultant, copying to the clipboard with a
//! visible fallback, and opening a link someone sent.

use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use super::App;
use crate::core::i18n::{fill, fill_n};
use crate::core::{decode_link, editor, encode_link, summary, ShareError, SHARE_KEY};
use crate::web::dom::{attr, button, child, document, set_text, show};
use crate::web::events::{object, settle};
use crate::web::msg::Action;

/// The fragment of the page's address, without `#`.
fn fragment() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default().trim_start_matches('#').to_owned()
}

/// The share payload in a fragment such as `cc=...` or `a=1&cc=...`.
fn payload(fragment: &str) -> Option<&str> {
    fragment.split('&').find_map(|part| part.strip_prefix(SHARE_KEY))
}

impl App {
    /// The address of this page with the scenario in its fragment; or of
    /// the page named by the element's `data-share-base` (an http or https
    /// address: the host page around the site builders' frame).
    pub(super) fn share_url(&self) -> String {
        let base = self
            .host
            .get_attribute("data-share-base")
            .filter(|b| (b.starts_with("https://") || b.starts_with("http://")) && !b.chars().any(char::is_whitespace));
        let href = base.or_else(|| web_sys::window().and_then(|w| w.location().href().ok())).unwrap_or_default();
        let page = href.split('#').next().unwrap_or_default();
        [page, "#", SHARE_KEY, &encode_link(&self.ed.scenario, self.slot)].concat()
    }

    /// The plain-text summary with the link, for an e-mail or the clipboard.
    pub(super) fn summary_text(&self, link: &str) -> String {
        let Some(p) = &self.pricing else { return String::new() };
        let verdict = self.verdict();
        let sentences: Vec<&str> = verdict.paragraphs().collect();
        self.with_formatters(|f| {
            summary(self.t, &self.ed.scenario, p, &self.config.models, &sentences.join("\n\n"), link, f)
        })
    }

    /// Copy link, send, copy summary: the host page hears
    /// `changecost:share` first and may take over by cancelling it.
    pub(super) fn share(&mut self, action: Action) {
        let url = self.share_url();
        let (text, follow) = match action {
            // With an endpoint, the panel that shows what is sent and asks
            // for consent; else the e-mail program.
            Action::Send if self.config.endpoint.is_some() => (self.summary_text(&url), Follow::Panel),
            Action::Send => {
                let Some(contact) = self.config.contact.clone() else { return };
                let body = self.summary_text(&url);
                let mail = [
                    "mailto:",
                    &contact,
                    "?subject=",
                    &String::from(js_sys::encode_uri_component(self.t.mail_subject)),
                    "&body=",
                    &String::from(js_sys::encode_uri_component(&body)),
                ]
                .concat();
                (mail, Follow::Mail)
            }
            Action::Summary => (self.summary_text(&url), Follow::Copy),
            _ => (url.clone(), Follow::Copy),
        };
        let detail = object(&[("url", JsValue::from_str(&url)), ("action", JsValue::from_str(action.key()))]);
        self.outbox_share = Some((detail, text, follow));
    }

    /// After `changecost:share` went out uncancelled: copy or open the mail.
    pub fn share_default(&mut self, text: String, follow: Follow) {
        match follow {
            Follow::Mail => {
                if let Ok(a) = document().create_element("a") {
                    attr(&a, "href", &text);
                    if let Some(a) = a.dyn_ref::<HtmlElement>() {
                        a.click();
                    }
                }
            }
            Follow::Copy => self.copy(text),
            Follow::Panel => self.open_send(),
        }
    }

    /// Copies `text`; when the browser refuses, shows it selected beside a
    /// download button instead.
    pub(super) fn copy(&mut self, text: String) {
        show(&self.view.fallback.0, false);
        // `navigator.clipboard` is undefined outside a secure context (a
        // page on plain http) in every engine; calling it would throw
        // through the wasm and leave the widget stuck.
        let clipboard = web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w.navigator(), &JsValue::from_str("clipboard")).ok())
            .filter(JsValue::is_object)
            .map(JsCast::unchecked_into::<web_sys::Clipboard>);
        let Some(clipboard) = clipboard else {
            self.clipboard_refused(text);
            return;
        };
        let promise = clipboard.write_text(&text);
        let (ok, refused) = (self.weak.clone(), self.weak.clone());
        settle(
            &promise,
            move |_| {
                if let Some(app) = ok.upgrade() {
                    crate::web::with_app(&app, |a| set_text(&a.view.status, a.t.copied));
                }
            },
            move |_| {
                if let Some(app) = refused.upgrade() {
                    crate::web::with_app(&app, |a| a.clipboard_refused(text));
                }
            },
        );
    }

    fn clipboard_refused(&mut self, text: String) {
        set_text(&self.view.status, "");
        let (fallback, area) = &self.view.fallback;
        area.set_value(&text);
        show(fallback, true);
        let _ = area.focus();
        area.select();
        self.fallback_text = text;
    }

    /// The fallback's download button.
    pub(super) fn download_fallback(&self) {
        crate::web::dom::download("changecost.txt", "text/plain;charset=utf-8", &self.fallback_text);
    }

    /// On mounting: a share link in the address for this calculator is
    /// offered, never applied unasked; a broken one is explained.
    pub(super) fn offer_shared(&mut self) {
        // A shared scenario opened before a reload: the client's own can
        // still be restored.
        if self.store.has_backup() {
            self.offer_restore();
        }
        let fragment = fragment();
        let Some(payload) = payload(&fragment) else { return };
        match decode_link(payload) {
            Ok((slot, s)) if slot == self.slot => {
                let n = self.t.plural(self.t.count, s.changes.len());
                let text = fill_n(self.t.share_offer, &[&n]);
                let notice = self.notice("shared", &text);
                let actions = child(&notice, "div", "actions");
                button(&actions, "", self.t.share_actions.open, Action::OpenShared);
                button(&actions, "", self.t.share_actions.ignore, Action::IgnoreShared);
                self.shared = Some(s);
            }
            Ok(_) => {}
            Err(e) => {
                // A link that cannot be read names no calculator: the first
                // one on the page says so.
                if self.slot == 0 {
                    let why = self.link_error(&e);
                    let n = self.notice("bad-link", &fill_n(self.t.bad_link, &[&why]));
                    button(&n, "link", self.t.dismiss, Action::Dismiss);
                    self.error_event(&why, &e.to_string());
                }
            }
        }
    }

    fn link_error(&self, e: &ShareError) -> String {
        let t = self.t;
        match e {
            ShareError::Empty => t.link_errors.empty.to_owned(),
            ShareError::TooLong => t.link_errors.too_long.to_owned(),
            ShareError::NotBase64 => t.link_errors.not_base64.to_owned(),
            ShareError::Truncated => t.link_errors.truncated.to_owned(),
            ShareError::Checksum => t.link_errors.damaged.to_owned(),
            ShareError::Version(v) => fill(t.link_errors.newer, &v.to_string()),
            ShareError::Malformed => t.link_errors.malformed.to_owned(),
            ShareError::Invalid(e) => t.problem_in_field(e, &|m| self.fmt.money(m)),
        }
    }

    /// "Open this scenario": the client's own state is kept for "restore".
    pub(super) fn open_shared(&mut self) {
        let Some(shared) = self.shared.take() else { return };
        self.store.keep_backup(&self.ed.scenario);
        self.backup = Some(self.ed.scenario.clone());
        self.edit(editor::Msg::Replace(shared));
        forget_fragment();
        self.remove_notice("shared");
        self.offer_restore();
    }

    /// The notice that offers the client's own scenario back.
    fn offer_restore(&mut self) {
        self.remove_notice("restore");
        let n = self.notice("restore", self.t.shared_opened);
        let actions = child(&n, "div", "actions");
        button(&actions, "", self.t.share_actions.restore, Action::Restore);
        button(&actions, "link", self.t.share_actions.keep, Action::KeepShared);
    }

    /// "Keep this one": the client's own scenario is no longer kept.
    pub(super) fn keep_shared(&mut self) {
        self.backup = None;
        self.store.drop_backup();
        self.remove_notice("restore");
    }

    /// "Ignore": nothing changes, and a reload does not ask again.
    pub(super) fn ignore_shared(&mut self) {
        self.shared = None;
        forget_fragment();
        self.remove_notice("shared");
    }

    /// "Restore my previous calculation".
    pub(super) fn restore_previous(&mut self) {
        let kept = self.store.take_backup(&self.config.defaults);
        if let Some(previous) = self.backup.take().or(kept) {
            self.edit(editor::Msg::Replace(previous));
        }
        self.remove_notice("restore");
    }

    pub(super) fn remove_notice(&self, class: &str) {
        if let Some(n) = self.view.notices.query_selector(&[".notice.", class].concat()).ok().flatten() {
            n.remove();
        }
    }
}

/// What follows an uncancelled `changecost:share`.
#[derive(Clone, Copy, Debug)]
pub enum Follow {
    /// Copy the text.
    Copy,
    /// Open the `mailto:` address.
    Mail,
    /// Open the panel that sends to the consultant's endpoint.
    Panel,
}

/// Drops the share link from the address, so that a reload does not offer
/// it again.
fn forget_fragment() {
    let Some(w) = web_sys::window() else { return };
    let (Ok(path), Ok(search)) = (w.location().pathname(), w.location().search()) else { return };
    if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&[path, search].concat()));
    }
}
