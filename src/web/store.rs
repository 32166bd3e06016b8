//! localStorage: where the client's scenario lives between visits. The
//! schema is the core's saved form; this file only moves text in and out,
//! and never lets a storage fault or an unreadable state stop the widget.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::Storage;

use crate::core::{decode, encode, Json, Persist, Scenario, ScenarioError, MAX_DEPTH};

/// Prefix of every key, with the saved form's major version.
pub const PREFIX: &str = "changecost:v1:";
/// Appended to the key for the client's own scenario kept aside while a
/// shared one is open.
const BACKUP: &str = ":before-share";

/// What went wrong with storage, for the notice and the error event.
#[derive(Clone, Debug, PartialEq)]
pub enum Fault {
    /// No localStorage, or access to it throws (sandboxed iframe, blocked
    /// cookies).
    Unavailable(String),
    /// QuotaExceededError.
    Full,
}

/// A saved state this version cannot read: kept untouched until the client
/// decides.
#[derive(Clone, Debug)]
pub struct Unreadable {
    /// The stored text, exactly as found.
    pub raw: String,
    /// Why it cannot be read.
    pub why: Why,
}

/// Why a saved state cannot be read.
#[derive(Clone, Debug)]
pub enum Why {
    /// Not JSON, or JSON too deeply nested.
    NotJson(String),
    /// JSON, but a field is wrong (or the version is newer).
    Invalid(ScenarioError),
}

/// What was found under the key.
pub enum Loaded {
    /// Nothing saved yet (or persistence is off).
    Nothing,
    /// A scenario, ready to use.
    Found(Scenario),
    /// Something this version cannot read.
    Unreadable(Unreadable),
}

/// A storage slot just opened: the slot, what was found in it, and what
/// went wrong with storage, if anything.
pub struct Opened {
    /// The slot (without storage when it is unavailable or off).
    pub store: Store,
    /// What was found.
    pub loaded: Loaded,
    /// Why storage cannot be used, if it cannot.
    pub fault: Option<Fault>,
}

/// The widget's storage slot.
pub struct Store {
    storage: Option<Storage>,
    key: String,
    /// While an unreadable state is kept, nothing is written over it.
    pub blocked: bool,
    /// Whether the client's entries are written: always with `persist`
    /// on; under `ask` only once the client chose to keep them, which the
    /// saved state itself remembers (nothing is there otherwise).
    keeping: bool,
}

fn message(e: &JsValue) -> String {
    match e.dyn_ref::<js_sys::Error>() {
        Some(e) => String::from(e.message()),
        None => e.as_string().unwrap_or_else(|| "an unknown error".to_owned()),
    }
}

fn is_quota(e: &JsValue) -> bool {
    e.dyn_ref::<web_sys::DomException>()
        .is_some_and(|d| d.name() == "QuotaExceededError" || d.code() == 22 || d.code() == 1014)
}

/// The page's localStorage.
fn local() -> Result<Storage, Fault> {
    match web_sys::window().map(|w| w.local_storage()) {
        Some(Ok(Some(s))) => Ok(s),
        Some(Ok(None)) | None => Err(Fault::Unavailable("localStorage is not available".into())),
        Some(Err(e)) => Err(Fault::Unavailable(message(&e))),
    }
}

impl Store {
    /// Opens the slot `PREFIX + key` and reads what is there. With
    /// `persist` off, nothing is read or written; with `ask`, what is
    /// there was kept at the client's choice, and nothing is written
    /// until they make it (see [`Store::start`]).
    pub fn open(key: &str, persist: Persist, defaults: &Scenario) -> Opened {
        let mut opened = Opened {
            store: Store {
                storage: None,
                key: [PREFIX, key].concat(),
                blocked: false,
                keeping: persist == Persist::On,
            },
            loaded: Loaded::Nothing,
            fault: None,
        };
        if persist == Persist::Off {
            return opened;
        }
        let storage = match local() {
            Ok(s) => s,
            Err(f) => {
                opened.fault = Some(f);
                return opened;
            }
        };
        let raw = match storage.get_item(&opened.store.key) {
            Ok(raw) => raw,
            Err(e) => {
                opened.fault = Some(Fault::Unavailable(message(&e)));
                return opened;
            }
        };
        opened.store.storage = Some(storage);
        if let Some(raw) = raw {
            // Under `ask`, a saved state is there only because the client
            // chose to keep their entries (or because `persist` was on
            // when it was written): either way it is kept on this device,
            // and the checkbox says so.
            opened.store.keeping = true;
            opened.loaded = match read(&raw, defaults) {
                Ok(s) => Loaded::Found(s),
                Err(why) => {
                    // Kept untouched until the client decides.
                    opened.store.blocked = true;
                    Loaded::Unreadable(Unreadable { raw, why })
                }
            };
        }
        opened
    }

    /// The full key in localStorage.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Whether the client's entries are kept on this device (`persist`
    /// on, or ticked under `ask`).
    pub fn keeping(&self) -> bool {
        self.keeping
    }

    /// Saves `scenario`, unless an unreadable state is being kept or the
    /// client has not chosen to keep their entries.
    ///
    /// # Errors
    /// [`Fault`] when the browser refuses to store it.
    pub fn save(&self, scenario: &Scenario) -> Result<(), Fault> {
        let Some(storage) = &self.storage else {
            return Ok(());
        };
        if self.blocked || !self.keeping {
            return Ok(());
        }
        let text = to_text(&encode(scenario)).map_err(Fault::Unavailable)?;
        storage.set_item(&self.key, &text).map_err(|e| {
            if is_quota(&e) {
                Fault::Full
            } else {
                Fault::Unavailable(message(&e))
            }
        })
    }

