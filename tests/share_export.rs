//! Taking the result away, on the host: the share link (`#cc=...`) and the
//! saved form round-trip every valid scenario, a damaged, truncated or
//! hostile link is refused without a panic, a realistic 20-change link stays
//! under 2,000 characters, the CSV reads back cell for cell in German and
//! English (separator, decimal mark, quoting, formula neutralising, BOM,
//! CRLF), and undo / redo walk the history both ways.

use changecost::core::i18n::{for_tag, Texts};
use changecost::core::{
    base64url, csv, decode, decode_link, encode, encode_link, from_base64url, price, Change, Contract, History, Json,
    Kind, Phase, Range, Scenario, Setting, ShareError, MAX_CHANGES, MAX_EFFORT, MAX_TITLE,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

use crate::strategies::{self, config, minutes, ordered};
use crate::worked_example;

// ---------------------------------------------------------------------------
// Strategies.

/// A value of `setting` within `Setting::limits()`: anywhere, at a bound, or
/// the default (which the link leaves out of its mask).
fn setting_value(setting: Setting) -> BoxedStrategy<i64> {
    let (lo, hi) = setting.limits();
    let default = Scenario::default().get(setting);
    prop_oneof![4 => lo..=hi, 1 => Just(lo), 1 => Just(hi), 2 => Just(default)].boxed()
}

/// One number, or three in order.
fn effort() -> impl Strategy<Value = Range> {
    prop_oneof![minutes().prop_map(Range::exact), ordered()]
}

/// A baseline in order with a likely effort of at least one minute.
fn baseline() -> impl Strategy<Value = Range> {
    ordered().prop_map(|r| {
        let likely = r.likely.max(1);
        Range { low: r.low, likely, high: r.high.max(likely) }
    })
}

/// Pieces that break naive encoders: bidi marks, quotes, separators, line
/// breaks, formula starters, markup, other scripts, emoji and NUL.
const NASTY: [&str; 28] = [
    "\u{200F}",
    "\u{200E}",
    "\u{202E}",
    "\u{2067}",
    "\u{2069}",
    "\"",
    "'",
    ";",
    ",",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "=",
    "+",
    "-",
    "@",
    "<img src=x onerror=alert(1)>",
    "=HYPERLINK(\"http://evil.example\",\"x\")",
    "שלום עולם",
    "مرحبا",
    "Größe ändern",
    "😀👍🏽",
    "\u{0}",
    " ",
    "é",
    "\u{feff}",
    "#cc=AAAA&",
];

/// A title of at most [`MAX_TITLE`] characters: arbitrary Unicode, or a mix
/// of nasty pieces and words.
fn title() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => select(NASTY.to_vec()).prop_map(str::to_owned),
        2 => "[a-zA-Z0-9 ]{1,8}",
        1 => any::<char>().prop_map(String::from),
    ];
    prop_oneof![
        1 => Just(String::new()),
        3 => vec(any::<char>(), 0..=MAX_TITLE).prop_map(|c| c.into_iter().collect()),
        4 => vec(piece, 0..=30).prop_map(|p| p.concat().chars().take(MAX_TITLE).collect()),
    ]
}

/// A valid change (id 0; the scenario numbers it). Only a rework has a share.
fn change() -> impl Strategy<Value = Change> {
    strategies::change(effort(), title())
}

/// Distinct ids in no particular order, as a client's edits leave them.
fn ids(n: usize) -> impl Strategy<Value = Vec<u32>> {
    vec(1..=50_000u32, n)
        .prop_map(|steps| {
            steps
                .iter()
                .scan(0u32, |sum, &s| {
                    *sum += s;
                    Some(*sum)
                })
                .collect::<Vec<u32>>()
        })
        .prop_shuffle()
}

/// A valid scenario: every setting within its limits, the baseline in
/// order, any currency, 0..30 changes with distinct ids.
fn scenario() -> impl Strategy<Value = Scenario> {
    let settings: Vec<BoxedStrategy<i64>> = Setting::ALL.iter().map(|&s| setting_value(s)).collect();
    let changes = vec(change(), 0..30).prop_flat_map(|changes| {
        let n = changes.len();
        (Just(changes), ids(n))
    });
    (settings, baseline(), prop_oneof![Just("EUR".to_owned()), "[A-Z]{3}"], changes).prop_map(
        |(values, baseline, currency, (changes, ids))| {
            let mut s = Scenario::default();
            for (&setting, value) in Setting::ALL.iter().zip(values) {
                if !matches!(setting, Setting::HoursLow | Setting::Hours | Setting::HoursHigh) {
                    s.set(setting, value).expect("a value within the limits is accepted");
                }
            }
            s.baseline = baseline;
            s.set_currency(&currency).expect("three capital letters are a currency code");
            s.changes = changes.into_iter().zip(ids).map(|(c, id)| Change { id, ..c }).collect();
            s.validate().expect("the strategy makes valid scenarios");
            s
        },
    )
}

