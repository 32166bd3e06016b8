//! Golden fixtures: the wire formats, pinned before any refactoring
//! (issue 11). Each file in `tests/golden/` was written once by the code of
//! its time and must decode to the same scenario forever; what the code
//! writes today must be those files byte for byte.
//!
//! - `link_*.txt`: share-link payloads (the text after `#cc=`), one line
//!   and a newline: every setting away from its default, with ranges,
//!   shares, all four kinds and phases and long non-ASCII titles; the
//!   defaults without changes; twenty realistic changes.
//! - `saved_v1.json`, `saved_v2.json`: the saved form as JSON export wrote
//!   it (two-space indentation, no final newline), version 1 (changes as
//!   objects, by the encoder of the first releases) and version 2 (changes
//!   as lists), both the scenario of `link_full.txt` with other ids.
//! - `worked_example_*.csv`: the CSV of MODEL.md's worked example with the
//!   default contracts, in German and English: BOM, CRLF.
//!
//! The expected scenarios are written out field by field, never computed
//! by the code under test. A failure here means links, saved states or
//! exports already out in the world would read differently: change the
//! code, not the fixture.

use changecost::core::i18n::for_tag;
use changecost::core::{
    csv, decode, decode_link, encode, encode_link, from_base64url, price, Change, Contract, Json, Kind, Money, Phase,
    Range, Scenario, Setting, MAX_TITLE,
};

const LINK_FULL: &str = include_str!("golden/link_full.txt");
const LINK_MINIMAL: &str = include_str!("golden/link_minimal.txt");
const LINK_TWENTY: &str = include_str!("golden/link_twenty.txt");
const SAVED_V1: &str = include_str!("golden/saved_v1.json");
const SAVED_V2: &str = include_str!("golden/saved_v2.json");
const CSV_DE: &[u8] = include_bytes!("golden/worked_example_de.csv");
const CSV_EN: &[u8] = include_bytes!("golden/worked_example_en.csv");

/// Every setting's wire number (`Setting::wire`), as frozen.
const WIRE: [(Setting, u8); 22] = [
    (Setting::Rate, 0),
    (Setting::Hours, 1),
    (Setting::HoursLow, 2),
    (Setting::HoursHigh, 3),
    (Setting::Premium, 4),
    (Setting::Allowance, 5),
    (Setting::FixedPrice, 6),
    (Setting::CrRate, 7),
    (Setting::CrAdmin, 8),
    (Setting::Switch, 9),
    (Setting::Cap, 10),
    (Setting::Vat, 11),
    (Setting::Overhead, 12),
    (Setting::Multiplier(Phase::Concept), 13),
    (Setting::Multiplier(Phase::Build), 14),
    (Setting::Multiplier(Phase::Acceptance), 15),
    (Setting::Multiplier(Phase::Live), 16),
    (Setting::Remaining(Phase::Concept), 17),
    (Setting::Remaining(Phase::Build), 18),
    (Setting::Remaining(Phase::Acceptance), 19),
    (Setting::Remaining(Phase::Live), 20),
    (Setting::Trials, 21),
];

/// The one line of a link fixture.
fn payload(file: &str) -> &str {
    file.strip_suffix('\n').expect("a link fixture is one line ending in a newline")
}

/// A change from literal parts.
fn change(id: u32, title: &str, kind: Kind, phase: Phase, [low, likely, high]: [u32; 3], share: Option<u32>) -> Change {
    Change { id, title: title.to_owned(), kind, phase, effort: Range { low, likely, high }, share }
}

/// The longest title allowed, in characters, with text of several scripts
/// and an emoji with a skin tone (several code points).
const LONGEST: &str = "Export als PDF zusätzlich zu CSV, auch auf Japanisch (日本語) und Arabisch (العربية), mit Emoji 😀👍🏽 und Zeichen: ß € ½ → ✓!";

