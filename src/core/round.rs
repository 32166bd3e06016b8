//! Every rounding in changecost, half away from zero: exact integer
//! division for money and quantities (MODEL.md's rule), its fast path
//! through floating point where that is provably exact, rounding to a
//! step for percentages on screen, and `f64` rounding for chart
//! coordinates.

/// `n / d` rounded half away from zero through floating point, when that
/// provably gives the exact answer (see [`round_close`]); `None` when the
/// caller must divide exactly. i128 division is a library call on every
/// target, and the simulation prices hundreds of thousands of line items.
pub(crate) fn round_quickly(n: i128, d: i128) -> Option<i64> {
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

/// `n` rounded half away from zero to a multiple of `step` (> 0): `37,25 %`
/// in basis points to whole percent is `to_step(3_725, 100)` = 3,700.
pub fn to_step(n: i64, step: i64) -> i64 {
    (n + n.signum() * step / 2) / step * step
}

/// `f64::round` (half away from zero), from `trunc` and `copysign`, which
/// are single WebAssembly instructions; `f64::round` is a libm call there.
pub fn round(x: f64) -> f64 {
    (x + (0.5 - 0.25 * f64::EPSILON).copysign(x)).trunc()
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
    fn steps_round_half_away_from_zero() {
        assert_eq!(to_step(3_725, 100), 3_700);
        assert_eq!(to_step(3_750, 100), 3_800);
        assert_eq!(to_step(-3_750, 100), -3_800);
        assert_eq!(to_step(45, 10), 50);
        assert_eq!(to_step(0, 10), 0);
    }

    #[test]
    fn round_matches_std() {
        for x in [
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.5,
            2.5,
            -2.5,
            0.499_999_999_999_999_94,
            4_503_599_627_370_497.0,
            1e300,
            -7.45,
            12.34,
        ] {
            assert_eq!(round(x).to_bits(), x.round().to_bits(), "{x}");
        }
    }
}