/// `s` with its changes numbered 1..n, as a link gives them back.
fn renumbered(s: &Scenario) -> Scenario {
    let mut s = s.clone();
    for (c, id) in s.changes.iter_mut().zip(1..) {
        c.id = id;
    }
    s
}

/// FNV-1a 32, as documented in src/core/share.rs, for building hostile
/// links with a valid checksum.
fn fnv32(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811C_9DC5u32, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// `body` with its checksum, as a link payload.
fn sealed(mut body: Vec<u8>) -> String {
    let sum = fnv32(&body);
    body.extend_from_slice(&sum.to_le_bytes());
    base64url(&body)
}

/// One piece of a hostile link body.
#[derive(Clone, Debug)]
enum Token {
    Byte(u8),
    Varint(u64),
    Text(Vec<u8>),
}

fn token() -> impl Strategy<Value = Token> {
    prop_oneof![
        3 => any::<u8>().prop_map(Token::Byte),
        // Flags bytes of a change: kind, phase, range, share, title bits.
        2 => (0..=0x7Fu8).prop_map(Token::Byte),
        3 => prop_oneof![0..=1_000u64, 0..=600_001u64, any::<u64>()].prop_map(Token::Varint),
        1 => (0..=500usize, vec(any::<u8>(), 0..40)).prop_map(|(n, mut b)| {
            let mut out = Vec::new();
            varint(&mut out, n as u64);
            out.append(&mut b);
            Token::Text(out)
        }),
    ]
}

/// A link body that looks like version 1 (a slot, a mask of settings, then
/// anything), sealed with a valid checksum: only the decoder's checks stand
/// between it and the widget.
fn hostile_link() -> impl Strategy<Value = String> {
    let loose = (any::<u8>(), prop_oneof![0..(1u64 << 23), any::<u64>()], vec(token(), 0..60)).prop_map(
        |(slot, mask, tokens)| {
            let mut body = vec![1, slot];
            varint(&mut body, mask);
            for t in tokens {
                match t {
                    Token::Byte(b) => body.push(b),
                    Token::Varint(v) => varint(&mut body, v),
                    Token::Text(mut b) => body.append(&mut b),
                }
            }
            body
        },
    );
    prop_oneof![1 => loose, 2 => structured()].prop_map(sealed)
}

/// A value as a hostile link may put it: plausible, at a limit, or huge.
fn number() -> impl Strategy<Value = u64> {
    prop_oneof![6 => 0..=10_000u64, 1 => 0..=1_000_000u64, 1 => 0..=1_000_000_000_000u64, 1 => any::<u64>()]
}

/// A body that follows the layout of src/core/share.rs field by field with
/// hostile values: settings out of range or out of order, any currency
/// bytes, any flags, ranges upside down, titles of wrong length or invalid
/// UTF-8.
fn structured() -> impl Strategy<Value = Vec<u8>> {
    let change = (
        0..=0x7Fu8,
        number(),
        number(),
        number(),
        number(),
        vec(any::<u8>(), 0..40),
        0..=7u8,
        proptest::bool::weighted(0.7),
    );
    let mask = prop_oneof![
        vec(proptest::bool::weighted(0.1), 23)
            .prop_map(|bits| bits.iter().rev().fold(0u64, |m, &b| m << 1 | u64::from(b))),
        0..(1u64 << 23),
    ];
    (
        any::<u8>(),
        mask,
        vec(number(), 23),
        prop_oneof![Just(b"CHF".to_vec()), vec(any::<u8>(), 3)],
        vec(change, 0..6),
        proptest::bool::weighted(0.85),
    )
        .prop_map(|(slot, mask, values, currency, changes, exact_count)| {
            let mut body = vec![1, slot];
            varint(&mut body, mask);
            for (i, v) in values.iter().enumerate().take(22) {
                if mask & 1 << i != 0 {
                    varint(&mut body, *v);
                }
            }
            if mask & 1 << 22 != 0 {
                body.extend_from_slice(&currency);
            }
            varint(&mut body, changes.len() as u64 + u64::from(!exact_count));
            for (flags, likely, low, high, share, title, slack, ascii) in changes {
                body.push(flags);
                varint(&mut body, likely);
                if flags & 1 << 4 != 0 {
                    varint(&mut body, low);
                    varint(&mut body, high);
                }
                if flags & 1 << 5 != 0 {
                    varint(&mut body, share);
                }
                if flags & 1 << 6 != 0 {
                    let title: Vec<u8> = if ascii { title.iter().map(|b| b'a' + b % 26).collect() } else { title };
                    // Usually the true length, sometimes off by a little.
                    let n = title.len() as u64 + u64::from(slack == 7);
                    varint(&mut body, n);
                    body.extend_from_slice(&title);
                }
            }
            body
        })
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Ways to damage a link on its way through a mail client or a chat.
#[derive(Clone, Debug)]
enum Damage {
    /// Replace one character by another base64url character.
    Flip(prop::sample::Index, prop::sample::Index),
    /// Flip one bit of one character's byte (may leave the alphabet).
    Bit(prop::sample::Index, u8),
    /// Cut off the last `n` characters.
    Truncate(prop::sample::Index),
    /// Append text.
    Append(String),
    /// Insert one byte (a base64url character) somewhere.
    Insert(prop::sample::Index, prop::sample::Index),
    /// Delete one character somewhere.
    Delete(prop::sample::Index),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        3 => (any::<prop::sample::Index>(), any::<prop::sample::Index>()).prop_map(|(a, b)| Damage::Flip(a, b)),
        2 => (any::<prop::sample::Index>(), 0..7u8).prop_map(|(a, b)| Damage::Bit(a, b)),
        2 => any::<prop::sample::Index>().prop_map(Damage::Truncate),
        2 => "[A-Za-z0-9_-]{1,12}".prop_map(Damage::Append),
        2 => (any::<prop::sample::Index>(), any::<prop::sample::Index>()).prop_map(|(a, b)| Damage::Insert(a, b)),
        1 => any::<prop::sample::Index>().prop_map(Damage::Delete),
    ]
}

/// `link` damaged by `d`; `None` when the damage leaves it as it was.
fn damaged(link: &str, d: &Damage) -> Option<String> {
    let mut b = link.as_bytes().to_vec();
    match d {
        Damage::Flip(at, to) => {
            let i = at.index(b.len());
            let mut c = ALPHABET[to.index(64)];
            if c == b[i] {
                c = ALPHABET[(to.index(64) + 1) % 64];
            }
            b[i] = c;
        }
        Damage::Bit(at, bit) => {
            let i = at.index(b.len());
            b[i] ^= 1 << bit;
        }
        Damage::Truncate(n) => {
            let cut = 1 + n.index(b.len());
            b.truncate(b.len() - cut);
        }
        Damage::Append(more) => b.extend_from_slice(more.as_bytes()),
        Damage::Insert(at, c) => b.insert(at.index(b.len() + 1), ALPHABET[c.index(64)]),
        Damage::Delete(at) => {
            b.remove(at.index(b.len()));
        }
    }
    let text = String::from_utf8(b).expect("ASCII stays ASCII");
    (text != link).then_some(text)
}

// ---------------------------------------------------------------------------
// Share link.

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn every_valid_scenario_survives_a_share_link(s in scenario(), slot in any::<u8>()) {
        let link = encode_link(&s, slot);
        prop_assert!(link.bytes().all(|b| ALPHABET.contains(&b)), "not base64url: {}", link);
        prop_assert_eq!(decode_link(&link), Ok((slot, renumbered(&s))));
    }

    #[test]
    fn every_valid_scenario_survives_the_saved_form_as_json_text(s in scenario(), other in scenario()) {
        let text = serde_json::to_string(&encode(&s)).unwrap();
        let json: Json = serde_json::from_str(&text).unwrap();
        // The saved form holds every field: the defaults it is read with do
        // not leak into the result, and the ids are kept.
        prop_assert_eq!(decode(&json, &Scenario::default()), Ok(s.clone()));
        prop_assert_eq!(decode(&json, &other), Ok(s));
    }

    #[test]
    fn a_damaged_link_is_refused_unless_the_damage_left_its_bytes_alone(
        s in scenario(),
        slot in any::<u8>(),
        d in damage(),
    ) {
        let link = encode_link(&s, slot);
        let Some(bad) = damaged(&link, &d) else { return Ok(()) };
        let original = from_base64url(&link).unwrap();
        match from_base64url(&bad) {
            // Characters outside the alphabet, an impossible length or
            // non-zero padding bits: refused for that reason.
            Err(e) => prop_assert_eq!(decode_link(&bad), Err(e)),
            // The same bytes (only possible if one payload had two
            // spellings): the same scenario, not a damaged link.
            Ok(bytes) if bytes == original => prop_assert_eq!(decode_link(&bad), Ok((slot, renumbered(&s)))),
            // Different bytes: the checksum (or the length) catches it.
            Ok(_) => {
                let result = decode_link(&bad);
                prop_assert!(
                    matches!(result, Err(ShareError::Checksum | ShareError::Truncated | ShareError::Empty)),
                    "{:?} damaged by {:?} gave {:?}", link, d, result
                );
            }
        }
    }

    #[test]
    fn decode_link_never_panics_on_arbitrary_text(text in prop_oneof![
        any::<String>(),
        "[A-Za-z0-9_-]{0,400}",
        "[A-Za-z0-9_=+/%#&-]{0,60}",
    ]) {
        let result = decode_link(&text);
        if let Ok((slot, s)) = result {
            // Random base64 passing FNV-1a is a 1 in 2^32 chance; if it
            // happens the scenario must still be valid.
            prop_assert_eq!(s.validate(), Ok(()));
            prop_assert_eq!(decode_link(&encode_link(&s, slot)), Ok((slot, s)));
        }
    }

    #[test]
    fn a_hostile_link_with_a_valid_checksum_is_checked_like_typing(link in hostile_link()) {
        match decode_link(&link) {
            Ok((slot, s)) => {
                prop_assert_eq!(s.validate(), Ok(()));
                prop_assert!(s.changes.len() <= MAX_CHANGES);
                // What was accepted is a scenario like any other.
                prop_assert_eq!(decode_link(&encode_link(&s, slot)), Ok((slot, s)));
            }
            Err(e) => prop_assert!(
                !matches!(e, ShareError::Checksum | ShareError::NotBase64 | ShareError::Empty),
                "a sealed link fails only on its content: {:?}", e
            ),
        }
    }

    #[test]
    fn a_sealed_valid_link_with_one_byte_changed_never_panics(
        s in scenario(),
        at in any::<prop::sample::Index>(),
        to in any::<u8>(),
    ) {
        // Change one byte of the body and seal it again: a forged link.
        let bytes = from_base64url(&encode_link(&s, 0)).unwrap();
        let mut body = bytes[..bytes.len() - 4].to_vec();
        let i = at.index(body.len());
        body[i] = to;
        if let Ok((slot, forged)) = decode_link(&sealed(body)) {
            prop_assert_eq!(forged.validate(), Ok(()));
            prop_assert_eq!(decode_link(&encode_link(&forged, slot)), Ok((slot, forged)));
        }
    }
}

