//! The scenario: every setting of MODEL.md with its default and its limits,
//! the changes, and the validation that names the field and the limit.

use core::fmt;

use crate::core::effort::{Bp, Minutes, WHOLE};
use crate::core::money::Money;
use crate::core::parse::integer;

/// The most effort one estimate may hold: 10,000 hours.
pub const MAX_EFFORT: Minutes = 600_000;
/// The most changes one scenario may hold.
pub const MAX_CHANGES: usize = 10_000;
/// The longest title of a change, in characters.
pub const MAX_TITLE: usize = 120;

/// What kind of change the client asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// "Just a tiny change."
    Tweak,
    /// "Our sample documents were outdated": work already done is redone.
    Rework,
    /// "Another department joins the planning."
    Stakeholder,
    /// "While you're at it, could it also ..."
    Feature,
}

/// When a change arrives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    /// While the concept is being agreed.
    Concept,
    /// During the build.
    Build,
    /// During acceptance testing.
    Acceptance,
    /// After go-live.
    Live,
}

impl Kind {
    /// Every kind, in the order the widget offers them.
    pub const ALL: [Kind; 4] = [Kind::Tweak, Kind::Rework, Kind::Stakeholder, Kind::Feature];

    /// The name in the saved form.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Tweak => "tweak",
            Kind::Rework => "rework",
            Kind::Stakeholder => "stakeholder",
            Kind::Feature => "feature",
        }
    }

    /// The kind named `key` in the saved form.
    pub fn from_key(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == key)
    }
}

impl Phase {
    /// Every phase, in project order.
    pub const ALL: [Phase; 4] = [Phase::Concept, Phase::Build, Phase::Acceptance, Phase::Live];

    /// The name in the saved form.
    pub fn key(self) -> &'static str {
        match self {
            Phase::Concept => "concept",
            Phase::Build => "build",
            Phase::Acceptance => "acceptance",
            Phase::Live => "live",
        }
    }

    /// The phase named `key` in the saved form.
    pub fn from_key(key: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.key() == key)
    }

    /// Position in project order, 0 to 3.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// A low / likely / high estimate in minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Range {
    /// The optimistic estimate.
    pub low: Minutes,
    /// The most likely effort.
    pub likely: Minutes,
    /// The pessimistic estimate.
    pub high: Minutes,
}

impl Range {
    /// One number for all three estimates.
    pub const fn exact(minutes: Minutes) -> Range {
        Range { low: minutes, likely: minutes, high: minutes }
    }

    /// Whether low, likely and high are the same.
    pub fn is_exact(&self) -> bool {
        self.low == self.likely && self.likely == self.high
    }
}

/// One change the client asks for after the concept is agreed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Change {
    /// Stable within a scenario; the row's `data-change-id`.
    pub id: u32,
    /// Plain text, at most [`MAX_TITLE`] characters.
    pub title: String,
    /// What kind of change it is.
    pub kind: Kind,
    /// When it arrives.
    pub phase: Phase,
    /// Its effort as entered (for a stakeholder change: their meetings).
    pub effort: Range,
    /// For a rework only: the share of the work already done that is redone,
    /// used instead of `effort` when set.
    pub share: Option<Bp>,
}

impl Change {
    /// A new tweak of `minutes` in the build phase.
    pub fn new(id: u32, title: &str, kind: Kind, minutes: Minutes, phase: Phase) -> Change {
        Change { id, title: title.to_owned(), kind, phase, effort: Range::exact(minutes), share: None }
    }

    /// The rework share when it applies: only a rework uses one.
    pub fn rework_share(&self) -> Option<Bp> {
        if self.kind == Kind::Rework {
            self.share
        } else {
            None
        }
    }
}

/// Which contracts a calculation shows, and the index of each in the
/// series.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Contract {
    /// Time and materials.
    Hourly = 0,
    /// Fixed price with an allowance and formal change requests.
    Fixed = 1,
    /// Hourly with a not-to-exceed cap on the baseline.
    Capped = 2,
}

impl Contract {
    /// Every contract, in series order.
    pub const ALL: [Contract; 3] = [Contract::Hourly, Contract::Fixed, Contract::Capped];

    /// The name in `data-total` and the `models` attribute.
    pub fn key(self) -> &'static str {
        match self {
            Contract::Hourly => "hourly",
            Contract::Fixed => "fixed",
            Contract::Capped => "capped",
        }
    }

    /// The contract named `key`.
    pub fn from_key(key: &str) -> Option<Contract> {
        Contract::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// The integer form a setting takes, which says how to parse and show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Cents.
    Money,
    /// Minutes, entered and shown as hours.
    Hours,
    /// Basis points, entered and shown as a percentage.
    Percent,
    /// Basis points, entered and shown as a multiplier (1.5x).
    Multiplier,
    /// A plain count.
    Count,
}

