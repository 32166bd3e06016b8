//! The saved form: compact, versioned, tolerant of missing and unknown
//! fields, strict about bad ones, and safe against hostile documents.

use changecost::core::{
    decode, encode, ChangePart, Field, Json, Kind, Money, Phase, Problem, Range, Scenario, ScenarioError, Setting,
    MAX_DEPTH, VERSION,
};

use crate::worked_example;

fn read(text: &str) -> Json {
    serde_json::from_str::<Json>(text).unwrap()
}

#[test]
fn the_saved_form_is_compact() {
    let json = encode(&worked_example());
    let text = serde_json::to_string(&json).unwrap();
    // No computed value: no total, part, cap, fixed price or line item.
    for figure in ["1564650", "1721400", "1311000", "1368000", "1140000", "424650", "353400", "232750", "190000"] {
        assert!(!text.contains(figure), "{figure} in {text}");
    }
    // The inputs, in their integer units, and nothing else.
    let Json::Obj(members) = &json else { panic!("the saved form is an object") };
    let keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        [
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
            "changes"
        ]
    );
    assert_eq!(json.get("v"), Some(&Json::int(VERSION)));
    assert_eq!(json.get("rateCents"), Some(&Json::int(9_500)));
    assert_eq!(json.get("fixedPriceCents"), Some(&Json::Null));
    assert!(text.contains(r#""baselineMinutes":[6000,7200,10800]"#), "{text}");
    // A change is a list; one estimate keeps one number, and no share unless it is a rework's.
    assert!(text.contains(r#"[1,"logo bigger","tweak",120,"build"]"#), "{text}");
    assert!(text.len() < 600, "{} bytes: {text}", text.len());
}

#[test]
fn the_worked_example_survives_json_text() {
    let s = worked_example();
    let text = serde_json::to_string(&encode(&s)).unwrap();
    assert_eq!(decode(&read(&text), &Scenario::default()), Ok(s));
}

#[test]
fn a_range_and_a_share_are_saved() {
    let mut s = worked_example();
    s.changes[0].effort = Range { low: 60, likely: 120, high: 240 };
    s.changes[1].share = Some(1_500);
    s.fixed_price = Some(Money::from_cents(1_500_000));
    let json = encode(&s);
    let text = serde_json::to_string(&json).unwrap();
    assert!(text.contains(r#""tweak",[60,120,240],"build"]"#), "{text}");
    assert!(text.contains(r#""rework",960,"build",1500]"#), "{text}");
    assert!(text.contains(r#""fixedPriceCents":1500000"#), "{text}");
    assert_eq!(decode(&read(&text), &Scenario::default()), Ok(s));
}

#[test]
fn missing_fields_take_the_given_defaults() {
    let mut defaults = Scenario {
        rate: Money::from_cents(12_000),
        premium: 3_000,
        multipliers: [10_000, 20_000, 50_000, 100_000],
        ..Scenario::default()
    };
    defaults.set_currency("CHF").unwrap();
    // The defaults' changes are not a field's default: a form without changes has none.
    defaults.changes.push(changecost::core::Change::new(1, "x", Kind::Tweak, 60, Phase::Build));
    let without_changes = Scenario { changes: Vec::new(), ..defaults.clone() };
    assert_eq!(decode(&read(r#"{"v": 1}"#), &defaults), Ok(without_changes.clone()));
    // Without a version the form is read as the current one.
    assert_eq!(decode(&read("{}"), &defaults), Ok(without_changes.clone()));
    // Null is as good as missing.
    assert_eq!(decode(&read(r#"{"rateCents": null, "changes": null}"#), &defaults), Ok(without_changes.clone()));
    // Only the given fields change.
    let s = decode(&read(r#"{"v": 1, "premiumBp": 1500}"#), &defaults).unwrap();
    assert_eq!(s, Scenario { premium: 1_500, ..without_changes });
    // A change missing everything but its effort is a tweak in the build phase, untitled:
    // in version 2 (a list with nulls or cut short) and in version 1 (an object).
    for text in [r#"{"changes": [[null, null, null, 60]]}"#, r#"{"v": 1, "changes": [{"e": 60}]}"#] {
        let s = decode(&read(text), &defaults).unwrap();
        assert_eq!(s.changes.len(), 1);
        let c = &s.changes[0];
        assert_eq!(
            (c.title.as_str(), c.kind, c.phase, c.effort, c.share),
            ("", Kind::Tweak, Phase::Build, Range::exact(60), None)
        );
        assert_ne!(c.id, 0, "a missing id is replaced by a fresh one");
    }
}

#[test]
fn unknown_fields_are_ignored() {
    let text = r#"{
        "v": 1, "colour": "red", "totals": [1, 2, 3], "nested": {"deep": [true, null]},
        "rateCents": 10000,
        "changes": [{"id": 4, "t": "x", "k": "feature", "e": [30, 60, 90], "p": "live", "extra": {"a": 1}}]
    }"#;
    let s = decode(&read(text), &Scenario::default()).unwrap();
    assert_eq!(s.rate, Money::from_cents(10_000));
    assert_eq!(s.changes.len(), 1);
    let c = &s.changes[0];
    assert_eq!(
        (c.id, c.kind, c.phase, c.effort),
        (4, Kind::Feature, Phase::Live, Range { low: 30, likely: 60, high: 90 })
    );
}

#[test]
fn a_newer_version_is_refused() {
    assert_eq!(
        decode(&read(r#"{"v": 3, "rateCents": 9500}"#), &Scenario::default()),
        Err(ScenarioError::new(Field::Version, Problem::FutureVersion { found: 3 }))
    );
    assert_eq!(
        decode(&read(r#"{"v": "1"}"#), &Scenario::default()),
        Err(ScenarioError::new(Field::Version, Problem::WrongType { expected: "a whole number" }))
    );
}

#[test]
fn bad_values_are_named() {
    let d = Scenario::default();
    assert_eq!(
        decode(&read(r#"{"rateCents": "95"}"#), &d),
        Err(ScenarioError::new(Field::Setting(Setting::Rate), Problem::WrongType { expected: "a whole number" }))
    );
    assert_eq!(
        decode(&read(r#"{"rateCents": 0}"#), &d),
        Err(ScenarioError::new(Field::Setting(Setting::Rate), Problem::TooLow { min: 1 }))
    );
    assert_eq!(
        decode(&read(r#"{"baselineMinutes": [9000, 7200, 10800]}"#), &d),
        Err(ScenarioError::new(Field::Setting(Setting::HoursLow), Problem::LowAboveLikely { likely: 7_200 }))
    );
    assert_eq!(
        decode(&read("[]"), &d),
        Err(ScenarioError::new(Field::Form, Problem::WrongType { expected: "an object" }))
    );
}

#[test]
fn a_five_megabyte_title_is_refused() {
    let title = "ä".repeat(2_500_000);
    assert_eq!(title.len(), 5_000_000);
    let text = format!(r#"{{"v": 1, "changes": [{{"t": "{title}", "k": "tweak", "e": 60, "p": "build"}}]}}"#);
    let result = decode(&read(&text), &Scenario::default());
    assert_eq!(
        result,
        Err(ScenarioError::new(Field::Change { index: 0, part: ChangePart::Title }, Problem::TooLong { max: 120 }))
    );
}

fn nested_arrays(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

/// `depth` objects inside each other, the innermost with one number.
fn nested_objects(depth: usize) -> String {
    format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth))
}

#[test]
fn deep_nesting_is_refused_without_a_stack_overflow() {
    assert_eq!(MAX_DEPTH, 16);
    // Exactly MAX_DEPTH levels are read, one more is refused.
    assert!(serde_json::from_str::<Json>(&nested_arrays(16)).is_ok());
    assert!(serde_json::from_str::<Json>(&nested_arrays(17)).is_err());
    assert!(serde_json::from_str::<Json>(&nested_objects(16)).is_ok());
    assert!(serde_json::from_str::<Json>(&nested_objects(17)).is_err());
    // 100 levels, as arrays, objects and inside a saved form.
    let err = serde_json::from_str::<Json>(&nested_arrays(100)).unwrap_err();
    assert!(err.to_string().contains("nested deeper than 16 levels"), "{err}");
    assert!(serde_json::from_str::<Json>(&nested_objects(100)).is_err());
    let form = format!(r#"{{"v": 1, "extra": {}}}"#, nested_arrays(100));
    assert!(serde_json::from_str::<Json>(&form).is_err());
    // Far deeper still: an error, not a crash.
    assert!(serde_json::from_str::<Json>(&nested_arrays(1_000_000)).is_err());
}
