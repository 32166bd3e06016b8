//! The Monte Carlo simulation of MODEL.md: every low / likely / high
//! estimate sampled from a triangular distribution whose mode is the likely
//! value and whose 10th and 90th percentiles are the entered best and worst
//! case ("What a range means": a range is read as 80 % bounds), each sample priced
//! exactly like the likely figures, and P10 / P50 / P90 of every contract's
//! total along the series. Seeded from the scenario's saved form, so the
//! same scenario shows the same figures everywhere.
//!
//! The only floating point of the model is here. A trial prices its sampled
//! efforts in f64 minutes with the model's formulas, each line item rounded
//! half away from zero to the cent, so a trial costs a few dozen
//! floating-point operations per change and no 128-bit arithmetic (which
//! WebAssembly does in software). A scenario whose every estimate is a
//! single number has nothing to sample: its trials are priced once with
//! the exact engine, so P10 = P50 = P90 = the deterministic totals to the
//! cent. IEEE arithmetic without fused operations gives the same figures
//! natively and in WebAssembly.

use crate::core::effort::Effort;
use crate::core::money::{Money, MoneyError};
use crate::core::pricing::Engine;
use crate::core::rng::{Fnv, Rng};
use crate::core::saved::encode;
use crate::core::scenario::{Kind, Range, Scenario};

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

/// How two contracts compare over the same trials (paired: every trial
/// prices the same draws under both).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pair {
    /// Trials in which the first contract is cheaper for the client.
    pub first: u32,
    /// Trials in which the second contract is cheaper.
    pub second: u32,
    /// Trials in which both cost the same to the cent.
    pub ties: u32,
    /// The middle (50th percentile, nearest rank) of the first contract's
    /// total minus the second's: the difference in the middle outcome,
    /// which points the same way as the odds.
    pub middle: Money,
    /// The 90th percentile of the first contract's total minus the
    /// second's (nearest rank): in at least 1 of 10 trials the first costs
    /// this much more or still more, in at least 9 of 10 at most this much
    /// more.
    pub bad: Money,
}

/// What the simulation reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Simulation {
    /// How many trials ran.
    pub trials: u32,
    /// The seed, from the scenario's content.
    pub seed: u64,
    /// Whether nothing varied: every estimate is a single number, so every
    /// trial gave the deterministic totals.
    pub exact: bool,
    /// The points of the series reported (numbers of changes), ascending:
    /// every point while there are at most 100 changes and trials x points
    /// stay within 500,000 (up to 4,950 trials); otherwise evenly spaced
    /// points, the first and the last always among them.
    pub points: Vec<usize>,
    /// Per reported point, per contract (in [`Contract`](crate::core::Contract)
    /// order), the band.
    pub bands: Vec<[Band; 3]>,
    /// Per contract, the average total after all changes, rounded half away
    /// from zero to the cent.
    pub means: [Money; 3],
    /// Hourly (first) against the fixed price (second) after all changes.
    pub hourly_fixed: Pair,
    /// Capped hourly (first) against the fixed price (second) after all
    /// changes.
    pub capped_fixed: Pair,
    /// Trials in which the cap limited the agreed scope (its hourly cost
    /// would have been above the cap).
    pub cap_applies: u32,
}

impl Simulation {
    /// The bands after all changes.
    pub fn last(&self) -> &[Band; 3] {
        // There is always at least the point 0.
        &self.bands[self.bands.len() - 1]
    }

