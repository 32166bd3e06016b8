//! Edits: a message goes to the editor (`core::editor`, where the rules
//! are), and its effects are painted here: rows, messages under fields,
//! then the figures; the keyboard goes where the client expects it.

use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};

use super::App;
use crate::core::editor::{self, Ctx, Effects, Key, Rows};
use crate::core::Texts;
use crate::web::dom::{attr, set_text, show};
use crate::web::format::Formats;
use crate::web::view::{self, mark, Row};

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
    pub(super) fn edit(&mut self, msg: editor::Msg) {
        let then = match &msg {
            editor::Msg::Undo => Then::Back(self.focused_id(), 0),
            editor::Msg::Redo => Then::Back(self.focused_id(), 1),
            editor::Msg::Reset => Then::Reset,
            editor::Msg::Example => Then::FirstTitle,
            editor::Msg::RemoveExample => Then::AddButton,
            // Moving into the earlier, unrendered changes renders one more.
            editor::Msg::Move(id, up) => {
                if let Some((_, other)) = self.ed.neighbour(*id, *up) {
                    self.view.reveal(self.t, &self.ed, other);
                }
                Then::Stay
            }
            _ => Then::Stay,
        };
        let fmt = &self.fmt;
        let cx = Ctx { t: self.t, money: &|m| fmt.money(m), now: js_sys::Date::now() };
        let fx = self.ed.apply(msg, &cx);
        self.paint(&fx);
        match then {
            Then::Back(id, fallback) if fx.rows == Rows::All => self.refocus(id, fallback),
            Then::Reset => {
                show(&self.view.confirm, false);
                set_text(&self.view.status, self.t.reset.done);
                focus(&self.view.undo_redo[0]);
            }
            Then::FirstTitle if fx.rows == Rows::All => {
                if let Some(row) = self.view.rows.first() {
                    focus(&row.title);
                }
            }
            Then::AddButton => {
                if let Some(b) = self.view.root.query_selector("button.example-try, button.add").ok().flatten() {
                    focus(&b);
                }
            }
            _ => {}
        }
    }

    /// Paints an edit's effects: the rows, the messages under fields, and
    /// (when the scenario changed) the figures.
    fn paint(&mut self, fx: &Effects) {
        self.paint_rows(fx);
        for (key, message) in &fx.messages {
            self.show_message(*key, message.as_deref());
        }
        if self.fmt.currency() != self.ed.scenario.currency_code() {
            self.fmt = Formats::new(&self.locale, self.ed.scenario.currency_code());
        }
        if fx.committed {
            self.committed();
        }
    }

    /// The rows after an edit; the keyboard stays where the client expects.
    fn paint_rows(&mut self, fx: &Effects) {
        let (t, ed) = (self.t, &self.ed);
        let count = ed.scenario.changes.len();
        match fx.rows {
            Rows::Same => {}
            Rows::All => {
                self.view.fill_settings(t, &ed.scenario);
                self.view.fill_rows(t, ed);
                self.pricing = None;
            }
            Rows::Added => {
                let change = &ed.scenario.changes[count - 1];
                let row = self.view.make_row(t, change, false, count - 1, count);
                focus(&row.title);
                self.view.rows.push(row);
                // The row before the new one can move down now.
                self.view.renumber(t, count.saturating_sub(2), count);
                show(&self.view.empty, false);
            }
            Rows::Removed { index } => {
                let Some(at) = self.view.row_at(index, count + 1) else { return };
                self.view.rows.remove(at).el.remove();
                self.view.renumber(t, index.saturating_sub(1), count);
                // Keep the keyboard where it was: the next row, else the
                // previous one, else the add button.
                let next = self.view.rows.get(at).or_else(|| at.checked_sub(1).and_then(|i| self.view.rows.get(i)));
                let add = || self.view.root.query_selector("button.add").ok().flatten();
                if let Some(el) = next.map(|r| r.remove.clone()).or_else(add) {
                    focus(&el);
                }
                show(&self.view.empty, count == 0);
            }
            Rows::Swapped { index, other } => {
                let (Some(a), Some(b)) = (self.view.row_at(index, count), self.view.row_at(other, count)) else {
                    return;
                };
                self.view.rows.swap(a, b);
                let (first, second) = (a.min(b), a.max(b));
                // Put the later row's element before the earlier one's.
                let _ = self.view.list.insert_before(&self.view.rows[first].el, Some(&self.view.rows[second].el));
                self.view.renumber(t, index.min(other), count);
                // The keyboard stays on the button that moved the change,
                // or on its twin when the change reached an end.
                let up = other < index;
                let moves = &self.view.rows[b].moves;
                let button = &moves[usize::from(!up)];
                focus(if button.has_attribute("disabled") { &moves[usize::from(up)] } else { button });
            }
            Rows::Effort(id) => {
                let Some(index) = ed.scenario.position(id) else { return };
                let open = ed.range_open(id);
                if let Some(row) = self.view.rows.iter().find(|r| r.id == id) {
                    row.fill_effort(t, &ed.scenario.changes[index], open);
                    // Opened: the best case is next.
                    if open && !fx.committed {
                        focus(&row.low);
                    }
                }
            }
        }
    }

    /// The id of the focused element inside the widget, if any.
    fn focused_id(&self) -> Option<String> {
        let root = self.view.root.get_root_node().dyn_into::<web_sys::ShadowRoot>().ok()?;
        Some(root.active_element()?.id()).filter(|id| !id.is_empty())
    }

    /// Puts the keyboard back after rows were rebuilt: on the element with
    /// the same id when it still exists (rows keep their ids), else on the
    /// undo (0) or redo (1) button, so that the next shortcut still reaches
    /// the widget.
    fn refocus(&self, id: Option<String>, fallback: usize) {
        let again = id.and_then(|id| self.view.root.query_selector(&["#", &id].concat()).ok().flatten());
        let target = again.unwrap_or_else(|| self.view.undo_redo[fallback].clone());
        let target = if target.has_attribute("disabled") { self.view.undo_redo[1 - fallback].clone() } else { target };
        focus(&target);
    }

    /// Shows or clears the message of field `key`.
    fn show_message(&self, key: Key, message: Option<&str>) {
        let row = |id| self.view.rows.iter().find(|r: &&Row| r.id == id);
        let target = match key {
            Key::Setting(s) => self.view.settings.iter().find(|f| f.setting == s).map(|f| (&f.input, &f.error)),
            Key::Currency => Some((&self.view.currency.0, &self.view.currency.1)),
            Key::Title(id) => row(id).map(|r| (&r.title, &r.title_error)),
            Key::Effort(id) => row(id).map(|r| (&r.effort, &r.effort_error)),
            Key::EffortLow(id) => row(id).map(|r| (&r.low, &r.low_error)),
            Key::EffortHigh(id) => row(id).map(|r| (&r.high, &r.high_error)),
        };
        if let Some((input, error)) = target {
            mark(input, error, message);
        }
    }

    /// Shows the widget in another language whose texts are loaded,
    /// keeping the scenario (`App::switch_language`, in language.rs, calls
    /// it once they are).
    pub(super) fn show_language(&mut self, t: &'static Texts) {
        if t == self.t {
            return;
        }
        self.t = t;
        self.locale = t.code.to_owned();
        // Their messages were in the other language, and their fields are
        // written anew.
        self.ed.drop_pending();
        self.fmt = Formats::new(&self.locale, self.ed.scenario.currency_code());
        attr(&self.view.root, "lang", t.code);
        let notices = self.view.notices.clone();
        self.view = view::build(&self.view.root, t, &self.config, &self.ed);
        // Storage notices stay (in the language they were written in).
        let _ = self.view.notices.replace_with_with_node_1(&notices);
        self.view.notices = notices;
        self.show_keeping();
        self.pricing = None;
        self.recompute();
        self.decisions();
        if let Some(sel) = self.view.root.query_selector("#lang").ok().flatten() {
            focus(&sel);
        }
    }
}

/// Moves the keyboard to `el`.
fn focus(el: &Element) {
    if let Some(el) = el.dyn_ref::<HtmlElement>() {
        let _ = el.focus();
    }
}