#[test]
fn the_worked_example_survives_a_link_in_every_slot() {
    let s = worked_example();
    for slot in [0, 1, 7, 255] {
        let link = encode_link(&s, slot);
        assert!(link.len() <= 100, "{} characters: {link}", link.len());
        assert_eq!(decode_link(&link), Ok((slot, s.clone())));
    }
}

#[test]
fn the_worked_example_link_is_pinned() {
    // Links already sent must keep opening: version 1 of the layout, byte
    // for byte. tests/e2e/takeaway.spec.js damages this very payload.
    let link = encode_link(&worked_example(), 0);
    assert_eq!(
        link,
        "AQAAA0R4C2xvZ28gYmlnZ2VyRcAHGXNhbXBsZSBkb2N1bWVudHMgb3V0ZGF0ZWRG6AIUc2FsZXMgam9pbnMgcGxhbm5pbmeICfUT"
    );
    let bytes = from_base64url(&link).unwrap();
    // Version, slot, no setting changed, three changes, the first a tweak in
    // the build phase (4) with a title (64) of 120 minutes.
    assert_eq!(bytes[..6], [1, 0, 0, 3, 4 | 64, 120]);
    assert_eq!(&bytes[6..18], b"\x0blogo bigger");
}

#[test]
fn each_kind_of_damage_gets_its_own_reason() {
    let link = encode_link(&worked_example(), 0);
    assert_eq!(decode_link(""), Err(ShareError::Empty));
    assert_eq!(decode_link("AAAA"), Err(ShareError::Truncated));
    assert_eq!(decode_link("&lt;img src=x&gt;"), Err(ShareError::NotBase64));
    assert_eq!(decode_link(&[&link, "="].concat()), Err(ShareError::NotBase64));
    // Cut by ten characters, as a line-wrapping mail client does: a length
    // that base64 cannot have, or a checksum that no longer matches.
    for n in 1..=10 {
        let cut = decode_link(&link[..link.len() - n]);
        assert!(matches!(cut, Err(ShareError::Checksum | ShareError::Truncated)), "cut by {n}: {cut:?}");
    }
    let mut flipped = link.clone().into_bytes();
    let mid = flipped.len() / 2;
    flipped[mid] = if flipped[mid] == b'x' { b'y' } else { b'x' };
    assert_eq!(decode_link(core::str::from_utf8(&flipped).unwrap()), Err(ShareError::Checksum));
    // One payload, one spelling: non-zero padding bits in the last
    // character are refused.
    let two = base64url(&[1, 2]);
    assert_eq!(two.len(), 3);
    let last = ALPHABET.iter().position(|&c| c == two.as_bytes()[2]).unwrap();
    let other = [&two[..2], core::str::from_utf8(&[ALPHABET[last | 1]]).unwrap()].concat();
    assert_ne!(other, two);
    assert_eq!(from_base64url(&other), Err(ShareError::Truncated));
    // A newer version, sealed properly.
    assert_eq!(decode_link(&sealed(vec![2, 0, 0, 0])), Err(ShareError::Version(2)));
    // More changes than a scenario may hold.
    let mut body = vec![1, 0, 0];
    varint(&mut body, MAX_CHANGES as u64 + 1);
    assert_eq!(decode_link(&sealed(body)), Err(ShareError::Malformed));
    // Trailing bytes after the last change.
    let mut body = vec![1, 0, 0, 0, 0];
    body.push(9);
    assert_eq!(decode_link(&sealed(body)), Err(ShareError::Malformed));
    // A title of invalid UTF-8.
    let body = vec![1, 0, 0, 1, 1 << 6, 60, 2, 0xC3, 0x28];
    assert_eq!(decode_link(&sealed(body)), Err(ShareError::Malformed));
    // A title over the limit, in valid UTF-8: refused like typing it.
    let mut body = vec![1, 0, 0, 1, 1 << 6, 60];
    let long = "ä".repeat(MAX_TITLE + 1);
    varint(&mut body, long.len() as u64);
    body.extend_from_slice(long.as_bytes());
    let err = decode_link(&sealed(body)).unwrap_err();
    assert_eq!(err.to_string(), "changes[0][1]: must be at most 120 characters long");
    // An effort over the limit.
    let mut body = vec![1, 0, 0, 1, 0];
    varint(&mut body, u64::from(MAX_EFFORT) + 1);
    assert!(matches!(decode_link(&sealed(body)), Err(ShareError::Invalid(_))));
}

