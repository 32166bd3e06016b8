//! Properties over generated scenarios, text and JSON trees.

use changecost::core::{
    decode, encode, format_grouped, format_quantity, parse, parse_decimal, price, price_at, Change, Contract, Field,
    Json, Kind, Money, Phase, Point, Pricing, Problem, Range, Scenario, ScenarioError, Setting, MAX_CHANGES,
    MAX_EFFORT,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

use crate::strategies::{self, config, ordered};

const QUANTITIES: [changecost::core::Quantity; 5] = {
    use changecost::core::Quantity::*;
    [Money, Hours, Percent, Multiplier, Count]
};

// ---------------------------------------------------------------------------
// Strategies.

/// A value of `setting` within its limits, often at or near the bounds.
fn setting_value(setting: Setting) -> BoxedStrategy<i64> {
    let (lo, hi) = setting.limits();
    if setting == Setting::FixedPrice {
        // Mostly computed (0 is none), sometimes explicit.
        return prop_oneof![2 => Just(0), 1 => 1..=hi, 1 => 1..=10_000i64].boxed();
    }
    prop_oneof![4 => lo..=hi, 1 => Just(lo), 1 => Just(hi), 2 => lo..=(lo + 100).min(hi)].boxed()
}

/// A baseline in order with a likely effort of at least one minute; small
/// ones make baseline parts that round to zero cents.
fn baseline() -> impl Strategy<Value = Range> {
    prop_oneof![3 => ordered(), 1 => vec(0..=5u32, 3).prop_map(|mut m| {
        m.sort_unstable();
        Range { low: m[0], likely: m[1], high: m[2] }
    })]
    .prop_map(|mut r| {
        r.likely = r.likely.max(1);
        r.high = r.high.max(r.likely);
        r
    })
}

fn title() -> impl Strategy<Value = String> {
    prop_oneof![4 => vec(any::<char>(), 0..=8), 1 => vec(any::<char>(), 0..=120)]
        .prop_map(|chars| chars.into_iter().collect())
}

/// A valid change of any kind and phase, with id 0 (the scenario numbers it).
fn change() -> impl Strategy<Value = Change> {
    strategies::change(ordered(), title())
}

/// A valid scenario: every setting within its limits, the baseline in
/// order, up to 29 changes with unique ids.
fn scenario() -> impl Strategy<Value = Scenario> {
    let settings: Vec<BoxedStrategy<i64>> = Setting::ALL.iter().map(|&s| setting_value(s)).collect();
    (settings, baseline(), "[A-Z]{3}", vec(change(), 0..30)).prop_map(|(values, baseline, currency, changes)| {
        let mut s = Scenario::default();
        for (&setting, value) in Setting::ALL.iter().zip(values) {
            if !matches!(setting, Setting::HoursLow | Setting::Hours | Setting::HoursHigh) {
                s.set(setting, value).expect("a value within the limits is accepted");
            }
        }
        s.baseline = baseline;
        s.set_currency(&currency).expect("three capital letters are a currency code");
        s.changes = changes.into_iter().zip(1..).map(|(c, id)| Change { id, ..c }).collect();
        s
    })
}

/// Characters people type into number fields, and some they should not.
fn typed_text() -> impl Strategy<Value = String> {
    let chars = vec![
        '0', '1', '2', '3', '5', '9', ',', '.', ' ', '\u{a0}', '\u{202f}', '\'', '-', '+', '\u{2212}', '€', '$', 'h',
        'x', '%', 'E', 'U', 'R', 'ä',
    ];
    prop_oneof![
        4 => vec(prop_oneof![8 => select(chars), 1 => any::<char>()], 0..=30)
            .prop_map(|c| c.into_iter().collect::<String>()),
        1 => any::<String>(),
        // Long runs of digits, to reach the size limits.
        1 => "[0-9]{0,40}([.,][0-9]{0,40})?",
        // Number-like text: signs, groups, decimals and units around digits.
        4 => "[ \u{a0}]?(€ ?|-|EUR )?[0-9]{1,4}([.,' \u{a0}\u{202f}][0-9]{1,4}){0,3}( ?(€|%|h|x|CHF|Std\\.))?[ ]?",
    ]
}

/// Keys of the saved form, which make arbitrary trees reach deep into decode.
const KEYS: [&str; 23] = [
    "v",
    "currency",
    "rateCents",
    "vatBp",
    "baselineMinutes",
    "premiumBp",
    "fixedPriceCents",
    "allowanceMinutes",
    "crRateBp",
    "crAdminMinutes",
    "switchMinutes",
    "multipliersBp",
    "remainingBp",
    "overheadBp",
    "capBp",
    "trials",
    "changes",
    "id",
    "t",
    "k",
    "e",
    "p",
    "s",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![4 => select(KEYS.to_vec()).prop_map(str::to_owned), 1 => ".{0,6}"]
}

fn leaf() -> impl Strategy<Value = Json> {
    let words = vec!["tweak", "rework", "stakeholder", "feature", "concept", "build", "acceptance", "live", "EUR", "€"];
    prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<f64>().prop_map(Json::Num),
        (-3i64..=1_000_001).prop_map(Json::int),
        any::<i64>().prop_map(Json::int),
        prop_oneof![Just(f64::NAN), Just(f64::INFINITY), Just(-0.0), Just(0.5), Just(1e300)].prop_map(Json::Num),
        select(words).prop_map(|w| Json::Str(w.to_owned())),
        ".{0,10}".prop_map(Json::Str),
    ]
}

