//! The saved form: what localStorage keeps, what the `scenario` property
//! gets and sets, and what JSON export writes. Versioned (`"v": 2`),
//! compact (no computed values), tolerant (missing fields take the
//! consultant's defaults, unknown fields are ignored) and strict (a present
//! field with a bad value is an error naming it).
//!
//! Units: money in cents, effort in minutes, percentages and multipliers in
//! basis points. A change is a list `[id, title, kind, effort, phase]`,
//! with a rework share in bp as a sixth element; effort is minutes or
//! `[low, likely, high]`. Trailing elements may be left out (defaults:
//! `""`, `"tweak"`, 0, `"build"`).
//!
//! Version 1 wrote each change as an object `{"id", "t", "k", "e", "p",
//! "s"}`: about 20 bytes more per change. It still loads (see
//! [`decode`]) and is saved as version 2.

use crate::core::effort::Minutes;
use crate::core::json::Json;
use crate::core::parse::integer;
use crate::core::scenario::{
    check_range, shorten, Change, ChangePart, Field, Kind, Phase, Problem, Range, Scenario, ScenarioError, Setting,
    MAX_CHANGES, MAX_EFFORT,
};

/// The version this code writes.
pub const VERSION: i64 = 2;

/// The settings' members in saved-form order, each with the settings it
/// holds: one (a number), or a list of three or four numbers.
const FORM: [(&str, &[Setting]); 14] = [
    ("rateCents", &[Setting::Rate]),
    ("vatBp", &[Setting::Vat]),
    ("baselineMinutes", &[Setting::HoursLow, Setting::Hours, Setting::HoursHigh]),
    ("premiumBp", &[Setting::Premium]),
    ("fixedPriceCents", &[Setting::FixedPrice]),
    ("allowanceMinutes", &[Setting::Allowance]),
    ("crRateBp", &[Setting::CrRate]),
    ("crAdminMinutes", &[Setting::CrAdmin]),
    ("switchMinutes", &[Setting::Switch]),
    (
        "multipliersBp",
        &[
            Setting::Multiplier(Phase::Concept),
            Setting::Multiplier(Phase::Build),
            Setting::Multiplier(Phase::Acceptance),
            Setting::Multiplier(Phase::Live),
        ],
    ),
    (
        "remainingBp",
        &[
            Setting::Remaining(Phase::Concept),
            Setting::Remaining(Phase::Build),
            Setting::Remaining(Phase::Acceptance),
            Setting::Remaining(Phase::Live),
        ],
    ),
    ("overheadBp", &[Setting::Overhead]),
    ("capBp", &[Setting::Cap]),
    ("trials", &[Setting::Trials]),
];

/// The members of a version 1 change (an object), in the order of a
/// version 2 change's elements.
const V1_KEYS: [&str; 6] = ["id", "t", "k", "e", "p", "s"];

/// The saved form of `s`.
pub fn encode(s: &Scenario) -> Json {
    let mut members =
        vec![("v".to_owned(), Json::int(VERSION)), ("currency".to_owned(), Json::Str(s.currency_code().to_owned()))];
    for (key, settings) in FORM {
        let value = match settings {
            [Setting::FixedPrice] if s.fixed_price.is_none() => Json::Null,
            [one] => Json::int(s.get(*one)),
            list => Json::Arr(list.iter().map(|&x| Json::int(s.get(x))).collect()),
        };
        members.push((key.to_owned(), value));
    }
    members.push(("changes".to_owned(), Json::Arr(s.changes.iter().map(encode_change).collect())));
    Json::Obj(members)
}

fn encode_change(c: &Change) -> Json {
    let e = c.effort;
    let effort = if e.is_exact() {
        Json::int(i64::from(e.likely))
    } else {
        Json::Arr(vec![Json::int(i64::from(e.low)), Json::int(i64::from(e.likely)), Json::int(i64::from(e.high))])
    };
    let mut items = vec![
        Json::int(i64::from(c.id)),
        Json::Str(c.title.clone()),
        Json::Str(c.kind.key().to_owned()),
        effort,
        Json::Str(c.phase.key().to_owned()),
    ];
    if let Some(share) = c.rework_share() {
        items.push(Json::int(i64::from(share)));
    }
    Json::Arr(items)
}