/// Titles as clients write them: about 40 characters, some umlauts.
const TITLES: [&str; 8] = [
    "Logo größer und in der Kopfzeile rechts",
    "Beispieldokumente waren veraltet, neu",
    "Vertrieb möchte mitplanen (Workshop)",
    "Export als PDF zusätzlich zu CSV bitte",
    "Make the logo bigger and move it right",
    "Sample documents were outdated, redo them",
    "Sales wants to join the planning meeting",
    "Also export as PDF, not only as CSV",
];

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn twenty_realistic_changes_fit_in_two_thousand_characters(
        mut s in scenario(),
        changes in vec((select(TITLES.to_vec()), change()), 20),
    ) {
        s.changes = changes.into_iter().zip(1..).map(|((t, c), id)| Change { id, title: t.to_owned(), ..c }).collect();
        prop_assert!(TITLES.iter().all(|t| (35..=45).contains(&t.chars().count())));
        let link = encode_link(&s, 1);
        prop_assert!(link.len() < 2_000, "{} characters", link.len());
        prop_assert_eq!(decode_link(&link), Ok((1, s)));
    }
}

#[test]
fn the_largest_realistic_twenty_change_link_fits() {
    // Every setting away from its default at its upper limit, every change
    // a rework with a wide range and a share, and the longest title in
    // bytes: the worst case for realistic titles.
    let mut s = Scenario::default();
    for setting in Setting::ALL {
        if !matches!(setting, Setting::HoursLow | Setting::Hours | Setting::HoursHigh) {
            s.set(setting, setting.limits().1).unwrap();
        }
    }
    s.baseline = Range { low: MAX_EFFORT - 2, likely: MAX_EFFORT - 1, high: MAX_EFFORT };
    s.set_currency("CHF").unwrap();
    let longest = TITLES.iter().max_by_key(|t| t.len()).unwrap();
    s.changes = (1..=20)
        .map(|id| Change {
            id,
            title: (*longest).to_owned(),
            kind: Kind::Rework,
            phase: Phase::Live,
            effort: Range { low: MAX_EFFORT - 2, likely: MAX_EFFORT - 1, high: MAX_EFFORT },
            share: Some(9_999),
        })
        .collect();
    let link = encode_link(&s, 255);
    assert!(link.len() < 2_000, "{} characters", link.len());
    assert_eq!(decode_link(&link), Ok((255, s)));
}

