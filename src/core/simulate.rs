//! The Monte Carlo simulation of MODEL.md: every low / likely / high
//! estimate sampled from a triangular distribution, each sample priced
//! exactly like the likely figures, and P10 / P50 / P90 of every contract's
//! total along the series. Seeded from the scenario's saved form, so the
//! same scenario shows the same figures everywhere.
//!
//! The only floating point of the model is here, in the sampling: a sampled
//! effort lands on a grid of 10^-8 minute and is then priced with the same
//! integer arithmetic as everything else, so a degenerate estimate (low =
//! likely = high) samples exactly its value and gives exactly the
//! deterministic total.

use crate::core::effort::{Effort, WHOLE};
use crate::core::money::{Money, MoneyError};
use crate::core::pricing::Engine;
use crate::core::rng::{Fnv, Rng};
use crate::core::saved::encode;
use crate::core::scenario::{Range, Scenario};

/// The most trials x reported points kept in memory (12 MB of cents for
/// three contracts); beyond it, fewer points of the series are reported.
const MAX_CELLS: usize = 500_000;
/// The most points of the series reported, evenly spaced, first and last
/// always among them.
const MAX_POINTS: usize = 101;

/// P10, P50 and P90 of one contract's total at one point.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Band {
    /// 10 % of outcomes are at or below this.
    pub p10: Money,
    /// The median.
    pub p50: Money,
    /// 90 % of outcomes are at or below this.
    pub p90: Money,
}

/// What the simulation reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Simulation {
    /// How many trials ran.
    pub trials: u32,
    /// The seed, from the scenario's content.
    pub seed: u64,
    /// The points of the series reported (numbers of changes), ascending:
    /// every point while there are at most 100 changes and trials x points
    /// stay within 500,000 (up to 4,950 trials); otherwise evenly spaced
    /// points, the first and the last always among them.
    pub points: Vec<usize>,
    /// Per reported point, per contract (in [`Contract`](crate::core::Contract)
    /// order), the band.
    pub bands: Vec<[Band; 3]>,
    /// The share of trials, in basis points, in which the fixed price is
    /// cheaper for the client than hourly after all changes.
    pub fixed_cheaper_bp: u32,
}

impl Simulation {
    /// The bands after all changes.
    pub fn last(&self) -> &[Band; 3] {
        // There is always at least the point 0.
        &self.bands[self.bands.len() - 1]
    }
}

/// The seed of a scenario: FNV-1a of its saved form.
pub fn seed_of(scenario: &Scenario) -> u64 {
    let mut h = Fnv::default();
    h.write_json(&encode(scenario));
    h.finish()
}

/// A triangular distribution ready for drawing.
#[derive(Clone, Copy, Debug)]
pub struct Triangle {
    low: f64,
    high: f64,
    /// P(x <= likely).
    split: f64,
    /// (high - low)(likely - low).
    rise: f64,
    /// (high - low)(high - likely).
    fall: f64,
    /// The value of a degenerate range, on the grid.
    exact: Option<i64>,
}

impl Triangle {
    /// The distribution of `range`.
    pub fn new(range: &Range) -> Triangle {
        let (a, c, b) = (f64::from(range.low), f64::from(range.likely), f64::from(range.high));
        let exact = (range.low == range.high).then(|| Effort::e8(range.likely));
        let width = b - a;
        Triangle {
            low: a,
            high: b,
            split: if width > 0.0 { (c - a) / width } else { 0.0 },
            rise: width * (c - a),
            fall: width * (b - c),
            exact,
        }
    }

    /// One draw, in 10^-8 minute (the grid of [`Effort::e8`]), by inverting
    /// the distribution function. A degenerate range returns its value
    /// without drawing.
    pub fn sample(&self, rng: &mut Rng) -> i64 {
        if let Some(e8) = self.exact {
            return e8;
        }
        let u = rng.unit();
        let x =
            if u < self.split { self.low + (u * self.rise).sqrt() } else { self.high - ((1.0 - u) * self.fall).sqrt() };
        // At most 600,000 minutes: x * 10^8 < 2^53. Rounded half up by
        // hand: `f64::round` is a library call on most targets.
        (x * 1e8 + 0.5) as i64
    }
}