/// Every numeric setting of a scenario: the consultant's defaults, the
/// client's inputs and the names `lock` uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Setting {
    /// Hourly rate, net.
    Rate,
    /// VAT shown beside the net figures; 0 is off.
    Vat,
    /// The baseline's optimistic effort.
    HoursLow,
    /// The baseline's likely effort.
    Hours,
    /// The baseline's pessimistic effort.
    HoursHigh,
    /// Fixed-price risk premium on the likely baseline.
    Premium,
    /// An explicit fixed price; 0 means computed from the baseline.
    FixedPrice,
    /// Change effort included in the fixed price.
    Allowance,
    /// Price multiplier for change requests under fixed price.
    CrRate,
    /// Effort to write, estimate and approve one formal change request.
    CrAdmin,
    /// Coordination cost per change under hourly.
    Switch,
    /// The cost multiplier of a change arriving in a phase.
    Multiplier(Phase),
    /// The share of the baseline still ahead in a phase.
    Remaining(Phase),
    /// Coordination added per newly involved group.
    Overhead,
    /// Not-to-exceed cap above the likely baseline.
    Cap,
    /// Simulation size.
    Trials,
}

impl Setting {
    /// Every setting, in the order the widget shows them.
    pub const ALL: [Setting; 22] = [
        Setting::Rate,
        Setting::Hours,
        Setting::HoursLow,
        Setting::HoursHigh,
        Setting::Premium,
        Setting::Allowance,
        Setting::FixedPrice,
        Setting::CrRate,
        Setting::CrAdmin,
        Setting::Switch,
        Setting::Cap,
        Setting::Vat,
        Setting::Overhead,
        Setting::Multiplier(Phase::Concept),
        Setting::Multiplier(Phase::Build),
        Setting::Multiplier(Phase::Acceptance),
        Setting::Multiplier(Phase::Live),
        Setting::Remaining(Phase::Concept),
        Setting::Remaining(Phase::Build),
        Setting::Remaining(Phase::Acceptance),
        Setting::Remaining(Phase::Live),
        Setting::Trials,
    ];

    /// The setting's wire number: its bit in a share link's mask (values
    /// follow in ascending wire order) and its `data-setting` in the DOM.
    ///
    /// Frozen: never renumber, and never reuse a number: links already sent
    /// depend on it. A new setting takes a new number (23 upward: 22 is the
    /// currency's bit in the link). The numbers are the positions the
    /// settings had in [`Setting::ALL`] when share links were introduced, but
    /// no longer depend on that list's order; `tests/golden.rs` pins them.
    pub const fn wire(self) -> u8 {
        match self {
            Setting::Rate => 0,
            Setting::Hours => 1,
            Setting::HoursLow => 2,
            Setting::HoursHigh => 3,
            Setting::Premium => 4,
            Setting::Allowance => 5,
            Setting::FixedPrice => 6,
            Setting::CrRate => 7,
            Setting::CrAdmin => 8,
            Setting::Switch => 9,
            Setting::Cap => 10,
            Setting::Vat => 11,
            Setting::Overhead => 12,
            Setting::Multiplier(Phase::Concept) => 13,
            Setting::Multiplier(Phase::Build) => 14,
            Setting::Multiplier(Phase::Acceptance) => 15,
            Setting::Multiplier(Phase::Live) => 16,
            Setting::Remaining(Phase::Concept) => 17,
            Setting::Remaining(Phase::Build) => 18,
            Setting::Remaining(Phase::Acceptance) => 19,
            Setting::Remaining(Phase::Live) => 20,
            Setting::Trials => 21,
        }
    }

    /// The setting with wire number `n` (see [`Setting::wire`]), if any.
    pub const fn from_wire(n: u8) -> Option<Setting> {
        Some(match n {
            0 => Setting::Rate,
            1 => Setting::Hours,
            2 => Setting::HoursLow,
            3 => Setting::HoursHigh,
            4 => Setting::Premium,
            5 => Setting::Allowance,
            6 => Setting::FixedPrice,
            7 => Setting::CrRate,
            8 => Setting::CrAdmin,
            9 => Setting::Switch,
            10 => Setting::Cap,
            11 => Setting::Vat,
            12 => Setting::Overhead,
            13 => Setting::Multiplier(Phase::Concept),
            14 => Setting::Multiplier(Phase::Build),
            15 => Setting::Multiplier(Phase::Acceptance),
            16 => Setting::Multiplier(Phase::Live),
            17 => Setting::Remaining(Phase::Concept),
            18 => Setting::Remaining(Phase::Build),
            19 => Setting::Remaining(Phase::Acceptance),
            20 => Setting::Remaining(Phase::Live),
            21 => Setting::Trials,
            _ => return None,
        })
    }

