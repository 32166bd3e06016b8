//! Editing: what the client types or clicks becomes a change of the
//! scenario, through the core's parsing and checks, or a message.

use super::*;

impl App {
    /// Applies `text` to the field `key`, or shows why it cannot. Typing
    /// into one field is one undo step until a pause or another field.
    pub(super) fn edit(&mut self, key: Key, text: &str) {
        let now = js_sys::Date::now();
        let field = key.id();
        let before = self.history.starts_step(Some(field), now).then(|| self.scenario.clone());
        match self.try_apply(key, text) {
            Ok(()) => {
                match before {
                    Some(before) => self.history.record(before, Some(field), now),
                    None => self.history.touch(field, now),
                }
                self.pending.retain(|(k, _)| *k != key);
                self.show_message(key, None);
                self.retry_pending();
                self.committed();
            }
            Err(message) => {
                match self.pending.iter_mut().find(|(k, _)| *k == key) {
                    Some(p) => p.1 = text.to_owned(),
                    None => self.pending.push((key, text.to_owned())),
                }
                self.show_message(key, Some(&message));
            }
        }
    }

    /// Records the state before an edit of its own (add, remove, move,
    /// reset, import, opening a shared scenario).
    pub(super) fn remember(&mut self) {
        let now = js_sys::Date::now();
        self.history.record(self.scenario.clone(), None, now);
    }

    /// Ctrl+Z and the undo button.
    pub fn undo(&mut self) {
        let focus = self.focused_id();
        if let Some(previous) = self.history.undo(self.scenario.clone()) {
            self.replace_scenario(previous);
            self.refocus(focus, 0);
        }
    }