/// One draw from the triangular distribution of `range` (see
/// [`Triangle::sample`]).
pub fn sample(rng: &mut Rng, range: &Range) -> i64 {
    Triangle::new(range).sample(rng)
}

/// The points of a series of `n` changes to report for `trials` trials.
fn points(n: usize, trials: usize) -> Vec<usize> {
    let most = (MAX_CELLS / trials.max(1)).clamp(2, MAX_POINTS);
    if n < most {
        return (0..=n).collect();
    }
    let mut p: Vec<usize> = (0..most).map(|i| i * n / (most - 1)).collect();
    p.dedup();
    p
}

/// The nearest-rank percentiles P10, P50, P90 of `values` (reordered).
fn band(values: &mut [i64]) -> Band {
    let n = values.len();
    let rank = |p: usize| (p * n).div_ceil(100).max(1) - 1;
    let (r10, r50, r90) = (rank(10), rank(50), rank(90));
    let (low, &mut p50, high) = values.select_nth_unstable(r50);
    let p10 = if r10 < r50 { *low.select_nth_unstable(r10).1 } else { p50 };
    let p90 = if r90 > r50 { *high.select_nth_unstable(r90 - r50 - 1).1 } else { p50 };
    Band { p10: Money::from_cents(p10), p50: Money::from_cents(p50), p90: Money::from_cents(p90) }
}

/// A simulation in progress: trials run in slices, so that a browser can
/// keep answering keystrokes between them.
pub struct Runner {
    engine: Engine,
    baseline: Triangle,
    changes: Vec<Triangle>,
    points: Vec<usize>,
    rng: Rng,
    seed: u64,
    trials: usize,
    done: usize,
    /// [point][contract][trial], so that each band's values are contiguous.
    cells: Vec<i64>,
    cheaper: u32,
}

impl Runner {
    /// Prepares `scenario.trials` trials.
    ///
    /// # Errors
    /// [`MoneyError`] when the fixed price or the cap leaves `i64` cents.
    pub fn new(scenario: &Scenario) -> Result<Runner, MoneyError> {
        let trials = scenario.trials.max(1) as usize;
        let points = points(scenario.changes.len(), trials);
        let seed = seed_of(scenario);
        Ok(Runner {
            engine: Engine::new(scenario)?,
            baseline: Triangle::new(&scenario.baseline),
            changes: scenario.changes.iter().map(|c| Triangle::new(&c.effort)).collect(),
            cells: vec![0; points.len() * 3 * trials],
            points,
            rng: Rng::new(seed),
            seed,
            trials,
            done: 0,
            cheaper: 0,
        })
    }

    /// Runs up to `slice` more trials; `true` when all have run.
    ///
    /// # Errors
    /// [`MoneyError`] when a sampled figure leaves `i64` cents (a validated
    /// scenario stays far below that).
    pub fn advance(&mut self, slice: usize) -> Result<bool, MoneyError> {
        let end = (self.done + slice).min(self.trials);
        for trial in self.done..end {
            let start = Effort::e8_times(self.baseline.sample(&mut self.rng), WHOLE);
            let mut tally = self.engine.start(start)?;
            let mut next = 0;
            if self.points[0] == 0 {
                self.record(0, trial, &tally.totals);
                next = 1;
            }
            for (i, change) in self.changes.iter().enumerate() {
                self.engine.step(&mut tally, i, change.sample(&mut self.rng))?;
                if self.points.get(next) == Some(&(i + 1)) {
                    let (cells, trials) = (&mut self.cells, self.trials);
                    for (c, total) in tally.totals.iter().enumerate() {
                        cells[(next * 3 + c) * trials + trial] = total.cents();
                    }
                    next += 1;
                }
            }
            if tally.totals[1] < tally.totals[0] {
                self.cheaper += 1;
            }
        }
        self.done = end;
        Ok(self.done == self.trials)
    }

    fn record(&mut self, point: usize, trial: usize, totals: &[Money; 3]) {
        for (c, total) in totals.iter().enumerate() {
            self.cells[(point * 3 + c) * self.trials + trial] = total.cents();
        }
    }