/// The scenario in `json`, with `defaults` for every missing field.
///
/// Version 1 wrote each change as an object; its members are read as the
/// elements of a version 2 list (`V1_KEYS`), absent or null ones taking
/// their defaults, and anything else is judged as in version 2: this is
/// the migration point.
///
/// # Errors
/// [`ScenarioError`] naming the first field that is of the wrong type, out
/// of range or unknown; [`Problem::FutureVersion`] for a newer version.
pub fn decode(json: &Json, defaults: &Scenario) -> Result<Scenario, ScenarioError> {
    if !matches!(json, Json::Obj(_)) {
        return Err(wrong(Field::Form, "an object"));
    }
    let version = match json.get("v") {
        None => VERSION,
        Some(v) => v.as_int().ok_or_else(|| wrong(Field::Version, "a whole number"))?,
    };
    match version {
        1 | VERSION => decode_current(json, defaults, version == 1),
        v if v > VERSION => Err(ScenarioError::new(Field::Version, Problem::FutureVersion { found: v })),
        v => Err(ScenarioError::new(Field::Version, Problem::Unknown { given: integer(v) })),
    }
}

fn wrong(field: Field, expected: &'static str) -> ScenarioError {
    ScenarioError::new(field, Problem::WrongType { expected })
}

/// A whole number in `field`'s limits, or `None` when absent or null.
fn int_in(value: Option<&Json>, field: Field, limits: (i64, i64)) -> Result<Option<i64>, ScenarioError> {
    match value {
        None | Some(Json::Null) => Ok(None),
        Some(v) => {
            let n = v.as_int().ok_or_else(|| wrong(field, "a whole number"))?;
            check_range(field, n, limits)?;
            Ok(Some(n))
        }
    }
}

