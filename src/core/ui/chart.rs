//! The chart: each contract's total after every change as a line, the
//! hourly P10–P90 band around it, the agreed scope as a reference and a
//! marker where both cost the same as estimated, as inline SVG markup in
//! the widget's own pixels, so that labels stay readable from 320 px to
//! 1440 px. A table beside it carries the same figures for screen readers.

use crate::core::html::Html;
use crate::core::money::Money;
use crate::core::parse::integer;
use crate::core::pricing::Pricing;
use crate::core::round::round;
use crate::core::scenario::Contract;
use crate::core::simulate::Simulation;
use crate::core::ticks::{nice_step, svg_number as num};

const HEIGHT: f64 = 240.0;
const LEFT: f64 = 72.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 40.0;

/// What one drawing needs.
pub struct Plot<'a> {
    /// The figures as estimated and their series.
    pub pricing: &'a Pricing,
    /// The simulation's bands, when it has run for these figures.
    pub simulation: Option<&'a Simulation>,
    /// The contracts shown.
    pub models: &'a [Contract],
    /// Where both cost the same as estimated, if within the series.
    pub break_even: Option<usize>,
    /// The x axis's label.
    pub x_label: &'a str,
    /// The break-even marker's label.
    pub break_even_label: &'a str,
    /// The baseline reference's label.
    pub baseline_label: &'a str,
    /// A tick label for an amount.
    pub money: &'a dyn Fn(Money) -> String,
}

/// An SVG element with attributes and no content.
fn shape(h: &mut Html, tag: &str, attrs: &[(&str, &str)]) {
    h.open(tag, attrs);
    h.close(tag);
}

/// The chart at `width` pixels, `height` high where given (the receipt's),
/// else as fits the width.
pub fn chart(width: f64, height: Option<f64>, plot: &Plot<'_>) -> String {
    let width = width.max(240.0);
    let height = height.unwrap_or(if width < 480.0 { 200.0 } else { HEIGHT });
    let mut h = Html::default();
    let (w, hh) = (num(width), num(height));
    h.open(
        "svg",
        &[
            ("class", "plot"),
            ("width", &w),
            ("height", &hh),
            ("viewBox", &["0 0 ", &w, " ", &hh].concat()),
            ("aria-hidden", "true"),
            ("focusable", "false"),
        ],
    );

    let series = &plot.pricing.series;
    let n = series.len().saturating_sub(1).max(1) as f64;
    let baseline = plot.pricing.part(Contract::Hourly).baseline.cents() as f64;
    let (mut low, mut high) = (baseline, baseline);
    for totals in series {
        for &c in plot.models {
            let v = totals[c as usize].cents() as f64;
            low = low.min(v);
            high = high.max(v);
        }
    }
    if let Some(sim) = plot.simulation {
        for b in &sim.bands {
            let b = &b[Contract::Hourly as usize];
            low = low.min(b.p10.cents() as f64);
            high = high.max(b.p90.cents() as f64);
        }
    }
    // Whole currency units on the axis, from a little below the lowest.
    let step = nice_step((high - low).max(100.0), if width < 480.0 { 3.0 } else { 5.0 });
    let y0 = (low / step).floor() * step;
    let y1 = ((high / step).ceil() * step).max(y0 + step);
    let (plot_w, plot_h) = (width - LEFT - RIGHT, height - TOP - BOTTOM);
    let x = |k: f64| LEFT + k / n * plot_w;
    let y = |cents: f64| TOP + (y1 - cents) / (y1 - y0) * plot_h;

    // Grid and y ticks.
    h.open("g", &[("class", "grid")]);
    let mut tick = y0;
    while tick <= y1 + step / 2.0 {
        let at = num(y(tick));
        shape(&mut h, "line", &[("x1", &num(LEFT)), ("x2", &num(width - RIGHT)), ("y1", &at), ("y2", &at)]);
        h.leaf(
            "text",
            &[("class", "tick y"), ("x", &num(LEFT - 6.0)), ("y", &num(y(tick) + 4.0))],
            &(plot.money)(Money::from_cents(tick as i64)),
        );
        tick += step;
    }
    // X ticks: whole changes, at most about one label per 56 px.
    let most = (plot_w / 56.0).floor().max(1.0);
    let x_step = round(nice_step(n, most).max(1.0));
    let mut k = 0.0;
    while k <= n + 0.5 {
        h.leaf("text", &[("class", "tick x"), ("x", &num(x(k))), ("y", &num(TOP + plot_h + 16.0))], &integer(k as i64));
        k += x_step;
    }
    h.leaf("text", &[("class", "axis"), ("x", &num(LEFT + plot_w / 2.0)), ("y", &num(height - 6.0))], plot.x_label);
    h.close("g");

    // The hourly band.
    if let Some(sim) = plot.simulation.filter(|s| s.points.len() > 1) {
        let c = Contract::Hourly as usize;
        let mut points = Vec::with_capacity(sim.points.len() * 2);
        for (p, b) in sim.points.iter().zip(&sim.bands) {
            points.push([num(x(*p as f64)), ",".to_owned(), num(y(b[c].p90.cents() as f64))].concat());
        }
        for (p, b) in sim.points.iter().zip(&sim.bands).rev() {
            points.push([num(x(*p as f64)), ",".to_owned(), num(y(b[c].p10.cents() as f64))].concat());
        }
        shape(&mut h, "polygon", &[("class", "band"), ("points", &points.join(" "))]);
    }

    // The agreed scope under hourly, as a reference.
    let at = num(y(baseline));
    shape(
        &mut h,
        "line",
        &[("class", "reference"), ("x1", &num(LEFT)), ("x2", &num(width - RIGHT)), ("y1", &at), ("y2", &at)],
    );
    h.leaf(
        "text",
        &[("class", "note"), ("x", &num(width - RIGHT - 4.0)), ("y", &num(y(baseline) - 5.0)), ("text-anchor", "end")],
        plot.baseline_label,
    );

    // One line per contract; at most two points per pixel.
    let stride = ((series.len() as f64 / (plot_w * 2.0)).ceil() as usize).max(1);
    for &c in plot.models.iter().rev() {
        let mut points = Vec::with_capacity(series.len() / stride + 1);
        for (k, totals) in series.iter().enumerate() {
            if k % stride == 0 || k + 1 == series.len() {
                points.push([num(x(k as f64)), ",".to_owned(), num(y(totals[c as usize].cents() as f64))].concat());
            }
        }
        shape(&mut h, "polyline", &[("class", &["line ", c.key()].concat()), ("points", &points.join(" "))]);
        if series.len() == 1 {
            let cy = num(y(series[0][c as usize].cents() as f64));
            shape(
                &mut h,
                "circle",
                &[("class", &["dot ", c.key()].concat()), ("cx", &num(x(0.0))), ("cy", &cy), ("r", "4")],
            );
        }
    }

    if let Some(k) = plot.break_even.filter(|&k| k > 0) {
        let at = num(x(k as f64));
        shape(
            &mut h,
            "line",
            &[("class", "break-even"), ("x1", &at), ("x2", &at), ("y1", &num(TOP)), ("y2", &num(TOP + plot_h))],
        );
        let right = x(k as f64) > LEFT + plot_w * 0.7;
        h.leaf(
            "text",
            &[
                ("class", "note"),
                ("x", &num(x(k as f64) + if right { -4.0 } else { 4.0 })),
                ("y", &num(TOP + 12.0)),
                ("text-anchor", if right { "end" } else { "start" }),
            ],
            plot.break_even_label,
        );
    }
    h.close("svg");
    h.into_string()
}
