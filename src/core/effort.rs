//! Exact effort: whole minutes as entered, fractions of a minute once shares
//! and multipliers apply, and money only at the end of a line item.

use crate::core::money::{Money, MoneyError};

/// Whole minutes, as the client enters effort (`1,5 h` is 90).
pub type Minutes = u32;

/// Basis points: 1 % is 100 bp, a multiplier of 1.5x is 15,000 bp.
pub type Bp = u32;

/// Basis points in one whole (100 %, 1.0x).
pub const WHOLE: Bp = 10_000;

/// Units of [`Effort`] in one minute.
const PER_MINUTE: i128 = 1_000_000_000_000;

/// An exact effort in units of 10^-12 minute. Minutes times up to three
/// basis-point factors (a share, a remaining share, a multiplier) land on
/// this grid without a remainder, so effort never rounds; only money does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Effort(i128);

impl Effort {
    /// No effort.
    pub const ZERO: Effort = Effort(0);

    /// `minutes` exactly.
    pub const fn minutes(minutes: Minutes) -> Effort {
        Effort(minutes as i128 * PER_MINUTE)
    }

    /// `minutes` in units of 10^-8 minute, the grid entered and sampled
    /// efforts live on before their multiplier.
    pub const fn e8(minutes: Minutes) -> i64 {
        minutes as i64 * 100_000_000
    }

    /// `minutes` times each factor in basis points, exactly. At most three
    /// factors keep the result on the grid; more are a programming error.
    pub fn scaled(minutes: Minutes, factors: &[Bp]) -> Effort {
        assert!(factors.len() <= 3, "effort grid holds at most three basis-point factors");
        let mut units = i128::from(minutes);
        for &f in factors {
            units *= i128::from(f);
        }
        for _ in factors.len()..3 {
            units *= i128::from(WHOLE);
        }
        Effort(units)
    }

    /// An effort given in units of 10^-8 minute (minutes times one
    /// basis-point factor, or a sampled effort) times a multiplier in basis
    /// points: exact, and without a division.
    pub fn e8_times(e8: i64, bp: Bp) -> Effort {
        Effort(i128::from(e8) * i128::from(bp))
    }

    /// An effort from raw grid units (10^-12 minute), used by the simulation.
    pub const fn from_units(units: i128) -> Effort {
        Effort(units)
    }

    /// The effort in grid units (10^-12 minute).
    pub const fn units(self) -> i128 {
        self.0
    }

    /// `self + other`.
    pub fn plus(self, other: Effort) -> Effort {
        Effort(self.0 + other.0)
    }

    /// `self - other`, never below zero.
    pub fn minus(self, other: Effort) -> Effort {
        Effort((self.0 - other.0).max(0))
    }

    /// What this effort costs at `rate` per hour times `factor` (in basis
    /// points, 10,000 for 1.0x), rounded once to the cent.
    ///
    /// # Errors
    /// [`MoneyError`] when the amount leaves `i64` cents.
    pub fn cost(self, rate: Money, factor: Bp) -> Result<Money, MoneyError> {
        Effort::cost_of_sum(&[(self, factor)], rate)
    }

    /// One line item made of several efforts, each with its own factor, all
    /// at `rate` per hour: their exact sum rounded once (a formal change
    /// request's uncovered work at `cr_rate` plus its admin effort at 1.0x).
    ///
    /// # Errors
    /// [`MoneyError`] when the amount leaves `i64` cents.
    pub fn cost_of_sum(parts: &[(Effort, Bp)], rate: Money) -> Result<Money, MoneyError> {
        if let Some(cents) = Effort::cost_quickly(parts, rate) {
            return Ok(Money::from_cents(cents));
        }
        let mut numerator: i128 = 0;
        for &(effort, factor) in parts {
            // |rate x factor| < 2^63 x 2^32: no overflow. The product with
            // the effort is checked by bit length, which is much cheaper
            // than i128's checked_mul (a library call).
            let per_unit = i128::from(rate.cents()) * i128::from(factor);
            let bits = 256 - effort.0.unsigned_abs().leading_zeros() - per_unit.unsigned_abs().leading_zeros();
            let term =
                if bits < 127 { effort.0 * per_unit } else { effort.0.checked_mul(per_unit).ok_or(MoneyError)? };
            numerator = numerator.checked_add(term).ok_or(MoneyError)?;
        }
        Money::from_ratio(numerator, DENOMINATOR)
    }

