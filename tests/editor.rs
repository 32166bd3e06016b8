//! The editing rules on the host: what typing and clicking do to the
//! scenario, the undo history, the texts that did not apply and the open
//! ranges (`core::editor`). The browser suite checks the same rules through
//! the DOM; these check them one by one, without a browser.

use changecost::core::editor::{Ctx, Editor, Effects, Key, Msg, Rows};
use changecost::core::{configure, i18n, Config, Kind, Money, ParseError, Phase, Range, Setting, MAX_CHANGES};

fn en() -> &'static i18n::Texts {
    i18n::for_tag("en").unwrap()
}

fn de() -> &'static i18n::Texts {
    i18n::for_tag("de").unwrap()
}

/// The configuration of an element with these attributes.
fn config(attrs: &[(&str, &str)]) -> Config {
    configure(&|name| attrs.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_owned())).0
}

fn money(m: Money) -> String {
    format!("{} cents", m.cents())
}

/// An editor on the defaults, and a clock.
struct Session {
    ed: Editor,
    t: &'static i18n::Texts,
    now: f64,
}

impl Session {
    fn new(attrs: &[(&str, &str)]) -> Session {
        Session { ed: Editor::new(&config(attrs), None), t: en(), now: 1_000.0 }
    }

    /// Applies `msg` a second after the last one (a new undo step).
    fn apply(&mut self, msg: Msg) -> Effects {
        self.now += 2_000.0;
        self.ed.apply(msg, &Ctx { t: self.t, money: &money, now: self.now })
    }

    /// Applies `msg` right after the last one (typing on).
    fn apply_soon(&mut self, msg: Msg) -> Effects {
        self.now += 100.0;
        self.ed.apply(msg, &Ctx { t: self.t, money: &money, now: self.now })
    }

    fn type_in(&mut self, key: Key, text: &str) -> Effects {
        self.apply(Msg::Type(key, text.to_owned()))
    }

    /// Adds a change; its id.
    fn add(&mut self) -> u32 {
        self.apply(Msg::Add);
        self.ed.scenario.changes.last().unwrap().id
    }

    fn ids(&self) -> Vec<u32> {
        self.ed.scenario.changes.iter().map(|c| c.id).collect()
    }
}

#[test]
fn valid_text_applies_and_clears_its_message() {
    let mut s = Session::new(&[]);
    let fx = s.type_in(Key::Setting(Setting::Rate), "120,50");
    assert_eq!(s.ed.scenario.rate.cents(), 12_050);
    assert!(fx.committed);
    assert_eq!(fx.rows, Rows::Same);
    assert_eq!(fx.messages, vec![(Key::Setting(Setting::Rate), None)]);
}

#[test]
fn invalid_text_keeps_the_last_valid_scenario_and_says_why_in_the_clients_language() {
    let mut s = Session::new(&[]);
    let before = s.ed.scenario.clone();
    let fx = s.type_in(Key::Setting(Setting::Rate), "12x");
    assert_eq!(s.ed.scenario, before);
    assert!(!fx.committed);
    let message = en().parse_error(ParseError::Invalid { found: 'x' });
    assert_eq!(fx.messages, vec![(Key::Setting(Setting::Rate), Some(message))]);
    assert_eq!(s.ed.pending(Key::Setting(Setting::Rate)), Some("12x"));

    s.t = de();
    let fx = s.type_in(Key::Setting(Setting::Rate), "-5");
    assert_eq!(fx.messages, vec![(Key::Setting(Setting::Rate), Some(de().parse_error(ParseError::Negative)))]);
    assert_ne!(de().parse_error(ParseError::Negative), en().parse_error(ParseError::Negative));
    assert_eq!(s.ed.pending(Key::Setting(Setting::Rate)), Some("-5"), "the newer text replaces the older");
}