    /// The attribute of the embed that sets this default, and the name
    /// `lock` uses for it. A phase's multiplier and remaining share are
    /// set (and locked) together as `multipliers` and `remaining`.
    pub fn attr(self) -> &'static str {
        match self {
            Setting::Rate => "rate",
            Setting::Vat => "vat",
            Setting::HoursLow => "hours-low",
            Setting::Hours => "hours",
            Setting::HoursHigh => "hours-high",
            Setting::Premium => "premium",
            Setting::FixedPrice => "fixed-price",
            Setting::Allowance => "allowance",
            Setting::CrRate => "cr-rate",
            Setting::CrAdmin => "cr-admin",
            Setting::Switch => "switch",
            Setting::Multiplier(_) => "multipliers",
            Setting::Remaining(_) => "remaining",
            Setting::Overhead => "overhead",
            Setting::Cap => "cap",
            Setting::Trials => "trials",
        }
    }

    /// The field's name in the saved form, for error messages.
    pub fn key(self) -> &'static str {
        match self {
            Setting::Rate => "rateCents",
            Setting::Vat => "vatBp",
            Setting::HoursLow => "baselineMinutes[0]",
            Setting::Hours => "baselineMinutes[1]",
            Setting::HoursHigh => "baselineMinutes[2]",
            Setting::Premium => "premiumBp",
            Setting::FixedPrice => "fixedPriceCents",
            Setting::Allowance => "allowanceMinutes",
            Setting::CrRate => "crRateBp",
            Setting::CrAdmin => "crAdminMinutes",
            Setting::Switch => "switchMinutes",
            Setting::Multiplier(p) => {
                ["multipliersBp[0]", "multipliersBp[1]", "multipliersBp[2]", "multipliersBp[3]"][p.index()]
            }
            Setting::Remaining(p) => {
                ["remainingBp[0]", "remainingBp[1]", "remainingBp[2]", "remainingBp[3]"][p.index()]
            }
            Setting::Overhead => "overheadBp",
            Setting::Cap => "capBp",
            Setting::Trials => "trials",
        }
    }

    /// How the value is entered and shown.
    pub fn unit(self) -> Unit {
        match self {
            Setting::Rate | Setting::FixedPrice => Unit::Money,
            Setting::HoursLow
            | Setting::Hours
            | Setting::HoursHigh
            | Setting::Allowance
            | Setting::CrAdmin
            | Setting::Switch => Unit::Hours,
            Setting::Vat | Setting::Premium | Setting::Remaining(_) | Setting::Overhead | Setting::Cap => Unit::Percent,
            Setting::CrRate | Setting::Multiplier(_) => Unit::Multiplier,
            Setting::Trials => Unit::Count,
        }
    }

    /// The smallest and largest value allowed, in the unit's integer form.
    pub fn limits(self) -> (i64, i64) {
        let effort = i64::from(MAX_EFFORT);
        match self {
            Setting::Rate => (1, 10_000_000),
            Setting::FixedPrice => (0, 1_000_000_000_000),
            Setting::Hours => (1, effort),
            Setting::HoursLow | Setting::HoursHigh | Setting::Allowance | Setting::CrAdmin | Setting::Switch => {
                (0, effort)
            }
            Setting::Vat | Setting::Remaining(_) | Setting::Overhead => (0, 10_000),
            Setting::Premium | Setting::Cap => (0, 50_000),
            Setting::CrRate => (0, 100_000),
            Setting::Multiplier(_) => (0, 1_000_000),
            Setting::Trials => (100, 20_000),
        }
    }
}

/// Everything the calculator needs: the consultant's defaults as the client
/// has edited them, and the client's changes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Scenario {
    /// ISO 4217 code, for display only.
    pub currency: [u8; 3],
    /// Hourly rate, net.
    pub rate: Money,
    /// VAT shown beside net figures; 0 is off.
    pub vat: Bp,
    /// The agreed concept's effort.
    pub baseline: Range,
    /// Fixed-price risk premium on the likely baseline.
    pub premium: Bp,
    /// An explicit fixed price instead of the computed one.
    pub fixed_price: Option<Money>,
    /// Change effort included in the fixed price.
    pub allowance: Minutes,
    /// Price multiplier for change requests under fixed price.
    pub cr_rate: Bp,
    /// Effort of one formal change request.
    pub cr_admin: Minutes,
    /// Coordination cost per change under hourly.
    pub switch: Minutes,
    /// Cost multiplier of a change by the phase it arrives in.
    pub multipliers: [Bp; 4],
    /// Share of the baseline still ahead in each phase.
    pub remaining: [Bp; 4],
    /// Coordination added to the remaining work per newly involved group.
    pub overhead: Bp,
    /// Not-to-exceed cap above the likely baseline.
    pub cap: Bp,
    /// Simulation size.
    pub trials: u32,
    /// The changes, in the order they arrive.
    pub changes: Vec<Change>,
}

