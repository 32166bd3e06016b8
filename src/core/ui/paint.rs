//! The DOM updates of one event, as one compact string for the browser
//! layer to apply: set a region's markup, a text, a field's value, an
//! attribute, the focus. Elements are named by their `id` in the widget's
//! shadow root (`""` is the host element, [`ROOT`] the widget's outermost
//! element). A text or attribute that already has the value written last
//! is not written again, so that unchanged figures cost no layout and
//! screen readers hear only what changed; a field's value is written only
//! when asked, never because it differs, so the field being typed in is
//! never replaced.
//!
//! The format: one letter per operation, then its arguments, each written
//! as its length in UTF-16 code units, `:`, and the text, so that any text
//! (a title may hold any character) passes unchanged:
//!
//! | op | arguments | does |
//! |---|---|---|
//! | `t` | id, text | `textContent` |
//! | `h` | id, markup | `innerHTML` |
//! | `v` | id, text | `value` |
//! | `a` | id, name, value | `setAttribute` |
//! | `r` | id, name | `removeAttribute` |
//! | `c` | id, `1` or `0` | `checked` |
//! | `f` | id | `focus()` |
//! | `s` | id | `select()` |
//! | `p` | id, offset | the caret at `offset` (`setSelectionRange`) |
//! | `i` | id, `beforeend` / `afterbegin`, markup | `insertAdjacentHTML` |
//! | `x` | id | `remove()` |
//! | `b` | id, other | moves element `id` before `other` |
//! | `k` | id | `click()` |

use crate::core::parse::integer;

/// The id of the widget's outermost element (`div.cc`).
pub const ROOT: &str = "cc";

/// The DOM updates gathered while the app handles one event.
#[derive(Debug, Default)]
pub struct Paint {
    ops: String,
    /// The last text or attribute value written, by `id` and what, sorted
    /// by key: a few hundred entries at most (the rows on screen), found
    /// by binary search, with less code in the wasm than a hash map.
    written: Vec<(String, String)>,
}

impl Paint {
    fn arg(&mut self, text: &str) {
        let units = text.encode_utf16().count();
        self.ops.push_str(&integer(units as i64));
        self.ops.push(':');
        self.ops.push_str(text);
    }

    fn op(&mut self, code: char, args: &[&str]) {
        self.ops.push(code);
        for a in args {
            self.arg(a);
        }
    }

    /// Whether `key` last got `value`; remembers it when not.
    fn same(&mut self, key: String, value: &str) -> bool {
        match self.written.binary_search_by(|(k, _)| k.as_str().cmp(&key)) {
            Ok(i) if self.written[i].1 == value => true,
            Ok(i) => {
                value.clone_into(&mut self.written[i].1);
                false
            }
            Err(i) => {
                self.written.insert(i, (key, value.to_owned()));
                false
            }
        }
    }

    /// Sets the text of `id`, when it differs from what was written last.
    pub fn text(&mut self, id: &str, text: &str) {
        if !self.same([id, "\u{1}t"].concat(), text) {
            self.op('t', &[id, text]);
        }
    }

    /// Sets the markup of `id` (a region), when it differs from what was
    /// written last.
    pub fn html(&mut self, id: &str, markup: &str) {
        if !self.same([id, "\u{1}h"].concat(), markup) {
            self.op('h', &[id, markup]);
        }
    }

    /// Sets the value of the field `id`, always.
    pub fn value(&mut self, id: &str, value: &str) {
        self.op('v', &[id, value]);
    }

    /// Sets an attribute, when it differs from what was written last.
    pub fn attr(&mut self, id: &str, name: &str, value: &str) {
        if !self.same([id, "\u{1}a", name].concat(), value) {
            self.op('a', &[id, name, value]);
        }
    }

    /// Sets (`on`) or removes a boolean attribute.
    pub fn flag(&mut self, id: &str, name: &str, on: bool) {
        let key = [id, "\u{1}a", name].concat();
        let value = if on { "" } else { "\u{0}" };
        if !self.same(key, value) {
            if on {
                self.op('a', &[id, name, ""]);
            } else {
                self.op('r', &[id, name]);
            }
        }
    }

    /// Shows or hides `id` (the `hidden` attribute).
    pub fn show(&mut self, id: &str, visible: bool) {
        self.flag(id, "hidden", !visible);
    }

    /// Ticks or unticks the checkbox `id`, always.
    pub fn checked(&mut self, id: &str, on: bool) {
        self.op('c', &[id, if on { "1" } else { "0" }]);
    }

    /// Moves the keyboard to `id`.
    pub fn focus(&mut self, id: &str) {
        self.op('f', &[id]);
    }

    /// Selects the text of the field `id`.
    pub fn select(&mut self, id: &str) {
        self.op('s', &[id]);
    }

    /// Puts the caret of the field `id` at `offset`.
    pub fn caret(&mut self, id: &str, offset: u32) {
        self.op('p', &[id, &integer(offset as i64)]);
    }

    /// Adds markup inside `id`, at its end or its start.
    pub fn insert(&mut self, id: &str, at_start: bool, markup: &str) {
        self.op('i', &[id, if at_start { "afterbegin" } else { "beforeend" }, markup]);
    }

    /// Removes the element `id`, and forgets what was written into it and
    /// into every element whose id starts with `id` and `-` (a row's
    /// fields).
    pub fn remove(&mut self, id: &str) {
        let prefix = [id, "-"].concat();
        self.written.retain(|(k, _)| {
            let el = k.split('\u{1}').next().unwrap_or("");
            el != id && !el.starts_with(&prefix)
        });
        self.op('x', &[id]);
    }

    /// Moves the element `id` before the element `other`.
    pub fn before(&mut self, id: &str, other: &str) {
        self.op('b', &[id, other]);
    }

    /// Clicks `id` (the import's hidden file input).
    pub fn click(&mut self, id: &str) {
        self.op('k', &[id]);
    }

    /// Everything was written anew (a language switch): nothing is known
    /// to be on screen any more.
    pub fn forget(&mut self) {
        self.written.clear();
    }

    /// The operations gathered so far, leaving none.
    pub fn take(&mut self) -> String {
        std::mem::take(&mut self.ops)
    }

    /// Whether any operation is waiting.
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_written_once_and_measured_in_utf16() {
        let mut p = Paint::default();
        p.text("a", "12,50 €");
        p.text("a", "12,50 €");
        p.value("v", "x");
        p.value("v", "x");
        p.flag("b", "hidden", true);
        p.flag("b", "hidden", true);
        p.flag("b", "hidden", false);
        // "€" is one UTF-16 unit, "😀" two.
        p.text("c", "😀:");
        assert_eq!(p.take(), "t1:a7:12,50 €v1:v1:xv1:v1:xa1:b6:hidden0:r1:b6:hiddent1:c3:😀:");
        assert!(p.is_empty());
    }

    #[test]
    fn a_removed_row_is_written_again_when_it_comes_back() {
        let mut p = Paint::default();
        p.text("c7-cost", "x");
        p.text("c70-cost", "y");
        p.remove("c7");
        p.text("c7-cost", "x");
        p.text("c70-cost", "y");
        assert_eq!(p.take(), "t7:c7-cost1:xt8:c70-cost1:yx2:c7t7:c7-cost1:x");
    }
}
