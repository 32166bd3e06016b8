//! Every word the widget shows, per language. A language is one file with
//! one [`Texts`] value; adding one means writing that file and listing it
//! in [`ALL`] and [`LANGUAGES`].
//!
//! The host build has them all compiled in. The wasm build carries none:
//! each language is a data file ([`data`], written by `make build`) that
//! the browser loads when it is needed and [`install`]s; [`for_tag`] then
//! finds it.

mod data;
mod de;
mod en;

use std::cell::RefCell;

pub use data::{DataError, Fields, Visit, WriteError, MAGIC, MAX_BYTES, SEP};

use crate::core::money::Money;
use crate::core::parse::{format_grouped, integer, ParseError};
use crate::core::scenario::{
    ChangePart, Contract, Field, Kind, Phase, Problem, Scenario, ScenarioError, Setting, Unit,
};

/// The languages compiled into the crate, the first being the fallback:
/// the host's (its tests, and the build step that writes the data files).
/// The wasm build never names them, so that none of their words is in the
/// wasm (tools/release.mjs checks); there the languages are data.
pub static ALL: [&Texts; 2] = [&en::TEXTS, &de::TEXTS];

/// Every language's code and its name in itself, in [`ALL`]'s order: what
/// the language switch offers before a language's texts are loaded.
pub const LANGUAGES: [(&str, &str); 2] = [("en", "English"), ("de", "Deutsch")];

thread_local! {
    /// The languages read from data files, in the order they came.
    static LOADED: RefCell<Vec<&'static Texts>> = const { RefCell::new(Vec::new()) };
}

/// The languages compiled in and usable: all of [`ALL`] on the host, none
/// in the wasm build (its languages are loaded, see [`install`]).
fn built_in() -> &'static [&'static Texts] {
    #[cfg(not(target_arch = "wasm32"))]
    return &ALL;
    #[cfg(target_arch = "wasm32")]
    return &[];
}

/// The primary subtag of a BCP 47 tag, lower case: `de` for `de-AT`.
fn primary(tag: &str) -> String {
    tag.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase()
}

/// The language for a BCP 47 tag such as `de`, `de-AT` or `en-GB`: one
/// compiled in (the host), else one loaded (the browser).
pub fn for_tag(tag: &str) -> Option<&'static Texts> {
    let primary = primary(tag);
    let found = built_in().iter().copied().find(|t| t.code == primary);
    found.or_else(|| LOADED.with(|l| l.borrow().iter().copied().find(|t| t.code == primary)))
}

/// The code of the language a tag names, if this build has it, whether
/// or not its texts are loaded yet.
pub fn code_for(tag: &str) -> Option<&'static str> {
    let primary = primary(tag);
    LANGUAGES.iter().map(|&(code, _)| code).find(|&code| code == primary)
}

/// The language when no tag names one: English; in the browser, English
/// if it is loaded, else the first language loaded (`None` before any).
pub fn fallback() -> Option<&'static Texts> {
    for_tag(LANGUAGES[0].0).or_else(|| LOADED.with(|l| l.borrow().first().copied()))
}

/// Makes a language read from its data file available to [`for_tag`];
/// `false` (and nothing changes) when one with its code already is.
pub fn install(texts: &'static Texts) -> bool {
    if for_tag(texts.code).is_some() {
        return false;
    }
    LOADED.with(|l| l.borrow_mut().push(texts));
    true
}

/// The English words of a problem with an attribute's value, for the
/// console (warnings are in English whatever the widget's language): from
/// a few constants, so that the wasm carries these words and not all of
/// English.
pub fn english_problem(error: &ScenarioError, currency: &str) -> String {
    let money = |m: Money| quantity(m.cents(), Unit::Money, currency, '.', en::HOURS);
    problem(&en::PROBLEMS, '.', en::HOURS, error, &money)
}

/// [`Texts::quantity`] with the words it needs.
fn quantity(value: i64, unit: Unit, currency: &str, decimal: char, hours: &str) -> String {
    match unit {
        Unit::Money => [&format_grouped(value, 2, 2, decimal), "\u{a0}", currency].concat(),
        Unit::Hours => [&format_grouped(value * 100 / 60, 2, 0, decimal), "\u{a0}", hours].concat(),
        Unit::Percent => format_grouped(value, 2, 0, decimal) + "\u{a0}%",
        Unit::Multiplier => format_grouped(value, 4, 0, decimal) + "×",
        Unit::Count => format_grouped(value, 0, 0, decimal),
    }
}

/// [`Texts::problem`] with the words it needs.
fn problem(
    words: &Problems,
    decimal: char,
    hours: &str,
    error: &ScenarioError,
    money: &dyn Fn(Money) -> String,
) -> String {
    let unit = match error.field {
        Field::Setting(s) => s.unit(),
        Field::Change { part: ChangePart::Share, .. } => Unit::Percent,
        Field::Change { part: ChangePart::EffortLow | ChangePart::Effort | ChangePart::EffortHigh, .. } => Unit::Hours,
        _ => Unit::Count,
    };
    let q = |v: i64| match unit {
        Unit::Money => money(Money::from_cents(v)),
        _ => quantity(v, unit, "", decimal, hours),
    };
    match &error.problem {
        Problem::TooLow { min } => fill(words.too_low, &q(*min)),
        Problem::TooHigh { max } => fill(words.too_high, &q(*max)),
        Problem::LowAboveLikely { likely } => fill(words.low_above_likely, &q(*likely)),
        Problem::LikelyAboveHigh { high } => fill(words.likely_above_high, &q(*high)),
        Problem::TooLong { max } => fill(words.too_long, &integer(*max as i64)),
        Problem::TooMany { max } => fill(words.too_many, &format_grouped(*max as i64, 0, 0, decimal)),
        Problem::Unknown { given } => fill(words.unknown, given),
        Problem::WrongType { .. } => words.wrong_type.to_owned(),
        Problem::FutureVersion { found } => fill(words.future_version, &integer(*found)),
        Problem::Overflow => words.overflow.to_owned(),
    }
}

/// Why a setting has its default: what it means, and one short line on
/// where the default comes from (a source, or "assumption").
#[derive(Debug, Clone)]
pub struct Why {
    /// What the setting means for the client, in plain words.
    pub text: &'static str,
    /// Its source, or that it is an assumption; docs/methodology.md has
    /// the details.
    pub source: &'static str,
}

