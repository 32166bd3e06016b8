//! Money in integer cents; the rounding rule of the model is in
//! [`round`](crate::core::round).

use core::fmt;

use crate::core::round::{div_round, round_quickly};

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

#[cfg(test)]
mod tests {
    use super::*;

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
