//! Sending the result to the consultant's own endpoint (the `endpoint`
//! attribute), with consent: the client sees exactly the text that will
//! leave the browser and to which host, may add a name, an e-mail address
//! and a message, ticks that they agree, and presses Send. One plain POST
//! (JSON, or form-encoded for form services), no cookies, a timeout, and a
//! failure that keeps everything typed for another try. Nothing is sent
//! without that press.

use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use super::App;
use crate::core::i18n::fill;
use crate::web::dom::{flag, set_text, show};
use crate::web::events::settle;
use crate::web::view::SendView;

/// How long a request may take before the client is told it failed.
const TIMEOUT_MS: i32 = 10_000;

/// The panel's fields, as the client filled them in.
struct Form {
    name: String,
    email: String,
    message: String,
    consent: bool,
}

impl App {
    fn send_form(&self, panel: &SendView) -> Form {
        let (name, email, message) = &panel.fields;
        Form {
            name: name.value().trim().to_owned(),
            email: email.value().trim().to_owned(),
            message: message.value().trim().to_owned(),
            consent: panel.consent.checked(),
        }
    }

    /// The text that is sent: what the client typed, then the summary with
    /// the link. The preview shows exactly this.
    fn send_text(&self, form: &Form) -> String {
        let t = self.t;
        let mut out = String::new();
        for (label, value) in [(t.send_labels.name, &form.name), (t.send_labels.email, &form.email)] {
            if !value.is_empty() {
                out.push_str(&[label, ": ", value, "\n"].concat());
            }
        }
        if !form.message.is_empty() {
            out.push_str(&form.message);
            out.push('\n');
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&self.summary_text(&self.share_url()));
        out
    }

    /// Opens the panel with a fresh preview.
    pub(super) fn open_send(&mut self) {
        let Some(panel) = &self.view.send else { return };
        show(&panel.root, true);
        let first = panel.root.query_selector("input").ok().flatten();
        self.send_preview();
        if let Some(first) = first {
            if let Some(el) = first.dyn_ref::<HtmlElement>() {
                let _ = el.focus();
            }
        }
    }

    /// Something in the panel changed: the preview follows, and Send is
    /// enabled only with consent.
    pub(super) fn send_preview(&mut self) {
        let Some(panel) = &self.view.send else { return };
        let form = self.send_form(panel);
        let text = self.send_text(&form);
        panel.preview.set_value(&text);
        flag(&panel.button, "disabled", !form.consent || self.sending);
    }

    pub(super) fn close_send(&mut self) {
        let Some(panel) = &self.view.send else { return };
        show(&panel.root, false);
        if let Some(b) = self.view.root.query_selector("[data-action=send]").ok().flatten() {
            if let Some(b) = b.dyn_ref::<HtmlElement>() {
                let _ = b.focus();
            }
        }
    }

    /// The Send button: one POST of exactly what the preview shows.
    pub(super) fn send(&mut self) {
        let Some(endpoint) = self.config.endpoint.clone() else { return };
        let Some(panel) = &self.view.send else { return };
        let form = self.send_form(panel);
        if !form.consent || self.sending {
            return;
        }
        // Exactly what the preview shows, even if the figures moved since.
        let text = panel.preview.value();
        let link = self.share_url();
        let fields = [
            ("text", text.as_str()),
            ("name", form.name.as_str()),
            ("email", form.email.as_str()),
            ("message", form.message.as_str()),
            ("link", link.as_str()),
            ("lang", self.t.code),
        ];
        let (body, kind) = if endpoint.form {
            let pairs: Vec<String> = fields
                .iter()
                .map(|(k, v)| [*k, "=", &String::from(js_sys::encode_uri_component(v))].concat())
                .collect();
            (pairs.join("&"), "application/x-www-form-urlencoded;charset=UTF-8")
        } else {
            let pairs: Vec<(&str, JsValue)> = fields.iter().map(|(k, v)| (*k, JsValue::from_str(v))).collect();
            let json = js_sys::JSON::stringify(&crate::web::events::object(&pairs)).map(String::from);
            (json.unwrap_or_default(), "application/json")
        };
        let Some(window) = web_sys::window() else { return };
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_body(&JsValue::from_str(&body));
        init.set_mode(web_sys::RequestMode::Cors);
        init.set_credentials(web_sys::RequestCredentials::Omit);
        init.set_cache(web_sys::RequestCache::NoStore);
        let headers = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&headers, &JsValue::from_str("Content-Type"), &JsValue::from_str(kind));
        init.set_headers(&headers);
        let controller = web_sys::AbortController::new().ok();
        if let Some(c) = &controller {
            init.set_signal(Some(&c.signal()));
            let c = c.clone();
            let abort = Closure::once_into_js(move || c.abort());
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(abort.unchecked_ref(), TIMEOUT_MS);
        }
        self.sending = true;
        flag(&panel.button, "disabled", true);
        set_text(&panel.status, self.t.send_sending);
        let promise = window.fetch_with_str_and_init(&endpoint.url, &init);
        let (done, failed) = (self.weak.clone(), self.weak.clone());
        settle(
            &promise,
            move |response| {
                let status = response.dyn_ref::<web_sys::Response>().map_or(0, web_sys::Response::status);
                if let Some(app) = done.upgrade() {
                    crate::web::with_app(&app, |a| a.sent(status));
                }
            },
            move |error| {
                let aborted = error.dyn_ref::<web_sys::DomException>().is_some_and(|e| e.name() == "AbortError");
                if let Some(app) = failed.upgrade() {
                    crate::web::with_app(&app, |a| {
                        a.send_failed(if aborted { a.t.send_reasons.timeout } else { a.t.send_reasons.offline }, 0)
                    });
                }
            },
        );
    }

    /// The endpoint answered with `status`.
    fn sent(&mut self, status: u16) {
        if (200..300).contains(&status) {
            self.sending = false;
            if let Some(panel) = &self.view.send {
                set_text(&panel.status, self.t.send_done);
                panel.consent.set_checked(false);
            }
            self.send_preview();
        } else {
            self.send_failed(self.t.send_reasons.status, status);
        }
    }

    /// Sending failed: why (one of [`crate::core::i18n::SendReasons`],
    /// where `{}` is the server's `status`), and the panel stays as it was
    /// for another try.
    fn send_failed(&mut self, why: &str, status: u16) {
        self.sending = false;
        let reason = fill(why, &status.to_string());
        let message = fill(self.t.send_failed, &reason);
        if let Some(panel) = &self.view.send {
            set_text(&panel.status, &message);
        }
        self.send_preview();
        self.error_event(&message, &["send: ", &reason].concat());
    }
}