impl Default for Scenario {
    /// The defaults of MODEL.md (the typical preset).
    fn default() -> Scenario {
        Scenario {
            currency: *b"EUR",
            rate: Money::from_cents(9_500),
            vat: 0,
            baseline: Range { low: 6_000, likely: 7_200, high: 10_800 },
            premium: 2_000,
            fixed_price: None,
            allowance: 480,
            cr_rate: WHOLE,
            cr_admin: 60,
            switch: 30,
            multipliers: [10_000, 15_000, 30_000, 50_000],
            remaining: [10_000, 6_000, 2_000, 0],
            overhead: 1_000,
            cap: 1_500,
            trials: 2_000,
            changes: Vec::new(),
        }
    }
}

/// A consultant's starting point (MODEL.md, "Presets").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// Changes are expensive and estimates wide.
    Cautious,
    /// The defaults.
    Typical,
    /// Changes are cheap and estimates narrow.
    Optimistic,
}

impl Preset {
    /// Every preset.
    pub const ALL: [Preset; 3] = [Preset::Cautious, Preset::Typical, Preset::Optimistic];

    /// The name in the `preset` attribute.
    pub fn key(self) -> &'static str {
        match self {
            Preset::Cautious => "cautious",
            Preset::Typical => "typical",
            Preset::Optimistic => "optimistic",
        }
    }

    /// The preset named `key`.
    pub fn from_key(key: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.key() == key)
    }

    /// Phase multipliers in basis points.
    pub fn multipliers(self) -> [Bp; 4] {
        match self {
            Preset::Cautious => [10_000, 20_000, 50_000, 100_000],
            Preset::Typical => [10_000, 15_000, 30_000, 50_000],
            Preset::Optimistic => [10_000, 12_500, 20_000, 30_000],
        }
    }

    /// Baseline low and high as multiples of likely, in basis points. The
    /// typical low is 100/120 of likely (0.83 in MODEL.md), so that 120 h
    /// gives exactly the default 100 h.
    pub fn spread(self) -> (Bp, Bp) {
        match self {
            Preset::Cautious => (8_000, 20_000),
            Preset::Typical => (8_333, 15_000),
            Preset::Optimistic => (9_000, 13_000),
        }
    }

    /// Writes the preset's values into `s`, deriving the baseline's low and
    /// high from its likely effort.
    pub fn apply(self, s: &mut Scenario) {
        let (premium, overhead, switch) = match self {
            Preset::Cautious => (3_000, 1_500, 45),
            Preset::Typical => (2_000, 1_000, 30),
            Preset::Optimistic => (1_500, 500, 15),
        };
        s.multipliers = self.multipliers();
        s.premium = premium;
        s.overhead = overhead;
        s.switch = switch;
        s.baseline = self.baseline(s.baseline.likely);
    }

    /// The baseline this preset derives from a likely effort, each bound
    /// rounded to the minute.
    pub fn baseline(self, likely: Minutes) -> Range {
        let (low, high) = self.spread();
        let at = |bp: Bp| {
            let scaled = (u64::from(likely) * u64::from(bp) + u64::from(WHOLE / 2)) / u64::from(WHOLE);
            Minutes::try_from(scaled).unwrap_or(Minutes::MAX)
        };
        Range { low: at(low), likely, high: at(high) }
    }
}

/// Which part of a change an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangePart {
    /// Its title.
    Title,
    /// Its kind.
    Kind,
    /// Its phase.
    Phase,
    /// Its optimistic effort.
    EffortLow,
    /// Its likely effort.
    Effort,
    /// Its pessimistic effort.
    EffortHigh,
    /// Its rework share.
    Share,
}

impl ChangePart {
    /// Where it is in a saved change (a list `[id, title, kind, effort,
    /// phase, share]`).
    pub fn key(self) -> &'static str {
        match self {
            ChangePart::Title => "[1]",
            ChangePart::Kind => "[2]",
            ChangePart::Phase => "[4]",
            ChangePart::EffortLow => "[3][0]",
            ChangePart::Effort => "[3][1]",
            ChangePart::EffortHigh => "[3][2]",
            ChangePart::Share => "[5]",
        }
    }
}

