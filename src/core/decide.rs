//! Decision aids built on the figures: where the fixed price stops being
//! the more expensive contract (break-even), what bundling the changes into
//! one change window would save, and the one sentence that says it.

use crate::core::effort::{Effort, WHOLE};
use crate::core::money::{Money, MoneyError};
use crate::core::pricing::{Engine, Pricing};
use crate::core::scenario::{Contract, Phase, Scenario};

/// The most extra changes break-even looks ahead; beyond it, "never".
const HORIZON: u64 = 1_000_000;

/// Where fixed price becomes no more expensive than hourly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BreakEven {
    /// At this point of the series (number of changes; 0 is the baseline).
    At(usize),
    /// Not within the changes, but after this many more average changes,
    /// which together are `effort` of effective effort.
    After {
        /// Extra changes like the average one.
        changes: u64,
        /// Their effective effort in all.
        effort: Effort,
    },
    /// Never: every further change widens the gap, or the horizon of a
    /// million changes passes.
    Never,
}

/// The scenario's average change: the mean effective effort of its changes
/// at their likely values, or, without changes, a one-hour tweak in the
/// build phase.
pub fn average_change(scenario: &Scenario, pricing: &Pricing) -> Effort {
    if pricing.lines.is_empty() {
        return Effort::e8_times(Effort::e8(60), scenario.multipliers[Phase::Build.index()]);
    }
    let sum: i128 = pricing.lines.iter().map(|l| l.effective.units()).sum();
    Effort::from_units(sum / pricing.lines.len() as i128)
}

/// Break-even for the figures as estimated: the point of the series from
/// which on fixed <= hourly up to the last change (a crossing the series
/// later undoes does not count: the gap can open again once change
/// requests cost more than billing by the hour), else how many more
/// average changes it would take from the last point.
///
/// # Errors
/// [`MoneyError`] when a figure leaves `i64` cents.
pub fn break_even(scenario: &Scenario, pricing: &Pricing) -> Result<BreakEven, MoneyError> {
    let (h, f) = (Contract::Hourly as usize, Contract::Fixed as usize);
    let no_dearer = |t: &[Money; 3]| t[f] <= t[h];
    if pricing.series.last().is_some_and(no_dearer) {
        let k = pricing.series.iter().rposition(|t| !no_dearer(t)).map_or(0, |last| last + 1);
        return Ok(BreakEven::At(k));
    }
    let engine = Engine::new(scenario)?;
    let average = average_change(scenario, pricing);
    // Replay the changes to know the allowance left, then add average
    // changes. Every step of one size costs the same, so after the
    // allowance is used up the gap closes by a constant amount per step.
    let mut tally = engine.start(Effort::minutes(scenario.baseline.likely))?;
    for (i, c) in scenario.changes.iter().enumerate() {
        engine.step(&mut tally, i, Effort::e8(c.effort.likely))?;
    }
    let mut extra: u64 = 0;
    let gap = |t: &[Money; 3]| t[f].cents() - t[h].cents();
    // Fully covered steps: only hourly grows.
    let hourly_step = average.plus(engine.switch()).cost(engine.rate(), WHOLE)?.cents();
    if average > Effort::ZERO && tally.allowance >= average {
        let covered = u64::try_from(tally.allowance.units() / average.units()).unwrap_or(u64::MAX);
        let needed = if hourly_step > 0 { (gap(&tally.totals) as u64).div_ceil(hourly_step as u64) } else { u64::MAX };
        if needed <= covered {
            return Ok(after(needed, average));
        }
        if covered > HORIZON {
            return Ok(BreakEven::Never);
        }
        extra = covered;
        let grown = hourly_step * covered as i64;
        tally.totals[h] = Money::from_cents(tally.totals[h].cents() + grown);
        tally.totals[Contract::Capped as usize] =
            Money::from_cents(tally.totals[Contract::Capped as usize].cents() + grown);
        tally.allowance = tally.allowance.minus(Effort::from_units(average.units() * covered as i128));
    }
    // At most one partly covered step, then uncovered ones.
    for _ in 0..2 {
        engine.add(&mut tally, average)?;
        extra += 1;
        if gap(&tally.totals) <= 0 {
            return Ok(after(extra, average));
        }
    }
    let closes = hourly_step - if average > Effort::ZERO { engine.request(average)?.cents() } else { 0 };
    if closes <= 0 {
        return Ok(BreakEven::Never);
    }
    Ok(after(extra + (gap(&tally.totals) as u64).div_ceil(closes as u64), average))
}

