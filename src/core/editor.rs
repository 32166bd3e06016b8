//! The editing rules, without a browser: what each [`Msg`] does to the
//! scenario, the undo history, the texts that did not apply, and which
//! changes show their best and worst case. The browser layer turns DOM
//! events into messages, hands them to [`Editor::apply`] and paints the
//! [`Effects`]; everything that decides lives here and is tested on the
//! host.

use crate::core::example::Example;
use crate::core::history::History;
use crate::core::i18n::Texts;
use crate::core::money::Money;
use crate::core::parse::{parse, Quantity};
use crate::core::scenario::{
    validate_change, Change, Kind, Phase, Range, Scenario, ScenarioError, Setting, MAX_CHANGES,
};
use crate::core::Config;

/// A field the client types into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// A setting.
    Setting(Setting),
    /// The currency.
    Currency,
    /// A change's title (by the change's id).
    Title(u32),
    /// A change's effort (or rework share).
    Effort(u32),
    /// A change's best case.
    EffortLow(u32),
    /// A change's worst case.
    EffortHigh(u32),
}

impl Key {
    /// A number for the field, so that undo can tell fields apart.
    fn id(self) -> u64 {
        let (kind, n) = match self {
            Key::Setting(s) => (0, u32::from(s.wire())),
            Key::Currency => (1, 0),
            Key::Title(id) => (2, id),
            Key::Effort(id) => (3, id),
            Key::EffortLow(id) => (4, id),
            Key::EffortHigh(id) => (5, id),
        };
        kind << 32 | u64::from(n)
    }

    /// The change whose field this is, if any.
    pub fn change(self) -> Option<u32> {
        match self {
            Key::Setting(_) | Key::Currency => None,
            Key::Title(id) | Key::Effort(id) | Key::EffortLow(id) | Key::EffortHigh(id) => Some(id),
        }
    }
}

/// Something the client did that may change the scenario.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// Text typed into a field.
    Type(Key, String),
    /// A change's kind chosen.
    Kind(u32, Kind),
    /// A change's phase chosen.
    Phase(u32, Phase),
    /// A rework's effort given as a share of the work it redoes (`true`)
    /// or in hours.
    Share(u32, bool),
    /// "Add a change".
    Add,
    /// A change's remove button.
    Remove(u32),
    /// A change moved one place up (`true`) or down.
    Move(u32, bool),
    /// A change's best / worst case opened or closed.
    Range(u32),
    /// Undo.
    Undo,
    /// Redo.
    Redo,
    /// Reset to the consultant's defaults (after the confirmation).
    Reset,
    /// Fill an empty list with the example.
    Example,
    /// Remove what is left of the example.
    RemoveExample,
    /// A whole scenario from elsewhere: an import, the `scenario`
    /// property, a shared link, the client's own restored.
    Replace(Scenario),
    /// The scenario another tab saved: it replaces this one, and the texts
    /// that did not apply here are tried on it again.
    Incoming(Scenario),
}

/// What the rows of the list need after a message.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Rows {
    /// Nothing.
    #[default]
    Same,
    /// Everything anew: the settings' inputs and every row.
    All,
    /// A change was appended.
    Added,
    /// The change at `index` was removed.
    Removed {
        /// Its place before it was removed.
        index: usize,
    },
    /// The changes at `index` and `other` swapped places.
    Swapped {
        /// The moved change's place before the move.
        index: usize,
        /// Its place after.
        other: usize,
    },
    /// One change's effort fields (value, unit, range) are shown anew.
    Effort(u32),
}

/// What a message did, for the browser layer to paint.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Effects {
    /// The scenario changed: figures, storage and the host page follow.
    pub committed: bool,
    /// Messages to show (`Some`) or clear (`None`) under fields.
    pub messages: Vec<(Key, Option<String>)>,
    /// What the rows need.
    pub rows: Rows,
}

/// What the editor needs from around it: the client's language, how an
/// amount reads in messages, and the time (milliseconds) for undo steps.
pub struct Ctx<'a> {
    /// The client's language.
    pub t: &'static Texts,
    /// An amount with its currency, for messages.
    pub money: &'a dyn Fn(Money) -> String,
    /// Now, in milliseconds (typing into one field within a pause is one
    /// undo step).
    pub now: f64,
}

