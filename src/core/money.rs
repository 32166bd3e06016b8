//! Money in integer cents, and the one rounding rule of the model.

use core::fmt;

/// An amount of money in minor units (cents), net of VAT unless a name says
/// otherwise.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

/// Arithmetic on money left the range of `i64` cents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MoneyError;

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the amount is too large to compute exactly")
    }
}

impl std::error::Error for MoneyError {}

impl Money {
    /// No money.
    pub const ZERO: Money = Money(0);

    /// An amount of `cents` minor units.
    pub const fn from_cents(cents: i64) -> Money {
        Money(cents)
    }

    /// The amount in minor units.
    pub const fn cents(self) -> i64 {
        self.0
    }

    /// `self + other`.
    ///
    /// # Errors
    /// [`MoneyError`] when the sum leaves `i64` cents.
    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        self.0.checked_add(other.0).map(Money).ok_or(MoneyError)
    }

    /// `self - other`.
    ///
    /// # Errors
    /// [`MoneyError`] when the difference leaves `i64` cents.
    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyError> {
        self.0.checked_sub(other.0).map(Money).ok_or(MoneyError)
    }

    /// The exact quotient `numerator / denominator` cents, rounded half away
    /// from zero to the cent: the model's one rounding rule, applied once per
    /// line item.
    ///
    /// # Errors
    /// [`MoneyError`] when the rounded amount leaves `i64` cents or the
    /// denominator is not positive.
    pub fn from_ratio(numerator: i128, denominator: i128) -> Result<Money, MoneyError> {
        if let Some(cents) = round_quickly(numerator, denominator) {
            return Ok(Money(cents));
        }
        let cents = div_round(numerator, denominator).ok_or(MoneyError)?;
        i64::try_from(cents).map(Money).map_err(|_| MoneyError)
    }

    /// `self * bp / 10_000`, rounded half away from zero: a percentage of an
    /// amount, such as VAT on a net total.
    ///
    /// # Errors
    /// [`MoneyError`] when the result leaves `i64` cents.
    pub fn percent(self, bp: u32) -> Result<Money, MoneyError> {
        Money::from_ratio(i128::from(self.0) * i128::from(bp), 10_000)
    }

    /// `self / base` in basis points, rounded half away from zero, or `None`
    /// when `base` is zero. 4,246.50 of 11,400.00 is 3,725 bp (37.25 %).
    pub fn ratio_bp(self, base: Money) -> Option<i64> {
        if base.0 == 0 {
            return None;
        }
        let (mut n, mut d) = (i128::from(self.0) * 10_000, i128::from(base.0));
        if d < 0 {
            (n, d) = (-n, -d);
        }
        div_round(n, d).and_then(|q| i64::try_from(q).ok())
    }

    /// The sum of `items`, as an invoice adds its rounded line items.
    ///
    /// # Errors
    /// [`MoneyError`] when the sum leaves `i64` cents.
    pub fn sum<I: IntoIterator<Item = Money>>(items: I) -> Result<Money, MoneyError> {
        items.into_iter().try_fold(Money::ZERO, Money::checked_add)
    }
}

/// `n / d` rounded half away from zero through floating point, when that
/// provably gives the exact answer (see [`round_close`]); `None` when the
/// caller must divide exactly. i128 division is a library call on every
/// target, and the simulation prices hundreds of thousands of line items.
fn round_quickly(n: i128, d: i128) -> Option<i64> {
    if d <= 0 {
        return None;
    }
    // Three roundings (n, d, the quotient), each at most 2^-53 relative.
    round_close(n as f64 / d as f64)
}