/// `changes` more average changes, or never beyond the horizon.
fn after(changes: u64, average: Effort) -> BreakEven {
    if changes > HORIZON {
        return BreakEven::Never;
    }
    BreakEven::After { changes, effort: Effort::from_units(average.units() * i128::from(changes)) }
}

/// What one further average change costs more as a formal change request
/// than billed by the hour, once the included hours are used up (negative:
/// less). Where it is zero or more, [`break_even`] is [`BreakEven::Never`]
/// after the included hours: this is why.
///
/// # Errors
/// [`MoneyError`] when a figure leaves `i64` cents.
pub fn request_premium(scenario: &Scenario, pricing: &Pricing) -> Result<Money, MoneyError> {
    let engine = Engine::new(scenario)?;
    let average = average_change(scenario, pricing);
    let hourly = average.plus(engine.switch()).cost(engine.rate(), WHOLE)?;
    let request = if average > Effort::ZERO { engine.request(average)? } else { Money::ZERO };
    request.checked_sub(hourly)
}

/// The changes decided together in one change window: one switch under
/// hourly, one change request under fixed price.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bundle {
    /// The change part under hourly, bundled.
    pub hourly: Money,
    /// The change part under fixed price, bundled.
    pub fixed: Money,
    /// What bundling saves under hourly (and capped hourly).
    pub hourly_saving: Money,
    /// What bundling saves under fixed price.
    pub fixed_saving: Money,
}

