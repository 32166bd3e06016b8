//! Sending the result to the consultant's own endpoint (the `endpoint`
//! attribute), with consent: the client sees exactly the text that will
//! leave the browser and to which host, may add a name, an e-mail address
//! and a message, ticks that they agree, and presses Send. One plain POST
//! (JSON, or form-encoded for form services), no cookies, a timeout, and a
//! failure that keeps everything typed for another try. Nothing is sent
//! without that press.

use super::share::encode_component;
use super::App;
use crate::core::i18n::fill;
use crate::core::json::Json;
use crate::core::ui::host::Host;
use crate::core::ui::view::id;

/// How long a request may take before the client is told it failed.
const TIMEOUT_MS: u32 = 10_000;

/// Why a send failed, as the browser layer saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SendError {
    /// No answer within the timeout.
    Timeout,
    /// No connection to the server.
    Offline,
}

impl App {
    /// The text that is sent: what the client typed, then the summary with
    /// the link. The preview shows exactly this.
    fn send_text(&self, host: &dyn Host) -> String {
        let (t, form) = (self.t, &self.form);
        let mut out = String::new();
        for (label, value) in [(t.send_labels.name, form.name.trim()), (t.send_labels.email, form.email.trim())] {
            if !value.is_empty() {
                out.push_str(&[label, ": ", value, "\n"].concat());
            }
        }
        let message = form.message.trim();
        if !message.is_empty() {
            out.push_str(message);
            out.push('\n');
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&self.summary_text(&self.share_url(host)));
        out
    }

    /// Opens the panel with a fresh preview.
    pub(super) fn open_send(&mut self, host: &mut dyn Host) {
        if self.config.endpoint.is_none() {
            return;
        }
        self.form.open = true;
        self.paint.show(id::SEND, true);
        self.send_preview(host);
        self.paint.focus(id::SEND_NAME);
    }

    /// Something in the panel changed: the preview follows, and Send is
    /// enabled only with consent.
    pub(super) fn send_preview(&mut self, host: &dyn Host) {
        if !self.form.open {
            return;
        }
        let text = self.send_text(host);
        self.preview = text.clone();
        self.paint.value(id::SEND_PREVIEW, &text);
        self.paint.flag(id::SEND_POST, "disabled", !self.form.consent || self.sending);
    }

    pub(super) fn close_send(&mut self) {
        if self.config.endpoint.is_none() {
            return;
        }
        self.form.open = false;
        self.paint.show(id::SEND, false);
        self.paint.focus(id::SEND_BUTTON);
    }

    /// The Send button: one POST of exactly what the preview shows.
    pub(super) fn send(&mut self, host: &mut dyn Host) {
        let Some(endpoint) = self.config.endpoint.clone() else { return };
        if !self.form.consent || self.sending {
            return;
        }
        // Exactly what the preview shows, even if the figures moved since.
        let text = self.preview.clone();
        let link = self.share_url(host);
        let form = &self.form;
        let (name, email, message) = (form.name.trim(), form.email.trim(), form.message.trim());
        let fields = [
            ("text", text.as_str()),
            ("name", name),
            ("email", email),
            ("message", message),
            ("link", link.as_str()),
            ("lang", self.t.code),
        ];
        let (body, kind) = if endpoint.form {
            let pairs: Vec<String> = fields.iter().map(|(k, v)| [*k, "=", &encode_component(v)].concat()).collect();
            (pairs.join("&"), "application/x-www-form-urlencoded;charset=UTF-8")
        } else {
            let json = Json::Obj(fields.iter().map(|(k, v)| ((*k).to_owned(), Json::Str((*v).to_owned()))).collect());
            (host.to_json(&json, false), "application/json")
        };
        self.sending = true;
        self.paint.flag(id::SEND_POST, "disabled", true);
        self.paint.text(id::SEND_STATUS, self.t.send_sending);
        self.end(host);
        host.post(&endpoint.url, &body, kind, TIMEOUT_MS);
    }

    /// The endpoint answered with `status`.
    pub fn sent(&mut self, host: &mut dyn Host, status: u16) {
        if (200..300).contains(&status) {
            self.sending = false;
            self.paint.text(id::SEND_STATUS, self.t.send_done);
            self.form.consent = false;
            self.paint.checked(id::SEND_CONSENT, false);
            self.send_preview(host);
        } else {
            self.send_failed(host, self.t.send_reasons.status, status);
        }
        self.end(host);
    }

    /// Sending failed before an answer.
    pub fn not_sent(&mut self, host: &mut dyn Host, error: SendError) {
        let why = match error {
            SendError::Timeout => self.t.send_reasons.timeout,
            SendError::Offline => self.t.send_reasons.offline,
        };
        self.send_failed(host, why, 0);
        self.end(host);
    }

    /// Sending failed: why (one of [`crate::core::i18n::SendReasons`],
    /// where `{}` is the server's `status`), and the panel stays as it was
    /// for another try.
    fn send_failed(&mut self, host: &dyn Host, why: &str, status: u16) {
        self.sending = false;
        let reason = fill(why, &status.to_string());
        let message = fill(self.t.send_failed, &reason);
        self.paint.text(id::SEND_STATUS, &message);
        self.send_preview(host);
        self.error_event(&message, &["send: ", &reason].concat());
    }
}