/// Rounds `q`, a quotient known to within 2^-50 of the true one (relative),
/// half away from zero, when no half-integer lies that close to it, so
/// that the true quotient rounds the same way; `None` otherwise, and for
/// quotients of 2^52 and more, where f64 keeps no fraction.
pub(crate) fn round_close(q: f64) -> Option<i64> {
    let magnitude = q.abs();
    // Also refuses NaN, which compares false with everything.
    if magnitude.partial_cmp(&4_503_599_627_370_496.0) != Some(core::cmp::Ordering::Less) {
        return None;
    }
    // Truncation and the fraction are exact below 2^52.
    let whole = magnitude as i64;
    let fraction = magnitude - whole as f64;
    if (fraction - 0.5).abs() <= magnitude * 2e-15 + 1e-300 {
        return None;
    }
    let rounded = whole + i64::from(fraction > 0.5);
    Some(if q < 0.0 { -rounded } else { rounded })
}

/// `n / d` rounded half away from zero; `None` when `d <= 0`.
pub(crate) fn div_round(n: i128, d: i128) -> Option<i128> {
    if d <= 0 {
        return None;
    }
    // One division: i128 division is a library call on most targets.
    let q = n / d;
    let r = n - q * d;
    // |r| < d, so 2|r| cannot overflow for the d we use (far below 2^126).
    let twice = r.checked_abs()?.checked_mul(2)?;
    Some(if twice >= d { q + n.signum() } else { q })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(div_round(5, 2), Some(3));
        assert_eq!(div_round(-5, 2), Some(-3));
        assert_eq!(div_round(4, 3), Some(1));
        assert_eq!(div_round(-4, 3), Some(-1));
        assert_eq!(div_round(249, 100), Some(2));
        assert_eq!(div_round(250, 100), Some(3));
        assert_eq!(div_round(1, 0), None);
    }

    #[test]
    fn the_quick_path_agrees_with_exact_division() {
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let n = i128::from(x as i64) * i128::from((x >> 20) as u32);
            let d = i128::from((x >> 40) | 1);
            let exact = div_round(n, d).and_then(|q| i64::try_from(q).ok());
            if let Some(quick) = round_quickly(n, d) {
                assert_eq!(Some(quick), exact, "{n} / {d}");
            }
        }
        // Exact ties are left to exact division.
        assert_eq!(round_quickly(5, 2), None);
        assert_eq!(round_quickly(-5, 2), None);
        assert_eq!(round_quickly(1_001 * 60_000_000_000_000 + 30_000_000_000_000, 60_000_000_000_000), None);
        assert_eq!(round_quickly(7, 2 * 3), Some(1));
    }

    #[test]
    fn ratio_is_rounded_once() {
        let m = Money::from_ratio(1_002 * 9_500, 60).unwrap();
        assert_eq!(m, Money::from_cents(158_650));
        assert_eq!(Money::from_ratio(1, 2), Ok(Money::from_cents(1)));
        assert_eq!(Money::from_ratio(i128::MAX, 1), Err(MoneyError));
    }

    #[test]
    fn churn_percentages_of_the_worked_example() {
        let churn = Money::from_cents(424_650).ratio_bp(Money::from_cents(1_140_000));
        assert_eq!(churn, Some(3_725));
        let churn = Money::from_cents(353_400).ratio_bp(Money::from_cents(1_368_000));
        assert_eq!(churn, Some(2_583));
        assert_eq!(Money::from_cents(1).ratio_bp(Money::ZERO), None);
    }

    #[test]
    fn checked_arithmetic_reports_overflow() {
        let max = Money::from_cents(i64::MAX);
        assert_eq!(max.checked_add(Money::from_cents(1)), Err(MoneyError));
        assert_eq!(Money::from_cents(i64::MIN).checked_sub(Money::from_cents(1)), Err(MoneyError));
        assert_eq!(Money::sum([Money::from_cents(1), Money::from_cents(2)]), Ok(Money::from_cents(3)));
    }

    #[test]
    fn vat_is_rounded_once_on_the_net() {
        assert_eq!(Money::from_cents(1_564_650).percent(1_900), Ok(Money::from_cents(297_284)));
    }
}