/// Any JSON tree, nested up to six levels.
fn json() -> impl Strategy<Value = Json> {
    leaf().prop_recursive(6, 96, 8, |inner| {
        prop_oneof![vec(inner.clone(), 0..8).prop_map(Json::Arr), vec((key(), inner), 0..8).prop_map(Json::Obj),]
    })
}

/// Sets `key` of the object `obj` to `value`, replacing or appending.
fn put(obj: &mut Json, key: String, value: Json) {
    if let Json::Obj(members) = obj {
        match members.iter_mut().find(|(k, _)| *k == key) {
            Some(member) => member.1 = value,
            None => members.push((key, value)),
        }
    }
}

/// The saved form of a valid scenario with one field, at the top or in one
/// change, replaced by an arbitrary value.
fn mutated_form() -> impl Strategy<Value = Json> {
    (scenario(), any::<bool>(), any::<proptest::sample::Index>(), key(), json()).prop_map(
        |(s, in_change, index, key, value)| {
            let mut form = encode(&s);
            if in_change && !s.changes.is_empty() {
                if let Json::Obj(members) = &mut form {
                    if let Some((_, Json::Arr(changes))) = members.iter_mut().find(|(k, _)| k == "changes") {
                        let at = index.index(changes.len());
                        put(&mut changes[at], key, value);
                    }
                }
            } else {
                put(&mut form, key, value);
            }
            form
        },
    )
}

// ---------------------------------------------------------------------------
// A direct reading of MODEL.md, to check the engine against.

/// Basis points in one.
const W: i128 = 10_000;
/// Effort grid units per minute: a minute times three basis-point factors.
const UNIT: i128 = W * W * W;

/// `n / d` rounded half away from zero, for `n >= 0`, `d > 0`.
fn round(n: i128, d: i128) -> i64 {
    assert!(n >= 0 && d > 0);
    i64::try_from((2 * n + d) / (2 * d)).unwrap()
}

/// One change as MODEL.md prices it: its effective effort in grid units,
/// its hourly line and its fixed-price line, in cents.
#[derive(Debug, PartialEq)]
struct ModelLine {
    effective: i128,
    hourly: i64,
    fixed: i64,
}