#[test]
fn a_text_that_did_not_fit_applies_once_another_field_makes_room() {
    let mut s = Session::new(&[]);
    // The likely baseline above the worst case (180 h) is out of order.
    let fx = s.type_in(Key::Setting(Setting::Hours), "200");
    assert!(matches!(fx.messages.as_slice(), [(Key::Setting(Setting::Hours), Some(_))]));
    assert_eq!(s.ed.scenario.baseline.likely, 7_200);
    // Raising the worst case makes it fit: both apply, both messages clear.
    let fx = s.type_in(Key::Setting(Setting::HoursHigh), "250");
    assert_eq!(s.ed.scenario.baseline, Range { low: 6_000, likely: 12_000, high: 15_000 });
    assert_eq!(fx.messages, vec![(Key::Setting(Setting::HoursHigh), None), (Key::Setting(Setting::Hours), None)]);
    assert_eq!(s.ed.pending(Key::Setting(Setting::Hours)), None);
}

#[test]
fn an_empty_fixed_price_means_derived_from_the_baseline() {
    let mut s = Session::new(&[]);
    s.type_in(Key::Setting(Setting::FixedPrice), "15000");
    assert_eq!(s.ed.scenario.fixed_price, Some(Money::from_cents(1_500_000)));
    s.type_in(Key::Setting(Setting::FixedPrice), "  ");
    assert_eq!(s.ed.scenario.fixed_price, None);
}

#[test]
fn the_currency_is_checked() {
    let mut s = Session::new(&[]);
    s.type_in(Key::Currency, "chf");
    assert_eq!(s.ed.scenario.currency_code(), "CHF");
    let fx = s.type_in(Key::Currency, "E1");
    assert!(matches!(fx.messages.as_slice(), [(Key::Currency, Some(_))]));
    assert_eq!(s.ed.scenario.currency_code(), "CHF");
}

#[test]
fn typing_into_one_field_is_one_undo_step_until_a_pause() {
    let mut s = Session::new(&[]);
    s.type_in(Key::Setting(Setting::Rate), "1");
    s.apply_soon(Msg::Type(Key::Setting(Setting::Rate), "12".into()));
    s.apply_soon(Msg::Type(Key::Setting(Setting::Rate), "120".into()));
    assert_eq!(s.ed.scenario.rate.cents(), 12_000);
    // Another field, even at once, is another step.
    s.apply_soon(Msg::Type(Key::Setting(Setting::Premium), "10".into()));
    // After a pause, the same field is another step too.
    s.type_in(Key::Setting(Setting::Premium), "15");

    let fx = s.apply(Msg::Undo);
    assert_eq!((fx.rows, fx.committed), (Rows::All, true));
    assert_eq!(s.ed.scenario.premium, 1_000);
    s.apply(Msg::Undo);
    assert_eq!((s.ed.scenario.rate.cents(), s.ed.scenario.premium), (12_000, 2_000));
    s.apply(Msg::Undo);
    assert_eq!(s.ed.scenario.rate.cents(), 9_500, "the three keystrokes were one step");
    assert!(!s.ed.can_undo());
    assert_eq!(s.apply(Msg::Undo), Effects::default(), "nothing left to undo does nothing");

    s.apply(Msg::Redo);
    assert_eq!(s.ed.scenario.rate.cents(), 12_000);
    assert!(s.ed.can_redo());
    // A new edit clears redo.
    s.type_in(Key::Setting(Setting::Vat), "19");
    assert!(!s.ed.can_redo());
}

#[test]
fn undo_forgets_texts_that_did_not_apply() {
    let mut s = Session::new(&[]);
    s.type_in(Key::Setting(Setting::Rate), "120");
    s.type_in(Key::Setting(Setting::Premium), "abc");
    s.apply(Msg::Undo);
    assert_eq!(s.ed.pending(Key::Setting(Setting::Premium)), None);
}

