//! Edits: a message goes to the editor (`core::editor`, where the rules
//! are), and its effects are painted here: rows, messages under fields,
//! then the figures; the keyboard goes where the client expects it.

use super::App;
use crate::core::editor::{self, Ctx, Effects, Key, Rows};
use crate::core::i18n::{fill, Texts};
use crate::core::parse::{format_quantity, integer, Quantity};
use crate::core::scenario::Kind;
use crate::core::ui::host::Host;
use crate::core::ui::paint::ROOT;
use crate::core::ui::view::{self, id};

/// Where the keyboard goes after an edit that rebuilds every row.
enum Then {
    /// Where it was (an element with the same id), else undo (0) or redo (1).
    Back(Option<String>, usize),
    /// The undo button, with "reset done" in the status line.
    Reset,
    /// The first row's title.
    FirstTitle,
    /// The example button, else "add a change".
    AddButton,
    /// Nowhere in particular.
    Stay,
}

impl App {
    /// Applies an edit and paints what it did.
    pub(super) fn edit(&mut self, host: &mut dyn Host, msg: editor::Msg) {
        let focused = || host.focused().map(|f| f.id).filter(|id| !id.is_empty());
        let then = match &msg {
            editor::Msg::Undo => Then::Back(focused(), 0),
            editor::Msg::Redo => Then::Back(focused(), 1),
            editor::Msg::Reset => Then::Reset,
            editor::Msg::Example => Then::FirstTitle,
            editor::Msg::RemoveExample => Then::AddButton,
            // Moving into the earlier, unrendered changes renders one more.
            editor::Msg::Move(id, up) => {
                if let Some((_, other)) = self.ed.neighbour(*id, *up) {
                    self.reveal(other);
                }
                Then::Stay
            }
            _ => Then::Stay,
        };
        let fmt = &self.fmt;
        let cx = Ctx { t: self.t, money: &|m| fmt.money(m), now: host.now() };
        let fx = self.ed.apply(msg, &cx);
        self.paint_effects(host, &fx);
        match then {
            Then::Back(was, fallback) if fx.rows == Rows::All => self.refocus(was, fallback),
            Then::Reset => {
                self.paint.show(id::CONFIRM, false);
                self.paint.text(id::STATUS, self.t.reset.done);
                self.paint.focus(id::UNDO);
            }
            Then::FirstTitle if fx.rows == Rows::All => {
                if let Some(&first) = self.rows.first() {
                    self.paint.focus(&id::part(first, "t"));
                }
            }
            Then::AddButton => {
                let example = self.config.example != crate::core::Example::Off && self.ed.scenario.changes.is_empty();
                self.paint.focus(if example { id::EXAMPLE } else { id::ADD });
            }
            _ => {}
        }
    }

    /// Paints an edit's effects: the rows, the messages under fields, and
    /// (when the scenario changed) the figures.
    fn paint_effects(&mut self, host: &mut dyn Host, fx: &Effects) {
        self.paint_rows(fx);
        for (key, message) in &fx.messages {
            self.show_message(*key, message.as_deref());
        }
        if self.fmt.currency() != self.ed.scenario.currency_code() {
            self.fmt = host.formats(&self.locale, self.ed.scenario.currency_code());
        }
        if fx.committed {
            self.committed();
        }
    }

    /// How many of `count` changes, the earliest, have no rendered row.
    pub(super) fn offset(&self, count: usize) -> usize {
        count.saturating_sub(self.rows.len())
    }

    /// The rendered row of change `index` of `count`, if any.
    fn row_at(&self, index: usize, count: usize) -> Option<usize> {
        index.checked_sub(self.offset(count)).filter(|&r| r < self.rows.len())
    }

    /// The rows after an edit; the keyboard stays where the client expects.
    fn paint_rows(&mut self, fx: &Effects) {
        let count = self.ed.scenario.changes.len();
        match fx.rows {
            Rows::Same => {}
            Rows::All => {
                self.fill_settings();
                self.fill_rows();
                self.pricing = None;
            }
            Rows::Added => {
                let (t, ed) = (self.t, &self.ed);
                let change = &ed.scenario.changes[count - 1];
                let markup = view::row(t, change, false, count - 1, count);
                self.paint.insert(id::LIST, false, &markup);
                self.paint.focus(&id::part(change.id, "t"));
                self.rows.push(change.id);
                // The row before the new one can move down now.
                self.renumber(count.saturating_sub(2), count);
                self.paint.show(id::EMPTY, false);
            }
            Rows::Removed { index } => {
                let Some(at) = self.row_at(index, count + 1) else { return };
                let gone = self.rows.remove(at);
                self.paint.remove(&id::row(gone));
                self.renumber(index.saturating_sub(1), count);
                // Keep the keyboard where it was: the next row, else the
                // previous one, else the add button.
                let next = self.rows.get(at).or_else(|| at.checked_sub(1).and_then(|i| self.rows.get(i)));
                match next {
                    Some(&row) => self.paint.focus(&id::part(row, "x")),
                    None => self.paint.focus(id::ADD),
                }
                self.paint.show(id::EMPTY, count == 0);
            }
            Rows::Swapped { index, other } => {
                let (Some(a), Some(b)) = (self.row_at(index, count), self.row_at(other, count)) else {
                    return;
                };
                self.rows.swap(a, b);
                let (first, second) = (a.min(b), a.max(b));
                // Put the later row's element before the earlier one's.
                let (earlier, later) = (id::row(self.rows[first]), id::row(self.rows[second]));
                self.paint.before(&earlier, &later);
                self.renumber(index.min(other), count);
                // The keyboard stays on the button that moved the change,
                // or on its twin when the change reached an end.
                let up = other < index;
                let moved = self.rows[b];
                let reached_end = if up { other == 0 } else { other + 1 >= count };
                let (same, twin) = if up { ("up", "down") } else { ("down", "up") };
                self.paint.focus(&id::part(moved, if reached_end { twin } else { same }));
            }
            Rows::Effort(change) => {
                let Some(index) = self.ed.scenario.position(change) else { return };
                let open = self.ed.range_open(change);
                if self.rows.contains(&change) {
                    self.fill_effort(index, open);
                    // Opened: the best case is next.
                    if open && !fx.committed {
                        self.paint.focus(&id::part(change, "l"));
                    }
                }
            }
        }
    }