    /// Ctrl+Shift+Z, Ctrl+Y and the redo button.
    pub fn redo(&mut self) {
        let focus = self.focused_id();
        if let Some(next) = self.history.redo(self.scenario.clone()) {
            self.replace_scenario(next);
            self.refocus(focus, 1);
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
        if let Some(el) = target.dyn_ref::<HtmlElement>() {
            let _ = el.focus();
        }
    }

    /// "Reset to the defaults", after the confirmation; undo takes it back.
    pub(super) fn reset(&mut self) {
        show(&self.view.confirm, false);
        self.remember();
        let mut defaults = self.config.defaults.clone();
        apply_locks(&mut defaults, &self.config);
        self.replace_scenario(defaults);
        set_text(&self.view.status, self.t.reset.done);
        if let Some(b) = self.view.undo_redo[0].dyn_ref::<HtmlElement>() {
            let _ = b.focus();
        }
    }

    /// Fields that were invalid may be valid now (a raised high estimate
    /// makes a likely one fit).
    pub(super) fn retry_pending(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        for (key, text) in pending {
            match self.try_apply(key, &text) {
                Ok(()) => self.show_message(key, None),
                Err(message) => {
                    self.show_message(key, Some(&message));
                    self.pending.push((key, text));
                }
            }
        }
    }

    /// Parses and applies one field; the error is in the client's language.
    pub(super) fn try_apply(&mut self, key: Key, text: &str) -> Result<(), String> {
        let t = self.t;
        let fmt = self.fmt.clone();
        let money = move |m: Money| fmt.money(m);
        let explain = |e: ScenarioError| t.problem(&e, &money);
        match key {
            Key::Setting(s) => {
                if self.config.locked.contains(&s) {
                    return Ok(());
                }
                let value = if s == Setting::FixedPrice && text.trim().is_empty() {
                    0
                } else {
                    parse(text, t.decimal, Quantity::from(s.unit())).map_err(|e| t.parse_error(e))?
                };
                self.scenario.set(s, value).map_err(explain)
            }
            Key::Currency => {
                if self.config.currency_locked {
                    return Ok(());
                }
                self.scenario.set_currency(text).map_err(explain)?;
                self.fmt = Formats::new(&self.locale, self.scenario.currency_code());
                Ok(())
            }
            Key::Title(id) | Key::Effort(id) | Key::EffortLow(id) | Key::EffortHigh(id) => {
                let Some(index) = self.scenario.position(id) else { return Ok(()) };
                let mut c = self.scenario.changes[index].clone();
                let count = self.scenario.changes.len();
                let range_open =
                    self.view.row_at(index, count).and_then(|r| self.view.rows.get(r)).is_some_and(|r| r.range_open);
                let hours = |text: &str| -> Result<u32, String> {
                    let minutes = parse(text, t.decimal, Quantity::Hours).map_err(|e| t.parse_error(e))?;
                    Ok(u32::try_from(minutes).unwrap_or(u32::MAX))
                };
                if let Key::Title(_) = key {
                    c.title = text.to_owned();
                } else if let Key::EffortLow(_) = key {
                    c.effort.low = hours(text)?;
                } else if let Key::EffortHigh(_) = key {
                    c.effort.high = hours(text)?;
                } else if c.rework_share().is_some() {
                    c.share = Some(
                        u32::try_from(parse(text, t.decimal, Quantity::Percent).map_err(|e| t.parse_error(e))?)
                            .unwrap_or(u32::MAX),
                    );
                } else if range_open {
                    c.effort.likely = hours(text)?;
                } else {
                    c.effort = Range::exact(hours(text)?);
                }
                validate_change(index, &c).map_err(explain)?;
                self.scenario.changes[index] = c;
                Ok(())
            }
        }
    }

    /// Shows or clears the message of field `key`.
    pub(super) fn show_message(&self, key: Key, message: Option<&str>) {
        let target = match key {
            Key::Setting(s) => self.view.settings.iter().find(|f| f.setting == s).map(|f| (&f.input, &f.error)),
            Key::Currency => Some((&self.view.currency.0, &self.view.currency.1)),
            Key::Title(id) => self.row(id).map(|r| (&r.title, &r.title_error)),
            Key::Effort(id) => self.row(id).map(|r| (&r.effort, &r.effort_error)),
            Key::EffortLow(id) => self.row(id).map(|r| (&r.low, &r.low_error)),
            Key::EffortHigh(id) => self.row(id).map(|r| (&r.high, &r.high_error)),
        };
        if let Some((input, error)) = target {
            mark(input, error, message);
        }
    }

    pub(super) fn row(&self, id: u32) -> Option<&Row> {
        self.view.rows.iter().find(|r| r.id == id)
    }

    pub(super) fn add_change(&mut self) {
        if self.scenario.changes.len() >= crate::core::MAX_CHANGES {
            return;
        }
        self.remember();
        let id = self.scenario.next_id();
        let change = crate::core::Change::new(id, "", Kind::Tweak, 60, Phase::Build);
        let index = self.scenario.changes.len();
        let row = self.view.make_row(self.t, &change, index, index + 1);
        let _ = row.title.focus();
        self.view.rows.push(row);
        self.scenario.changes.push(change);
        // The row before the new one can move down now.
        self.view.renumber(self.t, index.saturating_sub(1), index + 1);
        show(&self.view.empty, false);
        self.committed();
    }

    /// Fills an empty list with the example, in one undo step.
    pub(super) fn add_example(&mut self) {
        let changes = self.config.example.changes(self.t, self.scenario.next_id());
        if changes.is_empty() || !self.scenario.changes.is_empty() {
            return;
        }
        self.remember();
        self.example_ids = changes.iter().map(|c| c.id).collect();
        let mut s = self.scenario.clone();
        s.changes = changes;
        self.replace_scenario(s);
        if let Some(title) = self.view.rows.first().map(|r| r.title.clone()) {
            let _ = title.focus();
        }
    }

    /// Removes what is left of the example, in one undo step.
    pub(super) fn remove_example(&mut self) {
        self.remember();
        let mut s = self.scenario.clone();
        s.changes.retain(|c| !self.example_ids.contains(&c.id));
        self.example_ids.clear();
        self.replace_scenario(s);
        let add = self.view.root.query_selector("button.example-try, button.add").ok().flatten();
        if let Some(b) = add.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
            let _ = b.focus();
        }
    }