// ---------------------------------------------------------------------------
// CSV.

/// The byte order mark a CSV starts with.
const BOM: char = '\u{feff}';

/// Reads RFC 4180 CSV with `sep`: every record ends with CRLF, a quoted
/// field may hold anything (a quote doubled), an unquoted one no quote and
/// no line break.
fn read_csv(text: &str, sep: char) -> Result<Vec<Vec<String>>, String> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut chars = text.chars().peekable();
    let mut at = 0usize;
    loop {
        // One field.
        let mut cell = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            at += 1;
            loop {
                match chars.next() {
                    None => return Err(format!("unterminated quote at {at}")),
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        cell.push('"');
                        at += 2;
                    }
                    Some('"') => {
                        at += 1;
                        break;
                    }
                    Some(c) => {
                        cell.push(c);
                        at += 1;
                    }
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == sep || c == '\r' {
                    break;
                }
                if c == '"' || c == '\n' {
                    return Err(format!("{c:?} in an unquoted field at {at}"));
                }
                cell.push(c);
                chars.next();
                at += 1;
            }
        }
        record.push(cell);
        // What ends the field.
        match chars.next() {
            Some(c) if c == sep => at += 1,
            Some('\r') => {
                if chars.next() != Some('\n') {
                    return Err(format!("a bare CR at {at}"));
                }
                at += 2;
                records.push(std::mem::take(&mut record));
                if chars.peek().is_none() {
                    return Ok(records);
                }
            }
            Some(c) => return Err(format!("{c:?} after a quoted field at {at}")),
            None => return Err("the last record has no CRLF".to_owned()),
        }
    }
}

