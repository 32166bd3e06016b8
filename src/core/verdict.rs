//! The verdict's figures (MODEL.md, "The verdict: what the client is
//! told"): for a pair of contracts priced on the same simulated draws, how
//! often each is cheaper as whole outcomes of 100, the middle outcomes, the
//! averages and the bad case. The sentences are in `insight.rs`.

use crate::core::money::Money;
use crate::core::scenario::Contract;
use crate::core::simulate::{Pair, Simulation};

/// How often something happens, of 100 outcomes: 0 and 100 only where they
/// are exact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Share {
    /// In no trial.
    None,
    /// In some trials, but fewer than 1 of 100.
    Fewer,
    /// In about this many of 100 (1 to 99).
    Of(u32),
    /// In all trials but a few: more than 99 of 100.
    More,
    /// In every trial.
    All,
}

impl Share {
    /// Whether it happens at all.
    pub fn some(self) -> bool {
        self != Share::None
    }

    /// Its whole number of 100 (`Fewer` is 0, `More` 100), as the
    /// shares of one comparison add up.
    pub fn of_100(self) -> u32 {
        match self {
            Share::None | Share::Fewer => 0,
            Share::Of(n) => n,
            Share::More | Share::All => 100,
        }
    }
}

/// `counts` of `trials` as whole outcomes of 100 that add up to 100: each
/// rounded half up on its own, so that equal counts read the same; where
/// they do not add up to 100, the largest count takes the difference (by
/// rounding, a point or two). 0 where some happened is [`Share::Fewer`],
/// 100 where not all did [`Share::More`]. (Three counts, the third 0
/// where there are only two: one plain loop, no generic code in the wasm.)
pub fn shares(counts: [u32; 3], trials: u32) -> [Share; 3] {
    let trials = u64::from(trials.max(1));
    let mut whole = [0i64; 3];
    let mut largest = 0;
    for i in 0..3 {
        whole[i] = ((u64::from(counts[i]) * 200 + trials) / (trials * 2)) as i64;
        if counts[i] > counts[largest] {
            largest = i;
        }
    }
    whole[largest] += 100 - whole.iter().sum::<i64>();
    let mut out = [Share::None; 3];
    for i in 0..3 {
        out[i] = match (u64::from(counts[i]), whole[i]) {
            (0, _) => Share::None,
            (c, _) if c >= trials => Share::All,
            (_, ..=0) => Share::Fewer,
            (_, 100..) => Share::More,
            (_, n) => Share::Of(n as u32),
        };
    }
    out
}

/// Two contracts compared over the simulated outcomes after all changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Comparison {
    /// The contract compared with the fixed price: hourly, or capped hourly.
    pub contract: Contract,
    /// How often `contract` is cheaper, the fixed price is, both the same.
    pub odds: [Share; 3],
    /// The middle outcome of `contract` minus the fixed price (the paired
    /// P50 difference): negative where `contract` is cheaper.
    pub middle: Money,
    /// The averages of `contract` and of the fixed price.
    pub mean: [Money; 2],
    /// The 90th percentile of `contract` minus the fixed price: in the
    /// worst 1 in 10 outcomes `contract` costs at least this much more.
    pub bad: Money,
}

impl Comparison {
    /// `contract` (hourly or capped) against the fixed price in `sim`.
    pub fn new(sim: &Simulation, contract: Contract) -> Comparison {
        let pair: &Pair = if contract == Contract::Capped { &sim.capped_fixed } else { &sim.hourly_fixed };
        let (c, f) = (contract as usize, Contract::Fixed as usize);
        Comparison {
            contract,
            odds: shares([pair.first, pair.second, pair.ties], sim.trials),
            middle: pair.middle,
            mean: [sim.means[c], sim.means[f]],
            bad: pair.bad,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_add_up_to_100_and_name_0_and_100_only_when_exact() {
        assert_eq!(shares([773, 1_227, 0], 2_000), [Share::Of(39), Share::Of(61), Share::None]);
        assert_eq!(shares([2_000, 0, 0], 2_000), [Share::All, Share::None, Share::None]);
        // 0.05 % and 99.95 %: some, and not all.
        assert_eq!(shares([1, 1_999, 0], 2_000), [Share::Fewer, Share::More, Share::None]);
        assert_eq!(shares([0, 2_000, 0], 2_000), [Share::None, Share::All, Share::None]);
        // Equal counts read the same: 0.6 % each is 1 of 100, the largest
        // gives up what rounding added (98.8 % -> 98).
        assert_eq!(shares([1_976, 12, 12], 2_000), [Share::Of(98), Share::Of(1), Share::Of(1)]);
        assert_eq!(shares([6, 6, 988], 1_000), [Share::Of(1), Share::Of(1), Share::Of(98)]);
        // 33.3 each: the largest (the first of equals) takes the rest.
        assert_eq!(shares([1, 1, 1], 3), [Share::Of(34), Share::Of(33), Share::Of(33)]);
        for counts in [[5u32, 7, 988], [333, 333, 334], [1, 0, 999], [500, 0, 500], [4, 4, 992]] {
            let sum: u32 = shares(counts, 1_000).iter().map(|s| s.of_100()).sum();
            assert_eq!(sum, 100, "{counts:?}");
        }
    }
}