/// What the same changes cost bundled into one change window.
///
/// # Errors
/// [`MoneyError`] when a figure leaves `i64` cents.
pub fn bundle(scenario: &Scenario, pricing: &Pricing) -> Result<Bundle, MoneyError> {
    let engine = Engine::new(scenario)?;
    let total = pricing.lines.iter().fold(Effort::ZERO, |sum, l| sum.plus(l.effective));
    let (hourly, fixed) = if pricing.lines.is_empty() {
        (Money::ZERO, Money::ZERO)
    } else {
        let mut tally = engine.start(Effort::minutes(scenario.baseline.likely))?;
        let line = engine.add(&mut tally, total)?;
        (line.hourly, line.fixed)
    };
    let parts = |c: Contract| pricing.part(c).changes;
    Ok(Bundle {
        hourly,
        fixed,
        hourly_saving: parts(Contract::Hourly).checked_sub(hourly)?,
        fixed_saving: parts(Contract::Fixed).checked_sub(fixed)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::pricing::price;
    use crate::core::scenario::Scenario;

    use crate::core::scenario::fixtures::worked_example;

    #[test]
    fn bundling_the_worked_example_saves_one_switch_and_one_request() {
        let s = worked_example();
        let b = bundle(&s, &price(&s).unwrap()).unwrap();
        // Hourly: (3 + 24 + 16.2 + 0.5) h x 95 = 4,151.50, 95.00 less than 4,246.50.
        assert_eq!(b.hourly.cents(), 415_150);
        assert_eq!(b.hourly_saving.cents(), 9_500);
        // Fixed: (43.2 - 8) h x 95 + 95 = 3,439.00, 95.00 less than 3,534.00.
        assert_eq!(b.fixed.cents(), 343_900);
        assert_eq!(b.fixed_saving.cents(), 9_500);
    }

    #[test]
    fn break_even_of_the_worked_example() {
        // Gap after three changes: 17,214.00 - 15,646.50 = 1,567.50. The
        // average change is 43.2 h / 3 = 14.4 h effective: hourly +14.9 h x
        // 95 = 1,415.50, fixed 14.4 h x 95 + 95 = 1,463.00 per change. Each
        // average change widens the gap by 47.50, so the lines never meet.
        let s = worked_example();
        assert_eq!(break_even(&s, &price(&s).unwrap()), Ok(BreakEven::Never));
    }

    #[test]
    fn break_even_after_more_changes_when_requests_are_cheap() {
        // cr_rate 0.5x: fixed per average change 14.4 h x 95 x 0.5 + 95 =
        // 779.00, hourly 1,415.50: the gap of 17,214.00 - 15,646.50 shrinks.
        let mut s = worked_example();
        s.cr_rate = 5_000;
        let p = price(&s).unwrap();
        // Fixed after three changes: 13,680 + 0 + (19 h x 47.50 + 95 =
        // 997.50) + (16.2 h x 47.50 + 95 = 864.50) = 15,542.00, below
        // hourly's 15,646.50 already at the third change? Second: fixed
        // 14,677.50 vs hourly 14,060.00; third: 15,542.00 <= 15,646.50.
        assert_eq!(break_even(&s, &p), Ok(BreakEven::At(3)));
        s.changes.pop();
        // After two changes the gap is 14,677.50 - 14,060.00 = 617.50. The
        // average is (3 + 24) / 2 = 13.5 h: hourly +14 h x 95 = 1,330.00,
        // fixed 13.5 x 47.50 + 95 = 736.25; the gap closes by 593.75 per
        // change: two more changes (27 h effective).
        let p = price(&s).unwrap();
        assert_eq!(break_even(&s, &p), Ok(BreakEven::After { changes: 2, effort: Effort::minutes(1_620) }));
    }

    #[test]
    fn break_even_inside_the_allowance_counts_covered_changes() {
        // A large allowance: the fixed price stays put while hourly grows.
        let s = Scenario { allowance: 600_000, ..Scenario::default() };
        let p = price(&s).unwrap();
        // Gap 13,680 - 11,400 = 2,280.00; a 1.5 h tweak (1 h x 1.5) costs
        // 2 h x 95 = 190.00 hourly and nothing fixed: 12 changes.
        assert_eq!(break_even(&s, &p), Ok(BreakEven::After { changes: 12, effort: Effort::minutes(1_080) }));
    }

    #[test]
    fn each_request_of_the_worked_example_costs_half_an_hour_more() {
        // 14.4 h + 1 h admin = 1,463.00 against (14.4 h + 0.5 h) x 95 =
        // 1,415.50: the change request's coordination, quote and approval
        // take 0.5 h more than the coordination billed by the hour.
        let s = worked_example();
        assert_eq!(request_premium(&s, &price(&s).unwrap()), Ok(Money::from_cents(4_750)));
        let cheap = Scenario { cr_rate: 5_000, ..worked_example() };
        // 14.4 h x 47.50 + 95 = 779.00 against 1,415.50.
        assert_eq!(request_premium(&cheap, &price(&cheap).unwrap()), Ok(Money::from_cents(-63_650)));
    }

    #[test]
    fn a_crossing_the_later_changes_undo_is_no_break_even() {
        // Premium 1 %, 2 h included: the fixed price is 11,514.00. A 2 h
        // concept change: hourly 11,400 + 2.5 h x 95 = 11,637.50, covered
        // under the fixed price (11,514.00 <= 11,637.50). Three 1 h concept
        // changes: each 1.5 h x 95 = 142.50 by the hour, 1 h + 1 h admin =
        // 190.00 as a change request, so the fixed price ends 19.00 above.
        let mut s = Scenario { premium: 100, allowance: 120, ..Scenario::default() };
        s.changes.push(crate::core::scenario::Change::new(1, "a", crate::core::Kind::Tweak, 120, Phase::Concept));
        for id in 2..=4 {
            s.changes.push(crate::core::scenario::Change::new(id, "b", crate::core::Kind::Tweak, 60, Phase::Concept));
        }
        let p = price(&s).unwrap();
        assert!(p.series[1][1] <= p.series[1][0]);
        assert!(p.series[4][1] > p.series[4][0]);
        assert!(!matches!(break_even(&s, &p), Ok(BreakEven::At(_))), "{:?}", break_even(&s, &p));
    }

    #[test]
    fn fixed_cheaper_from_the_start() {
        let s = Scenario { fixed_price: Some(Money::from_cents(1_000_000)), ..Scenario::default() };
        assert_eq!(break_even(&s, &price(&s).unwrap()), Ok(BreakEven::At(0)));
    }
}