    /// The simulation as numbers, to cross from the worker that ran it to
    /// the page (a `Float64Array`): the [`HEADER`] figures (trials, the
    /// seed's high and low 32 bits, whether it was exact, the cap's count,
    /// both pairs, the means, the number of points), the points, and per
    /// point and contract P10, P50, P90 in cents. Every one is an integer
    /// of at most 2^53 in magnitude, so f64 carries it exactly.
    pub fn to_numbers(&self) -> Vec<f64> {
        let mut out = Vec::with_capacity(HEADER + self.points.len() * 10);
        let pair = |p: &Pair| {
            [f64::from(p.first), f64::from(p.second), f64::from(p.ties), p.middle.cents() as f64, p.bad.cents() as f64]
        };
        out.extend([
            f64::from(self.trials),
            (self.seed >> 32) as f64,
            (self.seed & 0xffff_ffff) as f64,
            f64::from(u8::from(self.exact)),
            f64::from(self.cap_applies),
        ]);
        out.extend(pair(&self.hourly_fixed));
        out.extend(pair(&self.capped_fixed));
        out.extend(self.means.map(|m| m.cents() as f64));
        out.push(self.points.len() as f64);
        out.extend(self.points.iter().map(|&p| p as f64));
        for bands in &self.bands {
            for b in bands {
                out.extend([b.p10, b.p50, b.p90].map(|m| m.cents() as f64));
            }
        }
        out
    }

    /// The simulation [`Simulation::to_numbers`] wrote; `None` for anything
    /// else (wrong length, a number that is no integer or out of range,
    /// counts that do not add up to the trials).
    pub fn from_numbers(n: &[f64]) -> Option<Simulation> {
        let mut at = Numbers { n, at: 0 };
        let trials = at.count()?;
        let seed = at.half()? << 32 | at.half()?;
        let exact = match at.int()? {
            0 => false,
            1 => true,
            _ => return None,
        };
        let cap_applies = at.count().filter(|&c| c <= trials)?;
        let hourly_fixed = at.pair(trials)?;
        let capped_fixed = at.pair(trials)?;
        let means = [at.money()?, at.money()?, at.money()?];
        let count = usize::try_from(at.int()?).ok().filter(|&c| c > 0)?;
        if n.len() != HEADER.checked_add(count.checked_mul(10)?)? {
            return None;
        }
        let mut points = Vec::with_capacity(count);
        for _ in 0..count {
            points.push(usize::try_from(at.int()?).ok()?);
        }
        let mut bands = Vec::with_capacity(count);
        for _ in 0..count {
            bands.push([at.band()?, at.band()?, at.band()?]);
        }
        Some(Simulation { trials, seed, exact, points, bands, means, hourly_fixed, capped_fixed, cap_applies })
    }
}

/// Reads the numbers of [`Simulation::to_numbers`] in order.
struct Numbers<'a> {
    n: &'a [f64],
    at: usize,
}

impl Numbers<'_> {
    /// The next number as an integer that f64 holds exactly.
    fn int(&mut self) -> Option<i64> {
        const EXACT: f64 = 9_007_199_254_740_992.0;
        let x = *self.n.get(self.at)?;
        self.at += 1;
        (x.fract() == 0.0 && x.abs() <= EXACT).then_some(x as i64)
    }

    fn count(&mut self) -> Option<u32> {
        u32::try_from(self.int()?).ok()
    }

    fn half(&mut self) -> Option<u64> {
        u64::try_from(self.int()?).ok().filter(|&v| v <= 0xffff_ffff)
    }

    fn money(&mut self) -> Option<Money> {
        self.int().map(Money::from_cents)
    }

    fn band(&mut self) -> Option<Band> {
        Some(Band { p10: self.money()?, p50: self.money()?, p90: self.money()? })
    }

    /// A pair whose counts add up to `trials`.
    fn pair(&mut self, trials: u32) -> Option<Pair> {
        let p = Pair {
            first: self.count()?,
            second: self.count()?,
            ties: self.count()?,
            middle: self.money()?,
            bad: self.money()?,
        };
        (u64::from(p.first) + u64::from(p.second) + u64::from(p.ties) == u64::from(trials)).then_some(p)
    }
}

/// How many figures [`Simulation::to_numbers`] writes before the points.
const HEADER: usize = 19;

/// The seed of a scenario: FNV-1a of its saved form.
pub fn seed_of(scenario: &Scenario) -> u64 {
    let mut h = Fnv::default();
    h.write_json(&encode(scenario));
    h.finish()
}