    /// Writes every setting's value into its input, and clears messages.
    pub(super) fn fill_settings(&mut self) {
        let (t, s) = (self.t, &self.ed.scenario);
        let mut values = Vec::with_capacity(crate::core::scenario::Setting::ALL.len());
        for setting in crate::core::scenario::Setting::ALL {
            values.push((id::setting(setting), view::setting_value(t, setting, s.get(setting))));
        }
        let currency = s.currency_code().to_owned();
        for (input, value) in values {
            self.paint.value(&input, &value);
            self.mark(&input, None);
        }
        self.paint.value(id::CURRENCY, &currency);
        self.mark(id::CURRENCY, None);
    }

    /// Replaces every row with rows for the scenario's changes.
    fn fill_rows(&mut self) {
        let (t, ed) = (self.t, &self.ed);
        let count = ed.scenario.changes.len();
        let first = count.saturating_sub(view::PAGE);
        let mut markup = String::new();
        let mut rows = Vec::with_capacity(count - first);
        for (i, c) in ed.scenario.changes.iter().enumerate().skip(first) {
            markup.push_str(&view::row(t, c, ed.range_open(c.id), i, count));
            rows.push(c.id);
        }
        for old in std::mem::take(&mut self.rows) {
            self.paint.remove(&id::row(old));
        }
        self.paint.insert(id::LIST, false, &markup);
        self.rows = rows;
        self.paint.show(id::EMPTY, count == 0);
        self.label_earlier(count);
    }

    /// Renders up to `n` more of the earlier changes, above the others.
    pub(super) fn show_earlier(&mut self, n: usize) {
        let (t, ed) = (self.t, &self.ed);
        let count = ed.scenario.changes.len();
        let offset = count.saturating_sub(self.rows.len());
        let from = offset.saturating_sub(n);
        let mut markup = String::new();
        let mut added = Vec::with_capacity(offset - from);
        for index in from..offset {
            let change = &ed.scenario.changes[index];
            markup.push_str(&view::row(t, change, ed.range_open(change.id), index, count));
            added.push(change.id);
        }
        self.paint.insert(id::LIST, true, &markup);
        added.append(&mut self.rows);
        self.rows = added;
        self.label_earlier(count);
    }

    /// Renders the earlier changes down to change `index`, if it has no
    /// row yet.
    fn reveal(&mut self, index: usize) {
        let hidden = self.offset(self.ed.scenario.changes.len());
        if index < hidden {
            self.show_earlier(hidden - index);
        }
    }

    /// "Show earlier changes (n)", while some have no row.
    pub(super) fn label_earlier(&mut self, count: usize) {
        let hidden = self.offset(count);
        self.paint.show(id::EARLIER, hidden > 0);
        if hidden > 0 {
            self.paint.text(id::EARLIER, &fill(self.t.earlier, &integer(hidden as i64)));
        }
    }

    /// Renumbers the rendered rows from change `from` on (an index into
    /// all `count` changes): "Change 3", its buttons' labels, the first
    /// row cannot move up, the last not down.
    fn renumber(&mut self, from: usize, count: usize) {
        let offset = self.offset(count);
        let t = self.t;
        for (i, &row) in self.rows.iter().enumerate() {
            let index = offset + i;
            if index < from {
                continue;
            }
            let n = integer(index as i64 + 1);
            self.paint.text(&id::part(row, "n"), &fill(t.change_number, &n));
            self.paint.attr(&id::part(row, "x"), "aria-label", &fill(t.remove, &n));
            self.paint.attr(&id::part(row, "up"), "aria-label", &fill(t.moves.up, &n));
            self.paint.attr(&id::part(row, "down"), "aria-label", &fill(t.moves.down, &n));
            self.paint.flag(&id::part(row, "up"), "disabled", index == 0);
            self.paint.flag(&id::part(row, "down"), "disabled", index + 1 >= count);
        }
        self.label_earlier(count);
    }

