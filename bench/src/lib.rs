//! The scenarios the benchmarks price: a realistic mix of the four kinds of
//! change and the four phases, with low / likely / high ranges so that the
//! simulation samples. `tools/bench-browser.mjs` builds the same scenarios
//! in the saved form (`scenarioJson` there); keep the two in step.
//!
//! The mix, for change `i` (0-based), without randomness so that every run
//! and both builders agree:
//! - kind: `(3 i) mod 20` picks from 8 tweaks, 4 reworks, 3 stakeholder
//!   changes and 5 features (40 / 20 / 15 / 25 %);
//! - phase: `(7 i + 3) mod 20` picks from 3 concept, 10 build, 5 acceptance
//!   and 2 live slots (15 / 50 / 25 / 10 %);
//! - likely effort: the kind's base (tweak 60, rework 480, stakeholder 240,
//!   feature 960 minutes) times 1/2, 1, 1, 3/2 or 2 by `(13 i) mod 5`;
//! - every fifth change (`i mod 5 = 4`) is one number, the others a range
//!   low = likely / 2, high = 3 x likely;
//! - every other rework (`i` odd) is a share of the work done, 10 to 25 %,
//!   instead of an effort.

use changecost::core::{Change, Kind, Phase, Range, Scenario};

/// The kind of change `i`.
pub fn kind(i: usize) -> Kind {
    match (3 * i) % 20 {
        0..=7 => Kind::Tweak,
        8..=11 => Kind::Rework,
        12..=14 => Kind::Stakeholder,
        _ => Kind::Feature,
    }
}

/// The phase change `i` arrives in.
pub fn phase(i: usize) -> Phase {
    match (7 * i + 3) % 20 {
        0..=2 => Phase::Concept,
        3..=12 => Phase::Build,
        13..=17 => Phase::Acceptance,
        _ => Phase::Live,
    }
}

/// Change `i` of the mix, with id `i + 1`.
pub fn change(i: usize) -> Change {
    let kind = kind(i);
    let (base, title): (u32, &str) = match kind {
        Kind::Tweak => (60, "logo bigger"),
        Kind::Rework => (480, "old samples"),
        Kind::Stakeholder => (240, "sales joins"),
        Kind::Feature => (960, "CSV export"),
    };
    let halves = [1, 2, 2, 3, 4][(13 * i) % 5];
    let likely = base * halves / 2;
    let effort = if i % 5 == 4 { Range::exact(likely) } else { Range { low: likely / 2, likely, high: 3 * likely } };
    let (effort, share) = if kind == Kind::Rework && i % 2 == 1 {
        (Range::exact(0), Some(1_000 + 500 * ((37 * i) % 4) as u32))
    } else {
        (effort, None)
    };
    let id = u32::try_from(i + 1).expect("fewer than 2^32 changes");
    Change { id, title: format!("{title} #{id}"), kind, phase: phase(i), effort, share }
}

/// The default scenario (the typical preset, 2,000 trials) with `n`
/// changes of the mix. Valid up to the core's `MAX_CHANGES`; beyond it
/// `price` and `simulate` still run (they do not validate).
pub fn scenario(n: usize) -> Scenario {
    Scenario { changes: (0..n).map(change).collect(), ..Scenario::default() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use changecost::core::MAX_CHANGES;

    #[test]
    fn the_mix_has_the_stated_shares() {
        let s = scenario(20);
        let count = |k: Kind| s.changes.iter().filter(|c| c.kind == k).count();
        assert_eq!([Kind::Tweak, Kind::Rework, Kind::Stakeholder, Kind::Feature].map(count), [8, 4, 3, 5]);
        let at = |p: Phase| s.changes.iter().filter(|c| c.phase == p).count();
        assert_eq!([Phase::Concept, Phase::Build, Phase::Acceptance, Phase::Live].map(at), [3, 10, 5, 2]);
        assert!(s.changes.iter().filter(|c| !c.effort.is_exact()).count() >= 10);
    }

    #[test]
    fn valid_up_to_the_limit() {
        assert_eq!(scenario(MAX_CHANGES.min(10_000)).validate(), Ok(()));
    }
}