/// The model's figures at the likely point: lines, then the hourly
/// baseline, fixed price, cap and the three totals.
fn model(s: &Scenario) -> (Vec<ModelLine>, [i64; 3], [i64; 3]) {
    let rate = i128::from(s.rate.cents());
    let likely = i128::from(s.baseline.likely);
    let hourly_base = round(likely * rate, 60);
    // likely x rate x (1 + premium), or the explicit price.
    let fixed_price =
        s.fixed_price.map_or_else(|| round(likely * rate * (W + i128::from(s.premium)), 60 * W), Money::cents);
    // likely x rate x (1 + cap).
    let cap = round(likely * rate * (W + i128::from(s.cap)), 60 * W);
    let mut left = i128::from(s.allowance) * UNIT;
    let mut lines = Vec::new();
    for c in &s.changes {
        let phase = c.phase.index();
        let (mult, remaining) = (i128::from(s.multipliers[phase]), i128::from(s.remaining[phase]));
        // Effort times the phase multiplier; a rework share is share x likely x (1 - remaining).
        let effort = match (c.kind, c.share) {
            (Kind::Rework, Some(share)) => likely * i128::from(share) * (W - remaining) * mult,
            _ => i128::from(c.effort.likely) * W * W * mult,
        };
        // A stakeholder adds overhead x likely x remaining, not multiplied.
        let overhead = if c.kind == Kind::Stakeholder { likely * i128::from(s.overhead) * remaining * W } else { 0 };
        let effective = effort + overhead;
        let hourly = round((effective + i128::from(s.switch) * UNIT) * rate, 60 * UNIT);
        let covered = effective.min(left);
        left -= covered;
        let uncovered = effective - covered;
        let fixed = if uncovered > 0 {
            let work = uncovered * i128::from(s.cr_rate) + i128::from(s.cr_admin) * UNIT * W;
            round(work * rate, 60 * UNIT * W)
        } else {
            0
        };
        lines.push(ModelLine { effective, hourly, fixed });
    }
    let changes_hourly: i64 = lines.iter().map(|l| l.hourly).sum();
    let changes_fixed: i64 = lines.iter().map(|l| l.fixed).sum();
    let totals = [hourly_base + changes_hourly, fixed_price + changes_fixed, hourly_base.min(cap) + changes_hourly];
    (lines, [hourly_base, fixed_price, cap], totals)
}

fn totals(p: &Pricing) -> [Money; 3] {
    Contract::ALL.map(|c| p.part(c).total)
}

// ---------------------------------------------------------------------------
// Pricing invariants.

