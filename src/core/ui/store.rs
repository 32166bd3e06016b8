//! localStorage: where the client's scenario lives between visits. The
//! schema is the core's saved form; this file only decides what is read
//! and written when, through the [`Host`], and never lets a storage fault
//! or an unreadable state stop the widget.

use crate::core::saved::{decode, encode};
use crate::core::scenario::{Scenario, ScenarioError};
use crate::core::ui::host::{Fault, Host};
use crate::core::Persist;

/// Prefix of every key, with the saved form's major version.
pub const PREFIX: &str = "changecost:v1:";
/// Appended to the key for the client's own scenario kept aside while a
/// shared one is open.
const BACKUP: &str = ":before-share";

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
    /// The slot.
    pub store: Store,
    /// What was found.
    pub loaded: Loaded,
    /// Why storage cannot be used, if it cannot.
    pub fault: Option<Fault>,
}

/// The widget's storage slot.
pub struct Store {
    /// Whether storage can be used at all.
    usable: bool,
    key: String,
    /// While an unreadable state is kept, nothing is written over it.
    pub blocked: bool,
    /// Whether the client's entries are written: always with `persist`
    /// on; under `ask` only once the client chose to keep them, which the
    /// saved state itself remembers (nothing is there otherwise).
    keeping: bool,
}

/// Reads saved text into a scenario.
///
/// # Errors
/// [`Why`] it cannot be read.
pub fn read(host: &dyn Host, raw: &str, defaults: &Scenario) -> Result<Scenario, Why> {
    let json = host.parse_json(raw).map_err(Why::NotJson)?;
    decode(&json, defaults).map_err(Why::Invalid)
}

impl Store {
    /// Opens the slot `PREFIX + key` and reads what is there. With
    /// `persist` off, nothing is read or written; with `ask`, what is
    /// there was kept at the client's choice, and nothing is written
    /// until they make it (see [`Store::start`]).
    pub fn open(host: &dyn Host, key: &str, persist: Persist, defaults: &Scenario) -> Opened {
        let mut opened = Opened {
            store: Store {
                usable: false,
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
        let raw = match host.load(&opened.store.key) {
            Ok(raw) => raw,
            Err(f) => {
                opened.fault = Some(f);
                return opened;
            }
        };
        opened.store.usable = true;
        if let Some(raw) = raw {
            // Under `ask`, a saved state is there only because the client
            // chose to keep their entries (or because `persist` was on
            // when it was written): either way it is kept on this device,
            // and the checkbox says so.
            opened.store.keeping = true;
            opened.loaded = match read(host, &raw, defaults) {
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
    pub fn save(&self, host: &mut dyn Host, scenario: &Scenario) -> Result<(), Fault> {
        if !self.usable || self.blocked || !self.keeping {
            return Ok(());
        }
        let text = host.to_json(&encode(scenario), false);
        host.store(&self.key, &text)
    }

    /// Whether a scenario is kept aside (a shared one was opened).
    pub fn has_backup(&self, host: &dyn Host) -> bool {
        self.usable && host.load(&[&self.key, BACKUP].concat()).ok().flatten().is_some()
    }

    /// Keeps `scenario` aside while a shared one is open.
    pub fn keep_backup(&self, host: &mut dyn Host, scenario: &Scenario) {
        if self.usable && self.keeping {
            let text = host.to_json(&encode(scenario), false);
            let _ = host.store(&[&self.key, BACKUP].concat(), &text);
        }
    }

    /// Forgets the scenario kept aside.
    pub fn drop_backup(&self, host: &mut dyn Host) {
        if self.usable {
            let _ = host.forget(&[&self.key, BACKUP].concat());
        }
    }

    /// The scenario kept aside, removing it.
    pub fn take_backup(&self, host: &mut dyn Host, defaults: &Scenario) -> Option<Scenario> {
        if !self.usable {
            return None;
        }
        let key = [&self.key, BACKUP].concat();
        let text = host.load(&key).ok().flatten()?;
        let _ = host.forget(&key);
        read(host, &text, defaults).ok()
    }

    /// Drops the kept unreadable state (the client chose to) and saves
    /// `scenario` in its place.
    ///
    /// # Errors
    /// [`Fault`] when the browser refuses to store it.
    pub fn replace(&mut self, host: &mut dyn Host, scenario: &Scenario) -> Result<(), Fault> {
        self.blocked = false;
        self.save(host, scenario)
    }

    /// The client ticked "keep my entries on this device" (`persist="ask"`):
    /// from now on their entries are kept, starting with `scenario`, now.
    /// Storage that could not be opened before is tried again.
    ///
    /// # Errors
    /// [`Fault`] when the browser refuses; then nothing is kept.
    pub fn start(&mut self, host: &mut dyn Host, scenario: &Scenario) -> Result<(), Fault> {
        if !self.usable {
            host.load(&self.key)?;
            self.usable = true;
        }
        self.keeping = true;
        self.save(host, scenario).inspect_err(|_| self.keeping = false)
    }

    /// The client unticked "keep my entries on this device": nothing is
    /// written any more, and everything kept under this key is deleted:
    /// the saved state (an unreadable one too: unticking is the client's
    /// choice to drop it) and the scenario kept aside.
    ///
    /// # Errors
    /// [`Fault`] when the browser refuses to delete.
    pub fn stop(&mut self, host: &mut dyn Host) -> Result<(), Fault> {
        self.keeping = false;
        self.blocked = false;
        if !self.usable {
            return Ok(());
        }
        for key in [self.key.clone(), [&self.key, BACKUP].concat()] {
            host.forget(&key)?;
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
