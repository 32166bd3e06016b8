//! Host integration tests of the core, as one binary: the worked example of
//! MODEL.md, hand-computed scenarios, properties, number parsing and the
//! saved form. They use only the public API `changecost::core::*`.

// Host only: wasm32 runs the browser tests (tests/web.rs).
#![cfg(not(target_arch = "wasm32"))]

mod editor;
mod golden;
mod parsing;
mod properties;
mod saved_form;
mod scenarios;
mod share_export;
mod simulation;
mod strategies;
mod verdict;
mod worked_example;

use changecost::core::{Change, Kind, Phase, Scenario};

/// MODEL.md's worked example: the defaults and three changes in the build
/// phase.
pub fn worked_example() -> Scenario {
    let changes = vec![
        Change::new(1, "logo bigger", Kind::Tweak, 120, Phase::Build),
        Change::new(2, "sample documents outdated", Kind::Rework, 960, Phase::Build),
        Change::new(3, "sales joins planning", Kind::Stakeholder, 360, Phase::Build),
    ];
    Scenario { changes, ..Scenario::default() }
}

/// The cents of each amount, for comparing with literal figures.
pub fn cents<const N: usize>(amounts: [changecost::core::Money; N]) -> [i64; N] {
    amounts.map(changecost::core::Money::cents)
}
