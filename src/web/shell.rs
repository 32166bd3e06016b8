//! The page, as the loader hands it to one calculator: an object of plain
//! functions (`shell` in `www/changecost/changecost.js`) that apply the
//! DOM updates, reach storage, timers, the clipboard, the network, the
//! worker and the languages' files. [`Shell`] implements the core's
//! [`Host`] with them: every call is one of a few generic function calls,
//! which keeps the module's imports and their glue small.

use wasm_bindgen::JsValue;

use crate::core::i18n::{self, Texts};
use crate::core::parse::integer;
use crate::core::ui::{Fault, Focused, Formats, Host, Timer};
use crate::core::Json;
use crate::web::format;
use crate::web::js::{self, Array};
use crate::web::json;

/// The shell's functions, by name.
pub struct Shell {
    object: JsValue,
    apply: JsValue,
    call: JsValue,
}

impl Shell {
    /// The shell `object`, which must have the functions `apply(ops)` and
    /// `call(name, ...args)`.
    pub fn new(object: JsValue) -> Option<Shell> {
        Some(Shell { apply: js::function(&object, "apply")?, call: js::function(&object, "call")?, object })
    }

    /// The shell object itself (for the panic hook).
    pub fn object(&self) -> &JsValue {
        &self.object
    }

    /// Calls the service `name` with string arguments.
    fn call(&self, name: &str, args: &[&str]) -> JsValue {
        let list = Array::new();
        for arg in std::iter::once(name).chain(args.iter().copied()) {
            list.push(&JsValue::from_str(arg));
        }
        js::apply(&self.call, &JsValue::NULL, &list).unwrap_or(JsValue::UNDEFINED)
    }

    fn text(&self, name: &str, args: &[&str]) -> Option<String> {
        self.call(name, args).as_string()
    }

    /// Dispatches the event `name` with `detail` on the host element;
    /// `false` when a listener cancelled it (`cancelable` only).
    pub fn emit(&self, name: &str, detail: &Json, cancelable: bool) -> bool {
        let list = Array::of(&[
            &JsValue::from_str("emit"),
            &JsValue::from_str(name),
            &json::to_js(detail),
            &JsValue::from_bool(cancelable),
        ]);
        js::apply(&self.call, &JsValue::NULL, &list).map(|v| v.as_bool() != Some(false)).unwrap_or(true)
    }
}

/// Storage's answer: `v` and the text, `n` for nothing, `q` for a full
/// storage, `e` and the browser's message, `` for done.
fn storage(answer: Option<String>) -> Result<Option<String>, Fault> {
    let answer = answer.unwrap_or_else(|| "e".to_owned());
    if let Some(text) = answer.strip_prefix('v') {
        return Ok(Some(text.to_owned()));
    }
    match answer.as_str() {
        "n" | "" => Ok(None),
        "q" => Err(Fault::Full),
        other => Err(Fault::Unavailable(other.strip_prefix('e').unwrap_or(other).to_owned())),
    }
}

impl Host for Shell {
    fn now(&self) -> f64 {
        js::Date::now()
    }

    fn today(&self) -> (u32, u32, i32) {
        let d = js::Date::new();
        (d.get_date(), d.get_month() + 1, d.get_full_year())
    }

    fn attribute(&self, name: &str) -> Option<String> {
        self.text("attr", &[name])
    }

    fn href(&self) -> String {
        self.text("href", &[]).unwrap_or_default()
    }

    fn page_host(&self) -> String {
        self.text("pageHost", &[]).unwrap_or_default()
    }

    fn forget_fragment(&mut self) {
        self.call("forgetFragment", &[]);
    }

    fn apply(&mut self, ops: &str) {
        let _ = js::apply(&self.apply, &JsValue::NULL, &Array::of(&[&JsValue::from_str(ops)]));
    }

    fn focused(&self) -> Option<Focused> {
        let text = self.text("focused", &[])?;
        let mut f = text.splitn(6, '\u{1f}');
        let mut next = || f.next().unwrap_or("").to_owned();
        let some = |s: String| Some(s).filter(|s| !s.is_empty());
        let (id, setting, part, row, caret, value) = (next(), next(), next(), next(), next(), next());
        Some(Focused { id, setting: some(setting), part: some(part), row: some(row), value, caret: caret.parse().ok() })
    }

    fn load(&self, key: &str) -> Result<Option<String>, Fault> {
        storage(self.text("load", &[key]))
    }

    fn store(&mut self, key: &str, text: &str) -> Result<(), Fault> {
        storage(self.text("store", &[key, text])).map(drop)
    }

    fn forget(&mut self, key: &str) -> Result<(), Fault> {
        storage(self.text("forget", &[key])).map(drop)
    }

    fn parse_json(&self, text: &str) -> Result<Json, String> {
        json::parse(text)
    }

    fn to_json(&self, json: &Json, pretty: bool) -> String {
        json::stringify(json, pretty)
    }

    fn formats(&self, locale: &str, currency: &str) -> Box<dyn Formats> {
        Box::new(format::Formats::new(locale, currency))
    }

    fn language(&self, code: &str) -> Option<&'static Texts> {
        i18n::for_tag(code)
    }

    fn load_language(&mut self, code: &str) {
        self.call("texts", &[code]);
    }

    fn timer(&mut self, timer: Timer, delay: Option<u32>) {
        let delay = delay.map_or_else(|| "-1".to_owned(), |d| integer(i64::from(d)));
        self.call("timer", &[&integer(timer as i64), &delay]);
    }

    fn warn(&self, text: &str) {
        self.call("warn", &[text]);
    }

    fn copy(&mut self, text: &str) {
        self.call("copy", &[text]);
    }

    fn download(&mut self, name: &str, mime: &str, text: &str) {
        self.call("download", &[name, mime, text]);
    }

    fn print(&mut self) {
        self.call("print", &[]);
    }

    fn open(&mut self, url: &str) {
        self.call("open", &[url]);
    }

    fn post(&mut self, url: &str, body: &str, content_type: &str, timeout: u32) {
        self.call("post", &[url, body, content_type, &integer(i64::from(timeout))]);
    }

    fn simulate(&mut self, asked: u32, saved: &Json) -> bool {
        let list = Array::of(&[&JsValue::from_str("simulate"), &JsValue::from(asked), &json::to_js(saved)]);
        js::apply(&self.call, &JsValue::NULL, &list).map(|v| v.as_bool() == Some(true)).unwrap_or(false)
    }
}