/// One value per [`Setting`]: a label, or why it has its default.
#[derive(Debug, Clone)]
pub struct BySetting<T> {
    /// The hourly rate, net.
    pub rate: T,
    /// The agreed scope's likely effort.
    pub hours: T,
    /// The agreed scope's best case.
    pub hours_low: T,
    /// The agreed scope's worst case.
    pub hours_high: T,
    /// The risk premium in the fixed price.
    pub premium: T,
    /// The change hours included in the fixed price.
    pub allowance: T,
    /// An entered fixed price.
    pub fixed_price: T,
    /// The price factor of change requests.
    pub cr_rate: T,
    /// The effort per change request.
    pub cr_admin: T,
    /// The coordination per change, billed by the hour.
    pub switch: T,
    /// The cap above the likely effort.
    pub cap: T,
    /// VAT.
    pub vat: T,
    /// The extra effort per newly involved group.
    pub overhead: T,
    /// The number of simulated outcomes.
    pub trials: T,
    /// The per-phase cost factor.
    pub multiplier: T,
    /// The per-phase share of work still ahead.
    pub remaining: T,
}

impl<T> BySetting<T> {
    /// The value for `setting` (one for every phase of the per-phase ones).
    pub fn get(&self, setting: Setting) -> &T {
        match setting {
            Setting::Rate => &self.rate,
            Setting::Hours => &self.hours,
            Setting::HoursLow => &self.hours_low,
            Setting::HoursHigh => &self.hours_high,
            Setting::Premium => &self.premium,
            Setting::Allowance => &self.allowance,
            Setting::FixedPrice => &self.fixed_price,
            Setting::CrRate => &self.cr_rate,
            Setting::CrAdmin => &self.cr_admin,
            Setting::Switch => &self.switch,
            Setting::Cap => &self.cap,
            Setting::Vat => &self.vat,
            Setting::Overhead => &self.overhead,
            Setting::Trials => &self.trials,
            Setting::Multiplier(_) => &self.multiplier,
            Setting::Remaining(_) => &self.remaining,
        }
    }
}

/// A text for one of something, and a template for more (`{}` is the
/// number).
#[derive(Debug, Clone, Copy)]
pub struct Plural {
    /// The singular, with the number written out: "1 change".
    pub one: &'static str,
    /// The plural: "{} changes".
    pub many: &'static str,
}

/// The unit choices of a rework.
#[derive(Debug, Clone)]
pub struct Units {
    /// Hours.
    pub hours: &'static str,
    /// A share of the work done.
    pub share: &'static str,
}

/// Labels of the move buttons; `{}` is the change's number.
#[derive(Debug, Clone)]
pub struct Moves {
    /// Move up.
    pub up: &'static str,
    /// Move down.
    pub down: &'static str,
}

/// Why typed text is not a number.
#[derive(Debug, Clone)]
pub struct ParseTexts {
    /// Nothing typed.
    pub empty: &'static str,
    /// A character `{}` that is no part of a number.
    pub invalid: &'static str,
    /// Not a number.
    pub malformed: &'static str,
    /// Decimal or thousands separator: unclear.
    pub ambiguous: &'static str,
    /// More than `{}` decimals.
    pub too_precise: &'static str,
    /// Negative.
    pub negative: &'static str,
    /// Too large.
    pub too_large: &'static str,
}

/// What is wrong with a value of a scenario.
#[derive(Debug, Clone)]
pub struct Problems {
    /// Below the minimum `{}`.
    pub too_low: &'static str,
    /// Above the maximum `{}`.
    pub too_high: &'static str,
    /// The best case above the likely value `{}`.
    pub low_above_likely: &'static str,
    /// The likely value above the worst case `{}`.
    pub likely_above_high: &'static str,
    /// Longer than `{}` characters.
    pub too_long: &'static str,
    /// More than `{}` entries.
    pub too_many: &'static str,
    /// An unknown value `{}`.
    pub unknown: &'static str,
    /// A value of the wrong type.
    pub wrong_type: &'static str,
    /// Saved by a newer version `{}`.
    pub future_version: &'static str,
    /// Figures too large to compute.
    pub overflow: &'static str,
}

/// Labels of a change's range.
#[derive(Debug, Clone)]
pub struct RangeBounds {
    /// The best case.
    pub best: &'static str,
    /// The worst case.
    pub worst: &'static str,
}

/// Column heads of the chart's table.
#[derive(Debug, Clone)]
pub struct TableHeads {
    /// After which change.
    pub after_change: &'static str,
    /// The hourly band.
    pub band: &'static str,
}

/// One text per outcome of a comparison: billing by the hour ahead, the
/// fixed price ahead, or both the same.
#[derive(Debug, Clone)]
pub struct Cheaper {
    /// Billing by the hour.
    pub hourly: &'static str,
    /// The fixed price.
    pub fixed: &'static str,
    /// Both cost the same.
    pub same: &'static str,
}

/// How often something happens in the simulated outcomes, after "in":
/// never 0 or 100 unless it is exact (MODEL.md, "The verdict").
#[derive(Debug, Clone)]
pub struct Shares {
    /// `{}` of 100.
    pub of: &'static str,
    /// Some, but fewer than 1 of 100.
    pub fewer: &'static str,
    /// Not all, but more than 99 of 100.
    pub more: &'static str,
}

/// The fixed price's difference to billing by the hour (or with a cap) as
/// estimated, before any change; `{0}` is the difference, `{1}` the other
/// contract as the object of a comparison (German: dative), `{2}` as a
/// subject.
#[derive(Debug, Clone)]
pub struct Start {
    /// Above, computed with a risk premium: the premium named.
    pub premium: &'static str,
    /// Above (an entered fixed price, or no premium).
    pub above: &'static str,
    /// Below.
    pub below: &'static str,
    /// The same.
    pub equal: &'static str,
}

/// The insurance reading of the bad case: `{0}` is billing by the hour (or
/// with a cap) as a subject, `{1}` the amount.
#[derive(Debug, Clone)]
pub struct BadCase {
    /// After "on average the fixed price costs more": in exchange, in the
    /// worst 1 in 10 outcomes, billing by the hour costs at least `{1}`
    /// more.
    pub exchange: &'static str,
    /// The same without "in exchange".
    pub more: &'static str,
    /// In 9 of 10 outcomes billing by the hour costs at least `{1}` less.
    pub less: &'static str,
    /// In 9 of 10 outcomes billing by the hour costs no more.
    pub level: &'static str,
    /// In 9 of 10 outcomes billing by the hour costs at most `{1}` more
    /// (less than a whole currency unit, rounded up).
    pub at_most: &'static str,
}

/// A number of further changes in a sentence: `{0}` the number (a word up
/// to twelve), `{1}` their effort each.
#[derive(Debug, Clone, Copy)]
pub struct Plural2 {
    /// One.
    pub one: &'static str,
    /// More.
    pub many: &'static str,
}

/// What the cap does, from the simulation.
#[derive(Debug, Clone)]
pub struct CapTexts {
    /// What it limits: `{0}` is the cap.
    pub what: &'static str,
    /// How often it applies (`{0}`, a share) and what it saves in the bad
    /// case (`{1}`).
    pub applies: &'static str,
    /// How often it applies, when that is too rarely to change the bad case.
    pub rarely: &'static str,
    /// It applies in every outcome and saves `{0}` in the bad case.
    pub always: &'static str,
    /// It applies in no outcome.
    pub none: &'static str,
    /// Nothing varies: as estimated, the agreed scope stays below it.
    pub exact: &'static str,
}