    pub(super) fn remove_change(&mut self, id: u32) {
        let Some(index) = self.scenario.position(id) else { return };
        self.remember();
        let Some(at) = self.view.row_at(index, self.scenario.changes.len()) else { return };
        self.scenario.changes.remove(index);
        let row = self.view.rows.remove(at);
        row.el.remove();
        self.pending.retain(
            |(k, _)| !matches!(k, Key::Title(i) | Key::Effort(i) | Key::EffortLow(i) | Key::EffortHigh(i) if *i == id),
        );
        self.view.renumber(self.t, index.saturating_sub(1), self.scenario.changes.len());
        // Keep the keyboard where it was: the next row, else the previous
        // one, else the add button.
        let next = self.view.rows.get(at).or_else(|| at.checked_sub(1).and_then(|i| self.view.rows.get(i)));
        let focus =
            next.map(|r| r.remove.clone()).or_else(|| self.view.root.query_selector("button.add").ok().flatten());
        if let Some(el) = focus.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
            let _ = el.focus();
        }
        show(&self.view.empty, self.scenario.changes.is_empty());
        self.committed();
    }

    /// Moves a change one place up or down; the keyboard stays on the
    /// button that moved it (or on its twin when it reached an end).
    pub(super) fn move_change(&mut self, id: u32, up: bool) {
        let Some(index) = self.scenario.position(id) else { return };
        let other =
            if up { index.checked_sub(1) } else { Some(index + 1).filter(|&i| i < self.scenario.changes.len()) };
        let Some(other) = other else { return };
        let count = self.scenario.changes.len();
        // Moving into the earlier, unrendered changes renders one more.
        if self.view.row_at(other, count).is_none() {
            self.view.show_earlier(self.t, &self.scenario, 1);
        }
        let (Some(a), Some(b)) = (self.view.row_at(index, count), self.view.row_at(other, count)) else { return };
        self.remember();
        self.scenario.changes.swap(index, other);
        self.view.rows.swap(a, b);
        let (first, second) = (a.min(b), a.max(b));
        // Put the later row's element before the earlier one's.
        let _ = self.view.list.insert_before(&self.view.rows[first].el, Some(&self.view.rows[second].el));
        self.view.renumber(self.t, index.min(other), count);
        let row = &self.view.rows[b];
        let button = if row.moves[usize::from(!up)].has_attribute("disabled") {
            &row.moves[usize::from(up)]
        } else {
            &row.moves[usize::from(!up)]
        };
        if let Some(b) = button.dyn_ref::<HtmlElement>() {
            let _ = b.focus();
        }
        self.committed();
    }

    /// Shows the widget in another language, keeping the scenario.
    pub(super) fn switch_language(&mut self, t: &'static Texts) {
        if t == self.t {
            return;
        }
        self.t = t;
        self.locale = t.code.to_owned();
        self.pending.clear();
        self.fmt = Formats::new(&self.locale, self.scenario.currency_code());
        attr(&self.view.root, "lang", t.code);
        let notices = self.view.notices.clone();
        self.view = view::build(&self.view.root, t, &self.config, &self.scenario);
        // Storage notices stay (in the language they were written in).
        let _ = self.view.notices.replace_with_with_node_1(&notices);
        self.view.notices = notices;
        self.pricing = None;
        self.recompute();
        self.decisions();
        if let Some(sel) =
            self.view.root.query_selector("#lang").ok().flatten().and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ = sel.focus();
        }
    }

    /// Opens or closes a change's best / worst case. Closing makes the
    /// estimate one number again: the likely one.
    pub(super) fn toggle_range(&mut self, id: u32) {
        let Some(index) = self.scenario.position(id) else { return };
        let Some(at) = self.view.row_at(index, self.scenario.changes.len()) else { return };
        let open = !self.view.rows[at].range_open;
        self.view.rows[at].range_open = open;
        if !open {
            self.remember();
            let likely = self.scenario.changes[index].effort.likely;
            self.scenario.changes[index].effort = Range::exact(likely);
            self.pending.retain(|(k, _)| *k != Key::EffortLow(id) && *k != Key::EffortHigh(id));
        }
        self.view.rows[at].fill_effort(self.t, &self.scenario.changes[index]);
        if open {
            let _ = self.view.rows[at].low.focus();
        } else {
            self.committed();
        }
    }
}