/// MODEL.md's defaults, field by field, and no changes: what a link's mask
/// is relative to.
fn defaults() -> Scenario {
    Scenario {
        currency: *b"EUR",
        rate: Money::from_cents(9_500),
        vat: 0,
        baseline: Range { low: 6_000, likely: 7_200, high: 10_800 },
        premium: 2_000,
        fixed_price: None,
        allowance: 480,
        cr_rate: 10_000,
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

/// Every setting and the currency away from its default; all four kinds
/// and phases, exact and ranged efforts (one at the limit), a rework as a
/// share and one in hours, an untitled change, the longest title, quotes,
/// a separator, a backslash and a tab. `ids` as a link or a saved form
/// gives them.
fn full(ids: [u32; 6]) -> Scenario {
    Scenario {
        currency: *b"CHF",
        rate: Money::from_cents(12_345),
        vat: 810,
        baseline: Range { low: 5_400, likely: 7_800, high: 13_200 },
        premium: 2_500,
        fixed_price: Some(Money::from_cents(1_750_000)),
        allowance: 600,
        cr_rate: 12_500,
        cr_admin: 90,
        switch: 20,
        multipliers: [11_000, 17_500, 32_500, 60_000],
        remaining: [9_500, 7_000, 2_500, 500],
        overhead: 1_200,
        cap: 2_000,
        trials: 5_000,
        changes: vec![
            change(ids[0], "Logo größer und rechts in der Kopfzeile", Kind::Tweak, Phase::Build, [120; 3], None),
            change(
                ids[1],
                "Beispieldokumente veraltet – „neu“ erstellen",
                Kind::Rework,
                Phase::Acceptance,
                [0; 3],
                Some(1_500),
            ),
            change(
                ids[2],
                "Vertrieb plant mit; \"Workshop\" am Dienstag",
                Kind::Stakeholder,
                Phase::Concept,
                [120, 360, 720],
                None,
            ),
            change(ids[3], LONGEST, Kind::Feature, Phase::Live, [0, 600, 600_000], None),
            change(ids[4], "", Kind::Rework, Phase::Build, [60, 120, 240], None),
            change(
                ids[5],
                "Pfad C:\\Daten\\neu, Spalte \"Preis\"\tmit Tab",
                Kind::Tweak,
                Phase::Concept,
                [30; 3],
                None,
            ),
        ],
    }
}

/// The ids of `full` in the saved forms: as a client's edits leave them.
const SAVED_IDS: [u32; 6] = [3, 7, 8, 12, 15, 16];

/// A change without its id: title, kind, phase, low / likely / high
/// minutes, rework share.
type Row = (&'static str, Kind, Phase, [u32; 3], Option<u32>);

/// Twenty changes as clients write them; a link numbers them 1 to 20.
const TWENTY: [Row; 20] = [
    ("Logo größer und in der Kopfzeile rechts", Kind::Tweak, Phase::Build, [60, 120, 240], None),
    ("Beispieldokumente waren veraltet, neu", Kind::Rework, Phase::Build, [0, 0, 0], Some(2_000)),
    ("Vertrieb möchte mitplanen (Workshop)", Kind::Stakeholder, Phase::Concept, [180, 360, 720], None),
    ("Export als PDF zusätzlich zu CSV bitte", Kind::Feature, Phase::Build, [240, 480, 1_200], None),
    ("Farben an das neue Corporate Design", Kind::Tweak, Phase::Acceptance, [90, 90, 90], None),
    ("Schnittstelle zum ERP doch mit SOAP", Kind::Rework, Phase::Acceptance, [480, 960, 2_400], None),
    ("Datenschutz prüft die Formulare erneut", Kind::Stakeholder, Phase::Acceptance, [120, 240, 600], None),
    ("Suche soll auch Tippfehler verzeihen", Kind::Feature, Phase::Live, [600, 1_200, 3_000], None),
    ("Texte in leichter Sprache überarbeiten", Kind::Rework, Phase::Live, [0, 0, 0], Some(500)),
    ("Button-Beschriftung „Senden“ statt „OK“", Kind::Tweak, Phase::Live, [15, 15, 15], None),
    ("Betriebsrat möchte Rollenkonzept sehen", Kind::Stakeholder, Phase::Build, [240, 360, 900], None),
    ("Zweite Sprache: Französisch ergänzen", Kind::Feature, Phase::Concept, [960, 1_440, 2_880], None),
    ("Tabellen sollen sortierbar sein", Kind::Feature, Phase::Build, [120, 240, 480], None),
    ("Rechnungsvorlage mit neuem Logo drucken", Kind::Tweak, Phase::Build, [30, 45, 90], None),
    ("Freigabeprozess um eine Stufe erweitern", Kind::Rework, Phase::Concept, [240, 480, 960], Some(1_000)),
    ("Filialleiter sollen Testzugänge haben", Kind::Stakeholder, Phase::Live, [60, 120, 240], None),
    ("Import alter Daten aus Excel-Listen", Kind::Feature, Phase::Acceptance, [480, 720, 1_440], None),
    ("Schriftgröße für Barrierefreiheit +2 pt", Kind::Tweak, Phase::Acceptance, [60, 60, 60], None),
    ("Statistik-Seite nach Monaten gruppieren", Kind::Feature, Phase::Live, [300, 600, 1_200], None),
    ("Vorstand will Präsentation der Zwischenstände", Kind::Stakeholder, Phase::Concept, [120, 120, 120], None),
];

/// The twenty changes with a changed rate and premium, otherwise the
/// defaults above.
fn twenty() -> Scenario {
    Scenario {
        rate: Money::from_cents(11_000),
        premium: 2_500,
        changes: TWENTY
            .iter()
            .zip(1..)
            .map(|(&(title, kind, phase, effort, share), id)| change(id, title, kind, phase, effort, share))
            .collect(),
        ..defaults()
    }
}

/// MODEL.md's worked example, written out here rather than taken from
/// `crate::worked_example`.
fn worked_example() -> Scenario {
    Scenario {
        changes: vec![
            change(1, "logo bigger", Kind::Tweak, Phase::Build, [120; 3], None),
            change(2, "sample documents outdated", Kind::Rework, Phase::Build, [960; 3], None),
            change(3, "sales joins planning", Kind::Stakeholder, Phase::Build, [360; 3], None),
        ],
        ..defaults()
    }
}

// ---------------------------------------------------------------------------
// Wire numbers.

#[test]
fn golden_wire_numbers_are_frozen_and_unique() {
    assert_eq!(Setting::ALL.len(), WIRE.len(), "a new setting needs a new wire number in this table");
    for (setting, n) in WIRE {
        assert_eq!(setting.wire(), n, "{setting:?} was renumbered");
        assert_eq!(Setting::from_wire(n), Some(setting));
    }
    let mut owner: [Option<Setting>; 256] = [None; 256];
    for setting in Setting::ALL {
        assert!(WIRE.iter().any(|&(s, _)| s == setting), "{setting:?} is not in the table");
        let n = usize::from(setting.wire());
        assert_eq!(owner[n], None, "{setting:?} and {:?} share wire number {n}", owner[n]);
        owner[n] = Some(setting);
        assert_eq!(Setting::from_wire(setting.wire()), Some(setting));
    }
    for n in 0..=u8::MAX {
        if owner[usize::from(n)].is_none() {
            assert_eq!(Setting::from_wire(n), None, "wire number {n} belongs to no setting");
        }
    }
    // 22 is the currency's bit in a link's mask.
    assert_eq!(Setting::from_wire(22), None);
}

// ---------------------------------------------------------------------------
// Share links.

#[test]
fn golden_link_with_every_setting_changed() {
    let link = payload(LINK_FULL);
    let expected = full([1, 2, 3, 4, 5, 6]);
    assert_eq!(decode_link(link), Ok((2, expected.clone())));
    assert_eq!(encode_link(&expected, 2), link);
    // Really every setting, and the currency: all 23 bits of the mask.
    let base = defaults();
    for setting in Setting::ALL {
        assert_ne!(expected.get(setting), base.get(setting), "{setting:?} is at its default");
    }
    let bytes = from_base64url(link).unwrap();
    assert_eq!(bytes[..6], [1, 2, 0xFF, 0xFF, 0xFF, 0x03], "version, slot, the mask 0x7FFFFF");
    assert_eq!(LONGEST.chars().count(), MAX_TITLE);
}

#[test]
fn golden_link_of_the_defaults() {
    let link = payload(LINK_MINIMAL);
    assert_eq!(decode_link(link), Ok((0, defaults())));
    assert_eq!(encode_link(&defaults(), 0), link);
    // Version, slot, no setting, no change, the checksum.
    assert_eq!(from_base64url(link).unwrap()[..4], [1, 0, 0, 0]);
}

#[test]
fn golden_link_of_twenty_changes() {
    let link = payload(LINK_TWENTY);
    let expected = twenty();
    assert_eq!(expected.changes.len(), 20);
    assert_eq!(decode_link(link), Ok((1, expected.clone())));
    assert_eq!(encode_link(&expected, 1), link);
    assert!(link.len() < 2_000, "{} characters", link.len());
}

// ---------------------------------------------------------------------------
// Saved forms.

fn read(text: &str) -> Json {
    serde_json::from_str(text).expect("a golden saved form is JSON")
}

/// The saved form as JSON export writes it (`JSON.stringify(v, null, 2)`).
fn exported(s: &Scenario) -> String {
    serde_json::to_string_pretty(&encode(s)).unwrap()
}

#[test]
fn golden_saved_form_version_1() {
    let json = read(SAVED_V1);
    assert_eq!(json.get("v"), Some(&Json::int(1)));
    let Some(Json::Arr(changes)) = json.get("changes") else { panic!("changes") };
    assert!(changes.iter().all(|c| matches!(c, Json::Obj(_))), "version 1 writes each change as an object");
    let expected = full(SAVED_IDS);
    assert_eq!(decode(&json, &Scenario::default()), Ok(expected.clone()));
    // Every field is present: other defaults change nothing.
    assert_eq!(decode(&json, &twenty()), Ok(expected.clone()));
    // Saved again, it is the version 2 file byte for byte.
    assert_eq!(exported(&expected), SAVED_V2);
}

#[test]
fn golden_saved_form_version_2() {
    let json = read(SAVED_V2);
    assert_eq!(json.get("v"), Some(&Json::int(2)));
    let expected = full(SAVED_IDS);
    let decoded = decode(&json, &Scenario::default());
    assert_eq!(decoded, Ok(expected.clone()));
    assert_eq!(decode(&json, &twenty()), Ok(expected.clone()));
    assert_eq!(exported(&decoded.unwrap()), SAVED_V2);
    // The compact form (localStorage) is the same tree.
    assert_eq!(read(&serde_json::to_string(&encode(&expected)).unwrap()), json);
}

// ---------------------------------------------------------------------------
// CSV.

#[test]
fn golden_csv_of_the_worked_example() {
    let s = worked_example();
    let p = price(&s).unwrap();
    for (lang, golden) in [("de", CSV_DE), ("en", CSV_EN)] {
        let t = for_tag(lang).unwrap();
        let text = csv(t, &s, &p, &[Contract::Hourly, Contract::Fixed]);
        assert_eq!(text, core::str::from_utf8(golden).unwrap(), "{lang}");
        assert_eq!(text.as_bytes(), golden, "{lang}");
        assert!(golden.starts_with(b"\xEF\xBB\xBF"), "{lang}: a byte order mark");
        assert!(golden.ends_with(b"\r\n"), "{lang}");
        let lf = golden.iter().filter(|&&b| b == b'\n').count();
        assert_eq!(golden.windows(2).filter(|w| w == b"\r\n").count(), lf, "{lang}: every line ends in CRLF");
    }
}