/// The field an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// A numeric setting.
    Setting(Setting),
    /// The currency code.
    Currency,
    /// The list of changes as a whole.
    Changes,
    /// One part of the change at `index` (0-based, in order of arrival).
    Change {
        /// Position in the list.
        index: usize,
        /// Which part.
        part: ChangePart,
    },
    /// The saved form's version.
    Version,
    /// The saved form as a whole.
    Form,
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Field::Setting(s) => f.write_str(s.key()),
            Field::Currency => f.write_str("currency"),
            Field::Changes => f.write_str("changes"),
            Field::Change { index, part } => {
                f.write_str(&["changes[", &integer(index as i64), "]", part.key()].concat())
            }
            Field::Version => f.write_str("v"),
            Field::Form => f.write_str("scenario"),
        }
    }
}

/// What is wrong with a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Below the smallest allowed value (in the field's integer form).
    TooLow {
        /// The smallest allowed value.
        min: i64,
    },
    /// Above the largest allowed value (in the field's integer form).
    TooHigh {
        /// The largest allowed value.
        max: i64,
    },
    /// A low estimate above the likely one.
    LowAboveLikely {
        /// The likely estimate.
        likely: i64,
    },
    /// A likely estimate above the high one.
    LikelyAboveHigh {
        /// The high estimate.
        high: i64,
    },
    /// Text longer than allowed.
    TooLong {
        /// Most characters allowed.
        max: usize,
    },
    /// More entries than allowed.
    TooMany {
        /// Most entries allowed.
        max: usize,
    },
    /// A name the calculator does not know, such as a kind or a phase.
    Unknown {
        /// What was given, shortened.
        given: String,
    },
    /// A value of the wrong type, such as text where a number belongs.
    WrongType {
        /// What the field holds.
        expected: &'static str,
    },
    /// A saved form written by a newer version of the calculator.
    FutureVersion {
        /// The version found.
        found: i64,
    },
    /// The figures would be too large to compute exactly.
    Overflow,
}

/// A bad input, with the field it is about and the limit it breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    /// Which field.
    pub field: Field,
    /// What is wrong with it.
    pub problem: Problem,
}

impl ScenarioError {
    /// An error about `field`.
    pub fn new(field: Field, problem: Problem) -> ScenarioError {
        ScenarioError { field, problem }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Text, a value, text: one writer for every problem.
        let (before, value, after) = match self {
            Problem::TooLow { min } => ("must be at least ", integer(*min), ""),
            Problem::TooHigh { max } => ("must be at most ", integer(*max), ""),
            Problem::LowAboveLikely { likely } => {
                ("the low estimate must not exceed the likely one (", integer(*likely), ")")
            }
            Problem::LikelyAboveHigh { high } => {
                ("the likely estimate must not exceed the high one (", integer(*high), ")")
            }
            Problem::TooLong { max } => ("must be at most ", integer(*max as i64), " characters long"),
            Problem::TooMany { max } => ("at most ", integer(*max as i64), " entries are allowed"),
            Problem::Unknown { given } => ("unknown value \"", given.clone(), "\""),
            Problem::WrongType { expected } => ("must be ", (*expected).to_owned(), ""),
            Problem::FutureVersion { found } => {
                ("version ", integer(*found), " was written by a newer changecost and cannot be read here")
            }
            Problem::Overflow => ("the figures are too large to compute exactly", String::new(), ""),
        };
        f.write_str(&[before, &value, after].concat())
    }
}

impl fmt::Display for ScenarioError {
    /// The field's saved-form name, then the problem in the field's integer
    /// form (cents, minutes, basis points): for developers and the console.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.field, f)?;
        f.write_str(": ")?;
        fmt::Display::fmt(&self.problem, f)
    }
}

impl std::error::Error for ScenarioError {}

/// Checks `value` against `lo..=hi` for `field`.
pub(crate) fn check_range(field: Field, value: i64, (lo, hi): (i64, i64)) -> Result<(), ScenarioError> {
    if value < lo {
        Err(ScenarioError::new(field, Problem::TooLow { min: lo }))
    } else if value > hi {
        Err(ScenarioError::new(field, Problem::TooHigh { max: hi }))
    } else {
        Ok(())
    }
}

