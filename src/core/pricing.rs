//! What the client pays under each contract: line items rounded once to the
//! cent, totals as their sums, and the series of totals after each change.

use crate::core::effort::{Bp, Effort, WHOLE};
use crate::core::money::{Money, MoneyError};
use crate::core::scenario::{Contract, Kind, Range, Scenario};

/// Which of the three estimates to price.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Point {
    /// Every estimate at its optimistic value.
    Low,
    /// Every estimate at its likely value: the figures the widget shows.
    Likely,
    /// Every estimate at its pessimistic value.
    High,
}

impl Point {
    /// The estimate of `range` at this point.
    pub fn of(self, range: &Range) -> u32 {
        match self {
            Point::Low => range.low,
            Point::Likely => range.likely,
            Point::High => range.high,
        }
    }
}

/// One change priced under each contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    /// Its effort times its phase multiplier, plus a stakeholder overhead.
    pub effective: Effort,
    /// Under hourly (and capped hourly): (effective + switch) x rate.
    pub hourly: Money,
    /// Under fixed price: the allowance it used.
    pub covered: Effort,
    /// Under fixed price: the formal change request, or zero when the
    /// allowance covered it.
    pub fixed: Money,
}

impl Line {
    /// Whether it needs a formal change request under fixed price.
    pub fn is_request(&self) -> bool {
        self.covered < self.effective
    }
}

/// One contract's figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Part {
    /// What the client pays in all.
    pub total: Money,
    /// The part for the agreed concept.
    pub baseline: Money,
    /// The part for the changes.
    pub changes: Money,
}

impl Part {
    /// The cost of churn: the change part as a share of the baseline part,
    /// in basis points; `None` when the baseline part is zero.
    pub fn churn_bp(&self) -> Option<i64> {
        self.changes.ratio_bp(self.baseline)
    }
}

/// Every figure of a scenario at one point.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pricing {
    /// The figures per contract, indexed by [`Contract`].
    pub parts: [Part; 3],
    /// The capped contract's ceiling on the baseline part.
    pub cap: Money,
    /// The fixed price (computed or explicit) before changes.
    pub fixed_price: Money,
    /// Each change, in order.
    pub lines: Vec<Line>,
    /// Each contract's total after 0, 1, ..., n changes.
    pub series: Vec<[Money; 3]>,
}

impl Pricing {
    /// The figures of one contract.
    pub fn part(&self, contract: Contract) -> &Part {
        &self.parts[contract as usize]
    }

    /// The VAT on a net amount, rounded once on the net total.
    ///
    /// # Errors
    /// [`MoneyError`] when the amount leaves `i64` cents.
    pub fn vat(net: Money, vat: Bp) -> Result<Money, MoneyError> {
        net.percent(vat)
    }
}

/// A scenario made ready for pricing: everything that does not depend on
/// the estimates being priced. The simulation prices thousands of samples
/// with one of these.
#[derive(Clone, Debug)]
pub struct Engine {
    rate: Money,
    switch: Effort,
    allowance: Effort,
    cr_rate: Bp,
    admin: Effort,
    fixed_price: Money,
    cap: Money,
    changes: Vec<Prepared>,
}

/// The fixed part of one change's effective effort.
#[derive(Clone, Copy, Debug)]
struct Prepared {
    multiplier: Bp,
    /// Stakeholder overhead, not multiplied.
    overhead: Effort,
    /// A rework entered as a share: its effort before the multiplier, in
    /// 10^-8 minute (likely baseline x share x done share).
    shared: Option<i64>,
}

/// Running totals while the changes are priced in order.
#[derive(Clone, Copy, Debug)]
pub struct Tally {
    /// The hourly baseline part at the point being priced.
    pub baseline: Money,
    /// Each contract's total so far.
    pub totals: [Money; 3],
    /// Allowance still unused.
    pub allowance: Effort,
}

