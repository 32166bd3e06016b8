//! Fuzzing the decoders with generated inputs: the saved-state decoder,
//! the share-link decoder and the number parser must answer every input
//! with a value or an error, never a panic, and what they accept must be
//! valid. `make fuzz` runs 100,000 inputs per target; `make test` a short
//! run (FUZZ_CASES, default 2,000).

// Host only: wasm32 runs the browser tests (tests/web.rs).
#![cfg(not(target_arch = "wasm32"))]

use changecost::core::{
    decode, decode_link, encode, encode_link, parse, Change, Json, Kind, Phase, Quantity, Range, Scenario,
};
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2_000)
}

fn config() -> ProptestConfig {
    ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() }
}

/// Any JSON tree, biased towards the saved form's own keys.
fn json() -> impl Strategy<Value = Json> {
    let key = prop_oneof![
        Just("v".to_owned()),
        Just("rateCents".to_owned()),
        Just("baselineMinutes".to_owned()),
        Just("changes".to_owned()),
        Just("t".to_owned()),
        Just("k".to_owned()),
        Just("e".to_owned()),
        Just("p".to_owned()),
        Just("s".to_owned()),
        Just("currency".to_owned()),
        Just("fixedPriceCents".to_owned()),
        "[a-zA-Z]{0,12}",
    ];
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<f64>().prop_map(Json::Num),
        (-1_000_000i64..2_000_000).prop_map(|n| Json::Num(n as f64)),
        ".{0,140}".prop_map(Json::Str),
        prop_oneof![Just("tweak"), Just("rework"), Just("build"), Just("live"), Just("EUR")]
            .prop_map(|s| Json::Str(s.to_owned())),
    ];
    leaf.prop_recursive(5, 200, 12, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..12).prop_map(Json::Arr),
            prop::collection::vec((key.clone(), inner), 0..12).prop_map(Json::Obj),
        ]
    })
}

fn scenario() -> impl Strategy<Value = Scenario> {
    let change = (".{0,40}", 0..4usize, 0..4usize, 0u32..5_000, 0u32..5_000).prop_map(|(t, k, p, a, b)| {
        let mut c = Change::new(1, &t, Kind::ALL[k], a.min(b), Phase::ALL[p]);
        c.effort = Range { low: a.min(b), likely: a.min(b), high: a.max(b) };
        c
    });
    prop::collection::vec(change, 0..8).prop_map(|changes| {
        let mut s = Scenario { changes, ..Scenario::default() };
        for (i, c) in s.changes.iter_mut().enumerate() {
            c.id = i as u32 + 1;
        }
        s
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn saved_state_decoder_never_panics(tree in json()) {
        if let Ok(s) = decode(&tree, &Scenario::default()) {
            prop_assert_eq!(s.validate(), Ok(()));
            prop_assert_eq!(decode(&encode(&s), &Scenario::default()), Ok(s));
        }
    }

    #[test]
    fn saved_state_text_never_panics(text in ".{0,400}") {
        if let Ok(tree) = serde_json::from_str::<Json>(&text) {
            if let Ok(s) = decode(&tree, &Scenario::default()) {
                prop_assert_eq!(s.validate(), Ok(()));
            }
        }
    }

    #[test]
    fn share_link_decoder_never_panics(text in "[A-Za-z0-9_-]{0,300}|.{0,100}") {
        if let Ok((_, s)) = decode_link(&text) {
            prop_assert_eq!(s.validate(), Ok(()));
        }
    }

    #[test]
    fn mutated_share_links_are_refused_or_valid(s in scenario(), at in any::<prop::sample::Index>(), byte in any::<u8>(), how in 0..4u8) {
        let link = encode_link(&s, 0);
        let mut bytes = link.clone().into_bytes();
        let i = at.index(bytes.len().max(1));
        match how {
            0 => { if !bytes.is_empty() { bytes[i] = byte; } }
            1 => bytes.truncate(i),
            2 => bytes.insert(i.min(bytes.len()), byte),
            _ => bytes.push(byte),
        }
        let mutated = String::from_utf8_lossy(&bytes).into_owned();
        if let Ok((_, decoded)) = decode_link(&mutated) {
            prop_assert_eq!(decoded.validate(), Ok(()));
            // Only a mutation that left the payload as it was decodes.
            prop_assert_eq!(mutated, link);
        }
    }

    #[test]
    fn number_parser_never_panics(text in ".{0,40}|[0-9.,' \\-+€%hx]{0,30}") {
        for decimal in [',', '.'] {
            for q in [Quantity::Money, Quantity::Hours, Quantity::Percent, Quantity::Multiplier, Quantity::Count] {
                if let Ok(v) = parse(&text, decimal, q) {
                    prop_assert!(v >= 0);
                }
            }
        }
    }
}
