//! The widget's two timers: saving and announcing after a pause in
//! typing, and the simulation (in the worker, or here in slices) off the
//! input path.

use super::App;
use crate::core::ui::host::{Host, Timer};

/// Milliseconds of quiet typing before the scenario is saved and the live
/// region announces the totals. Leaving the page saves at once.
const QUIET_MS: u32 = 500;
/// Milliseconds of quiet typing before the simulation starts: keystrokes
/// only ever wait for the exact figures as estimated.
const SIMULATION_MS: u32 = 120;

impl App {
    /// Restarts the timers whose work is due after an event: the save and
    /// the announcement after a pause in typing, the simulation after a
    /// shorter one.
    pub(super) fn schedule(&mut self, host: &mut dyn Host) {
        if self.save_due || self.announce_due {
            host.timer(Timer::Quiet, Some(QUIET_MS));
        }
        if self.simulation_due {
            host.timer(Timer::Simulation, Some(SIMULATION_MS));
        }
    }

    /// Starts the first simulation at once (after mounting).
    pub fn start(&mut self, host: &mut dyn Host) {
        host.timer(Timer::Simulation, Some(0));
    }

    /// A timer fired.
    pub fn timer(&mut self, host: &mut dyn Host, timer: Timer) {
        match timer {
            Timer::Quiet => {
                if self.save_due {
                    self.save(host);
                }
                if self.announce_due {
                    self.announce();
                }
            }
            Timer::Simulation => {
                if (self.runner.is_some() || !self.simulate_elsewhere(host)) && self.simulate_slice(host) {
                    host.timer(Timer::Simulation, Some(0));
                }
            }
        }
        self.end(host);
    }

    /// Saves now what is due (the page is going away).
    pub fn flush(&mut self, host: &mut dyn Host) {
        if self.save_due {
            self.save(host);
        }
        self.end(host);
    }

    /// Stops both timers and saves what is due (the widget is going away).
    pub fn stop(&mut self, host: &mut dyn Host) {
        host.timer(Timer::Quiet, None);
        host.timer(Timer::Simulation, None);
        self.runner = None;
        self.flush(host);
    }
}
