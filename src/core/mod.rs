//! The pure core of changecost: exact money, the pricing model of MODEL.md,
//! the scenario with its limits, number parsing, the saved form and the
//! words of every language. Nothing here knows the browser; the web layer
//! calls it and the host tests check it.
//!
//! ```
//! use changecost::core::{price, Change, Contract, Kind, Phase, Scenario};
//!
//! let mut s = Scenario::default();
//! s.changes.push(Change::new(1, "logo bigger", Kind::Tweak, 120, Phase::Build));
//! let p = price(&s).unwrap();
//! assert_eq!(p.part(Contract::Hourly).total.cents(), 1_173_250);
//! ```

mod config;
mod decide;
pub mod display;
pub mod editor;
mod effort;
mod example;
mod history;
pub mod html;
pub mod i18n;
mod insight;
mod json;
mod money;
pub(crate) mod parse;
mod pricing;
mod rangebar;
mod report;
mod rng;
mod round;
mod saved;
mod scenario;
mod share;
mod simulate;
mod sort;
mod ticks;
pub mod ui;
mod verdict;

pub use config::{configure, Config, Endpoint, Persist, Theme, Warning, ATTRIBUTES};
pub use decide::{average_change, break_even, bundle, request_premium, BreakEven, Bundle};
pub use effort::{Bp, Effort, Minutes, WHOLE};
pub use example::{Example, MAX_EXAMPLE};
pub use history::History;
pub use i18n::Texts;
pub use insight::{bundle_text, spread, summary_bar, verdict, whole_units, Formatters, Verdict};
pub use json::{Json, MAX_DEPTH};
pub use money::{Money, MoneyError};
pub use parse::{
    format_grouped, format_plain, format_quantity, parse, parse_decimal, parse_hours, parse_money, parse_percent,
    Decimal, ParseError, Quantity,
};
pub use pricing::{price, price_at, Engine, Line, Part, Point, Pricing, Tally};
pub use rangebar::{range_bar, Scale};
pub use report::{csv, summary};
pub use rng::{Fnv, Rng};
pub use round::{round, to_step};
pub use saved::{decode, encode, VERSION};
pub use scenario::{
    validate_change, Change, ChangePart, Contract, Field, Kind, Phase, Preset, Problem, Range, Scenario, ScenarioError,
    Setting, Unit, MAX_CHANGES, MAX_EFFORT, MAX_TITLE,
};
pub use share::{base64url, decode_link, encode_link, from_base64url, ShareError, KEY as SHARE_KEY};
pub use simulate::{seed_of, simulate, Band, Pair, Runner, Simulation, Triangle, TAIL};
pub use ticks::{nice_step, svg_number};
pub use verdict::{shares, Comparison, Share};