/// The scenario being edited, and everything the editing rules read.
#[derive(Clone, Debug)]
pub struct Editor {
    /// The last valid scenario: what the figures show.
    pub scenario: Scenario,
    history: History<Scenario>,
    /// Texts that did not apply, retried after every successful edit.
    pending: Vec<(Key, String)>,
    /// The changes (by id) whose best and worst case are open.
    open: Vec<u32>,
    /// The changes (by id) the example added, for its note and its removal.
    example_ids: Vec<u32>,
    /// The consultant's defaults, locks and example.
    defaults: Scenario,
    locked: Vec<Setting>,
    currency_locked: bool,
    example: Example,
}

impl Editor {
    /// Edits `saved`, or the consultant's defaults when there is nothing
    /// saved, with the consultant's locks applied.
    pub fn new(config: &Config, saved: Option<Scenario>) -> Editor {
        let mut editor = Editor {
            scenario: Scenario::default(),
            history: History::default(),
            pending: Vec::new(),
            open: Vec::new(),
            example_ids: Vec::new(),
            defaults: config.defaults.clone(),
            locked: config.locked.clone(),
            currency_locked: config.currency_locked,
            example: config.example.clone(),
        };
        let scenario = saved.unwrap_or_else(|| config.defaults.clone());
        editor.show(scenario);
        editor
    }