impl Engine {
    /// Prepares `scenario` for pricing.
    ///
    /// # Errors
    /// [`MoneyError`] when the fixed price or the cap leaves `i64` cents.
    pub fn new(scenario: &Scenario) -> Result<Engine, MoneyError> {
        let likely = Effort::minutes(scenario.baseline.likely);
        let rate = scenario.rate;
        let fixed_price = match scenario.fixed_price {
            Some(price) => price,
            None => likely.cost(rate, WHOLE + scenario.premium)?,
        };
        let changes = scenario
            .changes
            .iter()
            .map(|c| {
                let phase = c.phase.index();
                let remaining = scenario.remaining[phase];
                let overhead = if c.kind == Kind::Stakeholder {
                    Effort::scaled(scenario.baseline.likely, &[scenario.overhead, remaining])
                } else {
                    Effort::ZERO
                };
                let done = WHOLE - remaining.min(WHOLE);
                let shared = c
                    .rework_share()
                    .map(|share| i64::from(scenario.baseline.likely) * i64::from(share) * i64::from(done));
                Prepared { multiplier: scenario.multipliers[phase], overhead, shared }
            })
            .collect();
        Ok(Engine {
            rate,
            switch: Effort::minutes(scenario.switch),
            allowance: Effort::minutes(scenario.allowance),
            cr_rate: scenario.cr_rate,
            admin: Effort::minutes(scenario.cr_admin),
            fixed_price,
            cap: likely.cost(rate, WHOLE + scenario.cap)?,
            changes,
        })
    }

    /// The fixed price before changes.
    pub fn fixed_price(&self) -> Money {
        self.fixed_price
    }

    /// The ceiling on the capped contract's baseline part.
    pub fn cap(&self) -> Money {
        self.cap
    }

    /// The number of changes.
    pub fn len(&self) -> usize {
        self.changes.len()
    }

    /// Whether there are no changes.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Starts pricing with the baseline at `baseline`: the totals before
    /// any change.
    ///
    /// # Errors
    /// [`MoneyError`] when the baseline part leaves `i64` cents.
    pub fn start(&self, baseline: Effort) -> Result<Tally, MoneyError> {
        let hourly = baseline.cost(self.rate, WHOLE)?;
        Ok(Tally {
            baseline: hourly,
            totals: [hourly, self.fixed_price, hourly.min(self.cap)],
            allowance: self.allowance,
        })
    }

    /// Prices change `index` with its entered effort at `entered` (in
    /// 10^-8 minute, see [`Effort::e8`]; ignored for a rework entered as a
    /// share), adds it to `tally`, and returns its line.
    ///
    /// # Errors
    /// [`MoneyError`] when an amount leaves `i64` cents.
    pub fn step(&self, tally: &mut Tally, index: usize, entered: i64) -> Result<Line, MoneyError> {
        self.add(tally, self.effective(index, entered))
    }

    /// Prices one more change of `effective` effort (already multiplied),
    /// adds it to `tally`, and returns its line.
    ///
    /// # Errors
    /// [`MoneyError`] when an amount leaves `i64` cents.
    pub fn add(&self, tally: &mut Tally, effective: Effort) -> Result<Line, MoneyError> {
        let hourly = effective.plus(self.switch).cost(self.rate, WHOLE)?;
        let covered = effective.min(tally.allowance);
        tally.allowance = tally.allowance.minus(covered);
        let uncovered = effective.minus(covered);
        let fixed = if uncovered > Effort::ZERO { self.request(uncovered)? } else { Money::ZERO };
        let [h, f, c] = tally.totals;
        tally.totals = [h.checked_add(hourly)?, f.checked_add(fixed)?, c.checked_add(hourly)?];
        Ok(Line { effective, hourly, covered, fixed })
    }

    /// The effective effort of change `index` with its entered effort at
    /// `entered` (10^-8 minute).
    pub fn effective(&self, index: usize, entered: i64) -> Effort {
        let c = &self.changes[index];
        Effort::e8_times(c.shared.unwrap_or(entered), c.multiplier).plus(c.overhead)
    }