/// The CSV of `s` in language `lang`, without its BOM, after checking it is
/// there exactly once.
fn csv_of(lang: &str, s: &Scenario, models: &[Contract]) -> (String, &'static Texts) {
    let t = for_tag(lang).unwrap();
    let p = price(s).unwrap();
    let text = csv(t, s, &p, models);
    assert!(text.starts_with('\u{feff}'), "no BOM");
    let body = text.strip_prefix('\u{feff}').unwrap().to_owned();
    (body, t)
}

/// What a spreadsheet must see in a title's cell: the text, with an
/// apostrophe first when it would otherwise run as a formula.
fn neutralised(title: &str) -> String {
    if title.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        ["'", title].concat()
    } else {
        title.to_owned()
    }
}

/// Cents from an amount cell, checking its form: digits, the language's
/// decimal mark, two decimals, no grouping, no currency.
fn cents_of(cell: &str, decimal: char) -> i64 {
    let (int, frac) = cell.split_once(decimal).unwrap_or_else(|| panic!("no {decimal:?} in {cell:?}"));
    assert!(!int.is_empty() && int.bytes().all(|b| b.is_ascii_digit()), "{cell:?}");
    assert!(frac.len() == 2 && frac.bytes().all(|b| b.is_ascii_digit()), "{cell:?}");
    int.parse::<i64>().unwrap() * 100 + frac.parse::<i64>().unwrap()
}