    /// Writes a change's effort (or rework share) and shows the unit choice
    /// for a rework only, and the range when it is `open`.
    fn fill_effort(&mut self, index: usize, open: bool) {
        let t: &Texts = self.t;
        let c = &self.ed.scenario.changes[index];
        let part = |p: &str| id::part(c.id, p);
        let shared = c.rework_share().is_some();
        let hours = |m: u32| format_quantity(i64::from(m), Quantity::Hours, t.decimal);
        let (low, high) = (hours(c.effort.low), hours(c.effort.high));
        let (unit, effort, effort_unit) = match c.rework_share() {
            Some(share) => ("share", format_quantity(i64::from(share), Quantity::Percent, t.decimal), "%"),
            None => ("h", hours(c.effort.likely), t.hours),
        };
        let rework = c.kind == Kind::Rework;
        let (uf, rt, r, l, h, u, e, eu) =
            (part("uf"), part("rt"), part("r"), part("l"), part("h"), part("u"), part("e"), part("eu"));
        self.paint.show(&uf, rework);
        self.paint.show(&rt, !shared);
        self.paint.show(&r, open && !shared);
        self.paint.attr(&rt, "aria-expanded", if open && !shared { "true" } else { "false" });
        self.paint.value(&l, &low);
        self.paint.value(&h, &high);
        self.mark(&l, None);
        self.mark(&h, None);
        self.paint.value(&u, unit);
        self.paint.value(&e, &effort);
        self.paint.text(&eu, effort_unit);
        self.mark(&e, None);
    }

    /// Puts the keyboard back after rows were rebuilt: on the element with
    /// the same id (rows keep their ids), else on the undo (0) or redo (1)
    /// button, so that the next shortcut still reaches the widget.
    fn refocus(&mut self, was: Option<String>, fallback: usize) {
        let buttons = [(id::UNDO, self.ed.can_undo()), (id::REDO, self.ed.can_redo())];
        // A button that this edit disabled cannot hold the keyboard: the
        // last undo moves on to redo, and the last redo back to undo.
        let disabled = |w: &str| buttons.iter().any(|(b, enabled)| *b == w && !enabled);
        let exists = was.filter(|w| self.exists(w) && !disabled(w));
        let target = match exists {
            Some(w) => w,
            None if buttons[fallback].1 => buttons[fallback].0.to_owned(),
            None => buttons[1 - fallback].0.to_owned(),
        };
        self.paint.focus(&target);
    }

    /// Whether the element `id` is on screen after the updates so far: a
    /// setting's, the currency's, a button's, or a rendered row's part.
    fn exists(&self, element: &str) -> bool {
        match element.strip_prefix('c').and_then(|rest| rest.split('-').next()).and_then(|n| n.parse::<u32>().ok()) {
            Some(change) => self.rows.contains(&change),
            None => !element.is_empty(),
        }
    }

    /// Shows `message` under the field `input` (or clears it with `None`).
    pub(super) fn mark(&mut self, input: &str, message: Option<&str>) {
        self.paint.text(&id::error(input), message.unwrap_or(""));
        match message {
            Some(_) => self.paint.attr(input, "aria-invalid", "true"),
            None => self.paint.flag(input, "aria-invalid", false),
        }
    }

    /// Shows or clears the message of field `key`.
    fn show_message(&mut self, key: Key, message: Option<&str>) {
        let rendered = |change: u32| self.rows.contains(&change);
        let input = match key {
            Key::Setting(s) => Some(id::setting(s)),
            Key::Currency => Some(id::CURRENCY.to_owned()),
            Key::Title(c) if rendered(c) => Some(id::part(c, "t")),
            Key::Effort(c) if rendered(c) => Some(id::part(c, "e")),
            Key::EffortLow(c) if rendered(c) => Some(id::part(c, "l")),
            Key::EffortHigh(c) if rendered(c) => Some(id::part(c, "h")),
            _ => None,
        };
        if let Some(input) = input {
            self.mark(&input, message);
        }
    }

    /// Shows the widget in another language whose texts are here, keeping
    /// the scenario (`App::switch_language`, in language.rs, calls it once
    /// they are).
    pub(super) fn show_language(&mut self, host: &mut dyn Host, t: &'static Texts) {
        if t == self.t {
            return;
        }
        self.t = t;
        self.locale = t.code.to_owned();
        // Their messages were in the other language, and their fields are
        // written anew.
        self.ed.drop_pending();
        self.fmt = host.formats(&self.locale, self.ed.scenario.currency_code());
        // Storage notices stay (in the language they were written in).
        let notices: String = self.notices.iter().map(|(_, markup)| markup.as_str()).collect();
        self.build(notices);
        self.paint.attr(ROOT, "lang", t.code);
        self.pricing = None;
        self.recompute();
        self.decisions(host);
        self.paint.focus(id::LANG);
    }
}
