//! The widget's two timers: saving and announcing after a pause in
//! typing, and the simulation in slices off the input path.

use web_sys::Element;

use super::App;

/// Milliseconds of quiet typing before the scenario is saved and the live
/// region announces the totals. Leaving the page saves at once.
const QUIET_MS: i32 = 500;
/// Milliseconds of quiet typing before the simulation starts: keystrokes
/// only ever wait for the exact likely figures.
const SIMULATION_MS: i32 = 120;

/// A `setTimeout` that calls one function, and its pending id.
pub struct Timer {
    f: js_sys::Function,
    pending: Option<i32>,
}

impl Timer {
    /// A timer calling `f` (nothing pending yet).
    pub fn new(f: js_sys::Function) -> Timer {
        Timer { f, pending: None }
    }

    /// Calls the function after `delay` milliseconds, instead of when it
    /// was due.
    fn restart(&mut self, delay: i32) {
        self.clear();
        let Some(w) = web_sys::window() else { return };
        self.pending = w.set_timeout_with_callback_and_timeout_and_arguments_0(&self.f, delay).ok();
    }

    /// It called its function: nothing pending.
    fn fired(&mut self) {
        self.pending = None;
    }

    /// Nothing pending.
    fn clear(&mut self) {
        if let (Some(id), Some(w)) = (self.pending.take(), web_sys::window()) {
            w.clear_timeout_with_handle(id);
        }
    }
}

/// The widget's two timers.
pub struct Timers {
    /// Save and announce after a pause in typing.
    pub quiet: Timer,
    /// The next slice of the simulation.
    pub simulation: Timer,
}

impl App {
    /// Hands the app its timers.
    pub fn set_timers(&mut self, timers: Timers) {
        self.timers = Some(timers);
    }

    /// Restarts the timers whose work is due after an event: the save and
    /// the announcement after a pause in typing, the simulation after a
    /// shorter one.
    pub fn schedule(&mut self) {
        let Some(timers) = &mut self.timers else { return };
        if self.save_due || self.announce_due {
            timers.quiet.restart(QUIET_MS);
        }
        if self.simulation_due {
            timers.simulation.restart(SIMULATION_MS);
        }
    }

    /// Starts the first simulation at once (after mounting).
    pub fn start(&mut self) {
        if let Some(timers) = &mut self.timers {
            timers.simulation.restart(0);
        }
    }

    /// The pause in typing is over: save and announce.
    pub fn quiet(&mut self) {
        if let Some(timers) = &mut self.timers {
            timers.quiet.fired();
        }
        if self.save_due {
            self.save();
        }
        if self.announce_due {
            self.announce();
        }
    }

    /// The simulation timer fired: run a slice, and schedule the next one.
    pub fn simulation_tick(&mut self) {
        if let Some(timers) = &mut self.timers {
            timers.simulation.fired();
        }
        if self.simulator.is_some() && self.runner.is_none() {
            self.simulate_elsewhere();
            return;
        }
        if self.simulate_slice() {
            if let Some(timers) = &mut self.timers {
                timers.simulation.restart(0);
            }
        }
    }

    /// Saves now what is due (the page is going away).
    pub fn flush(&mut self) {
        if self.save_due {
            self.save();
        }
    }

    /// Stops both timers and saves what is due (the widget is going away).
    pub fn stop(&mut self) {
        if let Some(timers) = &mut self.timers {
            timers.quiet.clear();
            timers.simulation.clear();
        }
        self.runner = None;
        self.flush();
    }

    /// The element the chart is drawn into, for the resize observer.
    pub fn plot(&self) -> Element {
        self.view.plot.clone()
    }

    /// The result cards, which the summary bar gives way to.
    pub fn cards(&self) -> Element {
        self.view.cards_box.clone()
    }
}