    /// [`Effort::cost_of_sum`] in floating point, when that provably gives
    /// the exact cents: every term non-negative, at most two parts, so the
    /// quotient carries at most eight roundings of 2^-53 (the effort's two,
    /// rate x factor, their product, the sum, the division) and
    /// [`round_close`](crate::core::round::round_close) decides; `None` otherwise.
    fn cost_quickly(parts: &[(Effort, Bp)], rate: Money) -> Option<i64> {
        if parts.len() > 2 || rate.cents() < 0 {
            return None;
        }
        let mut q = 0.0;
        for &(effort, factor) in parts {
            if effort.0 < 0 {
                return None;
            }
            q += to_f64(effort.0) * (rate.cents() as f64 * f64::from(factor));
        }
        crate::core::round::round_close(q / DENOMINATOR as f64)
    }
}

/// A non-negative i128 as f64 in hardware instructions (`as f64` calls a
/// library routine): two roundings of at most 2^-53 relative.
fn to_f64(x: i128) -> f64 {
    let high = (x >> 64) as i64;
    let low = x as u64;
    high as f64 * 18_446_744_073_709_551_616.0 + low as f64
}

/// Grid units per hour times basis points per whole: what a cost's
/// numerator is divided by.
const DENOMINATOR: i128 = PER_MINUTE * 60 * WHOLE as i128;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_and_multipliers_stay_exact() {
        // 10 % x 120 h x 60 % = 7.2 h = 432 min.
        assert_eq!(Effort::scaled(7_200, &[1_000, 6_000]), Effort::minutes(432));
        // 2 h x 1.5 = 3 h.
        assert_eq!(Effort::e8_times(Effort::e8(120), 15_000), Effort::minutes(180));
        // 1 minute x 1.0001 is not a whole minute, and is still exact.
        let odd = Effort::e8_times(Effort::e8(1), 10_001);
        assert_eq!(odd.units(), 1_000_100_000_000);
    }

    #[test]
    fn cost_rounds_once() {
        let rate = Money::from_cents(9_500);
        assert_eq!(Effort::minutes(210).cost(rate, WHOLE), Ok(Money::from_cents(33_250)));
        // 1 min at 0.01/h is 1/60 cent: rounds to zero.
        assert_eq!(Effort::minutes(1).cost(Money::from_cents(1), WHOLE), Ok(Money::ZERO));
        // 30 min at 0.01/h is half a cent: rounds away from zero.
        assert_eq!(Effort::minutes(30).cost(Money::from_cents(1), WHOLE), Ok(Money::from_cents(1)));
        let request = Effort::cost_of_sum(&[(Effort::minutes(1_140), WHOLE), (Effort::minutes(60), WHOLE)], rate);
        assert_eq!(request, Ok(Money::from_cents(190_000)));
    }

    #[test]
    fn quick_costs_agree_with_exact_ones() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..100_000 {
            let e = Effort::from_units(i128::from(next() >> 4));
            let admin = Effort::minutes((next() % 6_000) as u32);
            let rate = Money::from_cents((next() % 10_000_000) as i64 + 1);
            let factor = (next() % 100_000) as u32;
            let parts = [(e, factor), (admin, WHOLE)];
            if let Some(quick) = Effort::cost_quickly(&parts, rate) {
                let mut n: i128 = 0;
                for (effort, f) in parts {
                    n += effort.0 * i128::from(rate.cents()) * i128::from(f);
                }
                let exact = crate::core::round::div_round(n, DENOMINATOR);
                assert_eq!(Some(i128::from(quick)), exact, "{parts:?} at {rate:?}");
            }
        }
        // A half cent is left to exact arithmetic, and rounds away from zero.
        assert_eq!(Effort::cost_quickly(&[(Effort::minutes(30), WHOLE)], Money::from_cents(1)), None);
        assert_eq!(Effort::minutes(30).cost(Money::from_cents(1), WHOLE), Ok(Money::from_cents(1)));
    }

    #[test]
    fn huge_efforts_overflow_into_an_error() {
        let huge = Effort::from_units(i128::MAX / 2);
        assert_eq!(huge.cost(Money::from_cents(9_500), WHOLE), Err(MoneyError));
        let big = Effort::from_units(1 << 100);
        assert_eq!(big.cost(Money::from_cents(1 << 20), 1 << 10), Err(MoneyError));
    }

    #[test]
    fn minus_stops_at_zero() {
        assert_eq!(Effort::minutes(1).minus(Effort::minutes(2)), Effort::ZERO);
    }
}