#[test]
fn adding_removing_and_moving_changes() {
    let mut s = Session::new(&[]);
    let a = s.add();
    let b = s.add();
    let c = s.add();
    assert_eq!(s.ids(), vec![a, b, c]);
    let added = &s.ed.scenario.changes[2];
    assert_eq!((added.kind, added.effort, added.phase), (Kind::Tweak, Range::exact(60), Phase::Build));

    let fx = s.apply(Msg::Move(c, true));
    assert_eq!((fx.rows, fx.committed), (Rows::Swapped { index: 2, other: 1 }, true));
    assert_eq!(s.ids(), vec![a, c, b]);
    assert_eq!(s.apply(Msg::Move(a, true)), Effects::default(), "the first cannot move up");
    assert_eq!(s.apply(Msg::Move(b, false)), Effects::default(), "the last cannot move down");
    assert_eq!(s.ed.neighbour(a, false), Some((0, 1)));

    let fx = s.apply(Msg::Remove(c));
    assert_eq!(fx.rows, Rows::Removed { index: 1 });
    assert_eq!(s.ids(), vec![a, b]);
    assert_eq!(s.apply(Msg::Remove(c)), Effects::default(), "a removed change is gone");

    s.apply(Msg::Undo);
    assert_eq!(s.ids(), vec![a, c, b]);
    s.apply(Msg::Undo);
    assert_eq!(s.ids(), vec![a, b, c]);
    s.apply(Msg::Undo);
    assert_eq!(s.ids(), vec![a, b]);
}

#[test]
fn no_more_changes_than_the_limit() {
    let mut s = Session::new(&[]);
    for _ in 0..MAX_CHANGES {
        s.ed.scenario.changes.push(changecost::core::Change::new(
            s.ed.scenario.next_id(),
            "",
            Kind::Tweak,
            60,
            Phase::Build,
        ));
    }
    assert_eq!(s.apply(Msg::Add), Effects::default());
    assert_eq!(s.ed.scenario.changes.len(), MAX_CHANGES);
}

#[test]
fn removing_a_change_drops_its_texts_that_did_not_apply() {
    let mut s = Session::new(&[]);
    let id = s.add();
    s.type_in(Key::Effort(id), "zwei");
    assert!(s.ed.pending(Key::Effort(id)).is_some());
    s.apply(Msg::Remove(id));
    assert_eq!(s.ed.pending(Key::Effort(id)), None);
}

#[test]
fn a_closed_range_is_one_number_an_open_one_edits_the_likely_value() {
    let mut s = Session::new(&[]);
    let id = s.add();
    s.type_in(Key::Effort(id), "3");
    assert_eq!(s.ed.scenario.changes[0].effort, Range::exact(180));
    assert!(!s.ed.range_open(id));

    // Opening shows the fields; nothing changes yet, and it is no undo step.
    let fx = s.apply(Msg::Range(id));
    assert_eq!((fx.rows, fx.committed), (Rows::Effort(id), false));
    assert!(s.ed.range_open(id));
    s.type_in(Key::EffortLow(id), "2");
    s.type_in(Key::EffortHigh(id), "6");
    s.type_in(Key::Effort(id), "4");
    assert_eq!(s.ed.scenario.changes[0].effort, Range { low: 120, likely: 240, high: 360 });

    // A best case above the likely one does not apply.
    let fx = s.type_in(Key::EffortLow(id), "5");
    assert!(matches!(fx.messages.as_slice(), [(Key::EffortLow(i), Some(_))] if *i == id));
    assert_eq!(s.ed.scenario.changes[0].effort.low, 120);

    // Closing keeps the likely value, drops the range's texts, and is an
    // undo step.
    let fx = s.apply(Msg::Range(id));
    assert_eq!((fx.rows, fx.committed), (Rows::Effort(id), true));
    assert_eq!(s.ed.scenario.changes[0].effort, Range::exact(240));
    assert_eq!(s.ed.pending(Key::EffortLow(id)), None);
    s.type_in(Key::Effort(id), "5");
    assert_eq!(s.ed.scenario.changes[0].effort, Range::exact(300));

    s.apply(Msg::Undo);
    s.apply(Msg::Undo);
    assert_eq!(s.ed.scenario.changes[0].effort, Range { low: 120, likely: 240, high: 360 });
    assert!(s.ed.range_open(id), "a change with a range shows it after undo");
}