proptest! {
    #![proptest_config(config(256))]

    /// (a) Appending a change never lowers a total. Per MODEL.md the
    /// allowance is used in the order changes arrive, so a change appended
    /// last leaves every earlier line as it was; its own lines are
    /// (effort >= 0 + switch) x rate >= 0 and 0 or (uncovered x cr_rate +
    /// admin) x rate >= 0; and the baseline parts do not depend on changes.
    #[test]
    fn appending_a_change_never_lowers_a_total(s in scenario(), extra in change()) {
        let before = price(&s).unwrap();
        let mut more = s.clone();
        more.changes.push(Change { id: s.next_id(), ..extra });
        prop_assert_eq!(more.validate(), Ok(()));
        let after = price(&more).unwrap();
        for c in Contract::ALL {
            prop_assert!(after.part(c).total >= before.part(c).total, "{:?}: {:?} -> {:?}", c, before.part(c), after.part(c));
            prop_assert_eq!(after.part(c).baseline, before.part(c).baseline);
        }
        prop_assert_eq!(&after.lines[..s.changes.len()], &before.lines[..]);
        prop_assert_eq!(&after.series[..=s.changes.len()], &before.series[..]);
    }

    /// (b) Every total is the sum of its line items, and the series steps by
    /// the lines.
    #[test]
    fn totals_are_sums_of_line_items(s in scenario()) {
        let p = price(&s).unwrap();
        let sum = |f: fn(&changecost::core::Line) -> Money| Money::sum(p.lines.iter().map(f)).unwrap();
        let (hourly_lines, fixed_lines) = (sum(|l| l.hourly), sum(|l| l.fixed));
        let hourly = p.part(Contract::Hourly);
        let fixed = p.part(Contract::Fixed);
        let capped = p.part(Contract::Capped);
        prop_assert_eq!(hourly.total, hourly.baseline.checked_add(hourly_lines).unwrap());
        prop_assert_eq!(fixed.baseline, p.fixed_price);
        prop_assert_eq!(fixed.total, p.fixed_price.checked_add(fixed_lines).unwrap());
        prop_assert_eq!(capped.baseline, hourly.baseline.min(p.cap));
        prop_assert_eq!(capped.total, hourly.baseline.min(p.cap).checked_add(hourly_lines).unwrap());
        for part in [hourly, fixed, capped] {
            prop_assert_eq!(part.changes, part.total.checked_sub(part.baseline).unwrap());
        }
        prop_assert_eq!(p.lines.len(), s.changes.len());
        prop_assert_eq!(p.series.len(), s.changes.len() + 1);
        prop_assert_eq!(p.series[0], [hourly.baseline, p.fixed_price, capped.baseline]);
        prop_assert_eq!(*p.series.last().unwrap(), totals(&p));
        for (k, line) in p.lines.iter().enumerate() {
            let step = [0, 1, 2].map(|c| p.series[k + 1][c].checked_sub(p.series[k][c]).unwrap());
            prop_assert_eq!(step, [line.hourly, line.fixed, line.hourly], "line {}", k);
            // A change the allowance covers needs no request and costs nothing.
            prop_assert!(line.covered <= line.effective);
            if !line.is_request() {
                prop_assert_eq!(line.fixed, Money::ZERO);
            }
        }
    }

    /// The engine agrees with a direct reading of MODEL.md, line by line.
    #[test]
    fn prices_follow_the_model(s in scenario()) {
        let p = price(&s).unwrap();
        let (lines, [hourly_base, fixed_price, cap], model_totals) = model(&s);
        let got: Vec<ModelLine> = p
            .lines
            .iter()
            .map(|l| ModelLine { effective: l.effective.units(), hourly: l.hourly.cents(), fixed: l.fixed.cents() })
            .collect();
        prop_assert_eq!(got, lines);
        prop_assert_eq!(
            [p.part(Contract::Hourly).baseline.cents(), p.fixed_price.cents(), p.cap.cents()],
            [hourly_base, fixed_price, cap]
        );
        prop_assert_eq!(totals(&p).map(Money::cents), model_totals);
    }

    /// (f) The cost of churn is missing only when there is no baseline part
    /// to relate it to, and is otherwise the rounded ratio.
    #[test]
    fn churn_is_none_only_without_a_baseline(s in scenario()) {
        for point in [Point::Low, Point::Likely, Point::High] {
            let p = price_at(&s, point).unwrap();
            for c in Contract::ALL {
                let part = p.part(c);
                match part.churn_bp() {
                    None => prop_assert_eq!(part.baseline, Money::ZERO, "{:?}", c),
                    Some(bp) => {
                        prop_assert!(part.baseline > Money::ZERO);
                        let (n, d) = (i128::from(part.changes.cents()) * 10_000, i128::from(part.baseline.cents()));
                        prop_assert_eq!(i128::from(bp), (2 * n + d) / (2 * d));
                    }
                }
            }
        }
    }
}

#[test]
fn churn_without_a_baseline_is_none() {
    // 1 min at 0.01/h = 1/60 cent -> 0.00, under every contract.
    let mut s = Scenario { rate: Money::from_cents(1), baseline: Range::exact(1), ..Scenario::default() };
    s.changes.push(Change::new(1, "", Kind::Feature, 600, Phase::Concept));
    assert_eq!(s.validate(), Ok(()));
    let p = price(&s).unwrap();
    assert_eq!(p.parts.map(|x| x.baseline), [Money::ZERO; 3]);
    assert_eq!(p.parts.map(|x| x.churn_bp()), [None; 3]);
    // (600 + 30) min x 0.01 / 60 = 0.105 -> 0.11 under hourly.
    assert_eq!(p.part(Contract::Hourly).changes, Money::from_cents(11));
}