/// Checks that `low <= likely <= high`, reporting on `low_field` or
/// `high_field`.
fn check_order(range: &Range, low_field: Field, high_field: Field) -> Result<(), ScenarioError> {
    if range.low > range.likely {
        return Err(ScenarioError::new(low_field, Problem::LowAboveLikely { likely: i64::from(range.likely) }));
    }
    if range.likely > range.high {
        return Err(ScenarioError::new(high_field, Problem::LikelyAboveHigh { high: i64::from(range.high) }));
    }
    Ok(())
}

impl Scenario {
    /// The value of a numeric setting in its integer form.
    pub fn get(&self, setting: Setting) -> i64 {
        match setting {
            Setting::Rate => self.rate.cents(),
            Setting::Vat => i64::from(self.vat),
            Setting::HoursLow => i64::from(self.baseline.low),
            Setting::Hours => i64::from(self.baseline.likely),
            Setting::HoursHigh => i64::from(self.baseline.high),
            Setting::Premium => i64::from(self.premium),
            Setting::FixedPrice => self.fixed_price.map_or(0, Money::cents),
            Setting::Allowance => i64::from(self.allowance),
            Setting::CrRate => i64::from(self.cr_rate),
            Setting::CrAdmin => i64::from(self.cr_admin),
            Setting::Switch => i64::from(self.switch),
            Setting::Multiplier(p) => i64::from(self.multipliers[p.index()]),
            Setting::Remaining(p) => i64::from(self.remaining[p.index()]),
            Setting::Overhead => i64::from(self.overhead),
            Setting::Cap => i64::from(self.cap),
            Setting::Trials => i64::from(self.trials),
        }
    }

    /// Sets a numeric setting, after checking it against its limits and,
    /// for the baseline, the order low <= likely <= high. On error nothing
    /// changes.
    ///
    /// # Errors
    /// [`ScenarioError`] naming the setting and the limit it breaks.
    pub fn set(&mut self, setting: Setting, value: i64) -> Result<(), ScenarioError> {
        let field = Field::Setting(setting);
        check_range(field, value, setting.limits())?;
        let before = self.baseline;
        self.put(setting, value);
        // Only the baseline's settings change it; its order is checked when
        // it changed.
        let b = self.baseline;
        if b == before {
            return Ok(());
        }
        let problem = if b.low > b.likely {
            if setting == Setting::HoursLow {
                Problem::LowAboveLikely { likely: i64::from(b.likely) }
            } else {
                Problem::TooLow { min: i64::from(b.low) }
            }
        } else if b.likely > b.high {
            if setting == Setting::HoursHigh {
                Problem::TooLow { min: i64::from(b.likely) }
            } else {
                Problem::LikelyAboveHigh { high: i64::from(b.high) }
            }
        } else {
            return Ok(());
        };
        self.baseline = before;
        Err(ScenarioError::new(field, problem))
    }

    /// Writes a setting already checked against its limits (the order of
    /// the baseline is not checked: readers validate the whole scenario).
    pub(crate) fn put(&mut self, setting: Setting, value: i64) {
        // In range, so every conversion below is lossless.
        let small = u32::try_from(value).unwrap_or(u32::MAX);
        match setting {
            Setting::Rate => self.rate = Money::from_cents(value),
            Setting::Vat => self.vat = small,
            Setting::HoursLow => self.baseline.low = small,
            Setting::Hours => self.baseline.likely = small,
            Setting::HoursHigh => self.baseline.high = small,
            Setting::Premium => self.premium = small,
            Setting::FixedPrice => self.fixed_price = (value > 0).then(|| Money::from_cents(value)),
            Setting::Allowance => self.allowance = small,
            Setting::CrRate => self.cr_rate = small,
            Setting::CrAdmin => self.cr_admin = small,
            Setting::Switch => self.switch = small,
            Setting::Multiplier(p) => self.multipliers[p.index()] = small,
            Setting::Remaining(p) => self.remaining[p.index()] = small,
            Setting::Overhead => self.overhead = small,
            Setting::Cap => self.cap = small,
            Setting::Trials => self.trials = small,
        }
    }

    /// The currency code as text.
    pub fn currency_code(&self) -> &str {
        core::str::from_utf8(&self.currency).unwrap_or("EUR")
    }

    /// Sets the currency from an ISO 4217 code such as `EUR` (any case).
    ///
    /// # Errors
    /// [`ScenarioError`] on [`Field::Currency`] unless the code is three
    /// ASCII letters.
    pub fn set_currency(&mut self, code: &str) -> Result<(), ScenarioError> {
        let bytes = code.trim().as_bytes();
        match bytes {
            [a, b, c] if bytes.iter().all(u8::is_ascii_alphabetic) => {
                self.currency = [a.to_ascii_uppercase(), b.to_ascii_uppercase(), c.to_ascii_uppercase()];
                Ok(())
            }
            _ => Err(ScenarioError::new(Field::Currency, Problem::Unknown { given: shorten(code) })),
        }
    }