    /// The share of trials run so far, in basis points.
    pub fn progress_bp(&self) -> u32 {
        (self.done * 10_000 / self.trials) as u32
    }

    /// The figures, once every trial has run (see [`Runner::advance`]).
    pub fn finish(mut self) -> Simulation {
        let trials = self.trials;
        let bands = self
            .cells
            .chunks_mut(3 * trials)
            .map(|point| {
                let mut contracts = point.chunks_mut(trials);
                [(); 3].map(|()| contracts.next().map(band).unwrap_or_default())
            })
            .collect();
        let fixed_cheaper_bp = u32::try_from(u64::from(self.cheaper) * 10_000 / trials as u64).unwrap_or(10_000);
        Simulation { trials: trials as u32, seed: self.seed, points: self.points, bands, fixed_cheaper_bp }
    }
}

/// Runs `scenario.trials` trials at once.
///
/// # Errors
/// [`MoneyError`] when a sampled figure leaves `i64` cents (a validated
/// scenario stays far below that).
pub fn simulate(scenario: &Scenario) -> Result<Simulation, MoneyError> {
    let mut runner = Runner::new(scenario)?;
    runner.advance(usize::MAX)?;
    Ok(runner.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::pricing::price;
    use crate::core::scenario::{Change, Kind, Phase};

    #[test]
    fn nearest_rank_percentiles() {
        let mut v: Vec<i64> = (1..=10).rev().collect();
        let b = band(&mut v);
        assert_eq!((b.p10.cents(), b.p50.cents(), b.p90.cents()), (1, 5, 9));
        let mut one = vec![7];
        assert_eq!(band(&mut one).p90.cents(), 7);
    }

    #[test]
    fn degenerate_estimates_give_the_deterministic_totals() {
        let mut s = Scenario::default();
        s.baseline = Range::exact(7_200);
        s.changes = vec![
            Change::new(1, "a", Kind::Tweak, 120, Phase::Build),
            Change::new(2, "b", Kind::Rework, 960, Phase::Build),
            Change::new(3, "c", Kind::Stakeholder, 360, Phase::Build),
        ];
        s.trials = 100;
        let sim = simulate(&s).unwrap();
        let p = price(&s).unwrap();
        assert_eq!(sim.points, [0, 1, 2, 3]);
        for (k, bands) in sim.bands.iter().enumerate() {
            for c in 0..3 {
                let b = bands[c];
                assert_eq!((b.p10, b.p50, b.p90), (p.series[k][c], p.series[k][c], p.series[k][c]));
            }
        }
        assert_eq!(sim.fixed_cheaper_bp, 0);
    }

    #[test]
    fn many_changes_report_evenly_spaced_points() {
        assert_eq!(points(3, 2_000), [0, 1, 2, 3]);
        let p = points(1_000, 2_000);
        assert_eq!(p.len(), 101);
        assert_eq!((p[0], p[1], p[100]), (0, 10, 1_000));
        assert_eq!(points(1_000, 20_000).len(), 25);
    }

    #[test]
    fn slices_give_the_same_figures_as_one_run() {
        let mut s = Scenario::default();
        s.changes.push(Change::new(1, "x", Kind::Feature, 600, Phase::Acceptance));
        s.changes[0].effort = Range { low: 300, likely: 600, high: 1_800 };
        s.trials = 1_000;
        let mut r = Runner::new(&s).unwrap();
        let mut slices = 0;
        while !r.advance(300).unwrap() {
            slices += 1;
        }
        assert_eq!(slices, 3);
        assert_eq!(r.progress_bp(), 10_000);
        assert_eq!(r.finish(), simulate(&s).unwrap());
    }

    #[test]
    fn same_scenario_same_figures() {
        let mut s = Scenario::default();
        s.changes.push(Change::new(1, "x", Kind::Feature, 600, Phase::Acceptance));
        s.changes[0].effort = Range { low: 300, likely: 600, high: 1_800 };
        s.trials = 500;
        assert_eq!(simulate(&s).unwrap(), simulate(&s).unwrap());
        let mut t = s.clone();
        t.changes[0].title = "y".into();
        assert_ne!(seed_of(&s), seed_of(&t), "the seed follows the content");
    }
}
