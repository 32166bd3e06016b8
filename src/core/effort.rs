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

    /// `self` times a multiplier in basis points. Exact when `self` came
    /// from whole minutes or one factor ([`Effort::scaled`] with at most
    /// two factors); [`Effort::times`] is how the model applies a phase
    /// multiplier to an entered or shared effort.
    pub fn times(self, bp: Bp) -> Effort {
        // Entered effort and a rework share carry at most two factors, so
        // dividing by 10^4 first loses nothing.
        debug_assert!(self.0 % i128::from(WHOLE) == 0, "effort has no room for a factor");
        Effort(self.0 / i128::from(WHOLE) * i128::from(bp))
    }

    /// An effort from raw grid units (10^-12 minute), used by the simulation.
    pub const fn from_units(units: i128) -> Effort {
        Effort(units)
    }

    /// The effort in grid units (10^-12 minute).
    pub const fn units(self) -> i128 {
        self.0
    }

    /// The effort in hours, for display and for the simulation only.
    pub fn hours_f64(self) -> f64 {
        self.0 as f64 / (PER_MINUTE as f64 * 60.0)
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
        let mut numerator: i128 = 0;
        for &(effort, factor) in parts {
            let term = effort
                .0
                .checked_mul(i128::from(rate.cents()))
                .and_then(|x| x.checked_mul(i128::from(factor)))
                .ok_or(MoneyError)?;
            numerator = numerator.checked_add(term).ok_or(MoneyError)?;
        }
        Money::from_ratio(numerator, PER_MINUTE * 60 * i128::from(WHOLE))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_and_multipliers_stay_exact() {
        // 10 % x 120 h x 60 % = 7.2 h = 432 min.
        assert_eq!(Effort::scaled(7_200, &[1_000, 6_000]), Effort::minutes(432));
        // 2 h x 1.5 = 3 h.
        assert_eq!(Effort::minutes(120).times(15_000), Effort::minutes(180));
        // 1 minute x 1.0001 is not a whole minute, and is still exact.
        let odd = Effort::minutes(1).times(10_001);
        assert_eq!(odd.units(), 1_000_100_000_000);
        // A share of the work done, multiplied: 7 % x 13 min x 33 % x 1.25.
        let share = Effort::scaled(13, &[700, 3_300]).times(12_500);
        assert_eq!(share, Effort::scaled(13, &[700, 3_300, 12_500]));
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
    fn minus_stops_at_zero() {
        assert_eq!(Effort::minutes(1).minus(Effort::minutes(2)), Effort::ZERO);
    }
}