    /// The index of the change with `id`.
    pub fn position(&self, id: u32) -> Option<usize> {
        self.changes.iter().position(|c| c.id == id)
    }

    /// An id no change uses yet.
    pub fn next_id(&self) -> u32 {
        self.changes.iter().map(|c| c.id).max().map_or(1, |m| m.saturating_add(1))
    }

    /// Checks every field: limits, order of estimates, titles, the number
    /// of changes.
    ///
    /// # Errors
    /// The first [`ScenarioError`] found, in saved-form order.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        if !self.currency.iter().all(u8::is_ascii_uppercase) {
            let given = lossy(&self.currency);
            return Err(ScenarioError::new(Field::Currency, Problem::Unknown { given }));
        }
        for setting in Setting::ALL {
            check_range(Field::Setting(setting), self.get(setting), setting.limits())?;
        }
        if let Some(price) = self.fixed_price {
            // An explicit price of zero is no price: the saved form has no
            // way to say it, so it is refused here too.
            check_range(Field::Setting(Setting::FixedPrice), price.cents(), (1, Setting::FixedPrice.limits().1))?;
        }
        check_order(&self.baseline, Field::Setting(Setting::HoursLow), Field::Setting(Setting::HoursHigh))?;
        if self.changes.len() > MAX_CHANGES {
            return Err(ScenarioError::new(Field::Changes, Problem::TooMany { max: MAX_CHANGES }));
        }
        for (index, change) in self.changes.iter().enumerate() {
            validate_change(index, change)?;
        }
        Ok(())
    }
}

/// Checks one change at `index`.
///
/// # Errors
/// [`ScenarioError`] naming the part of the change and the limit.
pub fn validate_change(index: usize, change: &Change) -> Result<(), ScenarioError> {
    let at = |part| Field::Change { index, part };
    let length = char_count(&change.title);
    if length > MAX_TITLE {
        return Err(ScenarioError::new(at(ChangePart::Title), Problem::TooLong { max: MAX_TITLE }));
    }
    let max = (0, i64::from(MAX_EFFORT));
    check_range(at(ChangePart::EffortLow), i64::from(change.effort.low), max)?;
    check_range(at(ChangePart::Effort), i64::from(change.effort.likely), max)?;
    check_range(at(ChangePart::EffortHigh), i64::from(change.effort.high), max)?;
    check_order(&change.effort, at(ChangePart::EffortLow), at(ChangePart::EffortHigh))?;
    if let Some(share) = change.share {
        check_range(at(ChangePart::Share), i64::from(share), (0, i64::from(WHOLE)))?;
    }
    Ok(())
}