#[test]
fn german_csv_uses_semicolons_and_decimal_commas() {
    let (body, t) = csv_of("de", &worked_example(), &[Contract::Hourly, Contract::Fixed]);
    assert_eq!(t.decimal, ',');
    let rows = read_csv(&body, ';').unwrap();
    let expect: Vec<Vec<&str>> = vec![
        vec![
            "Nr.",
            "Beschreibung",
            "Art",
            "Phase",
            "Aufwand (Std.)",
            "Mit Phasenfaktor (Std.)",
            "Nach Aufwand",
            "Festpreis",
            "Änderungsauftrag",
        ],
        vec!["1", "logo bigger", "Kleine Änderung", "Umsetzung", "2,00", "3,00", "332,50", "0,00", "nein"],
        vec![
            "2",
            "sample documents outdated",
            "Überarbeitung",
            "Umsetzung",
            "16,00",
            "24,00",
            "2327,50",
            "1900,00",
            "ja",
        ],
        vec!["3", "sales joins planning", "Neue Beteiligte", "Umsetzung", "6,00", "16,20", "1586,50", "1634,00", "ja"],
        vec!["", "Änderungen", "", "", "", "", "4246,50", "3534,00", ""],
        vec!["", "Vereinbarter Umfang", "", "", "", "", "11400,00", "13680,00", ""],
        vec!["", "Gesamt", "", "", "", "", "15646,50", "17214,00", ""],
    ];
    assert_eq!(rows, expect);
    // CRLF only: no bare LF anywhere in a file without line breaks in titles.
    assert_eq!(body.matches("\r\n").count(), 7);
    assert_eq!(body.matches('\n').count(), 7);
}

#[test]
fn english_csv_uses_commas_and_decimal_points() {
    let (body, t) = csv_of("en", &worked_example(), &[Contract::Hourly, Contract::Fixed, Contract::Capped]);
    assert_eq!(t.decimal, '.');
    let rows = read_csv(&body, ',').unwrap();
    assert_eq!(rows.len(), 7);
    assert_eq!(
        rows[0],
        [
            "No.",
            "Description",
            "Kind",
            "Phase",
            "Effort (h)",
            "With phase factor (h)",
            "By the hour",
            "Fixed price",
            "By the hour, capped",
            "Change request"
        ]
    );
    assert_eq!(rows[1], ["1", "logo bigger", "Small tweak", "Build", "2.00", "3.00", "332.50", "0.00", "332.50", "no"]);
    assert_eq!(rows[2][5..], ["24.00", "2327.50", "1900.00", "2327.50", "yes"]);
    assert_eq!(rows[3][5..], ["16.20", "1586.50", "1634.00", "1586.50", "yes"]);
    assert_eq!(rows[6], ["", "Total", "", "", "", "", "15646.50", "17214.00", "15646.50", ""]);
    assert!(body.ends_with("\r\n"));
}