#[test]
fn the_largest_valid_scenario_prices_without_overflow() {
    let mut s = Scenario::default();
    for setting in Setting::ALL {
        if !matches!(setting, Setting::HoursLow | Setting::Hours) {
            s.set(setting, setting.limits().1).unwrap();
        }
    }
    s.set(Setting::Hours, i64::from(MAX_EFFORT)).unwrap();
    s.set(Setting::HoursLow, i64::from(MAX_EFFORT)).unwrap();
    let most = MAX_CHANGES as u32;
    s.changes =
        (1..=most).map(|id| Change::new(id, &"ä".repeat(120), Kind::Stakeholder, MAX_EFFORT, Phase::Live)).collect();
    assert_eq!(s.validate(), Ok(()));
    let p = price(&s).unwrap();
    // Baseline 10,000 h x 100,000.00 = 1,000,000,000.00.
    assert_eq!(p.part(Contract::Hourly).baseline.cents(), 100_000_000_000);
    // Each change: 600,000 min x 100.0 + 100 % x 600,000 min x 100 % = 60,600,000 min;
    // (60,600,000 + 600,000) min x 100,000.00 / 60 = 102,000,000,000.00.
    assert_eq!(p.lines[1].hourly.cents(), 10_200_000_000_000);
    // 1,000,000,000.00 + 10,000 x 102,000,000,000.00.
    assert_eq!(MAX_CHANGES, 10_000);
    assert_eq!(p.part(Contract::Hourly).total.cents(), 102_000_100_000_000_000);
    // The explicit fixed price 10,000,000,000.00 (the limit); the first request is
    // (60,000,000 min x 10.0 + 600,000 min) x 100,000.00 / 60 = 1,001,000,000,000.00,
    // each other (60,600,000 x 10.0 + 600,000) min x 100,000.00 / 60 = 1,011,000,000,000.00.
    assert_eq!(p.fixed_price.cents(), 1_000_000_000_000);
    assert_eq!(p.lines[0].fixed.cents(), 100_100_000_000_000);
    assert_eq!(p.lines[1].fixed.cents(), 101_100_000_000_000);
    // 1,000,000,000,000 + 100,100,000,000,000 + 9,999 x 101,100,000,000,000 cents.
    assert_eq!(p.part(Contract::Fixed).total.cents(), 1_011_000_000_000_000_000);
}

// ---------------------------------------------------------------------------
// (c) No input panics.

/// A setting and a value: anything, near a bound, or within the limits.
fn any_setting_value() -> impl Strategy<Value = (Setting, i64)> {
    select(Setting::ALL.to_vec()).prop_flat_map(|setting| {
        let (lo, hi) = setting.limits();
        (Just(setting), prop_oneof![any::<i64>(), (lo - 3)..=(lo + 3), (hi - 3)..=(hi + 3), lo..=hi])
    })
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn set_checks_every_value(values in vec(any_setting_value(), 1..40)) {
        let mut s = Scenario::default();
        for (setting, value) in values {
            let before = s.clone();
            let result = s.set(setting, value);
            let (lo, hi) = setting.limits();
            let field = Field::Setting(setting);
            if value < lo {
                prop_assert_eq!(&result, &Err(ScenarioError::new(field, Problem::TooLow { min: lo })));
            } else if value > hi {
                prop_assert_eq!(&result, &Err(ScenarioError::new(field, Problem::TooHigh { max: hi })));
            }
            match result {
                Ok(()) => prop_assert_eq!(s.get(setting), value),
                Err(e) => {
                    prop_assert_eq!(e.field, field);
                    // Within the limits only the order of the baseline can refuse a value.
                    let baseline = matches!(setting, Setting::HoursLow | Setting::Hours | Setting::HoursHigh);
                    prop_assert!(baseline || value < lo || value > hi);
                    prop_assert_eq!(&s, &before, "nothing changes on error");
                }
            }
            prop_assert_eq!(s.validate(), Ok(()));
        }
    }

    #[test]
    fn parse_takes_any_text(text in typed_text()) {
        for quantity in QUANTITIES {
            for decimal in [',', '.'] {
                if let Ok(value) = parse(&text, decimal, quantity) {
                    prop_assert!(value >= 0, "{:?} -> {}", text, value);
                    // What was read reads back the same from its own display.
                    // (Hours are shown from minutes, which stay far below 10^15.)
                    if quantity != changecost::core::Quantity::Hours || value <= 10_i64.pow(15) {
                        prop_assert_eq!(parse(&format_quantity(value, quantity, decimal), decimal, quantity), Ok(value));
                    }
                }
            }
        }
        for decimal in [',', '.'] {
            if let Ok(d) = parse_decimal(&text, decimal) {
                prop_assert!(d.scale <= 40);
            }
        }
    }

    #[test]
    fn decode_takes_any_tree(json in prop_oneof![json(), vec((key(), json()), 0..10).prop_map(Json::Obj)]) {
        check_decode(&json)?;
    }

    #[test]
    fn decode_takes_any_damaged_form(json in mutated_form()) {
        check_decode(&json)?;
    }

    #[test]
    fn price_takes_any_valid_scenario(s in scenario()) {
        prop_assert_eq!(s.validate(), Ok(()));
        for point in [Point::Low, Point::Likely, Point::High] {
            let p = price_at(&s, point);
            prop_assert!(p.is_ok(), "{:?}", p);
        }
    }
}

