//! The widget's two timers: saving and announcing after a pause in
//! typing, and the simulation in slices off the input path.

use super::*;

/// Milliseconds of quiet typing before the scenario is saved and the live
/// region announces the totals. Leaving the page saves at once.
const QUIET_MS: i32 = 500;
/// Milliseconds of quiet typing before the simulation starts: keystrokes
/// only ever wait for the exact likely figures.
const SIMULATION_MS: i32 = 120;

/// The JS functions of the widget's two timers.
#[derive(Clone)]
pub struct Timers {
    /// Save and announce after a pause in typing.
    pub quiet: js_sys::Function,
    /// The next slice of the simulation.
    pub simulation: js_sys::Function,
}

/// Restarts the timer in `slot` to call `f` after `delay` milliseconds.
fn restart(slot: &mut Option<i32>, f: &js_sys::Function, delay: i32) {
    let Some(w) = web_sys::window() else { return };
    if let Some(id) = slot.take() {
        w.clear_timeout_with_handle(id);
    }
    *slot = w.set_timeout_with_callback_and_timeout_and_arguments_0(f, delay).ok();
}

impl App {
    /// Hands the app its timers' functions.
    pub fn set_timers(&mut self, timers: Timers) {
        self.timers = Some(timers);
    }

    /// Restarts the timers whose work is due after an event: the save and
    /// the announcement after a pause in typing, the simulation after a
    /// shorter one.
    pub fn schedule(&mut self) {
        let Some(timers) = self.timers.clone() else { return };
        if self.save_due || self.announce_due {
            restart(&mut self.quiet_timer, &timers.quiet, QUIET_MS);
        }
        if self.simulation_due {
            restart(&mut self.simulation_timer, &timers.simulation, SIMULATION_MS);
        }
    }

    /// Starts the first simulation at once (after mounting).
    pub fn start(&mut self) {
        if let Some(timers) = self.timers.clone() {
            restart(&mut self.simulation_timer, &timers.simulation, 0);
        }
    }

    /// The pause in typing is over: save and announce.
    pub fn quiet(&mut self) {
        self.quiet_timer = None;
        if self.save_due {
            self.save();
        }
        if self.announce_due {
            self.announce();
        }
    }

    /// The simulation timer fired: run a slice, and schedule the next one.
    pub fn simulation_tick(&mut self) {
        self.simulation_timer = None;
        if self.simulate_slice() {
            if let Some(timers) = self.timers.clone() {
                restart(&mut self.simulation_timer, &timers.simulation, 0);
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
        if let Some(w) = web_sys::window() {
            for id in [self.quiet_timer.take(), self.simulation_timer.take()].into_iter().flatten() {
                w.clear_timeout_with_handle(id);
            }
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