/// The number of characters in `text`: its bytes that do not continue a
/// character (`chars().count()` brings a larger routine into the wasm).
pub(crate) fn char_count(text: &str) -> usize {
    text.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

/// `bytes` as text, each invalid sequence replaced by U+FFFD, as
/// `String::from_utf8_lossy` does (which brings its own decoder into the
/// wasm; this one reuses `from_utf8`).
fn lossy(mut bytes: &[u8]) -> String {
    let mut out = String::new();
    loop {
        match core::str::from_utf8(bytes) {
            Ok(text) => {
                out.push_str(text);
                return out;
            }
            Err(e) => {
                let (valid, rest) = bytes.split_at(e.valid_up_to());
                out.push_str(core::str::from_utf8(valid).unwrap_or_default());
                out.push('\u{fffd}');
                bytes = rest.get(e.error_len().unwrap_or(rest.len())..).unwrap_or_default();
            }
        }
    }
}

/// The first 40 characters of `text`, for quoting it in an error.
pub(crate) fn shorten(text: &str) -> String {
    text.chars().take(40).collect()
}

/// Shared by the core's unit tests.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;

    /// MODEL.md's worked example: three changes in the build phase.
    pub fn worked_example() -> Scenario {
        Scenario {
            changes: vec![
                Change::new(1, "logo bigger", Kind::Tweak, 120, Phase::Build),
                Change::new(2, "sample documents outdated", Kind::Rework, 960, Phase::Build),
                Change::new(3, "sales joins planning", Kind::Stakeholder, 360, Phase::Build),
            ],
            ..Scenario::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_helpers_match_std() {
        let bytes = [0x41, 0x7f, 0x80, 0xbf, 0xc2, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0xff, 0xed, 0xa0];
        for a in bytes {
            for b in bytes {
                for c in bytes {
                    let code = [a, b, c];
                    assert_eq!(lossy(&code), String::from_utf8_lossy(&code), "{code:x?}");
                }
            }
        }
        for text in ["", "a", "größer", "€ 5", "🦀x", "Logo größer und in der Kopfzeile rechts"] {
            assert_eq!(char_count(text), text.chars().count(), "{text}");
        }
    }

    #[test]
    fn defaults_are_the_model_defaults() {
        let s = Scenario::default();
        assert_eq!(s.rate, Money::from_cents(9_500));
        assert_eq!(s.baseline, Range { low: 6_000, likely: 7_200, high: 10_800 });
        assert_eq!(s.validate(), Ok(()));
        let mut typical = s.clone();
        Preset::Typical.apply(&mut typical);
        assert_eq!(typical, s, "typical is the defaults");
    }

    #[test]
    fn presets_follow_the_table() {
        let mut s = Scenario::default();
        Preset::Cautious.apply(&mut s);
        assert_eq!(s.baseline, Range { low: 5_760, likely: 7_200, high: 14_400 });
        assert_eq!(s.multipliers, [10_000, 20_000, 50_000, 100_000]);
        assert_eq!((s.premium, s.overhead, s.switch), (3_000, 1_500, 45));
        Preset::Optimistic.apply(&mut s);
        assert_eq!(s.baseline, Range { low: 6_480, likely: 7_200, high: 9_360 });
        assert_eq!((s.premium, s.overhead, s.switch), (1_500, 500, 15));
    }

    #[test]
    fn set_checks_limits_and_order_and_changes_nothing_on_error() {
        let mut s = Scenario::default();
        let before = s.clone();
        let err = s.set(Setting::Rate, 0).unwrap_err();
        assert_eq!(err, ScenarioError::new(Field::Setting(Setting::Rate), Problem::TooLow { min: 1 }));
        let err = s.set(Setting::Hours, 20_000).unwrap_err();
        assert_eq!(err.problem, Problem::LikelyAboveHigh { high: 10_800 });
        let err = s.set(Setting::HoursLow, 8_000).unwrap_err();
        assert_eq!(err.problem, Problem::LowAboveLikely { likely: 7_200 });
        let err = s.set(Setting::HoursHigh, 7_000).unwrap_err();
        assert_eq!(err.problem, Problem::TooLow { min: 7_200 });
        assert_eq!(s.set(Setting::Hours, 600_001).unwrap_err().problem, Problem::TooHigh { max: 600_000 });
        assert_eq!(s, before);
        s.set(Setting::FixedPrice, 1_500_000).unwrap();
        assert_eq!(s.fixed_price, Some(Money::from_cents(1_500_000)));
        s.set(Setting::FixedPrice, 0).unwrap();
        assert_eq!(s.fixed_price, None);
        s.fixed_price = Some(Money::ZERO);
        assert_eq!(s.validate().unwrap_err().problem, Problem::TooLow { min: 1 });
    }

    #[test]
    fn validation_names_field_and_limit() {
        let mut s = Scenario::default();
        s.changes.push(Change::new(1, &"x".repeat(121), Kind::Tweak, 60, Phase::Build));
        let err = s.validate().unwrap_err();
        assert_eq!(err.to_string(), "changes[0][1]: must be at most 120 characters long");
        s.changes[0].title = "ok".into();
        s.changes[0].effort = Range { low: 90, likely: 60, high: 120 };
        assert_eq!(
            s.validate().unwrap_err().to_string(),
            "changes[0][3][0]: the low estimate must not exceed the likely one (60)"
        );
        s.changes[0].effort = Range::exact(600_001);
        assert_eq!(s.validate().unwrap_err().to_string(), "changes[0][3][0]: must be at most 600000");
        s.changes = vec![Change::new(1, "", Kind::Tweak, 1, Phase::Build); MAX_CHANGES + 1];
        assert_eq!(s.validate().unwrap_err().problem, Problem::TooMany { max: MAX_CHANGES });
    }

    #[test]
    fn currency_is_three_letters() {
        let mut s = Scenario::default();
        s.set_currency("chf").unwrap();
        assert_eq!(s.currency_code(), "CHF");
        assert!(s.set_currency("EURO").is_err());
        assert!(s.set_currency("€").is_err());
    }

    #[test]
    fn names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_key(k.key()), Some(k));
        }
        for p in Phase::ALL {
            assert_eq!(Phase::from_key(p.key()), Some(p));
        }
        for c in Contract::ALL {
            assert_eq!(Contract::from_key(c.key()), Some(c));
        }
        assert_eq!(Kind::from_key("Tweak"), None);
    }
}