#[test]
fn a_rework_given_as_a_share() {
    let mut s = Session::new(&[]);
    let id = s.add();
    s.type_in(Key::Effort(id), "abc");
    // The kind decides what the effort field shows: its text goes.
    let fx = s.apply(Msg::Kind(id, Kind::Rework));
    assert_eq!((fx.rows, fx.committed), (Rows::Effort(id), true));
    assert_eq!(s.ed.pending(Key::Effort(id)), None);

    s.apply(Msg::Share(id, true));
    assert_eq!(s.ed.scenario.changes[0].share, Some(1_000), "a share starts at 10 %");
    s.type_in(Key::Effort(id), "25");
    assert_eq!(s.ed.scenario.changes[0].share, Some(2_500));
    assert_eq!(s.ed.scenario.changes[0].effort, Range::exact(60), "the hours stay for the way back");

    // Another kind has no share.
    s.apply(Msg::Kind(id, Kind::Tweak));
    assert_eq!(s.ed.scenario.changes[0].share, None);
    // Choosing what is already chosen is nothing.
    assert_eq!(s.apply(Msg::Kind(id, Kind::Tweak)), Effects::default());

    let fx = s.apply(Msg::Phase(id, Phase::Live));
    assert_eq!((fx.rows, fx.committed), (Rows::Same, true), "the phase does not change the effort field");
    assert_eq!(s.ed.scenario.changes[0].phase, Phase::Live);
}

#[test]
fn a_title_too_long_is_refused() {
    let mut s = Session::new(&[]);
    let id = s.add();
    s.type_in(Key::Title(id), "logo bigger");
    assert_eq!(s.ed.scenario.changes[0].title, "logo bigger");
    let fx = s.type_in(Key::Title(id), &"x".repeat(changecost::core::MAX_TITLE + 1));
    assert!(matches!(fx.messages.as_slice(), [(Key::Title(_), Some(_))]));
    assert_eq!(s.ed.scenario.changes[0].title, "logo bigger");
}

#[test]
fn locked_settings_keep_the_consultants_value() {
    let attrs = [("rate", "150"), ("hours", "200"), ("lock", "rate hours currency")];
    let mut s = Session::new(&attrs);
    assert_eq!(s.ed.scenario.rate.cents(), 15_000);
    let fx = s.type_in(Key::Setting(Setting::Rate), "80");
    assert_eq!(s.ed.scenario.rate.cents(), 15_000);
    assert!(s.ed.locked(Setting::Rate));
    assert_eq!(fx.messages, vec![(Key::Setting(Setting::Rate), None)]);
    s.type_in(Key::Currency, "USD");
    assert_eq!(s.ed.scenario.currency_code(), "EUR");

    // A saved state from before the lock takes the locked values, the
    // baseline's three estimates together.
    let saved = changecost::core::Scenario {
        rate: Money::from_cents(5_000),
        baseline: Range { low: 10, likely: 20, high: 30 },
        premium: 3_000,
        ..changecost::core::Scenario::default()
    };
    let ed = Editor::new(&config(&attrs), Some(saved.clone()));
    assert_eq!(ed.scenario.rate.cents(), 15_000);
    assert_eq!(ed.scenario.baseline, config(&attrs).defaults.baseline);
    assert_eq!(ed.scenario.premium, 3_000, "what is not locked stays");

    // The property refuses a scenario that changes a locked value, and
    // names it.
    let message = s.ed.check_locks(&saved).unwrap_err();
    assert!(message.starts_with("rateCents:") && message.contains("lock=\"rate\""), "{message}");
    let mut ok = s.ed.scenario.clone();
    ok.premium = 500;
    assert_eq!(s.ed.check_locks(&ok), Ok(()));
    let mut dollars = ok.clone();
    dollars.set_currency("USD").unwrap();
    assert!(s.ed.check_locks(&dollars).unwrap_err().starts_with("currency:"));

    // A replacing scenario is locked too.
    s.apply(Msg::Replace(saved));
    assert_eq!((s.ed.scenario.rate.cents(), s.ed.scenario.premium), (15_000, 3_000));
}