    /// The hourly rate.
    pub fn rate(&self) -> Money {
        self.rate
    }

    /// The coordination effort per change under hourly.
    pub fn switch(&self) -> Effort {
        self.switch
    }

    /// The price of one formal change request for `uncovered` effort.
    ///
    /// # Errors
    /// [`MoneyError`] when the amount leaves `i64` cents.
    pub fn request(&self, uncovered: Effort) -> Result<Money, MoneyError> {
        Effort::cost_of_sum(&[(uncovered, self.cr_rate), (self.admin, WHOLE)], self.rate)
    }

    /// The allowance of the fixed price.
    pub fn allowance(&self) -> Effort {
        self.allowance
    }
}

/// The figures the widget shows: every estimate at its likely value.
///
/// # Errors
/// [`MoneyError`] when a figure leaves `i64` cents; a validated scenario
/// stays far below that.
pub fn price(scenario: &Scenario) -> Result<Pricing, MoneyError> {
    price_at(scenario, Point::Likely)
}

/// The figures with every estimate at `point`.
///
/// # Errors
/// [`MoneyError`] when a figure leaves `i64` cents.
pub fn price_at(scenario: &Scenario, point: Point) -> Result<Pricing, MoneyError> {
    let engine = Engine::new(scenario)?;
    let mut tally = engine.start(Effort::minutes(point.of(&scenario.baseline)))?;
    let mut lines = Vec::with_capacity(scenario.changes.len());
    let mut series = Vec::with_capacity(scenario.changes.len() + 1);
    series.push(tally.totals);
    for (index, change) in scenario.changes.iter().enumerate() {
        lines.push(engine.step(&mut tally, index, Effort::e8(point.of(&change.effort)))?);
        series.push(tally.totals);
    }
    let [hourly, fixed, capped] = tally.totals;
    let capped_baseline = tally.baseline.min(engine.cap);
    let parts = [
        Part { total: hourly, baseline: tally.baseline, changes: hourly.checked_sub(tally.baseline)? },
        Part { total: fixed, baseline: engine.fixed_price, changes: fixed.checked_sub(engine.fixed_price)? },
        Part { total: capped, baseline: capped_baseline, changes: capped.checked_sub(capped_baseline)? },
    ];
    Ok(Pricing { parts, cap: engine.cap, fixed_price: engine.fixed_price, lines, series })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::core::scenario::fixtures::worked_example;

    #[test]
    fn worked_example_line_by_line() {
        let p = price(&worked_example()).unwrap();
        let hourly: Vec<i64> = p.lines.iter().map(|l| l.hourly.cents()).collect();
        let fixed: Vec<i64> = p.lines.iter().map(|l| l.fixed.cents()).collect();
        assert_eq!(hourly, [33_250, 232_750, 158_650]);
        assert_eq!(fixed, [0, 190_000, 163_400]);
        assert_eq!(p.lines[2].effective, Effort::minutes(972));
        assert_eq!(p.part(Contract::Hourly).total.cents(), 1_564_650);
        assert_eq!(p.part(Contract::Fixed).total.cents(), 1_721_400);
        assert_eq!(p.part(Contract::Capped).total.cents(), 1_564_650);
        assert_eq!(p.cap.cents(), 1_311_000);
        assert_eq!(p.part(Contract::Hourly).churn_bp(), Some(3_725));
        assert_eq!(p.part(Contract::Fixed).churn_bp(), Some(2_583));
        assert_eq!(p.series.len(), 4);
        assert_eq!(p.series[1].map(Money::cents), [1_173_250, 1_368_000, 1_173_250]);
    }

    #[test]
    fn no_changes_is_the_baseline() {
        let p = price(&Scenario::default()).unwrap();
        assert_eq!(p.parts.map(|x| x.total.cents()), [1_140_000, 1_368_000, 1_140_000]);
        assert_eq!(p.parts.map(|x| x.churn_bp()), [Some(0); 3]);
    }
}
