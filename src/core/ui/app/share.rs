//! Taking the result away: the share link (`#cc=...`, never sent to a
//! server), the e-mail to the consultant, copying to the clipboard with a
//! visible fallback, and opening a link someone sent.

use super::figures::object;
use super::App;
use crate::core::editor;
use crate::core::i18n::{fill, fill_n};
use crate::core::json::Json;
use crate::core::parse::integer;
use crate::core::report::summary;
use crate::core::share::{decode_link, encode_link, ShareError, KEY as SHARE_KEY};
use crate::core::ui::host::Host;
use crate::core::ui::msg::Action;
use crate::core::ui::view::id;

/// What follows an uncancelled `changecost:share`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Follow {
    /// Copy the text.
    Copy,
    /// Open the `mailto:` address.
    Mail,
    /// Open the panel that sends to the consultant's endpoint.
    Panel,
}

/// The share payload in a fragment such as `cc=...` or `a=1&cc=...`.
fn payload(fragment: &str) -> Option<&str> {
    fragment.split('&').find_map(|part| part.strip_prefix(SHARE_KEY))
}

/// `text` with every character but unreserved ones percent-encoded, as
/// `encodeURIComponent` writes it.
pub(super) fn encode_component(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}

impl App {
    /// The address of this page with the scenario in its fragment; or of
    /// the page named by the element's `data-share-base` (an http or https
    /// address: the host page around the site builders' frame).
    pub(super) fn share_url(&self, host: &dyn Host) -> String {
        let base = host
            .attribute("data-share-base")
            .filter(|b| (b.starts_with("https://") || b.starts_with("http://")) && !b.chars().any(char::is_whitespace));
        let href = base.unwrap_or_else(|| host.href());
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
    pub(super) fn share(&mut self, host: &mut dyn Host, action: Action) {
        let url = self.share_url(host);
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
                    &encode_component(self.t.mail_subject),
                    "&body=",
                    &encode_component(&body),
                ]
                .concat();
                (mail, Follow::Mail)
            }
            Action::Summary => (self.summary_text(&url), Follow::Copy),
            _ => (url.clone(), Follow::Copy),
        };
        let detail = object(vec![("url", Json::Str(url)), ("action", Json::Str(action.key().to_owned()))]);
        self.outbox_share = Some((detail, text, follow));
    }

    /// After `changecost:share` went out uncancelled: copy or open the mail.
    pub fn share_default(&mut self, host: &mut dyn Host, text: String, follow: Follow) {
        match follow {
            Follow::Mail => host.open(&text),
            Follow::Copy => {
                self.paint.show(id::FALLBACK, false);
                self.end(host);
                host.copy(&text);
            }
            Follow::Panel => self.open_send(host),
        }
        self.end(host);
    }

    /// The clipboard took the text.
    pub fn copied(&mut self, host: &mut dyn Host) {
        self.paint.text(id::STATUS, self.t.copied);
        self.end(host);
    }

    /// The clipboard is refused (or missing): the text is shown selected,
    /// beside a download button.
    pub fn copy_refused(&mut self, host: &mut dyn Host, text: String) {
        self.paint.text(id::STATUS, "");
        self.paint.value(id::FALLBACK_TEXT, &text);
        self.paint.show(id::FALLBACK, true);
        self.paint.focus(id::FALLBACK_TEXT);
        self.paint.select(id::FALLBACK_TEXT);
        self.fallback_text = text;
        self.end(host);
    }

    /// On mounting: a share link in the address for this calculator is
    /// offered, never applied unasked; a broken one is explained.
    pub(super) fn offer_shared(&mut self, host: &mut dyn Host) {
        // A shared scenario opened before a reload: the client's own can
        // still be restored.
        if self.store.has_backup(host) {
            self.offer_restore();
        }
        let href = host.href();
        let fragment = href.split_once('#').map(|(_, f)| f).unwrap_or_default();
        let Some(payload) = payload(fragment) else { return };
        match decode_link(payload) {
            Ok((slot, s)) if slot == self.slot => {
                let n = self.t.plural(self.t.count, s.changes.len());
                let text = fill_n(self.t.share_offer, &[&n]);
                let a = &self.t.share_actions;
                let (open, ignore) = (a.open, a.ignore);
                self.notice(
                    "shared",
                    &text,
                    &[(Action::OpenShared, open, false), (Action::IgnoreShared, ignore, false)],
                );
                self.shared = Some(s);
            }
            Ok(_) => {}
            Err(e) => {
                // A link that cannot be read names no calculator: the first
                // one on the page says so.
                if self.slot == 0 {
                    let why = self.link_error(&e);
                    let dismiss = self.t.dismiss;
                    self.notice("bad-link", &fill_n(self.t.bad_link, &[&why]), &[(Action::Dismiss, dismiss, true)]);
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
            ShareError::Version(v) => fill(t.link_errors.newer, &integer(i64::from(*v))),
            ShareError::Malformed => t.link_errors.malformed.to_owned(),
            ShareError::Invalid(e) => t.problem_in_field(e, &|m| self.fmt.money(m)),
        }
    }

    /// "Open this calculation": the client's own state is kept for
    /// "restore".
    pub(super) fn open_shared(&mut self, host: &mut dyn Host) {
        let Some(shared) = self.shared.take() else { return };
        self.store.keep_backup(host, &self.ed.scenario);
        self.backup = Some(self.ed.scenario.clone());
        self.edit(host, editor::Msg::Replace(shared));
        host.forget_fragment();
        self.remove_notice("shared");
        self.offer_restore();
    }

    /// The notice that offers the client's own scenario back.
    fn offer_restore(&mut self) {
        self.remove_notice("restore");
        let a = &self.t.share_actions;
        let (restore, keep) = (a.restore, a.keep);
        self.notice(
            "restore",
            self.t.shared_opened,
            &[(Action::Restore, restore, false), (Action::KeepShared, keep, true)],
        );
    }

    /// "Keep this one": the client's own scenario is no longer kept.
    pub(super) fn keep_shared(&mut self, host: &mut dyn Host) {
        self.backup = None;
        self.store.drop_backup(host);
        self.remove_notice("restore");
    }

    /// "Ignore": nothing changes, and a reload does not ask again.
    pub(super) fn ignore_shared(&mut self, host: &mut dyn Host) {
        self.shared = None;
        host.forget_fragment();
        self.remove_notice("shared");
    }

    /// "Restore my previous calculation".
    pub(super) fn restore_previous(&mut self, host: &mut dyn Host) {
        let kept = self.store.take_backup(host, &self.config.defaults);
        if let Some(previous) = self.backup.take().or(kept) {
            self.edit(host, editor::Msg::Replace(previous));
        }
        self.remove_notice("restore");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_are_encoded_as_encode_uri_component_does() {
        assert_eq!(encode_component("a b&c=ü/€"), "a%20b%26c%3D%C3%BC%2F%E2%82%AC");
        assert_eq!(encode_component("-_.!~*'()"), "-_.!~*'()");
        assert_eq!(payload("a=1&cc=XY"), Some("XY"));
    }
}
