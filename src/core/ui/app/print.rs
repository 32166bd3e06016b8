//! Printing: the receipt written just before the print dialog, for the
//! calculator the client chose to print.

use super::App;
use crate::core::ui::host::Host;
use crate::core::ui::receipt::{receipt, Receipt};
use crate::core::ui::view::id;

/// The chart's width on paper, in CSS pixels: A4 portrait less the page
/// margins (about 170 mm at 96 pixels per inch).
const PRINT_WIDTH: f64 = 640.0;
/// Its height: lower than on screen, so that the receipt with its verdict
/// and sources keeps to two pages.
const PRINT_HEIGHT: f64 = 160.0;

impl App {
    /// "Print / PDF": marks this calculator as the one to print and writes
    /// its receipt now (the browser fires `beforeprint` while this very
    /// click is handled), prints, and unmarks it. The others hear
    /// `beforeprint` and leave themselves out.
    pub(super) fn print(&mut self, host: &mut dyn Host) {
        self.paint.flag("", "data-printing", true);
        self.write_receipt(host, false);
        self.end(host);
        host.print();
        self.paint.flag("", "data-printing", false);
    }

    /// The browser is about to print: `other` when the client pressed
    /// "Print" in another calculator on the page, which then prints alone.
    pub fn before_print(&mut self, host: &mut dyn Host, other: bool) {
        self.write_receipt(host, other);
        self.end(host);
    }

    fn write_receipt(&mut self, host: &dyn Host, skip: bool) {
        self.paint.flag("", "data-print-skip", skip);
        let Some(pricing) = self.pricing.as_ref().filter(|_| !skip) else {
            self.paint.html(id::RECEIPT, "");
            return;
        };
        let verdict = self.verdict();
        let chart = self.chart_markup(PRINT_WIDTH, Some(PRINT_HEIGHT));
        let spreads: Vec<_> = self
            .config
            .models
            .iter()
            .zip(self.drawn.iter().zip(&self.spreads))
            .filter(|(_, (bar, _))| !bar.is_empty())
            .map(|(&c, (bar, line))| (c, bar.clone(), line.clone()))
            .collect();
        let markup = receipt(&Receipt {
            t: self.t,
            fmt: self.fmt.as_ref(),
            scenario: &self.ed.scenario,
            pricing,
            models: &self.config.models,
            today: host.today(),
            spreads: &spreads,
            verdict: &verdict,
            chart: &chart,
        });
        self.paint.html(id::RECEIPT, &markup);
    }
}
