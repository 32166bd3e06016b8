//! The chart: each contract's total after every change as a line, the
//! hourly P10–P90 band around it, the agreed scope as a reference and a
//! marker at break-even, drawn as inline SVG in the widget's own pixels so
//! that labels stay readable from 320 px to 1440 px. A table beside it
//! carries the same figures for screen readers.

use wasm_bindgen::UnwrapThrowExt;
use web_sys::Element;

use crate::core::{nice_step, round, svg_number as num, Contract, Money, Pricing, Simulation};
use crate::web::dom::{attr, document};

const SVG: &str = "http://www.w3.org/2000/svg";
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 72.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 40.0;

/// What one drawing needs.
pub struct Plot<'a> {
    /// The likely figures and their series.
    pub pricing: &'a Pricing,
    /// The simulation's bands, when it has run for these figures.
    pub simulation: Option<&'a Simulation>,
    /// The contracts shown.
    pub models: &'a [Contract],
    /// The break-even point of the likely figures, if within the series.
    pub break_even: Option<usize>,
    /// Axis and marker labels.
    pub x_label: &'a str,
    /// The break-even marker's label.
    pub break_even_label: &'a str,
    /// The baseline reference's label.
    pub baseline_label: &'a str,
    /// A tick label for an amount.
    pub money: &'a dyn Fn(Money) -> String,
}

fn svg(parent: &Element, tag: &str, class: &str) -> Element {
    let el = document().create_element_ns(Some(SVG), tag).expect_throw("createElementNS with an SVG tag");
    if !class.is_empty() {
        attr(&el, "class", class);
    }
    parent.append_child(&el).expect_throw("appending to the chart");
    el
}

/// Draws into `host` (emptied first) at `width` pixels, `height` high
/// where given (the receipt's), else as fits the width.
pub fn draw(host: &Element, width: f64, height: Option<f64>, plot: &Plot<'_>) {
    host.set_text_content(None);
    let width = width.max(240.0);
    let height = height.unwrap_or(if width < 480.0 { 200.0 } else { HEIGHT });
    let root = svg(host, "svg", "plot");
    attr(&root, "width", &num(width));
    attr(&root, "height", &num(height));
    attr(&root, "viewBox", &format!("0 0 {} {}", num(width), num(height)));
    attr(&root, "aria-hidden", "true");
    attr(&root, "focusable", "false");

    let series = &plot.pricing.series;
    let n = series.len().saturating_sub(1).max(1) as f64;
    let baseline = plot.pricing.part(Contract::Hourly).baseline.cents() as f64;
    let mut low = baseline;
    let mut high = baseline;
    for totals in series {
        for &c in plot.models {
            let v = totals[c as usize].cents() as f64;
            low = low.min(v);
            high = high.max(v);
        }
    }
    if let Some(sim) = plot.simulation {
        for b in &sim.bands {
            let h = &b[Contract::Hourly as usize];
            low = low.min(h.p10.cents() as f64);
            high = high.max(h.p90.cents() as f64);
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
    let grid = svg(&root, "g", "grid");
    let mut tick = y0;
    while tick <= y1 + step / 2.0 {
        let line = svg(&grid, "line", "");
        attr(&line, "x1", &num(LEFT));
        attr(&line, "x2", &num(width - RIGHT));
        attr(&line, "y1", &num(y(tick)));
        attr(&line, "y2", &num(y(tick)));
        let label = svg(&grid, "text", "tick y");
        attr(&label, "x", &num(LEFT - 6.0));
        attr(&label, "y", &num(y(tick) + 4.0));
        label.set_text_content(Some(&(plot.money)(Money::from_cents(tick as i64))));
        tick += step;
    }
    // X ticks: whole changes, at most about one label per 56 px.
    let most = (plot_w / 56.0).floor().max(1.0);
    let x_step = round(nice_step(n, most).max(1.0));
    let mut k = 0.0;
    while k <= n + 0.5 {
        let label = svg(&grid, "text", "tick x");
        attr(&label, "x", &num(x(k)));
        attr(&label, "y", &num(TOP + plot_h + 16.0));
        label.set_text_content(Some(&(k as u64).to_string()));
        k += x_step;
    }
    let axis = svg(&grid, "text", "axis");
    attr(&axis, "x", &num(LEFT + plot_w / 2.0));
    attr(&axis, "y", &num(height - 6.0));
    axis.set_text_content(Some(plot.x_label));

    // The hourly band.
    if let Some(sim) = plot.simulation.filter(|s| s.points.len() > 1) {
        let h = Contract::Hourly as usize;
        let mut points = String::new();
        for (p, b) in sim.points.iter().zip(&sim.bands) {
            points.push_str(&format!("{},{} ", num(x(*p as f64)), num(y(b[h].p90.cents() as f64))));
        }
        for (p, b) in sim.points.iter().zip(&sim.bands).rev() {
            points.push_str(&format!("{},{} ", num(x(*p as f64)), num(y(b[h].p10.cents() as f64))));
        }
        let band = svg(&root, "polygon", "band");
        attr(&band, "points", points.trim_end());
    }

    // The agreed scope under hourly, as a reference.
    let reference = svg(&root, "line", "reference");
    attr(&reference, "x1", &num(LEFT));
    attr(&reference, "x2", &num(width - RIGHT));
    attr(&reference, "y1", &num(y(baseline)));
    attr(&reference, "y2", &num(y(baseline)));
    let reference_label = svg(&root, "text", "note");
    attr(&reference_label, "x", &num(width - RIGHT - 4.0));
    attr(&reference_label, "y", &num(y(baseline) - 5.0));
    attr(&reference_label, "text-anchor", "end");
    reference_label.set_text_content(Some(plot.baseline_label));

    // One line per contract; at most two points per pixel.
    let stride = ((series.len() as f64 / (plot_w * 2.0)).ceil() as usize).max(1);
    for &c in plot.models.iter().rev() {
        let mut points = String::new();
        for (k, totals) in series.iter().enumerate() {
            if k % stride == 0 || k + 1 == series.len() {
                let v = totals[c as usize].cents() as f64;
                points.push_str(&format!("{},{} ", num(x(k as f64)), num(y(v))));
            }
        }
        let line = svg(&root, "polyline", &format!("line {}", c.key()));
        attr(&line, "points", points.trim_end());
        if series.len() == 1 {
            let dot = svg(&root, "circle", &format!("dot {}", c.key()));
            attr(&dot, "cx", &num(x(0.0)));
            attr(&dot, "cy", &num(y(series[0][c as usize].cents() as f64)));
            attr(&dot, "r", "4");
        }
    }

    if let Some(k) = plot.break_even.filter(|&k| k > 0) {
        let marker = svg(&root, "line", "break-even");
        attr(&marker, "x1", &num(x(k as f64)));
        attr(&marker, "x2", &num(x(k as f64)));
        attr(&marker, "y1", &num(TOP));
        attr(&marker, "y2", &num(TOP + plot_h));
        let label = svg(&root, "text", "note");
        let right = x(k as f64) > LEFT + plot_w * 0.7;
        attr(&label, "x", &num(x(k as f64) + if right { -4.0 } else { 4.0 }));
        attr(&label, "y", &num(TOP + 12.0));
        attr(&label, "text-anchor", if right { "end" } else { "start" });
        label.set_text_content(Some(plot.break_even_label));
    }
}
