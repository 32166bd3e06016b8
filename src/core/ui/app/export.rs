//! CSV and JSON out, JSON in (file picker or drop), through the same
//! validation as typing, with a size limit.

use super::App;
use crate::core::editor;
use crate::core::i18n::fill_n;
use crate::core::report::csv;
use crate::core::saved::{decode, encode};
use crate::core::ui::host::Host;
use crate::core::ui::msg::Action;
use crate::core::ui::view::id;

/// The largest file the import reads, in bytes (the browser layer reads
/// no larger file: `MAX_IMPORT` in the loader).
pub const MAX_IMPORT: usize = 1_048_576;

/// A file to import, as the browser layer read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum File {
    /// Its text.
    Text(String),
    /// Larger than [`MAX_IMPORT`]: not read.
    TooLarge,
    /// It could not be read as text.
    Unreadable,
}

impl App {
    /// The changes and their costs as CSV in the client's language.
    pub(super) fn export_csv(&self, host: &mut dyn Host) {
        let Some(p) = &self.pricing else { return };
        let text = csv(self.t, &self.ed.scenario, p, &self.config.models);
        host.download("changecost.csv", "text/csv;charset=utf-8", &text);
    }

    /// The saved form as a JSON file.
    pub(super) fn export_json(&self, host: &mut dyn Host) {
        let text = host.to_json(&encode(&self.ed.scenario), true);
        host.download("changecost-scenario.json", "application/json", &text);
    }

    /// Imports a chosen or dropped file: checked like the saved state,
    /// with the core's errors; nothing changes unless all of it is valid.
    pub fn import(&mut self, host: &mut dyn Host, file: File) {
        let t = self.t;
        let decoded = match file {
            File::TooLarge => Err(t.import_reasons.too_large.to_owned()),
            File::Unreadable => Err(t.import_reasons.not_json.to_owned()),
            File::Text(text) if text.len() > MAX_IMPORT => Err(t.import_reasons.too_large.to_owned()),
            File::Text(text) => {
                host.parse_json(&text).map_err(|_| t.import_reasons.not_json.to_owned()).and_then(|json| {
                    decode(&json, &self.config.defaults).map_err(|e| t.problem_in_field(&e, &|m| self.fmt.money(m)))
                })
            }
        };
        match decoded {
            Ok(s) => {
                self.edit(host, editor::Msg::Replace(s));
                self.remove_notice("import");
                self.paint.text(id::STATUS, t.imported);
            }
            Err(why) => {
                self.remove_notice("import");
                // The template ends the reason with a full stop of its own.
                let text = fill_n(t.import_error, &[why.trim_end().trim_end_matches('.')]);
                self.notice("import", &text, &[(Action::Dismiss, t.dismiss, true)]);
            }
        }
        self.schedule(host);
        self.end(host);
    }
}
