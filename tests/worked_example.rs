//! MODEL.md's worked example, every figure as literal cents.

use changecost::core::{price, Contract, Effort, Money, Scenario};

use crate::{cents, worked_example};

#[test]
fn the_example_is_valid_and_uses_the_defaults() {
    let s = worked_example();
    assert_eq!(s.validate(), Ok(()));
    assert_eq!(Scenario { changes: Vec::new(), ..s.clone() }, Scenario::default());
}

#[test]
fn effective_effort_of_each_change() {
    let p = price(&worked_example()).unwrap();
    // 2 h x 1.5 = 3 h; 16 h x 1.5 = 24 h; 6 h x 1.5 + 10 % x 120 h x 60 % = 9 h + 7.2 h = 16.2 h.
    let effective: Vec<Effort> = p.lines.iter().map(|l| l.effective).collect();
    assert_eq!(effective, [Effort::minutes(180), Effort::minutes(1_440), Effort::minutes(972)]);
    // The allowance of 8 h covers the first change (3 h), then the remaining 5 h of the second.
    let covered: Vec<Effort> = p.lines.iter().map(|l| l.covered).collect();
    assert_eq!(covered, [Effort::minutes(180), Effort::minutes(300), Effort::ZERO]);
    let requests: Vec<bool> = p.lines.iter().map(|l| l.is_request()).collect();
    assert_eq!(requests, [false, true, true]);
}

#[test]
fn line_items() {
    let p = price(&worked_example()).unwrap();
    // (3 + 0.5) x 95 = 332.50; 24.5 x 95 = 2,327.50; 16.7 x 95 = 1,586.50.
    let hourly: Vec<i64> = p.lines.iter().map(|l| l.hourly.cents()).collect();
    assert_eq!(hourly, [33_250, 232_750, 158_650]);
    // Covered: 0.00; 19 x 95 + 95 = 1,900.00; 16.2 x 95 + 95 = 1,634.00.
    let fixed: Vec<i64> = p.lines.iter().map(|l| l.fixed.cents()).collect();
    assert_eq!(fixed, [0, 190_000, 163_400]);
}

#[test]
fn totals_parts_and_cap() {
    let p = price(&worked_example()).unwrap();
    let hourly = p.part(Contract::Hourly);
    // 11,400.00 + 4,246.50 = 15,646.50.
    assert_eq!(cents([hourly.total, hourly.baseline, hourly.changes]), [1_564_650, 1_140_000, 424_650]);
    let fixed = p.part(Contract::Fixed);
    // 120 h x 95 x 1.2 = 13,680.00; + 3,534.00 = 17,214.00.
    assert_eq!(cents([fixed.total, fixed.baseline, fixed.changes]), [1_721_400, 1_368_000, 353_400]);
    assert_eq!(p.fixed_price.cents(), 1_368_000);
    // Cap 120 x 95 x 1.15 = 13,110.00 does not bind on 11,400.00.
    assert_eq!(p.cap.cents(), 1_311_000);
    let capped = p.part(Contract::Capped);
    assert_eq!(cents([capped.total, capped.baseline, capped.changes]), [1_564_650, 1_140_000, 424_650]);
}

#[test]
fn cost_of_churn() {
    let p = price(&worked_example()).unwrap();
    // 4,246.50 / 11,400.00 = 37.25 %; 3,534.00 / 13,680.00 = 25.833 % -> 25.83 %.
    assert_eq!(p.part(Contract::Hourly).churn_bp(), Some(3_725));
    assert_eq!(p.part(Contract::Fixed).churn_bp(), Some(2_583));
    assert_eq!(p.part(Contract::Capped).churn_bp(), Some(3_725));
}

#[test]
fn series_after_each_change() {
    let p = price(&worked_example()).unwrap();
    let series: Vec<[i64; 3]> = p.series.iter().map(|&t| cents(t)).collect();
    assert_eq!(
        series,
        [
            // [hourly, fixed, capped] after 0 changes.
            [1_140_000, 1_368_000, 1_140_000],
            // + 332.50 / + 0.00.
            [1_173_250, 1_368_000, 1_173_250],
            // + 2,327.50 / + 1,900.00.
            [1_406_000, 1_558_000, 1_406_000],
            // + 1,586.50 / + 1,634.00.
            [1_564_650, 1_721_400, 1_564_650],
        ]
    );
}

#[test]
fn vat_on_the_net_totals() {
    let p = price(&worked_example()).unwrap();
    // 15,646.50 x 19 % = 2,972.835 -> 2,972.84 (half away from zero).
    assert_eq!(p.part(Contract::Hourly).total.percent(1_900), Ok(Money::from_cents(297_284)));
    // 17,214.00 x 19 % = 3,270.66.
    assert_eq!(p.part(Contract::Fixed).total.percent(1_900), Ok(Money::from_cents(327_066)));
}