    /// Whether change `id` shows its best and worst case.
    pub fn range_open(&self, id: u32) -> bool {
        self.open.contains(&id)
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Whether any change the example added is left (its note shows).
    pub fn example_shown(&self) -> bool {
        !self.example_ids.is_empty() && self.scenario.changes.iter().any(|c| self.example_ids.contains(&c.id))
    }

    /// The text of `key` that did not apply, if any.
    pub fn pending(&self, key: Key) -> Option<&str> {
        self.pending.iter().find(|(k, _)| *k == key).map(|(_, text)| text.as_str())
    }

    /// Forgets the texts that did not apply (their fields are written
    /// anew, in another language).
    pub fn drop_pending(&mut self) {
        self.pending.clear();
    }

    /// Whether `setting` is locked by the consultant.
    pub fn locked(&self, setting: Setting) -> bool {
        self.locked.contains(&setting)
    }

    /// The places before and after moving change `id` up or down, if it
    /// can move.
    pub fn neighbour(&self, id: u32, up: bool) -> Option<(usize, usize)> {
        let index = self.scenario.position(id)?;
        let other =
            if up { index.checked_sub(1)? } else { Some(index + 1).filter(|&i| i < self.scenario.changes.len())? };
        Some((index, other))
    }

    /// `s` with the consultant's locks: locked settings always take the
    /// consultant's value, also over a saved state from before the lock.
    pub fn lock(&self, s: &mut Scenario) {
        // The baseline's three estimates move together, so that a lock
        // never leaves them out of order.
        let baseline = [Setting::Hours, Setting::HoursLow, Setting::HoursHigh];
        if self.locked.iter().any(|l| baseline.contains(l)) {
            s.baseline = self.defaults.baseline;
        }
        for &setting in &self.locked {
            let _ = s.set(setting, self.defaults.get(setting));
        }
        if self.currency_locked {
            s.currency = self.defaults.currency;
        }
    }

    /// Whether `s` keeps every locked value (the `scenario` property
    /// refuses one that does not).
    ///
    /// # Errors
    /// The message names the first locked field `s` changes.
    pub fn check_locks(&self, s: &Scenario) -> Result<(), String> {
        let mut locked = s.clone();
        self.lock(&mut locked);
        if let Some(&setting) = self.locked.iter().find(|&&l| locked.get(l) != s.get(l)) {
            return Err([setting.key(), ": is locked by the consultant (lock=\"", setting.attr(), "\")"].concat());
        }
        if locked.currency != s.currency {
            return Err("currency: is locked by the consultant (lock=\"currency\")".to_owned());
        }
        Ok(())
    }

    /// Applies `msg`; says what changed.
    pub fn apply(&mut self, msg: Msg, cx: &Ctx) -> Effects {
        let mut fx = Effects::default();
        match msg {
            Msg::Type(key, text) => self.type_text(key, &text, cx, &mut fx),
            Msg::Kind(id, kind) => self.choose(id, cx, &mut fx, |c| c.kind = kind),
            Msg::Phase(id, phase) => self.choose(id, cx, &mut fx, |c| c.phase = phase),
            Msg::Share(id, share) => {
                self.choose(id, cx, &mut fx, |c| c.share = share.then_some(c.share.unwrap_or(1_000)));
            }
            Msg::Add => {
                if self.scenario.changes.len() < MAX_CHANGES {
                    self.remember(cx);
                    let id = self.scenario.next_id();
                    self.scenario.changes.push(Change::new(id, "", Kind::Tweak, 60, Phase::Build));
                    fx.rows = Rows::Added;
                    fx.committed = true;
                }
            }
            Msg::Remove(id) => {
                if let Some(index) = self.scenario.position(id) {
                    self.remember(cx);
                    self.scenario.changes.remove(index);
                    self.pending.retain(|(k, _)| k.change() != Some(id));
                    self.open.retain(|&o| o != id);
                    fx.rows = Rows::Removed { index };
                    fx.committed = true;
                }
            }
            Msg::Move(id, up) => {
                if let Some((index, other)) = self.neighbour(id, up) {
                    self.remember(cx);
                    self.scenario.changes.swap(index, other);
                    fx.rows = Rows::Swapped { index, other };
                    fx.committed = true;
                }
            }
            Msg::Range(id) => self.toggle_range(id, cx, &mut fx),
            Msg::Undo => {
                if let Some(previous) = self.history.undo(self.scenario.clone()) {
                    self.replace(previous, &mut fx);
                }
            }
            Msg::Redo => {
                if let Some(next) = self.history.redo(self.scenario.clone()) {
                    self.replace(next, &mut fx);
                }
            }
            Msg::Reset => {
                self.remember(cx);
                self.replace(self.defaults.clone(), &mut fx);
            }
            Msg::Example => {
                let changes = self.example.changes(cx.t, self.scenario.next_id());
                if !changes.is_empty() && self.scenario.changes.is_empty() {
                    self.remember(cx);
                    self.example_ids = changes.iter().map(|c| c.id).collect();
                    let mut s = self.scenario.clone();
                    s.changes = changes;
                    self.replace(s, &mut fx);
                }
            }
            Msg::RemoveExample => {
                self.remember(cx);
                let mut s = self.scenario.clone();
                s.changes.retain(|c| !self.example_ids.contains(&c.id));
                self.example_ids.clear();
                self.replace(s, &mut fx);
            }
            Msg::Replace(s) => {
                self.remember(cx);
                self.replace(s, &mut fx);
            }
            Msg::Incoming(s) => {
                let pending = std::mem::take(&mut self.pending);
                self.remember(cx);
                self.replace(s, &mut fx);
                for (key, text) in pending {
                    self.type_text(key, &text, cx, &mut fx);
                }
            }
        }
        fx
    }

    /// Records the state before an edit of its own (add, remove, move,
    /// reset, import, opening a shared scenario).
    fn remember(&mut self, cx: &Ctx) {
        self.history.record(self.scenario.clone(), None, cx.now);
    }

    /// Shows `scenario` in place of the current one, with the locks (every
    /// scenario from elsewhere comes in here): nothing pending, and the
    /// ranges open where a change has one.
    fn show(&mut self, mut scenario: Scenario) {
        self.lock(&mut scenario);
        self.open = scenario.changes.iter().filter(|c| !c.effort.is_exact()).map(|c| c.id).collect();
        self.scenario = scenario;
        self.pending.clear();
    }

    fn replace(&mut self, scenario: Scenario, fx: &mut Effects) {
        self.show(scenario);
        fx.rows = Rows::All;
        fx.messages.clear();
        fx.committed = true;
    }

    /// Applies `text` to the field `key`, or says why it cannot. Typing
    /// into one field is one undo step until a pause or another field.
    fn type_text(&mut self, key: Key, text: &str, cx: &Ctx, fx: &mut Effects) {
        if key.change().is_some_and(|id| self.scenario.position(id).is_none()) {
            return;
        }
        let before = self.history.starts_step(Some(key.id()), cx.now).then(|| self.scenario.clone());
        match self.try_apply(key, text, cx) {
            Ok(()) => {
                match before {
                    Some(before) => self.history.record(before, Some(key.id()), cx.now),
                    None => self.history.touch(key.id(), cx.now),
                }
                self.pending.retain(|(k, _)| *k != key);
                fx.messages.push((key, None));
                self.retry_pending(cx, fx);
                fx.committed = true;
            }
            Err(message) => {
                match self.pending.iter_mut().find(|(k, _)| *k == key) {
                    Some(p) => text.clone_into(&mut p.1),
                    None => self.pending.push((key, text.to_owned())),
                }
                fx.messages.push((key, Some(message)));
            }
        }
    }

    /// Fields that were invalid may be valid now (a raised high estimate
    /// makes a likely one fit).
    fn retry_pending(&mut self, cx: &Ctx, fx: &mut Effects) {
        for (key, text) in std::mem::take(&mut self.pending) {
            match self.try_apply(key, &text, cx) {
                Ok(()) => fx.messages.push((key, None)),
                Err(message) => {
                    fx.messages.push((key, Some(message)));
                    self.pending.push((key, text));
                }
            }
        }
    }

    /// Parses and applies one field; the error is in the client's language.
    fn try_apply(&mut self, key: Key, text: &str, cx: &Ctx) -> Result<(), String> {
        let t = cx.t;
        let explain = |e: ScenarioError| t.problem(&e, cx.money);
        let number = |quantity| parse(text, t.decimal, quantity).map_err(|e| t.parse_error(e));
        let minutes = || number(Quantity::Hours).map(|m| u32::try_from(m).unwrap_or(u32::MAX));
        match key {
            Key::Setting(s) if self.locked(s) => Ok(()),
            Key::Setting(s) => {
                let empty_price = s == Setting::FixedPrice && text.trim().is_empty();
                let value = if empty_price { 0 } else { number(Quantity::from(s.unit()))? };
                self.scenario.set(s, value).map_err(explain)
            }
            Key::Currency if self.currency_locked => Ok(()),
            Key::Currency => self.scenario.set_currency(text).map_err(explain),
            Key::Title(id) | Key::Effort(id) | Key::EffortLow(id) | Key::EffortHigh(id) => {
                let Some(index) = self.scenario.position(id) else { return Ok(()) };
                let mut c = self.scenario.changes[index].clone();
                match key {
                    Key::Title(_) => text.clone_into(&mut c.title),
                    Key::EffortLow(_) => c.effort.low = minutes()?,
                    Key::EffortHigh(_) => c.effort.high = minutes()?,
                    _ if c.rework_share().is_some() => {
                        c.share = Some(u32::try_from(number(Quantity::Percent)?).unwrap_or(u32::MAX));
                    }
                    _ if self.range_open(id) => c.effort.likely = minutes()?,
                    _ => c.effort = Range::exact(minutes()?),
                }
                validate_change(index, &c).map_err(explain)?;
                self.scenario.changes[index] = c;
                Ok(())
            }
        }
    }

    /// A choice in a change's row (kind, phase, unit of a rework). When
    /// what the effort field shows changes (hours or a share), its text
    /// that did not apply is dropped and the field shown anew.
    fn choose(&mut self, id: u32, cx: &Ctx, fx: &mut Effects, set: impl FnOnce(&mut Change)) {
        let Some(index) = self.scenario.position(id) else { return };
        let before = &self.scenario.changes[index];
        let mut c = before.clone();
        set(&mut c);
        if c.kind != Kind::Rework {
            c.share = None;
        }
        if c == *before {
            return;
        }
        let effort_shown_changes = c.rework_share() != before.rework_share() || c.kind != before.kind;
        self.remember(cx);
        self.scenario.changes[index] = c;
        if effort_shown_changes {
            self.pending.retain(|(k, _)| *k != Key::Effort(id));
            fx.rows = Rows::Effort(id);
        }
        fx.committed = true;
    }

    /// Opens or closes a change's best / worst case. Closing makes the
    /// estimate one number again, the likely one: an edit of its own.
    fn toggle_range(&mut self, id: u32, cx: &Ctx, fx: &mut Effects) {
        let Some(index) = self.scenario.position(id) else { return };
        fx.rows = Rows::Effort(id);
        if !self.range_open(id) {
            self.open.push(id);
            return;
        }
        self.open.retain(|&o| o != id);
        self.remember(cx);
        let likely = self.scenario.changes[index].effort.likely;
        self.scenario.changes[index].effort = Range::exact(likely);
        self.pending.retain(|(k, _)| *k != Key::EffortLow(id) && *k != Key::EffortHigh(id));
        fx.committed = true;
    }
}