    /// Keeps `scenario` aside (when a shared one replaces it), under the
    /// key with `:before-share` appended; not while the client's entries
    /// are not kept (the app still holds it for the page's lifetime).
    pub fn keep_backup(&self, scenario: &Scenario) {
        if !self.keeping {
            return;
        }
        if let (Some(storage), Ok(text)) = (&self.storage, to_text(&encode(scenario))) {
            let _ = storage.set_item(&[&self.key, BACKUP].concat(), &text);
        }
    }

    /// Whether a scenario is kept aside.
    pub fn has_backup(&self) -> bool {
        let key = [&self.key, BACKUP].concat();
        self.storage.as_ref().is_some_and(|s| s.get_item(&key).ok().flatten().is_some())
    }

    /// Forgets the scenario kept aside.
    pub fn drop_backup(&self) {
        if let Some(storage) = &self.storage {
            let _ = storage.remove_item(&[&self.key, BACKUP].concat());
        }
    }

    /// The scenario kept aside, removing it.
    pub fn take_backup(&self, defaults: &Scenario) -> Option<Scenario> {
        let storage = self.storage.as_ref()?;
        let key = [&self.key, BACKUP].concat();
        let text = storage.get_item(&key).ok().flatten()?;
        let _ = storage.remove_item(&key);
        read(&text, defaults).ok()
    }

    /// Drops the kept unreadable state (the client chose to) and saves
    /// `scenario` in its place.
    ///
    /// # Errors
    /// [`Fault`] when the browser refuses to store it.
    pub fn replace(&mut self, scenario: &Scenario) -> Result<(), Fault> {
        self.blocked = false;
        self.save(scenario)
    }

    /// The client ticked "keep my entries on this device" (`persist="ask"`):
    /// from now on their entries are kept, starting with `scenario`, now.
    /// Storage that could not be opened before is tried again.
    ///
    /// # Errors
    /// [`Fault`] when the browser refuses; then nothing is kept.
    pub fn start(&mut self, scenario: &Scenario) -> Result<(), Fault> {
        if self.storage.is_none() {
            self.storage = Some(local()?);
        }
        self.keeping = true;
        self.save(scenario).inspect_err(|_| self.keeping = false)
    }

    /// The client unticked "keep my entries on this device": nothing is
    /// written any more, and everything kept under this key is deleted:
    /// the saved state (an unreadable one too: unticking is the client's
    /// choice to drop it) and the scenario kept aside.
    ///
    /// # Errors
    /// [`Fault`] when the browser refuses to delete.
    pub fn stop(&mut self) -> Result<(), Fault> {
        self.keeping = false;
        self.blocked = false;
        let Some(storage) = &self.storage else { return Ok(()) };
        for key in [self.key.clone(), [&self.key, BACKUP].concat()] {
            storage.remove_item(&key).map_err(|e| Fault::Unavailable(message(&e)))?;
        }
        Ok(())
    }

    /// Another tab kept (`true`) or deleted (`false`) this calculator's
    /// entries under `ask`: this tab follows.
    pub fn follow(&mut self, keeping: bool) {
        self.keeping = keeping;
        if !keeping {
            self.blocked = false;
        }
    }
}

/// The JSON text of a saved form, through the browser's own JSON.
pub fn to_text(json: &Json) -> Result<String, String> {
    js_sys::JSON::stringify(&to_js(json)).map(String::from).map_err(|e| message(&e))
}

/// A saved form as a plain JS object.
pub fn to_js(json: &Json) -> JsValue {
    match json {
        Json::Null => JsValue::NULL,
        Json::Bool(b) => JsValue::from_bool(*b),
        Json::Num(x) => JsValue::from_f64(*x),
        Json::Str(t) => JsValue::from_str(t),
        Json::Arr(items) => items.iter().map(to_js).collect::<js_sys::Array>().into(),
        Json::Obj(members) => {
            let o = js_sys::Object::new();
            for (k, v) in members {
                let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), &to_js(v));
            }
            o.into()
        }
    }
}

/// A JS value (a parsed saved form, or what a host page sets) as a tree,
/// at most [`MAX_DEPTH`] levels deep.
pub fn from_js(value: &JsValue) -> Result<Json, String> {
    walk(value, MAX_DEPTH)
}

fn walk(v: &JsValue, depth: u32) -> Result<Json, String> {
    if v.is_null() || v.is_undefined() {
        return Ok(Json::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Json::Bool(b));
    }
    if let Some(x) = v.as_f64() {
        return Ok(Json::Num(x));
    }
    if let Some(t) = v.as_string() {
        return Ok(Json::Str(t));
    }
    let Some(depth) = depth.checked_sub(1) else {
        return Err(format!("nested deeper than {MAX_DEPTH} levels"));
    };
    if js_sys::Array::is_array(v) {
        let items = js_sys::Array::from(v);
        return items.iter().map(|item| walk(&item, depth)).collect::<Result<_, _>>().map(Json::Arr);
    }
    if v.is_object() && !v.is_function() {
        let entries = js_sys::Object::entries(v.unchecked_ref());
        let mut members = Vec::with_capacity(entries.length() as usize);
        for entry in entries.iter() {
            let pair = js_sys::Array::from(&entry);
            let key = pair.get(0).as_string().unwrap_or_default();
            members.push((key, walk(&pair.get(1), depth)?));
        }
        return Ok(Json::Obj(members));
    }
    Err("not JSON data".to_owned())
}

/// Reads saved text into a scenario.
pub fn read(raw: &str, defaults: &Scenario) -> Result<Scenario, Why> {
    let value = js_sys::JSON::parse(raw).map_err(|e| Why::NotJson(message(&e)))?;
    let json = from_js(&value).map_err(Why::NotJson)?;
    decode(&json, defaults).map_err(Why::Invalid)
}
