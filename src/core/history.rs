//! Undo and redo: snapshots of the state before each edit. Typing into one
//! field is one step until the client pauses or moves to another field, so
//! that undo takes back a whole number, not a digit.

/// Snapshots kept for undo.
const DEPTH: usize = 50;
/// Milliseconds after which typing into the same field starts a new step.
const PAUSE_MS: f64 = 1_500.0;

/// An undo and a redo stack of `T`.
#[derive(Clone, Debug)]
pub struct History<T> {
    past: Vec<T>,
    future: Vec<T>,
    /// The field typed into last, and when.
    last: Option<(u64, f64)>,
}

impl<T> Default for History<T> {
    fn default() -> History<T> {
        History { past: Vec::new(), future: Vec::new(), last: None }
    }
}

impl<T: Clone> History<T> {
    /// Whether typing into `field` at `now` (milliseconds) starts a new
    /// step, so that the state before it must be recorded. `None` is an
    /// edit of its own (add, remove, reset): always a new step.
    pub fn starts_step(&self, field: Option<u64>, now: f64) -> bool {
        match (field, self.last) {
            (Some(f), Some((last, at))) => f != last || now - at > PAUSE_MS,
            _ => true,
        }
    }

    /// Records `before`, the state before an edit of `field` at `now`
    /// (see [`History::starts_step`]; call it only when that says so, or
    /// when the caller made the snapshot anyway). A new edit clears redo.
    pub fn record(&mut self, before: T, field: Option<u64>, now: f64) {
        self.past.push(before);
        if self.past.len() > DEPTH {
            self.past.remove(0);
        }
        self.future.clear();
        self.last = field.map(|f| (f, now));
    }

    /// Notes that typing into `field` went on at `now` without a new step.
    pub fn touch(&mut self, field: u64, now: f64) {
        self.last = Some((field, now));
    }

    /// The state to go back to, given the current one; `None` when there is
    /// nothing to undo.
    pub fn undo(&mut self, current: T) -> Option<T> {
        let previous = self.past.pop()?;
        self.future.push(current);
        self.last = None;
        Some(previous)
    }

    /// The state to go forward to, given the current one; `None` when there
    /// is nothing to redo.
    pub fn redo(&mut self, current: T) -> Option<T> {
        let next = self.future.pop()?;
        self.past.push(current);
        self.last = None;
        Some(next)
    }

    /// Whether undo has something to do.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// Whether redo has something to do.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_into_one_field_is_one_step() {
        let mut h = History::default();
        let mut state = 0;
        for (digit, now) in [(1, 0.0), (12, 100.0), (123, 200.0)] {
            if h.starts_step(Some(7), now) {
                h.record(state, Some(7), now);
            } else {
                h.touch(7, now);
            }
            state = digit;
        }
        assert_eq!(h.undo(state), Some(0));
        assert!(!h.can_undo());
        assert_eq!(h.redo(0), Some(123));
    }

    #[test]
    fn another_field_or_a_pause_starts_a_step() {
        let h: History<i32> = History { past: vec![], future: vec![], last: Some((1, 0.0)) };
        assert!(h.starts_step(Some(2), 10.0));
        assert!(h.starts_step(Some(1), 2_000.0));
        assert!(!h.starts_step(Some(1), 1_000.0));
        assert!(h.starts_step(None, 10.0));
    }

    #[test]
    fn a_new_edit_clears_redo_and_depth_is_bounded() {
        let mut h = History::default();
        for i in 0..60 {
            h.record(i, None, 0.0);
        }
        assert_eq!(h.undo(60), Some(59));
        assert!(h.can_redo());
        h.record(59, None, 0.0);
        assert!(!h.can_redo());
        let mut count = 0;
        let mut current = 0;
        while let Some(p) = h.undo(current) {
            current = p;
            count += 1;
        }
        assert_eq!(count, DEPTH);
    }
}