/// The share of outcomes below an entered best case, and above an entered
/// worst case: they are read as the 10th and 90th percentiles (80 % bounds,
/// MODEL.md "What a range means").
pub const TAIL: f64 = 0.1;

/// Bisection steps of the fit: the share `t` to 2^-48, far below what
/// any percentile shown in cents can tell.
const FIT_STEPS: u32 = 48;

/// A triangular distribution ready for drawing, in minutes.
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
    /// Whether the fitted minimum was raised to zero effort.
    clamped: bool,
}

impl Triangle {
    /// The distribution of an estimate (MODEL.md, "What a range means"):
    /// its mode is `range.likely`, and `range.low` and `range.high` are its
    /// 10th and 90th percentiles. Where the fitted minimum would fall below
    /// zero effort, it is zero and the maximum is fitted alone to keep the
    /// 90th percentile; the 10th percentile then lies above `range.low`
    /// (see [`Triangle::clamped`]). A range whose three values are equal
    /// is that number.
    ///
    /// The fit: with `L = likely - low`, `H = high - likely`, a minimum
    /// `likely - t s` and a maximum `likely + (1 - t) s`, the percentiles
    /// give `L = s (t - sqrt(0.1 t))` and `H = s ((1 - t) - sqrt(0.1 (1 -
    /// t)))` for `t` in [0.1, 0.9]. `L / H` grows with `t`, so `t` is found
    /// by bisection and `s` from `L + H`.
    pub fn new(range: &Range) -> Triangle {
        if range.low == range.high {
            return Triangle { exact: Some(Effort::e8(range.likely)), ..Triangle::between(0.0, 0.0, 0.0) };
        }
        let c = f64::from(range.likely);
        let (l, h) = (c - f64::from(range.low), f64::from(range.high) - c);
        let below = |t: f64| t - (TAIL * t).sqrt();
        let above = |t: f64| below(1.0 - t);
        let (mut lo, mut hi) = (TAIL, 1.0 - TAIL);
        for _ in 0..FIT_STEPS {
            let t = (lo + hi) / 2.0;
            // Increasing in t: negative at 0.1, non-negative at 0.9.
            if h * below(t) - l * above(t) < 0.0 {
                lo = t;
            } else {
                hi = t;
            }
        }
        let t = (lo + hi) / 2.0;
        let s = (l + h) / (below(t) + above(t));
        let min = c - t * s;
        if min >= 0.0 {
            return Triangle::between(min, c, c + (1.0 - t) * s);
        }
        // min = 0: 1 - (b - w)^2 / (b (b - c)) = 0.9 for the maximum b,
        // i.e. 0.9 b^2 - (2 w - 0.1 c) b + w^2 = 0, the larger root.
        let w = f64::from(range.high);
        let p = 2.0 * w - TAIL * c;
        let q = 1.0 - TAIL;
        let max = (p + (p * p - 4.0 * q * w * w).max(0.0).sqrt()) / (2.0 * q);
        Triangle { clamped: true, ..Triangle::between(0.0, c, max) }
    }

    /// The triangle with minimum `low`, mode `likely` and maximum `high`
    /// (minutes, `low <= likely <= high`), drawn as it is.
    pub fn between(low: f64, likely: f64, high: f64) -> Triangle {
        let width = high - low;
        Triangle {
            low,
            high,
            split: if width > 0.0 { (likely - low) / width } else { 0.0 },
            rise: width * (likely - low),
            fall: width * (high - likely),
            exact: None,
            clamped: false,
        }
    }

    /// The value below which a share `p` (in [0, 1]) of draws fall, in
    /// minutes: the inverse of the distribution function.
    pub fn quantile(&self, p: f64) -> f64 {
        if let Some(e8) = self.exact {
            return e8 as f64 / 1e8;
        }
        if p < self.split {
            self.low + (p * self.rise).sqrt()
        } else {
            self.high - ((1.0 - p) * self.fall).sqrt()
        }
    }

    /// Whether effort could not go as low as the fit asked, so that the
    /// 10th percentile ([`Triangle::quantile`] at 0.1) lies above the
    /// entered best case.
    pub fn clamped(&self) -> bool {
        self.clamped
    }