/// Where billing by the hour comes to cost as much as the fixed price if
/// everything goes as estimated, stated only beside the odds.
#[derive(Debug, Clone)]
pub struct CatchUp {
    /// From change `{0}` on.
    pub at: &'static str,
    /// After more changes like the client's.
    pub after: Plural2,
    /// After more one-hour changes (no changes entered yet).
    pub after_hour: Plural2,
    /// Not with more changes like the client's: as a change request each
    /// costs `{0}` more than billed by the hour.
    pub never: &'static str,
    /// The same for one-hour changes.
    pub never_hour: &'static str,
    /// Not with more changes like the client's: as a change request each
    /// costs as much as billed by the hour.
    pub level: &'static str,
    /// The same for one-hour changes.
    pub level_hour: &'static str,
    /// Only after more than a million more changes.
    pub far: &'static str,
}

/// The words of the verdict (MODEL.md, "The verdict: what the client is
/// told"): the odds both ways, the middle outcome, the average and the bad
/// case, the figures as estimated, the cap.
#[derive(Debug, Clone)]
pub struct VerdictTexts {
    /// Each contract as the subject of a sentence, lower case, in
    /// [`Contract::ALL`] order: "billing by the hour".
    pub subjects: [&'static str; 3],
    /// Each contract as the object of a comparison ("more than billing by
    /// the hour"; German: dative, „über der Abrechnung nach Aufwand“).
    pub datives: [&'static str; 3],
    /// Each contract in a short line, lower case: "by the hour".
    pub names: [&'static str; 3],
    /// How often, after "in".
    pub shares: Shares,
    /// `{1}` is cheaper in `{0}` simulated outcomes, `{3}` in `{2}`.
    pub odds: &'static str,
    /// `{1}` is cheaper in `{0}` simulated outcomes, `{2}` in none (the rest
    /// are ties).
    pub odds_none: &'static str,
    /// `{0}` is cheaper in every simulated outcome.
    pub odds_every: &'static str,
    /// Both cost the same in `{0}` (appended).
    pub odds_ties: &'static str,
    /// Both cost the same in every simulated outcome.
    pub odds_same: &'static str,
    /// In the middle outcome `{0}` costs `{1}` less than `{2}`.
    pub middle: &'static str,
    /// In the middle outcome both cost the same.
    pub middle_same: &'static str,
    /// On average the fixed price costs `{0}` more than, less than, as much
    /// as `{1}`.
    pub average: Cheaper,
    /// The bad case read as insurance.
    pub bad: BadCase,
    /// Nothing varies: every estimate is a single figure.
    pub exact: &'static str,
    /// Before any change, as estimated.
    pub start: Start,
    /// In total, as estimated: which contract is cheaper, by `{0}`; `{1}`
    /// billing by the hour (or with a cap) as a subject.
    pub total: Cheaper,
    /// Where billing by the hour catches up, as estimated.
    pub catch_up: CatchUp,
    /// What the cap does.
    pub cap: CapTexts,
    /// The label above each card's exact total.
    pub as_estimated: &'static str,
    /// A card's spread for screen readers: good case `{0}`, middle `{1}`,
    /// bad case `{2}`, as estimated `{3}`.
    pub spread_label: &'static str,
    /// A card's spread under its bar: good case `{0}`, middle `{1}`, bad
    /// case `{2}`, average `{3}`.
    pub spread: &'static str,
    /// For screen readers, a contract whose outcomes do not differ: `{0}`
    /// in every outcome, as estimated `{1}`.
    pub spread_fixed: &'static str,
    /// The key under the cards: what a bar, its mark and its circle are.
    pub bars_key: &'static str,
    /// The summary bar, as estimated: `{0}` the cheaper contract's name,
    /// `{1}` by how much.
    pub summary_total: &'static str,
    /// The summary bar when both cost the same as estimated.
    pub summary_total_same: &'static str,
    /// The summary bar, simulated: `{0}` the contract cheaper more often,
    /// `{1}` how often (a share).
    pub summary_odds: &'static str,
    /// The summary bar when both cost the same in every outcome.
    pub summary_same: &'static str,
}

/// The CSV's column heads before the contracts.
#[derive(Debug, Clone)]
pub struct CsvHeads {
    /// The change's number.
    pub number: &'static str,
    /// Its title.
    pub title: &'static str,
    /// Its kind.
    pub kind: &'static str,
    /// Its phase.
    pub phase: &'static str,
    /// Its effort in hours.
    pub effort: &'static str,
    /// Its effort with the phase factor.
    pub effective: &'static str,
}

impl CsvHeads {
    /// The heads in the CSV's order.
    pub fn row(&self) -> [&'static str; 6] {
        [self.number, self.title, self.kind, self.phase, self.effort, self.effective]
    }
}

/// The share and export buttons.
#[derive(Debug, Clone)]
pub struct ToolButtons {
    /// Copy the share link.
    pub copy_link: &'static str,
    /// Send to the consultant.
    pub send: &'static str,
    /// Print or save as PDF.
    pub print: &'static str,
    /// Export CSV.
    pub csv: &'static str,
    /// Export JSON.
    pub json: &'static str,
    /// Import JSON.
    pub import: &'static str,
    /// Copy the text summary.
    pub summary: &'static str,
}

/// Undo and redo buttons.
#[derive(Debug, Clone)]
pub struct UndoRedo {
    /// Undo.
    pub undo: &'static str,
    /// Redo.
    pub redo: &'static str,
}

/// Resetting to the defaults.
#[derive(Debug, Clone)]
pub struct Reset {
    /// The button.
    pub button: &'static str,
    /// The question before.
    pub question: &'static str,
    /// Confirm.
    pub confirm: &'static str,
    /// Cancel.
    pub cancel: &'static str,
    /// Done.
    pub done: &'static str,
}

/// What to do with a shared scenario in the address.
#[derive(Debug, Clone)]
pub struct ShareActions {
    /// Open it.
    pub open: &'static str,
    /// Ignore it.
    pub ignore: &'static str,
    /// Restore the previous one.
    pub restore: &'static str,
    /// Keep the shared one (and forget the previous).
    pub keep: &'static str,
}

/// Why a share link cannot be opened.
#[derive(Debug, Clone)]
pub struct LinkErrors {
    /// It is empty.
    pub empty: &'static str,
    /// It is too long.
    pub too_long: &'static str,
    /// It is not base64.
    pub not_base64: &'static str,
    /// It is cut off.
    pub truncated: &'static str,
    /// It is damaged.
    pub damaged: &'static str,
    /// It was made by a newer version `{}`.
    pub newer: &'static str,
    /// It is not a scenario.
    pub malformed: &'static str,
}

/// Why a file cannot be imported.
#[derive(Debug, Clone)]
pub struct ImportReasons {
    /// Larger than the limit.
    pub too_large: &'static str,
    /// Not JSON.
    pub not_json: &'static str,
}

/// The send panel's optional fields.
#[derive(Debug, Clone)]
pub struct SendFields {
    /// Name.
    pub name: &'static str,
    /// E-mail address.
    pub email: &'static str,
    /// Message.
    pub message: &'static str,
}

/// The labels of name and e-mail inside the text sent.
#[derive(Debug, Clone)]
pub struct SendLabels {
    /// Name.
    pub name: &'static str,
    /// E-mail address.
    pub email: &'static str,
}

/// The send panel's buttons.
#[derive(Debug, Clone)]
pub struct SendButtons {
    /// Send.
    pub send: &'static str,
    /// Cancel.
    pub cancel: &'static str,
}

/// Why sending failed.
#[derive(Debug, Clone)]
pub struct SendReasons {
    /// No answer in time.
    pub timeout: &'static str,
    /// No connection.
    pub offline: &'static str,
    /// The server's status `{}`.
    pub status: &'static str,
}

/// `tag` as a locale for number formats (`de-CH`, `en-GB`): letters,
/// digits and hyphens (an underscore becomes one), at most 35 characters;
/// `None` for anything else.
pub fn locale(tag: &str) -> Option<String> {
    let tag = tag.trim().replace('_', "-");
    let fine = !tag.is_empty() && tag.len() <= 35 && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    fine.then_some(tag)
}

/// One language's words. Templates mark where a figure goes with `{}`.
/// The terms follow docs/glossary.md.
#[derive(Debug, Clone)]
pub struct Texts {
    /// BCP 47 primary language tag.
    pub code: &'static str,
    /// The language's name in itself, for the language switch.
    pub name: &'static str,
    /// Decimal separator for what people type and read.
    pub decimal: char,

    /// The widget's heading.
    pub title: &'static str,
    /// One sentence under the heading.
    pub intro: &'static str,
    /// Heading of the project settings.
    pub project: &'static str,
    /// Summary of the folded, less common settings.
    pub more: &'static str,
    /// Heading of the list of changes.
    pub changes: &'static str,
    /// Shown when there are no changes yet.
    pub no_changes: &'static str,
    /// Heading of the results.
    pub results: &'static str,
    /// The button that fills an empty calculator with the example.
    pub example_try: &'static str,
    /// The note above example changes.
    pub example_note: &'static str,
    /// The button that removes the example changes in one step.
    pub example_remove: &'static str,
    /// The titles of the story's three changes (MODEL.md's worked example),
    /// each ending in `example_mark`.
    pub example_titles: [&'static str; 3],
    /// What marks a story's change as an example in its title.
    pub example_mark: &'static str,

    /// Labels of [`Setting`]s; those of the per-phase multiplier and
    /// remaining share are templates where `{}` is the phase.
    pub settings: BySetting<&'static str>,
    /// Label of the currency.
    pub currency: &'static str,
    /// Hint under the fixed price field when it is empty.
    pub fixed_price_hint: &'static str,

    /// Names of [`Kind`]s in [`Kind::ALL`] order.
    pub kinds: [&'static str; 4],
    /// Names of [`Phase`]s in [`Phase::ALL`] order.
    pub phases: [&'static str; 4],
    /// Names of [`Contract`]s in [`Contract::ALL`] order.
    pub contracts: [&'static str; 3],

    /// Label of a change's title.
    pub change_title: &'static str,
    /// Placeholder of a new change's title.
    pub change_placeholder: &'static str,
    /// Label of a change's kind.
    pub change_kind: &'static str,
    /// Label of a change's effort in hours.
    pub change_effort: &'static str,
    /// Label of a change's phase.
    pub change_phase: &'static str,
    /// Label of a rework's unit choice.
    pub change_unit: &'static str,
    /// The unit choices of a rework: hours, share of the work done.
    pub change_units: Units,
    /// Label of the remove button; `{}` is the change's number.
    pub remove: &'static str,
    /// Labels of the move up / move down buttons; `{}` is the number.
    pub moves: Moves,
    /// Label of the language switch.
    pub language: &'static str,
    /// The add button.
    pub add: &'static str,
    /// Shows earlier changes that are not rendered; `{}` is how many.
    pub earlier: &'static str,
    /// The number of a change in its row; `{}` is the number.
    pub change_number: &'static str,
    /// What a change costs under hourly; `{}` is the amount.
    pub line_hourly: &'static str,
    /// What a change costs under fixed price; `{}` is the amount.
    pub line_fixed: &'static str,
    /// A change the fixed price's allowance covers.
    pub line_covered: &'static str,

    /// The total.
    pub total: &'static str,
    /// The baseline part.
    pub baseline_part: &'static str,
    /// The change part.
    pub change_part: &'static str,
    /// The cost of churn; `{}` is the percentage.
    pub churn: &'static str,
    /// The gross figure beside a net one; `{}` is the amount.
    pub gross: &'static str,
    /// "net", after figures when VAT is shown.
    pub net: &'static str,
    /// The capped baseline when the cap binds; `{}` is the cap.
    pub cap_binds: &'static str,
    /// Announced totals; `{}` is the list of "contract: amount".
    pub announce: &'static str,

    /// Unit suffixes: per hour, hours, percent, multiplier.
    pub per_hour: &'static str,
    /// See `per_hour`.
    pub hours: &'static str,

    /// Saved state that cannot be read; `{}` is the reason.
    pub unreadable: &'static str,
    /// The reason given for a saved state that is not JSON at all.
    pub not_json: &'static str,
    /// Button: download the unreadable saved state.
    pub download: &'static str,
    /// Button: discard the unreadable saved state and save from now on.
    pub discard: &'static str,
    /// Storage that is missing or forbidden.
    pub no_storage: &'static str,
    /// Storage that is full.
    pub storage_full: &'static str,
    /// Button to close a notice.
    pub dismiss: &'static str,
    /// The figures could not be computed; shown instead of totals.
    pub overflow: &'static str,

    /// Number parse errors.
    pub parse: ParseTexts,
    /// Scenario problems.
    pub problems: Problems,
    /// Prefix naming the field of a problem in a saved state or import;
    /// `{}` is the field.
    pub in_field: &'static str,

    /// Why each setting has its default.
    pub why: BySetting<Why>,
    /// The line under a "why" text naming its source; `{}` is the source.
    pub why_source: &'static str,
    /// Under an estimate whose best case the fit could not keep (effort
    /// cannot go below zero): `{}` is the effort 1 in 10 outcomes stays
    /// below instead.
    pub clamp_note: &'static str,
    /// The summary of a "why" disclosure; `{}` is the setting.
    pub why_label: &'static str,
    /// Toggle for a change's low / high range.
    pub range: &'static str,
    /// Labels of a change's best and worst case.
    pub range_bounds: RangeBounds,

    /// Heading of the chart.
    pub chart_title: &'static str,
    /// The chart's x axis.
    pub chart_x: &'static str,
    /// Legend of the hourly band.
    pub chart_band: &'static str,
    /// Legend of the baseline reference line.
    pub chart_baseline: &'static str,
    /// Label of the break-even marker.
    pub chart_break_even: &'static str,
    /// Summary of the table that shows the chart's figures.
    pub chart_table: &'static str,
    /// Column heads of that table.
    pub table_heads: TableHeads,
    /// The row without changes.
    pub table_start: &'static str,

    /// Shown while the simulation runs.
    pub simulating: &'static str,

    /// "1 change" and "{} changes": a number of changes.
    pub count: Plural,
    /// The same after "after about" (German: dative): "1 more change",
    /// "{} more changes".
    pub count_more: Plural,
    /// The numbers two to twelve as words, for running text ("your three
    /// changes"); larger numbers are written in digits.
    pub numbers: [&'static str; 11],
    /// A contract in running text with an amount `{}`, in [`Contract::ALL`]
    /// order: "{} billed by the hour".
    pub in_contract: [&'static str; 3],
    /// The last joint of a list ("and").
    pub and: &'static str,
    /// One change costs `{0}` (the list of contracts with amounts).
    pub insight_one: &'static str,
    /// `{1}` changes cost `{0}` (the list).
    pub insight_many: &'static str,
    /// The verdict: odds, middle outcome, bad case, as estimated, the cap.
    pub verdict: VerdictTexts,
    /// Bundling line: `{0}` saving under hourly, `{1}` under fixed price.
    pub bundle: &'static str,
    /// The same when only billing by the hour (with or without a cap) is
    /// shown: `{0}`.
    pub bundle_hourly: &'static str,
    /// The same when only the fixed price is shown: `{0}`.
    pub bundle_fixed: &'static str,

    /// A contract's line in the text summary: `{0}` name, `{1}` total,
    /// `{2}` change part.
    pub summary_total: &'static str,
    /// A change's line in the text summary: `{0}` number, `{1}` title,
    /// `{2}` kind, `{3}` phase, `{4}` hourly cost, `{5}` fixed cost.
    pub summary_line: &'static str,
    /// "Covered by the allowance", in the summary and the receipt.
    pub csv_covered: &'static str,
    /// CSV column heads before the contracts.
    pub csv_heads: CsvHeads,
    /// CSV column head: formal change request.
    pub csv_request: &'static str,
    /// CSV yes.
    pub csv_yes: &'static str,
    /// CSV no.
    pub csv_no: &'static str,

    /// Heading of the share and export tools.
    pub tools: &'static str,
    /// The buttons under `tools`.
    pub tool_buttons: ToolButtons,
    /// Undo and redo buttons.
    pub undo_redo: UndoRedo,
    /// Reset: the button, the question, confirm, cancel, done.
    pub reset: Reset,
    /// A share link in the address: `{0}` is the number of changes.
    pub share_offer: &'static str,
    /// What to do with a shared scenario.
    pub share_actions: ShareActions,
    /// Shown after opening a shared scenario.
    pub shared_opened: &'static str,
    /// A link that cannot be opened: `{0}` is why.
    pub bad_link: &'static str,
    /// Why a link cannot be opened.
    pub link_errors: LinkErrors,
    /// Copied to the clipboard.
    pub copied: &'static str,
    /// The clipboard is blocked: select and copy, or download.
    pub clipboard_denied: &'static str,
    /// Download the text as a file.
    pub download_text: &'static str,
    /// A file that cannot be imported: `{0}` is why.
    pub import_error: &'static str,
    /// Why a file cannot be imported.
    pub import_reasons: ImportReasons,
    /// Imported.
    pub imported: &'static str,
    /// The send panel's heading.
    pub send_title: &'static str,
    /// Above the preview: `{}` is the host the text goes to.
    pub send_intro: &'static str,
    /// The optional fields: name, e-mail, message.
    pub send_fields: SendFields,
    /// The labels of name and e-mail inside the text sent.
    pub send_labels: SendLabels,
    /// The preview's label.
    pub send_preview: &'static str,
    /// The consent: `{}` is the host.
    pub send_consent: &'static str,
    /// Send and cancel.
    pub send_buttons: SendButtons,
    /// While the request is under way.
    pub send_sending: &'static str,
    /// Sent.
    pub send_done: &'static str,
    /// Not sent: `{}` is why; what was typed stays.
    pub send_failed: &'static str,
    /// Why sending failed.
    pub send_reasons: SendReasons,
    /// The subject of the e-mail to the consultant.
    pub mail_subject: &'static str,
    /// The receipt's heading: `{0}` is the date.
    pub receipt_title: &'static str,
    /// The receipt's first line: a non-binding model calculation, not an
    /// offer.
    pub receipt_binding: &'static str,
    /// The receipt's line on net amounts, without VAT.
    pub receipt_net: &'static str,
    /// The same with VAT: `{0}` is its rate.
    pub receipt_vat: &'static str,
    /// The receipt's rows of the per-phase settings: the cost factors, the
    /// work still ahead.
    pub receipt_phases: [&'static str; 2],
    /// The months' names, January first.
    pub months: [&'static str; 12],
    /// A date: `{0}` the day, `{1}` the month's name, `{2}` the year.
    pub date: &'static str,
    /// The receipt's assumptions heading.
    pub assumptions: &'static str,
    /// An internal error stopped the calculator (the panic hook).
    pub crash: &'static str,
    /// The scenario was changed in another tab and is shown here too.
    pub other_tab: &'static str,

    /// Under `persist="ask"`: the checkbox that keeps the client's entries
    /// on this device.
    pub keep_label: &'static str,
    /// The line under it: where they are kept, and that unticking deletes
    /// them.
    pub keep_hint: &'static str,

    /// Another language could not be loaded (offline, a server's error):
    /// `{}` is its name; the widget stays in this language.
    pub language_failed: &'static str,
}

impl PartialEq for Texts {
    /// Languages are equal when their codes are.
    fn eq(&self, other: &Texts) -> bool {
        self.code == other.code
    }
}

/// Puts `value` where `template` has its first `{}`. (Searched for as a
/// character: a string pattern would bring the substring searcher and its
/// panic message into the wasm.)
pub fn fill(template: &str, value: &str) -> String {
    let mut out = String::with_capacity(template.len() + value.len());
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        out.push('{');
        if let Some(tail) = after.strip_prefix('}') {
            out.pop();
            out.push_str(value);
            out.push_str(tail);
            return out;
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Puts `values[i]` where `template` has `{i}`.
pub fn fill_n(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        // `{i}`: one or more digits (`str::parse` would bring a general
        // integer parser into the wasm).
        let slot = after.split_once('}').filter(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        match slot.map(|(n, tail)| {
            (n.bytes().fold(0usize, |i, b| i.saturating_mul(10).saturating_add(usize::from(b - b'0'))), tail)
        }) {
            Some((i, tail)) => {
                out.push_str(values.get(i).copied().unwrap_or(""));
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

impl Texts {
    /// The label of a setting.
    pub fn setting(&self, setting: Setting) -> String {
        match setting {
            Setting::Multiplier(p) | Setting::Remaining(p) => fill(self.settings.get(setting), self.phase(p)),
            s => (*self.settings.get(s)).to_owned(),
        }
    }

    /// `forms.one` for one, else `forms.many` with the number (grouped).
    pub fn plural(&self, forms: Plural, n: usize) -> String {
        if n == 1 {
            forms.one.to_owned()
        } else {
            fill(forms.many, &format_grouped(n as i64, 0, 0, self.decimal))
        }
    }

    /// Why a setting has its default.
    pub fn why(&self, setting: Setting) -> &Why {
        self.why.get(setting)
    }

    /// The "why?" text of a setting with the figures it names taken from
    /// `s` (the best and worst case as a share of the likely effort, the
    /// cap, the phase multipliers), so that it never states a default the
    /// consultant or the client changed; `money` writes the cap.
    pub fn why_text(&self, setting: Setting, s: &Scenario, money: &dyn Fn(Money) -> String) -> String {
        let text = self.why(setting).text;
        if !text.contains('{') {
            return text.to_owned();
        }
        let likely = i64::from(s.baseline.likely.max(1));
        let share = |minutes: u32| {
            let bp = crate::core::round::div_round(i128::from(minutes) * 10_000, i128::from(likely)).unwrap_or(0);
            self.quantity(crate::core::round::to_step(i64::try_from(bp).unwrap_or(0), 100), Unit::Percent, "")
        };
        let cap = crate::core::pricing::Engine::new(s).map(|e| money(e.cap())).unwrap_or_default();
        let m = s.multipliers.map(|bp| self.quantity(i64::from(bp), Unit::Multiplier, ""));
        fill_n(text, &[&share(s.baseline.low), &share(s.baseline.high), &cap, &m[0], &m[1], &m[2], &m[3]])
    }

    /// A count in running text: the word from two to twelve, else digits
    /// (grouped).
    pub fn number(&self, n: usize) -> String {
        match n.checked_sub(2).and_then(|i| self.numbers.get(i)) {
            Some(word) => (*word).to_owned(),
            None => format_grouped(n as i64, 0, 0, self.decimal),
        }
    }

    /// A date as the language writes it: "12 March 2026", „12. März 2026“.
    /// `month` counts from 1.
    pub fn write_date(&self, day: u32, month: u32, year: i32) -> String {
        let name = self.months.get(month.wrapping_sub(1) as usize).copied().unwrap_or("");
        fill_n(self.date, &[&integer(i64::from(day)), name, &integer(i64::from(year))])
    }

    /// The name of a kind of change.
    pub fn kind(&self, kind: Kind) -> &'static str {
        self.kinds[kind as usize]
    }

    /// The name of a phase.
    pub fn phase(&self, phase: Phase) -> &'static str {
        self.phases[phase.index()]
    }

    /// The name of a contract.
    pub fn contract(&self, contract: Contract) -> &'static str {
        self.contracts[contract as usize]
    }

    /// A value in a unit's integer form as a person reads it, with its unit.
    pub fn quantity(&self, value: i64, unit: Unit, currency: &str) -> String {
        quantity(value, unit, currency, self.decimal, self.hours)
    }

    /// Why typed text is not a number.
    pub fn parse_error(&self, error: ParseError) -> String {
        match error {
            ParseError::Empty => self.parse.empty.to_owned(),
            ParseError::Invalid { found } => fill(self.parse.invalid, found.encode_utf8(&mut [0; 4])),
            ParseError::Malformed => self.parse.malformed.to_owned(),
            ParseError::Ambiguous => self.parse.ambiguous.to_owned(),
            ParseError::TooPrecise { max } => fill(self.parse.too_precise, &integer(i64::from(max))),
            ParseError::Negative => self.parse.negative.to_owned(),
            ParseError::TooLarge => self.parse.too_large.to_owned(),
        }
    }

    /// What is wrong, in words, for the field the client is looking at;
    /// amounts through `money`, the formatter of every other amount.
    pub fn problem(&self, error: &ScenarioError, money: &dyn Fn(Money) -> String) -> String {
        problem(&self.problems, self.decimal, self.hours, error, money)
    }

    /// A problem with the field named, for a saved state or an imported
    /// file, where the client cannot see the field.
    pub fn problem_in_field(&self, error: &ScenarioError, money: &dyn Fn(Money) -> String) -> String {
        let name = match error.field {
            Field::Setting(s) => self.setting(s),
            Field::Currency => self.currency.to_owned(),
            Field::Change { index, part } => {
                let what = match part {
                    ChangePart::Title => self.change_title,
                    ChangePart::Kind => self.change_kind,
                    ChangePart::Phase => self.change_phase,
                    ChangePart::EffortLow | ChangePart::Effort | ChangePart::EffortHigh => self.change_effort,
                    ChangePart::Share => self.change_units.share,
                };
                [&fill(self.change_number, &integer(index as i64 + 1)), ", ", what].concat()
            }
            Field::Changes => self.changes.to_owned(),
            Field::Version | Field::Form => error.field.to_string(),
        };
        [&fill(self.in_field, &name), " ", &self.problem(error, money)].concat()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_filled_once_and_only_where_they_ask() {
        assert_eq!(fill("Change {}", "3"), "Change 3");
        assert_eq!(fill("{} h", "2,5"), "2,5 h");
        assert_eq!(fill("{a} {} {}", "x"), "{a} x {}");
        assert_eq!(fill("no slot {", "x"), "no slot {");
        assert_eq!(fill("", "x"), "");
        assert_eq!(fill_n("{1} then {0}, {x} {9}", &["a", "b"]), "b then a, {x} ");
        assert_eq!(fill_n("{0", &["a"]), "{0");
        // A slot number too large for usize (a changed language file) is no slot, not a panic.
        assert_eq!(fill_n("a{99999999999999999999999}b", &["x"]), "ab");
    }

    #[test]
    fn tags_pick_languages() {
        assert_eq!(for_tag("de-AT").map(|t| t.code), Some("de"));
        assert_eq!(for_tag("EN_gb").map(|t| t.code), Some("en"));
        assert_eq!(for_tag("fr").map(|t| t.code), None);
        assert_eq!(code_for(" de-CH "), Some("de"));
        assert_eq!(code_for("fr"), None);
        assert_eq!(fallback().map(|t| t.code), Some("en"));
    }

    #[test]
    fn the_language_list_is_every_language_compiled_in() {
        let listed: Vec<(&str, &str)> = ALL.iter().map(|t| (t.code, t.name)).collect();
        assert_eq!(listed, LANGUAGES);
    }

    #[test]
    fn a_language_read_from_data_is_found_by_its_tag() {
        // A third language, as the browser installs one: found once
        // installed, never twice, and the compiled-in ones win.
        let mut fr = en::TEXTS.clone();
        fr.code = "fr";
        let data: &'static str = Box::leak(fr.to_data().unwrap().into_boxed_str());
        let fr: &'static Texts = Box::leak(Box::new(Texts::from_data(data).unwrap()));
        assert!(for_tag("fr-CA").is_none() && for_tag("fr").is_none());
        assert!(install(fr));
        assert!(std::ptr::eq(for_tag("fr-CA").unwrap(), fr));
        assert!(!install(fr), "once");
        assert!(!install(Box::leak(Box::new(
            Texts::from_data(Box::leak(en::TEXTS.to_data().unwrap().into_boxed_str())).unwrap()
        ))));
        assert!(std::ptr::eq(for_tag("en").unwrap(), &en::TEXTS));
    }

    #[test]
    fn attribute_warnings_stay_english_from_the_few_constants() {
        let en = for_tag("en").unwrap();
        for (e, currency) in [
            (ScenarioError::new(Field::Setting(Setting::Rate), Problem::TooLow { min: 1 }), "EUR"),
            (ScenarioError::new(Field::Setting(Setting::Hours), Problem::TooHigh { max: 600_000 }), "CHF"),
            (ScenarioError::new(Field::Setting(Setting::Premium), Problem::TooHigh { max: 10_000 }), "EUR"),
            (ScenarioError::new(Field::Changes, Problem::TooMany { max: 10_000 }), "EUR"),
        ] {
            let money = |m: Money| en.quantity(m.cents(), Unit::Money, currency);
            assert_eq!(english_problem(&e, currency), en.problem(&e, &money));
        }
        assert_eq!(
            english_problem(&ScenarioError::new(Field::Setting(Setting::Rate), Problem::TooLow { min: 1 }), "EUR"),
            "At least 0.01\u{a0}EUR"
        );
    }

    #[test]
    fn every_template_has_its_slot() {
        for t in ALL {
            for template in
                [t.settings.multiplier, t.settings.remaining, t.remove, t.change_number, t.line_hourly, t.line_fixed]
                    .iter()
                    .chain([t.churn, t.gross, t.cap_binds, t.announce, t.unreadable, t.in_field].iter())
                    .chain([t.why_source, t.clamp_note, t.count.many, t.count_more.many, t.language_failed].iter())
                    .chain(t.in_contract.iter())
            {
                assert!(template.contains("{}"), "{}: {template}", t.code);
            }
            let v = &t.verdict;
            let c = &v.catch_up;
            for (template, slots) in [
                (t.insight_one, 1),
                (t.insight_many, 2),
                (v.odds, 4),
                (v.odds_none, 3),
                (v.odds_every, 1),
                (v.odds_ties, 1),
                (v.middle, 3),
                (v.middle_same, 0),
                (v.average.hourly, 2),
                (v.average.fixed, 2),
                (v.bad.exchange, 2),
                (v.bad.more, 2),
                (v.bad.less, 2),
                (v.start.premium, 2),
                (v.start.above, 2),
                (v.start.below, 2),
                (v.total.hourly, 2),
                (v.total.fixed, 1),
                (v.bad.at_most, 2),
                (v.spread_fixed, 2),
                (t.bundle_hourly, 1),
                (c.at, 1),
                (c.after.many, 2),
                (c.never, 1),
                (c.never_hour, 1),
                (v.cap.what, 1),
                (v.cap.applies, 2),
                (v.cap.rarely, 1),
                (v.cap.always, 1),
                (v.spread_label, 4),
                (v.spread, 4),
                (v.summary_total, 2),
                (v.summary_odds, 2),
                (t.receipt_vat, 1),
                (t.date, 3),
            ] {
                for slot in 0..slots {
                    assert!(template.contains(&format!("{{{slot}}}")), "{}: {{{slot}}} in {template}", t.code);
                }
                assert!(!template.contains(&format!("{{{slots}}}")), "{}: {template}", t.code);
            }
            assert!(v.shares.of.contains("{}"));
            let p = &t.parse;
            for (template, slot) in [
                (p.empty, false),
                (p.invalid, true),
                (p.malformed, false),
                (p.ambiguous, false),
                (p.too_precise, true),
                (p.negative, false),
                (p.too_large, false),
            ] {
                assert_eq!(template.contains("{}"), slot, "{}: {template}", t.code);
            }
            let p = &t.problems;
            for (template, slot) in [
                (p.too_low, true),
                (p.too_high, true),
                (p.low_above_likely, true),
                (p.likely_above_high, true),
                (p.too_long, true),
                (p.too_many, true),
                (p.unknown, true),
                (p.wrong_type, false),
                (p.future_version, true),
                (p.overflow, false),
            ] {
                assert_eq!(template.contains("{}"), slot, "{}: {template}", t.code);
            }
        }
    }

    /// Every text of a language, as the client could see it: the quoted
    /// strings of its `Debug` form (field names left out), one a line.
    fn all_texts(t: &Texts) -> String {
        let debug = format!("{t:?}");
        let (mut out, mut inside, mut escaped) = (String::new(), false, false);
        for c in debug.chars() {
            match (inside, escaped, c) {
                (true, false, '\\') => escaped = true,
                (true, false, '"') => {
                    inside = false;
                    out.push('\n');
                }
                (true, _, c) => {
                    escaped = false;
                    out.push(c);
                }
                (false, _, '"') => inside = true,
                _ => {}
            }
        }
        out
    }

    #[test]
    fn every_setting_has_a_why_and_a_source_in_every_language() {
        for setting in Setting::ALL {
            let whys: Vec<&Why> = ALL.iter().map(|t| t.why(setting)).collect();
            for (t, why) in ALL.iter().zip(&whys) {
                assert!(why.text.len() > 20 && why.source.len() > 10, "{}: {setting:?} {why:?}", t.code);
                assert!(why.text.ends_with('.'), "{}: {setting:?}: a sentence", t.code);
                assert!(!why.source.ends_with('.'), "{}: {setting:?}: a line after \"Source:\"", t.code);
            }
            // Translated, not copied.
            assert_ne!(whys[0].text, whys[1].text, "{setting:?}");
        }
    }

    #[test]
    fn a_source_is_named_or_the_default_called_an_assumption() {
        // Phase multipliers, premium, allowance, change requests, switch,
        // cap, overhead, remaining share: assumptions (MODEL.md, "Where the
        // defaults come from"); none of them claims to be "common" or
        // "typical".
        let assumptions = [
            Setting::Premium,
            Setting::Allowance,
            Setting::CrRate,
            Setting::CrAdmin,
            Setting::Switch,
            Setting::Cap,
            Setting::Overhead,
            Setting::Multiplier(Phase::Build),
            Setting::Remaining(Phase::Build),
        ];
        for setting in assumptions {
            let (en, de) = (for_tag("en").unwrap().why(setting), for_tag("de").unwrap().why(setting));
            assert!(en.source.starts_with("assumption"), "{setting:?}: {}", en.source);
            assert!(de.source.starts_with("Annahme"), "{setting:?}: {}", de.source);
        }
        for t in ALL {
            let all = all_texts(t);
            for claim in ["23 min", "common", "typical", "üblich", "typisch", "far below", "weit unter"] {
                assert!(!all.contains(claim), "{}: \"{claim}\" claims more than a source says", t.code);
            }
        }
        // The rate names its currency.
        assert!(for_tag("en").unwrap().why(Setting::Rate).source.contains('€'));
        assert!(for_tag("de").unwrap().why(Setting::Rate).source.contains('€'));
    }

    #[test]
    fn no_jargon_and_no_ruled_out_term_in_any_text() {
        // docs/glossary.md rules these out on screen, in the receipt, the
        // CSV, the summary and the e-mail.
        let never = [
            "P10",
            "P50",
            "P90",
            "churn",
            "Churn",
            "Nachtrag",
            "Nachträg",
            "Nacharbeit",
            "Änderungsfenster",
            "change window",
            "Änderungsbudget",
            "Gleichstand",
            "Break-even",
            "Cone of Uncertainty",
            "n(n",
            "Fester Preis",
            "Berater",
            "der Fälle",
            "Simulationsläufe",
            "hourly contract",
            "Simulation runs",
            // Issue 21: no total called likely, no promise beyond the
            // trials, no jargon for a file, no translated English.
            "likely cost",
            "likely figures",
            "wahrscheinlichen Zahlen",
            "wahrscheinlichen Kosten",
            "however many",
            "egal wie viele",
            "stays cheaper",
            "bleibt günstiger",
            "always",
            "never",
            " immer ",
            " nie ",
            "niemals",
            "Marge",
            "rule of thumb",
            "Faustregel",
            "JSON",
            "Please no",
            "im übrigen einen",
            "already paid for",
            "schon bezahlt",
            "scenario",
        ];
        assert!(all_texts(for_tag("de").unwrap()).contains("\nStundensatz, netto\n"), "the texts are read");
        for t in ALL {
            let all = all_texts(t);
            for term in never {
                assert!(!all.contains(term), "{}: \"{term}\" is ruled out by the glossary", t.code);
            }
        }
        // "Stundensatz" is the rate, never the contract.
        let de = for_tag("de").unwrap();
        for name in de.contracts.iter().chain(&de.in_contract) {
            assert!(!name.contains("Stundensatz"), "{name}");
        }
        assert!(!for_tag("en").unwrap().contracts.iter().any(|c| c.starts_with("Hourly")));
    }

    #[test]
    fn one_change_is_singular() {
        for t in ALL {
            for forms in [t.count, t.count_more] {
                let one = t.plural(forms, 1);
                assert!(one.starts_with("1 ") && !one.contains("{}"), "{}: {one}", t.code);
                assert_eq!(t.plural(forms, 3), fill(forms.many, "3"));
                assert_eq!(t.plural(forms, 1_000), fill(forms.many, if t.decimal == ',' { "1.000" } else { "1,000" }));
            }
        }
        assert_eq!(for_tag("en").unwrap().plural(for_tag("en").unwrap().count, 1), "1 change");
        assert_eq!(for_tag("de").unwrap().plural(for_tag("de").unwrap().count, 1), "1 Änderung");
        assert_eq!(for_tag("de").unwrap().plural(for_tag("de").unwrap().count_more, 1), "1 weiteren Änderung");
    }

    #[test]
    fn no_break_where_a_line_must_not_break() {
        for t in ALL {
            let all = all_texts(t);
            for broken in ["z. B.", "e.g. ", " %", " Std.", "% ,"] {
                // Debug writes a no-break space as itself, so a plain space
                // here is a real one.
                assert!(!all.contains(&[" 19", broken].concat()), "{}", t.code);
                if broken != " %" && broken != " Std." {
                    assert!(!all.contains(broken), "{}: \"{broken}\" with a breaking space", t.code);
                }
            }
            assert!(!regex_like_number_space_percent(&all), "{}: a number and % split by a breaking space", t.code);
        }
        assert_eq!(for_tag("de").unwrap().quantity(1_500, Unit::Percent, ""), "15\u{a0}%");
        assert_eq!(for_tag("de").unwrap().quantity(90, Unit::Hours, ""), "1,5\u{a0}Std.");
    }

    /// Whether `text` has a digit, a plain space and a percent sign.
    fn regex_like_number_space_percent(text: &str) -> bool {
        let b = text.as_bytes();
        b.windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b' ' && w[2] == b'%')
    }

    #[test]
    fn locales_keep_their_region() {
        assert_eq!(locale(" de-CH ").as_deref(), Some("de-CH"));
        assert_eq!(locale("de_AT").as_deref(), Some("de-AT"));
        assert_eq!(locale("de\"><x").as_deref(), None);
        assert_eq!(locale("").as_deref(), None);
    }

    #[test]
    fn numbered_slots_are_filled() {
        assert_eq!(fill_n("{1} then {0}, {2}", &["a", "b"]), "b then a, ");
        assert_eq!(fill_n("no {slot} here {", &[]), "no {slot} here {");
    }

    #[test]
    fn problems_read_in_the_language() {
        let de = for_tag("de").unwrap();
        let e = ScenarioError::new(Field::Setting(Setting::Hours), Problem::TooHigh { max: 600_000 });
        let euro = |m: Money| format!("{}\u{a0}€", format_grouped(m.cents(), 2, 2, ','));
        assert_eq!(de.problem(&e, &euro), "Höchstens 10.000\u{a0}Std.");
        let e = ScenarioError::new(Field::Setting(Setting::Rate), Problem::TooLow { min: 1 });
        assert_eq!(de.problem(&e, &euro), "Mindestens 0,01\u{a0}€", "amounts as everywhere else, not \"EUR\"");
        let en = for_tag("en").unwrap();
        let e = ScenarioError::new(Field::Change { index: 2, part: ChangePart::Title }, Problem::TooLong { max: 120 });
        assert_eq!(en.problem_in_field(&e, &euro), "Change 3, Description: At most 120 characters");
    }
}
