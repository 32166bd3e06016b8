//! Generators shared by the property tests: proptest's configuration,
//! estimates and changes.

use changecost::core::{Change, Kind, Phase, Range, MAX_EFFORT};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

/// `cases` cases, and no regression files written into the work tree.
pub fn config(cases: u32) -> ProptestConfig {
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// Minutes of one estimate: mostly small, sometimes anything up to the limit.
pub fn minutes() -> impl Strategy<Value = u32> {
    prop_oneof![3 => 0..=600u32, 1 => 0..=MAX_EFFORT, 1 => Just(MAX_EFFORT)]
}

/// Three estimates in order.
pub fn ordered() -> impl Strategy<Value = Range> {
    vec(minutes(), 3).prop_map(|mut m| {
        m.sort_unstable();
        Range { low: m[0], likely: m[1], high: m[2] }
    })
}

/// A valid change of any kind and phase with an effort from `effort` and a
/// title from `title`, id 0 (the scenario numbers it). Only a rework has a
/// share; the saved form keeps no other.
pub fn change(
    effort: impl Strategy<Value = Range>,
    title: impl Strategy<Value = String>,
) -> impl Strategy<Value = Change> {
    (select(Kind::ALL.to_vec()), select(Phase::ALL.to_vec()), effort, title, proptest::option::of(0..=10_000u32))
        .prop_map(|(kind, phase, effort, title, share)| Change {
            id: 0,
            title,
            kind,
            phase,
            effort,
            share: share.filter(|_| kind == Kind::Rework),
        })
}