    /// One draw in minutes, by inverting the distribution function at a
    /// uniform share; a degenerate range returns its value without
    /// drawing.
    pub fn minutes(&self, rng: &mut Rng) -> f64 {
        match self.exact {
            Some(e8) => e8 as f64 / 1e8,
            None => self.quantile(rng.unit()),
        }
    }

    /// [`Triangle::minutes`] on the grid of 10^-8 minute ([`Effort::e8`]):
    /// the draw the simulation prices, in the unit the tests count.
    pub fn sample(&self, rng: &mut Rng) -> i64 {
        if let Some(e8) = self.exact {
            return e8;
        }
        // At most 600,000 minutes times a few: x * 10^8 < 2^53. Rounded
        // half up by hand: `f64::round` is a library call on most targets.
        (self.minutes(rng) * 1e8 + 0.5) as i64
    }

    /// Whether the range is a single number.
    pub fn is_exact(&self) -> bool {
        self.exact.is_some()
    }
}

/// The cents of a non-negative amount, half away from zero (`f64::round`
/// is a library call in WebAssembly).
fn cents(amount: f64) -> i64 {
    // Truncation is floor for the non-negative amounts priced here, and a
    // single instruction on every target (`floor` is not, on x86-64).
    (amount + 0.5) as i64
}

/// The model of [`Engine`] in f64 minutes, for sampled trials.
#[derive(Clone, Debug)]
struct Fast {
    /// Cents per minute.
    rate: f64,
    switch: f64,
    admin: f64,
    /// The change-request multiplier as a factor.
    cr_rate: f64,
    allowance: f64,
    fixed_price: i64,
    cap: i64,
    changes: Vec<FastChange>,
}

#[derive(Clone, Copy, Debug)]
struct FastChange {
    effort: Triangle,
    multiplier: f64,
    /// Stakeholder overhead in minutes, not multiplied.
    overhead: f64,
    /// A rework given as a share: its minutes before the multiplier.
    shared: Option<f64>,
}

