//! Each contract's spread as a picture: a bar from the good case (P10) to
//! the bad case (P90) of its simulated totals, a line at the middle outcome
//! (P50) and a circle at the total as estimated, on one scale for every
//! card so that the bars compare at a glance. Inline SVG in percentages of
//! the card's width, so that it needs no measuring and prints as drawn;
//! named for screen readers by the sentence of [`spread`](crate::core::spread).

use crate::core::html::Html;
use crate::core::money::Money;
use crate::core::simulate::Band;

/// The bar's height in pixels.
const HEIGHT: &str = "28";
/// The narrowest bar, in percent of the width, so that a contract whose
/// outcomes do not differ still shows where it lies.
const TICK: f64 = 0.8;
/// Room at each end, in percent, for the circle and the line's width.
const PAD: f64 = 3.0;

/// The amounts every bar of one result shares: from the lowest good case or
/// estimate to the highest bad case or estimate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scale {
    low: i64,
    high: i64,
}

impl Scale {
    /// The scale over `amounts`; `None` for none.
    pub fn over(amounts: impl IntoIterator<Item = Money>) -> Option<Scale> {
        amounts.into_iter().map(Money::cents).fold(None, |scale, c| {
            Some(match scale {
                None => Scale { low: c, high: c },
                Some(Scale { low, high }) => Scale { low: low.min(c), high: high.max(c) },
            })
        })
    }

    /// Where `m` lies, in percent of the width (0 to 100).
    fn x(&self, m: Money) -> f64 {
        let span = (self.high - self.low) as f64;
        if span <= 0.0 {
            return 50.0;
        }
        PAD + (m.cents() - self.low) as f64 / span * (100.0 - 2.0 * PAD)
    }
}

/// A percentage for an SVG attribute, to a hundredth.
fn percent(x: f64) -> String {
    let hundredths = crate::core::round::round(x.clamp(0.0, 100.0) * 100.0) as i64;
    let mut out = crate::core::parse::format_plain(hundredths, 2, 0, '.');
    out.push('%');
    out
}

/// The bar of `band`, with its estimate, on `scale`, named `label` for
/// screen readers (the picture itself is hidden from them: the label says
/// everything it shows).
pub fn range_bar(scale: &Scale, band: &Band, estimated: Money, label: &str) -> String {
    let (mut from, to) = (scale.x(band.p10), scale.x(band.p90));
    let mut width = to - from;
    if width < TICK {
        // A tick centred on where the outcomes lie.
        from = (from + to - TICK) / 2.0;
        width = TICK;
    }
    let middle = percent(scale.x(band.p50));
    let mut h = Html::default();
    h.open(
        "svg",
        &[
            ("class", "range"),
            ("role", "img"),
            ("aria-label", label),
            ("width", "100%"),
            ("height", HEIGHT),
            ("focusable", "false"),
        ],
    );
    h.void("line", &[("class", "track"), ("x1", "0%"), ("x2", "100%"), ("y1", "14"), ("y2", "14")]);
    h.close("line");
    h.void(
        "rect",
        &[
            ("class", "span"),
            ("x", &percent(from)),
            ("width", &percent(width)),
            ("y", "7"),
            ("height", "14"),
            ("rx", "3"),
        ],
    );
    h.close("rect");
    h.void("line", &[("class", "middle"), ("x1", &middle), ("x2", &middle), ("y1", "2"), ("y2", "26")]);
    h.close("line");
    h.void("circle", &[("class", "estimate"), ("cx", &percent(scale.x(estimated))), ("cy", "14"), ("r", "5")]);
    h.close("circle");
    h.close("svg");
    h.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(p10: i64, p50: i64, p90: i64) -> Band {
        Band { p10: Money::from_cents(p10), p50: Money::from_cents(p50), p90: Money::from_cents(p90) }
    }

    #[test]
    fn bars_share_one_scale_and_mark_the_middle_and_the_estimate() {
        // The defaults without changes: hourly 9,500 / 12,725 / 17,100, as
        // estimated 11,400; the fixed price 13,680 whatever happens.
        let hourly = band(950_000, 1_272_500, 1_710_000);
        let fixed = band(1_368_000, 1_368_000, 1_368_000);
        let scale = Scale::over([950_000, 1_710_000, 1_140_000, 1_368_000].map(Money::from_cents)).unwrap();
        let bar = range_bar(&scale, &hourly, Money::from_cents(1_140_000), "Good case €9,500 \"&\" <b>");
        assert_eq!(
            bar,
            "<svg class=\"range\" role=\"img\" aria-label=\"Good case €9,500 &quot;&amp;&quot; &lt;b&gt;\" \
             width=\"100%\" height=\"28\" focusable=\"false\"><line class=\"track\" x1=\"0%\" x2=\"100%\" y1=\"14\" \
             y2=\"14\"></line><rect class=\"span\" x=\"3%\" width=\"94%\" y=\"7\" height=\"14\" rx=\"3\"></rect><line \
             class=\"middle\" x1=\"42.89%\" x2=\"42.89%\" y1=\"2\" y2=\"26\"></line><circle class=\"estimate\" \
             cx=\"26.5%\" cy=\"14\" r=\"5\"></circle></svg>"
        );
        // The middle: (12,725 - 9,500) / 7,600 x 94 + 3 = 42.89; the
        // estimate: 1,900 / 7,600 x 94 + 3 = 26.5.
        let fixed_bar = range_bar(&scale, &fixed, Money::from_cents(1_368_000), "");
        // 4,180 / 7,600 x 94 + 3 = 54.7: a tick of 0.8 % centred there.
        assert!(fixed_bar.contains("<rect class=\"span\" x=\"54.3%\" width=\"0.8%\""), "{fixed_bar}");
    }

    #[test]
    fn a_scale_of_one_amount_puts_it_in_the_middle() {
        let scale = Scale::over([Money::from_cents(5)]).unwrap();
        assert!(range_bar(&scale, &band(5, 5, 5), Money::from_cents(5), "x").contains("cx=\"50%\""));
        assert_eq!(Scale::over([]), None);
    }
}