/// Converts a checked value to `u32`; the limits keep it in range.
fn small(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Reads the settings of one member of the form (see [`FORM`]) into `s`.
fn member(value: Option<&Json>, settings: &[Setting], s: &mut Scenario) -> Result<(), ScenarioError> {
    let first = settings[0];
    let field = Field::Setting(first);
    let items = match (value, settings.len()) {
        (None, _) => return Ok(()),
        (Some(Json::Null), 1) if first == Setting::FixedPrice => {
            s.fixed_price = None;
            return Ok(());
        }
        (Some(v), 1) => core::slice::from_ref(v),
        (Some(Json::Arr(items)), n) if items.len() == n => items.as_slice(),
        (Some(Json::Arr(_)), 3) => return Err(wrong(field, "a list of three numbers")),
        (Some(Json::Arr(_)), _) => return Err(wrong(field, "a list of four numbers")),
        (Some(_), _) => return Err(wrong(field, "a list of numbers")),
    };
    for (item, &setting) in items.iter().zip(settings) {
        if let Some(n) = int_in(Some(item), Field::Setting(setting), setting.limits())? {
            s.put(setting, n);
        }
    }
    Ok(())
}

fn decode_current(json: &Json, defaults: &Scenario, v1: bool) -> Result<Scenario, ScenarioError> {
    let mut s = defaults.clone();
    s.changes.clear();
    match json.get("currency") {
        None | Some(Json::Null) => {}
        Some(Json::Str(code)) => s.set_currency(code)?,
        Some(_) => return Err(wrong(Field::Currency, "a three-letter currency code")),
    }
    for (key, settings) in FORM {
        member(json.get(key), settings, &mut s)?;
    }
    match json.get("changes") {
        None | Some(Json::Null) => {}
        Some(Json::Arr(items)) => {
            if items.len() > MAX_CHANGES {
                return Err(ScenarioError::new(Field::Changes, Problem::TooMany { max: MAX_CHANGES }));
            }
            for (index, item) in items.iter().enumerate() {
                let change = decode_change(index, item, v1)?;
                s.changes.push(change);
            }
        }
        Some(_) => return Err(wrong(Field::Changes, "a list of changes")),
    }
    give_unique_ids(&mut s.changes);
    s.validate()?;
    Ok(s)
}

/// A change: a list, or in version 1 an object (see [`decode`]).
fn decode_change(index: usize, json: &Json, v1: bool) -> Result<Change, ScenarioError> {
    let at = |part| Field::Change { index, part };
    match json {
        Json::Arr(items) if items.len() > 6 => {
            return Err(wrong(at(ChangePart::Title), "a change: a list of at most six elements"));
        }
        Json::Arr(_) => {}
        Json::Obj(_) if v1 => {}
        _ => return Err(wrong(at(ChangePart::Title), "a change: a list [id, title, kind, effort, phase]")),
    }
    let item = |i: usize| {
        match json {
            Json::Arr(items) => items.get(i),
            _ => json.get(V1_KEYS[i]),
        }
        .filter(|v| **v != Json::Null)
    };
    let text = |part: ChangePart, i: usize, default: &str| -> Result<String, ScenarioError> {
        match item(i) {
            None => Ok(default.to_owned()),
            Some(Json::Str(t)) => Ok(t.clone()),
            Some(_) => Err(wrong(at(part), "text")),
        }
    };
    let title = text(ChangePart::Title, 1, "")?;
    let kind_key = text(ChangePart::Kind, 2, Kind::Tweak.key())?;
    let kind = Kind::from_key(&kind_key)
        .ok_or_else(|| ScenarioError::new(at(ChangePart::Kind), Problem::Unknown { given: shorten(&kind_key) }))?;
    let phase_key = text(ChangePart::Phase, 4, Phase::Build.key())?;
    let phase = Phase::from_key(&phase_key)
        .ok_or_else(|| ScenarioError::new(at(ChangePart::Phase), Problem::Unknown { given: shorten(&phase_key) }))?;
    let max = (0, i64::from(MAX_EFFORT));
    let effort = match item(3) {
        None => Range::exact(0),
        Some(Json::Arr(e)) if e.len() == 3 => {
            let parts = [ChangePart::EffortLow, ChangePart::Effort, ChangePart::EffortHigh];
            let mut m: [Minutes; 3] = [0; 3];
            for ((value, part), slot) in e.iter().zip(parts).zip(m.iter_mut()) {
                *slot = small(int_in(Some(value), at(part), max)?.unwrap_or(0));
            }
            Range { low: m[0], likely: m[1], high: m[2] }
        }
        Some(Json::Arr(_)) => return Err(wrong(at(ChangePart::Effort), "minutes, or a list of three")),
        Some(value) => Range::exact(small(int_in(Some(value), at(ChangePart::Effort), max)?.unwrap_or(0))),
    };
    let share = int_in(item(5), at(ChangePart::Share), (0, 10_000))?.map(small);
    let id = item(0).and_then(Json::as_int).and_then(|n| u32::try_from(n).ok()).unwrap_or(0);
    Ok(Change { id, title, kind, phase, effort, share: share.filter(|_| kind == Kind::Rework) })
}

/// Ids are runtime handles (`data-change-id`), not data: a missing,
/// zero or repeated one is replaced by a fresh one rather than refused.
fn give_unique_ids(changes: &mut [Change]) {
    let mut next = changes.iter().map(|c| c.id).max().unwrap_or(0).saturating_add(1);
    // (id, position) packed in a u64 sorts by id, then position: within a
    // run of equal ids the first change keeps it.
    let mut order: Vec<u64> = changes.iter().enumerate().map(|(i, c)| u64::from(c.id) << 32 | i as u64).collect();
    crate::core::sort::heapsort(&mut order);
    let mut fresh = vec![false; changes.len()];
    for w in 0..order.len() {
        let id = order[w] >> 32;
        if id == 0 || (w > 0 && order[w - 1] >> 32 == id) {
            fresh[(order[w] & 0xffff_ffff) as usize] = true;
        }
    }
    for (c, _) in changes.iter_mut().zip(fresh).filter(|(_, f)| *f) {
        c.id = next;
        next = next.saturating_add(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::money::Money;

    fn obj(members: &[(&str, Json)]) -> Json {
        Json::Obj(members.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect())
    }

    #[test]
    fn round_trip() {
        let mut s = Scenario::default();
        s.changes.push(Change::new(7, "Logo größer", Kind::Tweak, 120, Phase::Build));
        let mut rework = Change::new(9, "", Kind::Rework, 0, Phase::Acceptance);
        rework.share = Some(1_500);
        s.changes.push(rework);
        s.changes[0].effort = Range { low: 60, likely: 120, high: 240 };
        s.fixed_price = Some(Money::from_cents(1_500_000));
        assert_eq!(decode(&encode(&s), &Scenario::default()), Ok(s));
    }

    #[test]
    fn missing_fields_take_the_defaults_and_unknown_ones_are_ignored() {
        let defaults = Scenario { rate: Money::from_cents(12_000), ..Scenario::default() };
        let json = obj(&[("v", Json::int(1)), ("premiumBp", Json::int(3_000)), ("colour", Json::Str("red".into()))]);
        let s = decode(&json, &defaults).unwrap();
        assert_eq!(s.rate, Money::from_cents(12_000));
        assert_eq!(s.premium, 3_000);
    }

    #[test]
    fn bad_fields_are_named() {
        let d = Scenario::default();
        let err = |json: Json| decode(&json, &d).unwrap_err().to_string();
        assert_eq!(err(Json::Arr(vec![])), "scenario: must be an object");
        assert_eq!(
            err(obj(&[("v", Json::int(3))])),
            "v: version 3 was written by a newer changecost and cannot be read here"
        );
        assert_eq!(err(obj(&[("v", Json::int(0))])), "v: unknown value \"0\"");
        assert_eq!(err(obj(&[("rateCents", Json::Str("95".into()))])), "rateCents: must be a whole number");
        assert_eq!(err(obj(&[("rateCents", Json::Num(95.5))])), "rateCents: must be a whole number");
        assert_eq!(err(obj(&[("rateCents", Json::int(-1))])), "rateCents: must be at least 1");
        assert_eq!(
            err(obj(&[("baselineMinutes", Json::Arr(vec![Json::int(1), Json::int(2)]))])),
            "baselineMinutes[0]: must be a list of three numbers"
        );
        let change = Json::Arr(vec![Json::int(1), Json::Str(String::new()), Json::Str("bribe".into())]);
        assert_eq!(err(obj(&[("changes", Json::Arr(vec![change]))])), "changes[0][2]: unknown value \"bribe\"");
        let range = Json::Arr(vec![Json::int(10), Json::int(5), Json::int(20)]);
        let change = Json::Arr(vec![Json::int(1), Json::Str(String::new()), Json::Str("tweak".into()), range]);
        assert_eq!(
            err(obj(&[("changes", Json::Arr(vec![change]))])),
            "changes[0][3][0]: the low estimate must not exceed the likely one (5)"
        );
        // A version 1 change (an object) is migrated first, then judged.
        let old = obj(&[("k", Json::Str("bribe".into()))]);
        assert_eq!(
            err(obj(&[("v", Json::int(1)), ("changes", Json::Arr(vec![old.clone()]))])),
            "changes[0][2]: unknown value \"bribe\""
        );
        assert_eq!(
            err(obj(&[("changes", Json::Arr(vec![old]))])),
            "changes[0][1]: must be a change: a list [id, title, kind, effort, phase]"
        );
        let many = Json::Arr(vec![Json::Arr(vec![]); MAX_CHANGES + 1]);
        assert_eq!(err(obj(&[("changes", many)])), "changes: at most 10000 entries are allowed");
    }

    #[test]
    fn version_1_migrates() {
        // As the first releases saved it.
        let v1 = obj(&[
            ("v", Json::int(1)),
            ("rateCents", Json::int(12_000)),
            (
                "changes",
                Json::Arr(vec![
                    obj(&[
                        ("id", Json::int(1)),
                        ("t", Json::Str("logo bigger".into())),
                        ("k", Json::Str("tweak".into())),
                        ("e", Json::int(120)),
                        ("p", Json::Str("build".into())),
                    ]),
                    obj(&[
                        ("id", Json::int(2)),
                        ("t", Json::Str("redo".into())),
                        ("k", Json::Str("rework".into())),
                        ("e", Json::Arr(vec![Json::int(60), Json::int(120), Json::int(240)])),
                        ("p", Json::Str("acceptance".into())),
                        ("s", Json::int(1_500)),
                    ]),
                    obj(&[("t", Json::Str("only a title".into()))]),
                ]),
            ),
        ]);
        let s = decode(&v1, &Scenario::default()).unwrap();
        assert_eq!(s.rate, Money::from_cents(12_000));
        assert_eq!(s.changes[0], Change::new(1, "logo bigger", Kind::Tweak, 120, Phase::Build));
        assert_eq!(s.changes[1].effort, Range { low: 60, likely: 120, high: 240 });
        assert_eq!(
            (s.changes[1].kind, s.changes[1].phase, s.changes[1].share),
            (Kind::Rework, Phase::Acceptance, Some(1_500))
        );
        assert_eq!((s.changes[2].title.as_str(), s.changes[2].kind, s.changes[2].id), ("only a title", Kind::Tweak, 3));
        // Saved again, it is version 2, and reads back the same.
        let v2 = encode(&s);
        assert_eq!(v2.get("v"), Some(&Json::int(2)));
        assert!(matches!(&v2.get("changes"), Some(Json::Arr(items)) if matches!(items[0], Json::Arr(_))));
        assert_eq!(decode(&v2, &Scenario::default()), Ok(s));
    }

    #[test]
    fn ids_are_made_unique() {
        let c = |id: i64| Json::Arr(vec![Json::int(id)]);
        let json = obj(&[("changes", Json::Arr(vec![c(3), c(3), c(0), c(1)]))]);
        let ids: Vec<u32> = decode(&json, &Scenario::default()).unwrap().changes.iter().map(|c| c.id).collect();
        assert_eq!(ids, [3, 4, 5, 1]);
    }
}