/// Decoding gives a valid scenario that prices and saves as it was read,
/// or an error that names its field.
fn check_decode(json: &Json) -> Result<(), TestCaseError> {
    match decode(json, &Scenario::default()) {
        Ok(s) => {
            prop_assert_eq!(s.validate(), Ok(()));
            prop_assert!(price(&s).is_ok());
            prop_assert_eq!(decode(&encode(&s), &Scenario::default()), Ok(s));
        }
        Err(e) => {
            let text = e.to_string();
            prop_assert!(text.starts_with(&format!("{}: ", e.field)), "{}", text);
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// (d) parse(format(x)) == x over the valid ranges.

/// A quantity and a value in its valid range, as the settings use it.
fn formatted_value() -> impl Strategy<Value = (changecost::core::Quantity, i64)> {
    use changecost::core::Quantity;
    prop_oneof![
        (Just(Quantity::Money), prop_oneof![0..=1_000_000_000_000i64, 0..=100_000i64]),
        (Just(Quantity::Hours), prop_oneof![0..=i64::from(MAX_EFFORT), 0..=600i64]),
        (Just(Quantity::Percent), 0..=50_000i64),
        (Just(Quantity::Multiplier), prop_oneof![0..=1_000_000i64, 0..=20_000i64]),
        (Just(Quantity::Count), 0..=20_000i64),
    ]
}

proptest! {
    #![proptest_config(config(1_000))]

    #[test]
    fn formatted_values_read_back((quantity, value) in formatted_value()) {
        for decimal in [',', '.'] {
            let text = format_quantity(value, quantity, decimal);
            prop_assert_eq!(parse(&text, decimal, quantity), Ok(value), "{:?}", text);
        }
    }

    #[test]
    fn grouped_money_reads_back(value in prop_oneof![0..=1_000_000_000_000i64, 0..=1_000_000i64]) {
        use changecost::core::Quantity;
        for decimal in [',', '.'] {
            for min_decimals in [0, 2] {
                let text = format_grouped(value, 2, min_decimals, decimal);
                prop_assert_eq!(parse(&text, decimal, Quantity::Money), Ok(value), "{:?}", text);
                // With a currency sign and a non-breaking space, as a browser shows it.
                let shown = format!("{text}\u{a0}€");
                prop_assert_eq!(parse(&shown, decimal, Quantity::Money), Ok(value), "{:?}", shown);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// (e) The saved form keeps a scenario as it was.

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn saved_form_round_trips(s in scenario()) {
        let json = encode(&s);
        prop_assert_eq!(decode(&json, &Scenario::default()), Ok(s.clone()));
        // Through JSON text, as localStorage and export keep it.
        let text = serde_json::to_string(&json).unwrap();
        let read = serde_json::from_str::<Json>(&text).unwrap();
        prop_assert_eq!(&read, &json);
        // Other defaults do not matter when every field is saved.
        let other = Scenario { rate: Money::from_cents(12_345), cap: 0, ..Scenario::default() };
        prop_assert_eq!(decode(&read, &other), Ok(s));
    }
}