impl Fast {
    fn new(s: &Scenario, engine: &Engine) -> Fast {
        let likely = f64::from(s.baseline.likely);
        let changes = s
            .changes
            .iter()
            .map(|c| {
                let phase = c.phase.index();
                let remaining = f64::from(s.remaining[phase]) / 1e4;
                let overhead =
                    if c.kind == Kind::Stakeholder { f64::from(s.overhead) / 1e4 * likely * remaining } else { 0.0 };
                let shared = c.rework_share().map(|share| f64::from(share) / 1e4 * likely * (1.0 - remaining.min(1.0)));
                let multiplier = f64::from(s.multipliers[phase]) / 1e4;
                FastChange { effort: Triangle::new(&c.effort), multiplier, overhead, shared }
            })
            .collect();
        Fast {
            rate: s.rate.cents() as f64 / 60.0,
            switch: f64::from(s.switch),
            admin: f64::from(s.cr_admin),
            cr_rate: f64::from(s.cr_rate) / 1e4,
            allowance: f64::from(s.allowance),
            fixed_price: engine.fixed_price().cents(),
            cap: engine.cap().cents(),
            changes,
        }
    }
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

/// The nearest-rank percentiles P10, P50, P90 of `values`: the values at
/// ranks ceil(p/100 x n). A histogram of 1,024 buckets over the values'
/// range finds the bucket of each rank; one more pass gathers those
/// buckets' few values into `scratch`, which is sorted. Two passes instead
/// of three selections: about twice as fast for thousands of values, and
/// exact.
fn band(values: &[i64], scratch: &mut Vec<i64>) -> Band {
    const BUCKETS: usize = 1_024;
    let n = values.len();
    if n == 0 {
        return Band::default();
    }
    let rank = |p: usize| (p * n).div_ceil(100).max(1) - 1;
    let ranks = [rank(10), rank(50), rank(90)];
    let (lo, hi) = values.iter().fold((i64::MAX, i64::MIN), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    if lo == hi {
        let all = Money::from_cents(lo);
        return Band { p10: all, p50: all, p90: all };
    }
    // Shift so that the span fits the buckets.
    let shift = (u64::BITS - hi.abs_diff(lo).leading_zeros()).saturating_sub(BUCKETS.trailing_zeros());
    let bucket = |v: i64| (v.abs_diff(lo) >> shift) as usize;
    let mut counts = [0u32; BUCKETS];
    for &v in values {
        counts[bucket(v)] += 1;
    }
    // The bucket of each rank, and how many values lie in lower buckets.
    let mut target = [(0usize, 0usize); 3];
    let (mut below, mut b) = (0usize, 0usize);
    for (t, &r) in target.iter_mut().zip(&ranks) {
        while below + counts[b] as usize <= r {
            below += counts[b] as usize;
            b += 1;
        }
        *t = (b, below);
    }
    scratch.clear();
    scratch.extend(values.iter().copied().filter(|&v| target.iter().any(|&(b, _)| bucket(v) == b)));
    crate::core::sort::heapsort(scratch);
    // Within the sorted gathered values, a target bucket starts after the
    // gathered values of the (distinct) target buckets below it.
    let found = target.map(|(b, below)| {
        let mut skipped = 0;
        let mut seen = usize::MAX;
        for &(other, _) in &target {
            if other < b && other != seen {
                skipped += counts[other] as usize;
                seen = other;
            }
        }
        let rank = ranks[target.iter().position(|&(x, y)| (x, y) == (b, below)).unwrap_or(0)];
        scratch[skipped + rank - below]
    });
    let [p10, p50, p90] = found.map(Money::from_cents);
    Band { p10, p50, p90 }
}

/// A simulation in progress: trials run in slices, so that a browser can
/// keep answering keystrokes between them.
pub struct Runner {
    fast: Fast,
    baseline: Triangle,
    /// The deterministic totals at each reported point, when nothing is
    /// left to sample.
    exact: Option<Vec<[i64; 3]>>,
    points: Vec<usize>,
    rng: Rng,
    seed: u64,
    trials: usize,
    done: usize,
    /// [point][contract][trial], so that each band's values are contiguous.
    cells: Vec<i64>,
    /// The bands of the points settled so far (after the last trial).
    bands: Vec<[Band; 3]>,
    scratch: Vec<i64>,
}

impl Runner {
    /// Prepares `scenario.trials` trials.
    ///
    /// # Errors
    /// [`MoneyError`] when a figure of the scenario leaves `i64` cents.
    pub fn new(scenario: &Scenario) -> Result<Runner, MoneyError> {
        let trials = scenario.trials.max(1) as usize;
        let points = points(scenario.changes.len(), trials);
        let seed = seed_of(scenario);
        let engine = Engine::new(scenario)?;
        let fast = Fast::new(scenario, &engine);
        let baseline = Triangle::new(&scenario.baseline);
        let fixed = baseline.is_exact() && fast.changes.iter().all(|c| c.effort.is_exact() || c.shared.is_some());
        let exact = if fixed {
            let p = crate::core::pricing::price(scenario)?;
            Some(points.iter().map(|&k| p.series[k].map(Money::cents)).collect())
        } else {
            None
        };
        Ok(Runner {
            fast,
            baseline,
            exact,
            cells: vec![0; points.len() * 3 * trials],
            points,
            rng: Rng::new(seed),
            seed,
            trials,
            done: 0,
            bands: Vec::new(),
            scratch: Vec::new(),
        })
    }

    /// Runs up to `slice` more trials; `true` when all have run.
    ///
    /// # Errors
    /// None at present: sampled figures stay within the validated
    /// scenario's bounds; the `Result` keeps room for a check.
    pub fn advance(&mut self, slice: usize) -> Result<bool, MoneyError> {
        let end = self.done.saturating_add(slice).min(self.trials);
        let (cells, trials, points) = (&mut self.cells, self.trials, &self.points);
        let mut record = |point: usize, trial: usize, totals: &[i64; 3]| {
            for (c, &total) in totals.iter().enumerate() {
                cells[(point * 3 + c) * trials + trial] = total;
            }
        };
        for trial in self.done..end {
            if let Some(exact) = &self.exact {
                for (point, totals) in exact.iter().enumerate() {
                    record(point, trial, totals);
                }
                continue;
            }
            let f = &self.fast;
            let hourly = cents(self.baseline.minutes(&mut self.rng) * f.rate);
            let mut totals = [hourly, f.fixed_price, hourly.min(f.cap)];
            let mut left = f.allowance;
            let mut next = 0;
            if points[0] == 0 {
                record(0, trial, &totals);
                next = 1;
            }
            for (i, c) in f.changes.iter().enumerate() {
                let entered = match c.shared {
                    Some(minutes) => minutes,
                    None => c.effort.minutes(&mut self.rng),
                };
                let effective = entered * c.multiplier + c.overhead;
                let line = cents((effective + f.switch) * f.rate);
                let covered = effective.min(left);
                left -= covered;
                let uncovered = effective - covered;
                let request = if uncovered > 1e-9 { cents((uncovered * f.cr_rate + f.admin) * f.rate) } else { 0 };
                totals[0] += line;
                totals[1] += request;
                totals[2] += line;
                if points.get(next) == Some(&(i + 1)) {
                    record(next, trial, &totals);
                    next += 1;
                }
            }
        }
        self.done = end;
        Ok(self.done == self.trials)
    }

    /// The share of trials run so far, in basis points.
    pub fn progress_bp(&self) -> u32 {
        (self.done * 10_000 / self.trials) as u32
    }

    /// Once every trial has run, computes the bands of up to `points` more
    /// points of the series (the percentiles are a good part of the work,
    /// so a browser spreads them over slices too); `true` when all are
    /// done.
    pub fn settle(&mut self, points: usize) -> bool {
        if self.done < self.trials {
            return false;
        }
        let trials = self.trials;
        let end = self.bands.len().saturating_add(points).min(self.points.len());
        for point in self.bands.len()..end {
            let cells = &self.cells[point * 3 * trials..(point + 1) * 3 * trials];
            let mut contracts = cells.chunks(trials);
            let scratch = &mut self.scratch;
            self.bands.push([(); 3].map(|()| contracts.next().map(|v| band(v, scratch)).unwrap_or_default()));
        }
        self.bands.len() == self.points.len()
    }

    /// The figures, once every trial has run (see [`Runner::advance`]);
    /// settles what [`Runner::settle`] has not.
    pub fn finish(mut self) -> Simulation {
        self.settle(usize::MAX);
        let trials = self.trials;
        // Each contract's totals after all changes, and after none.
        let totals = |point: usize, contract: usize| {
            let start = (point * 3 + contract) * trials;
            &self.cells[start..start + trials]
        };
        let last = self.points.len() - 1;
        let [hourly, fixed, capped] = [0, 1, 2].map(|c| totals(last, c));
        let means = [hourly, fixed, capped].map(|values| {
            let sum: i128 = values.iter().map(|&v| i128::from(v)).sum();
            Money::from_ratio(sum, trials as i128).unwrap_or_default()
        });
        let scratch = &mut self.scratch;
        let mut pair = |first: &[i64], second: &[i64]| {
            let mut p = Pair::default();
            let differences: Vec<i64> = first.iter().zip(second).map(|(&a, &b)| a.saturating_sub(b)).collect();
            for &d in &differences {
                match d.signum() {
                    -1 => p.first += 1,
                    1 => p.second += 1,
                    _ => p.ties += 1,
                }
            }
            let b = band(&differences, scratch);
            (p.middle, p.bad) = (b.p50, b.p90);
            p
        };
        let hourly_fixed = pair(hourly, fixed);
        let capped_fixed = pair(capped, fixed);
        // The agreed scope alone is the total before any change.
        let cap_applies = totals(0, 2).iter().zip(totals(0, 0)).filter(|(c, h)| c < h).count() as u32;
        Simulation {
            trials: trials as u32,
            seed: self.seed,
            exact: self.exact.is_some(),
            points: self.points,
            bands: self.bands,
            means,
            hourly_fixed,
            capped_fixed,
            cap_applies,
        }
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
    fn a_simulation_crosses_to_the_page_as_numbers_unchanged() {
        let mut s = Scenario::default();
        for (i, kind) in [Kind::Tweak, Kind::Rework, Kind::Stakeholder].into_iter().enumerate() {
            let mut c = Change::new(i as u32 + 1, "", kind, 120, Phase::Build);
            c.effort = crate::core::scenario::Range { low: 60, likely: 120, high: 600 };
            s.changes.push(c);
        }
        let sim = simulate(&s).unwrap();
        let numbers = sim.to_numbers();
        assert_eq!(numbers.len(), HEADER + 4 * 10);
        assert_eq!(Simulation::from_numbers(&numbers), Some(sim.clone()));
        // Anything else is refused.
        assert_eq!(Simulation::from_numbers(&numbers[..numbers.len() - 1]), None);
        assert_eq!(Simulation::from_numbers(&[]), None);
        for (at, value) in [
            (HEADER + 2, 0.5), // a point that is no integer
            (3, 2.0),          // exact is 0 or 1
            (4, 2_001.0),      // the cap applied in more trials than ran
            (5, 2_001.0),      // a pair's counts that do not add up
            (15, 1e300),       // a mean beyond 2^53
        ] {
            let mut bad = numbers.clone();
            bad[at] = value;
            assert_eq!(Simulation::from_numbers(&bad), None, "{at}");
        }
    }

    #[test]
    fn nearest_rank_percentiles() {
        let mut scratch = Vec::new();
        let v: Vec<i64> = (1..=10).rev().collect();
        let b = band(&v, &mut scratch);
        assert_eq!((b.p10.cents(), b.p50.cents(), b.p90.cents()), (1, 5, 9));
        assert_eq!(band(&[7], &mut scratch).p90.cents(), 7);
        // Against sorting, on values that crowd into few buckets and spread
        // over many.
        let mut x: u64 = 88_172_645_463_325_252;
        for spread in [3i64, 1_000, 1 << 40] {
            let v: Vec<i64> = (0..2_001)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    (x % spread as u64) as i64 - spread / 2
                })
                .collect();
            let mut sorted = v.clone();
            sorted.sort_unstable();
            let b = band(&v, &mut scratch);
            let n = sorted.len();
            let at = |p: usize| sorted[(p * n).div_ceil(100) - 1];
            assert_eq!((b.p10.cents(), b.p50.cents(), b.p90.cents()), (at(10), at(50), at(90)));
        }
    }

    #[test]
    fn degenerate_estimates_give_the_deterministic_totals() {
        let s = Scenario {
            baseline: Range::exact(7_200),
            changes: vec![
                Change::new(1, "a", Kind::Tweak, 120, Phase::Build),
                Change::new(2, "b", Kind::Rework, 960, Phase::Build),
                Change::new(3, "c", Kind::Stakeholder, 360, Phase::Build),
            ],
            trials: 100,
            ..Scenario::default()
        };
        let sim = simulate(&s).unwrap();
        let p = price(&s).unwrap();
        assert_eq!(sim.points, [0, 1, 2, 3]);
        for (k, bands) in sim.bands.iter().enumerate() {
            for (c, b) in bands.iter().enumerate() {
                assert_eq!((b.p10, b.p50, b.p90), (p.series[k][c], p.series[k][c], p.series[k][c]));
            }
        }
        assert!(sim.exact);
        assert_eq!(sim.means, p.series[3]);
        let gap = p.series[3][0].checked_sub(p.series[3][1]).unwrap();
        assert_eq!(sim.hourly_fixed, Pair { first: 100, second: 0, ties: 0, middle: gap, bad: gap });
        assert_eq!(sim.cap_applies, 0);
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