#[test]
fn reset_returns_to_the_defaults_in_one_undo_step() {
    let mut s = Session::new(&[("rate", "110")]);
    s.add();
    s.type_in(Key::Setting(Setting::Rate), "130");
    s.type_in(Key::Setting(Setting::Vat), "x");
    let fx = s.apply(Msg::Reset);
    assert_eq!((fx.rows, fx.committed), (Rows::All, true));
    assert_eq!(s.ed.scenario, config(&[("rate", "110")]).defaults);
    assert_eq!(s.ed.pending(Key::Setting(Setting::Vat)), None);
    s.apply(Msg::Undo);
    assert_eq!((s.ed.scenario.rate.cents(), s.ed.scenario.changes.len()), (13_000, 1));
}

#[test]
fn the_example_fills_an_empty_list_and_leaves_in_one_step() {
    let mut s = Session::new(&[]);
    let fx = s.apply(Msg::Example);
    assert_eq!((fx.rows, fx.committed), (Rows::All, true));
    let titles: Vec<&str> = s.ed.scenario.changes.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, en().example_titles.to_vec());
    assert!(s.ed.example_shown());
    // Only into an empty list.
    assert_eq!(s.apply(Msg::Example), Effects::default());

    // The client's own change stays when the example goes.
    let own = s.add();
    s.apply(Msg::RemoveExample);
    assert_eq!(s.ids(), vec![own]);
    assert!(!s.ed.example_shown());
    s.apply(Msg::Undo);
    assert_eq!(s.ed.scenario.changes.len(), 4);

    // Off: nothing to add.
    let mut off = Session::new(&[("example", "off")]);
    assert_eq!(off.apply(Msg::Example), Effects::default());
    assert!(off.ed.scenario.changes.is_empty());
}

#[test]
fn the_example_is_marked_while_any_of_its_changes_is_left() {
    let mut s = Session::new(&[]);
    s.apply(Msg::Example);
    for id in s.ids() {
        assert!(s.ed.example_shown());
        s.apply(Msg::Remove(id));
    }
    assert!(!s.ed.example_shown());
}

#[test]
fn another_tabs_scenario_replaces_this_one_and_this_tabs_texts_are_tried_on_it() {
    let mut s = Session::new(&[]);
    s.type_in(Key::Setting(Setting::Hours), "200");
    let mut theirs = s.ed.scenario.clone();
    theirs.baseline.high = 15_000;
    theirs.rate = Money::from_cents(11_000);
    let fx = s.apply(Msg::Incoming(theirs));
    assert_eq!(fx.rows, Rows::All);
    assert_eq!(fx.messages, vec![(Key::Setting(Setting::Hours), None)]);
    assert_eq!(s.ed.scenario.rate.cents(), 11_000);
    assert_eq!(s.ed.scenario.baseline.likely, 12_000, "this tab's text now fits theirs");
    s.apply(Msg::Undo);
    assert_eq!(s.ed.scenario.rate.cents(), 11_000, "undo takes back this tab's text first");
}

#[test]
fn a_replaced_scenario_opens_the_ranges_it_has() {
    let mut s = Session::new(&[]);
    let mut other = s.ed.scenario.clone();
    let mut c = changecost::core::Change::new(7, "", Kind::Tweak, 60, Phase::Build);
    c.effort = Range { low: 30, likely: 60, high: 120 };
    other.changes.push(c);
    other.changes.push(changecost::core::Change::new(8, "", Kind::Tweak, 60, Phase::Build));
    s.apply(Msg::Replace(other));
    assert!(s.ed.range_open(7));
    assert!(!s.ed.range_open(8));
    // Open ranges follow the change, not its place.
    s.apply(Msg::Move(8, true));
    assert!(s.ed.range_open(7) && !s.ed.range_open(8));
}

#[test]
fn fields_of_changes_that_are_gone_are_ignored() {
    let mut s = Session::new(&[]);
    assert_eq!(s.type_in(Key::Effort(42), "3"), Effects::default());
    assert!(s.ed.scenario.changes.is_empty());
    assert_eq!(s.apply(Msg::Range(42)), Effects::default());
    assert_eq!(s.apply(Msg::Kind(42, Kind::Rework)), Effects::default());
}
