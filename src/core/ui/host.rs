//! What the widget needs from around it: the page's storage, timers, the
//! clipboard, files, printing, the network for sending, the simulation's
//! worker, the browser's number formats and JSON, and the languages'
//! texts, which the wasm does not carry (issue 24). The browser layer
//! implements [`Host`] with a handful of JavaScript calls; the host tests
//! implement it with a record of every call (`tests/ui.rs`).

use crate::core::i18n::Texts;
use crate::core::json::Json;
use crate::core::money::Money;

/// How figures are written for one language and currency.
pub trait Formats {
    /// The currency written (ISO 4217).
    fn currency(&self) -> &str;
    /// An amount to the cent: `15.646,50 €`, `€15,646.50`.
    fn money(&self, m: Money) -> String;
    /// An amount in whole currency units (rounded by the caller).
    fn money_whole(&self, m: Money) -> String;
    /// Basis points as a percentage, rounded as the widget rounds them.
    fn percent(&self, bp: i64) -> String;
}

/// What went wrong with storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// No localStorage, or access to it throws (a sandboxed frame, blocked
    /// cookies): the browser's message.
    Unavailable(String),
    /// QuotaExceededError.
    Full,
}

/// The widget's timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timer {
    /// Save and announce after a pause in typing.
    Quiet = 0,
    /// The next slice of the simulation.
    Simulation = 1,
}

impl Timer {
    /// The timer numbered `n` (as the browser layer calls back).
    pub fn from_number(n: u32) -> Option<Timer> {
        [Timer::Quiet, Timer::Simulation].into_iter().find(|t| *t as u32 == n)
    }
}

/// The field that has the keyboard, as the browser layer reads it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Focused {
    /// Its id.
    pub id: String,
    /// Its `data-setting`, if any.
    pub setting: Option<String>,
    /// Its `data-part`, if any.
    pub part: Option<String>,
    /// The `data-change-id` of its row, if any.
    pub row: Option<String>,
    /// Its value.
    pub value: String,
    /// Where the caret is.
    pub caret: Option<u32>,
}

/// The page around the widget.
pub trait Host {
    /// Now, in milliseconds since 1970.
    fn now(&self) -> f64;
    /// Today's date: day, month (from 1), year.
    fn today(&self) -> (u32, u32, i32);
    /// The host element's attribute `name`.
    fn attribute(&self, name: &str) -> Option<String>;
    /// The page's address.
    fn href(&self) -> String;
    /// The page's own host name (for a path endpoint).
    fn page_host(&self) -> String;
    /// Drops the fragment from the page's address, without a reload.
    fn forget_fragment(&mut self);
    /// Applies DOM updates (see [`crate::core::ui::Paint`]).
    fn apply(&mut self, ops: &str);
    /// The field that has the keyboard inside the widget, if any.
    fn focused(&self) -> Option<Focused>;

    /// The text stored under `key`, if any.
    ///
    /// # Errors
    /// [`Fault`] when storage cannot be used.
    fn load(&self, key: &str) -> Result<Option<String>, Fault>;
    /// Stores `text` under `key`.
    ///
    /// # Errors
    /// [`Fault`] when the browser refuses (full, forbidden).
    fn store(&mut self, key: &str, text: &str) -> Result<(), Fault>;
    /// Removes `key`.
    ///
    /// # Errors
    /// [`Fault`] when storage cannot be used.
    fn forget(&mut self, key: &str) -> Result<(), Fault>;

    /// JSON text as a tree, at most [`crate::core::MAX_DEPTH`] levels deep.
    ///
    /// # Errors
    /// Why it is not JSON, in English for the console.
    fn parse_json(&self, text: &str) -> Result<Json, String>;
    /// A tree as JSON text, indented when `pretty`.
    fn to_json(&self, json: &Json, pretty: bool) -> String;
    /// Formats for `locale` and `currency`.
    fn formats(&self, locale: &str, currency: &str) -> Box<dyn Formats>;

    /// The texts of the language `code`, if they are here: in the browser,
    /// once its file is loaded (the one a calculator starts in always is).
    fn language(&self, code: &str) -> Option<&'static Texts>;
    /// Fetches the texts of the language `code`; the browser layer answers
    /// `App::language_arrived` once they are here, or with why not.
    fn load_language(&mut self, code: &str);

    /// Calls back `timer` after `delay` milliseconds (`None`: not at all),
    /// instead of when it was due.
    fn timer(&mut self, timer: Timer, delay: Option<u32>);
    /// Writes to the console.
    fn warn(&self, text: &str);
    /// Copies `text`; the browser layer answers `Copied` or `CopyRefused`.
    fn copy(&mut self, text: &str);
    /// Offers `text` as a file download.
    fn download(&mut self, name: &str, mime: &str, text: &str);
    /// Opens the print dialog (after the pending DOM updates).
    fn print(&mut self);
    /// Opens an address (the `mailto:` link).
    fn open(&mut self, url: &str);
    /// Posts `body` to `url`, given up after `timeout` milliseconds; the
    /// browser layer answers with the status, or why it failed.
    fn post(&mut self, url: &str, body: &str, content_type: &str, timeout: u32);
    /// Simulates the scenario `saved` (its saved form) in the worker; the
    /// browser layer answers `Simulated` with `asked`. `false` where there
    /// is no worker: the simulation runs in slices here.
    fn simulate(&mut self, asked: u32, saved: &Json) -> bool;
}
