//! The widget itself, without a browser: its markup as pure functions of
//! its state ([`view`], [`chart`], [`receipt`]), the event boundary
//! ([`msg`]), and the [`App`] that handles each event and writes what
//! changed as one [`Paint`] string. Everything the page provides (storage,
//! timers, the clipboard, the worker, number formats) comes in through
//! [`Host`], so every part of the widget runs and is tested on the host
//! (`tests/ui.rs`); the browser layer (`src/web/`) only applies the
//! updates and reads events.

mod app;
mod chart;
pub mod host;
pub mod msg;
mod paint;
mod receipt;
mod store;
pub mod view;

pub use app::{App, Env, Follow, HostEvent};
pub use app::{File, SendError, MAX_IMPORT};
pub use host::{Fault, Focused, Formats, Host, Timer};
pub use msg::{Action, Msg, Part, SendField, Target};
pub use paint::{Paint, ROOT};
pub use store::PREFIX;