#[test]
fn hostile_titles_are_quoted_and_neutralised() {
    let titles = [
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+49 30 1234",
        "-2+3",
        "@SUM(A1:A9)",
        "\tTab first",
        "a; b, c",
        "say \"hi\"",
        "two\nlines",
        "two\r\nlines",
        "<img src=x onerror=alert(1)>",
        "\u{200F}שלום\u{202E}",
        "plain",
        " =leading space is text",
        "",
    ];
    let mut s = worked_example();
    s.changes = titles.iter().zip(1..).map(|(t, id)| Change::new(id, t, Kind::Tweak, 60, Phase::Build)).collect();
    for (lang, sep) in [("de", ';'), ("en", ',')] {
        let (body, _) = csv_of(lang, &s, &[Contract::Hourly, Contract::Fixed]);
        let rows = read_csv(&body, sep).unwrap_or_else(|e| panic!("{lang}: {e}\n{body}"));
        assert_eq!(rows.len(), 1 + titles.len() + 3, "{lang}");
        for (row, title) in rows[1..].iter().zip(titles) {
            assert_eq!(row.len(), 9, "{lang}: {row:?}");
            assert_eq!(row[1], neutralised(title), "{lang}");
        }
        // Exactly how the riskiest ones are written.
        assert!(
            body.contains(&format!("{sep}\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"{sep}")),
            "{lang}"
        );
        assert!(body.contains(&format!("{sep}\"'+49 30 1234\"{sep}")), "{lang}");
        assert!(body.contains(&format!("{sep}\"'@SUM(A1:A9)\"{sep}")), "{lang}");
        assert!(body.contains(&format!("{sep}\"two\nlines\"{sep}")), "{lang}");
        assert!(body.contains(&format!("{sep}plain{sep}")), "{lang}");
    }
    let (de, _) = csv_of("de", &s, &[Contract::Hourly]);
    // A comma is no separator in German, a semicolon none in English.
    assert!(de.contains(";\"a; b, c\";"));
    let (en, _) = csv_of("en", &s, &[Contract::Hourly]);
    assert!(en.contains(",\"a; b, c\","));
}

proptest! {
    #![proptest_config(config(192))]

    #[test]
    fn the_csv_reads_back_cell_for_cell(
        s in scenario(),
        lang in select(vec!["de", "en"]),
        models in select(vec![
            vec![Contract::Hourly],
            vec![Contract::Hourly, Contract::Fixed],
            vec![Contract::Fixed, Contract::Capped],
            vec![Contract::Hourly, Contract::Fixed, Contract::Capped],
        ]),
    ) {
        let Ok(p) = price(&s) else { return Ok(()) };
        let t = for_tag(lang).unwrap();
        let sep = if lang == "de" { ';' } else { ',' };
        prop_assert_eq!(t.decimal, if lang == "de" { ',' } else { '.' });
        let text = csv(t, &s, &p, &models);
        prop_assert!(text.starts_with(BOM));
        prop_assert_eq!(text.matches(BOM).count(), 1 + s.changes.iter().map(|c| c.title.matches(BOM).count()).sum::<usize>());
        let rows = read_csv(&text[3..], sep).map_err(|e| TestCaseError::fail(format!("{e}\n{text:?}")))?;
        let width = 7 + models.len();
        prop_assert_eq!(rows.len(), 1 + s.changes.len() + 3);
        prop_assert!(rows.iter().all(|r| r.len() == width), "ragged rows");
        prop_assert_eq!(&rows[0][..6], &t.csv_heads.row()[..]);
        for (i, ((row, c), line)) in rows[1..].iter().zip(&s.changes).zip(&p.lines).enumerate() {
            prop_assert_eq!(&row[0], &(i + 1).to_string());
            prop_assert_eq!(&row[1], &neutralised(&c.title));
            prop_assert_eq!(&row[2], t.kind(c.kind));
            prop_assert_eq!(&row[3], t.phase(c.phase));
            // Hours to the hundredth: entered (likely) and effective.
            prop_assert_eq!(cents_of(&row[4], t.decimal), (i64::from(c.effort.likely) * 100 + 30) / 60);
            let units = line.effective.units();
            let hundredths = (2 * units + 600_000_000_000) / 1_200_000_000_000;
            prop_assert_eq!(i128::from(cents_of(&row[5], t.decimal)), hundredths);
            for (cell, m) in row[6..6 + models.len()].iter().zip(&models) {
                let want = if *m == Contract::Fixed { line.fixed } else { line.hourly };
                prop_assert_eq!(cents_of(cell, t.decimal), want.cents());
            }
            prop_assert_eq!(&row[width - 1], if line.is_request() { t.csv_yes } else { t.csv_no });
        }
        for (row, pick) in rows[1 + s.changes.len()..].iter().zip(0..) {
            prop_assert_eq!(&row[1], [t.change_part, t.baseline_part, t.total][pick]);
            for (cell, m) in row[6..6 + models.len()].iter().zip(&models) {
                let part = p.part(*m);
                prop_assert_eq!(cents_of(cell, t.decimal), [part.changes, part.baseline, part.total][pick].cents());
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Undo and redo.

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn undo_walks_back_every_edit_and_redo_forward_again(states in vec(scenario(), 1..12)) {
        let mut h = History::default();
        let mut current = Scenario::default();
        let mut seen = vec![current.clone()];
        for (i, next) in states.into_iter().enumerate() {
            // Each edit of its own (add, remove, reset, import) is a step.
            prop_assert!(h.starts_step(None, i as f64));
            h.record(current.clone(), None, i as f64);
            current = next;
            seen.push(current.clone());
        }
        for want in seen.iter().rev().skip(1) {
            current = h.undo(current).expect("something to undo");
            prop_assert_eq!(&current, want);
        }
        prop_assert!(!h.can_undo());
        prop_assert_eq!(h.undo(current.clone()), None);
        for want in seen.iter().skip(1) {
            current = h.redo(current).expect("something to redo");
            prop_assert_eq!(&current, want);
        }
        prop_assert!(!h.can_redo());
    }
}

#[test]
fn typing_a_number_is_one_undo_step() {
    // "1", "12", "120" typed into the rate within a second: undo returns to
    // 95 in one step.
    let mut h: History<i64> = History::default();
    let mut rate = 9_500;
    let field = 0;
    for (typed, now) in [(100, 0.0), (1_200, 150.0), (12_000, 300.0)] {
        if h.starts_step(Some(field), now) {
            h.record(rate, Some(field), now);
        } else {
            h.touch(field, now);
        }
        rate = typed;
    }
    assert_eq!(h.undo(rate), Some(9_500));
    assert!(!h.can_undo());
}
