//! CSV and JSON out, JSON in (file picker or drop), through the same
//! validation as typing, with a size limit.

use wasm_bindgen::prelude::*;

use super::App;
use crate::core::i18n::fill_n;
use crate::core::{csv, editor, encode};
use crate::web::dom::{button, set_text};
use crate::web::msg::Action;
use crate::web::store;

/// The largest file the import reads.
const MAX_IMPORT: f64 = 1_048_576.0;

impl App {
    /// The changes and their costs as CSV in the client's language.
    pub(super) fn export_csv(&self) {
        let Some(p) = &self.pricing else { return };
        let text = csv(self.t, &self.ed.scenario, p, &self.config.models);
        crate::web::dom::download("changecost.csv", "text/csv;charset=utf-8", &text);
    }

    /// The saved form as a JSON file.
    pub(super) fn export_json(&self) {
        let value = store::to_js(&encode(&self.ed.scenario));
        let text = js_sys::JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &JsValue::from(2))
            .map(String::from)
            .unwrap_or_default();
        crate::web::dom::download("changecost-scenario.json", "application/json", &text);
    }

    /// Reads a chosen or dropped file.
    pub fn import_file(&mut self, file: web_sys::File) {
        if file.size() > MAX_IMPORT {
            self.import_failed(self.t.import_reasons.too_large);
            return;
        }
        let (ok, failed) = (self.weak.clone(), self.weak.clone());
        crate::web::events::settle(
            &file.text(),
            move |text| {
                if let Some(app) = ok.upgrade() {
                    let text = text.as_string().unwrap_or_default();
                    crate::web::with_app(&app, |a| a.import_text(&text));
                }
            },
            move |_| {
                if let Some(app) = failed.upgrade() {
                    crate::web::with_app(&app, |a| a.import_failed(a.t.import_reasons.not_json));
                }
            },
        );
    }

    /// Imports the text of a JSON file: checked like the saved state, with
    /// the core's errors; nothing changes unless all of it is valid.
    pub(super) fn import_text(&mut self, text: &str) {
        let Ok(value) = js_sys::JSON::parse(text) else {
            self.import_failed(self.t.import_reasons.not_json);
            return;
        };
        let decoded = store::from_js(&value).map_err(|_| self.t.import_reasons.not_json.to_owned()).and_then(|json| {
            crate::core::decode(&json, &self.config.defaults)
                .map_err(|e| self.t.problem_in_field(&e, &|m| self.fmt.money(m)))
        });
        match decoded {
            Ok(s) => {
                self.edit(editor::Msg::Replace(s));
                self.remove_notice("import");
                set_text(&self.view.status, self.t.imported);
            }
            Err(why) => self.import_failed(&why),
        }
    }

    fn import_failed(&mut self, why: &str) {
        self.remove_notice("import");
        // The template ends the reason with a full stop of its own.
        let n = self.notice("import", &fill_n(self.t.import_error, &[why.trim_end().trim_end_matches('.')]));
        button(&n, "link", self.t.dismiss, Action::Dismiss);
    }
}
