//! Scales for the chart: "nice" tick steps and short numbers for SVG
//! coordinates. Pure arithmetic, so that it is tested on the host.

use crate::core::parse::format_plain;
use crate::core::round::round;

/// A "nice" step (1, 2, 2.5 or 5 times a power of ten, at least 1) giving
/// about `count` intervals over `span`.
pub fn nice_step(span: f64, count: f64) -> f64 {
    let raw = (span / count.max(1.0)).max(1.0);
    // The largest power of ten not above `raw`, by multiplication (no
    // `powf` or `log10` from libm in the wasm).
    let mut power = 1.0;
    while power * 10.0 <= raw {
        power *= 10.0;
    }
    let m = raw / power;
    let nice = if m <= 1.0 {
        1.0
    } else if m <= 2.0 {
        2.0
    } else if m <= 2.5 {
        2.5
    } else if m <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

/// A coordinate with at most one decimal: short markup, plenty for pixels.
pub fn svg_number(x: f64) -> String {
    // Tenths, the decimal left out when it is zero.
    format_plain(round(x * 10.0) as i64, 1, 0, '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_nice() {
        assert_eq!(nice_step(1_000_000.0, 5.0), 200_000.0);
        assert_eq!(nice_step(3.0, 8.0), 1.0);
        assert_eq!(nice_step(100.0, 8.0), 20.0);
        assert_eq!(nice_step(1_300.0, 5.0), 500.0);
        assert_eq!(nice_step(1_200.0, 5.0), 250.0);
        assert_eq!(nice_step(0.0, 5.0), 1.0);
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(svg_number(12.0), "12");
        assert_eq!(svg_number(12.34), "12.3");
        assert_eq!(svg_number(-0.25), "-0.3");
        assert_eq!(svg_number(-0.04), "0");
    }
}
