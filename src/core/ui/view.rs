//! The widget's markup, as pure functions of its state and texts: the
//! whole widget once (and again on a language switch), a change's row,
//! a notice, written through the one escaping writer ([`Html`]). Every
//! element that changes later has an `id`, by which [`Paint`] updates it;
//! every input has a visible label; every total carries its exact cents.
//!
//! [`Paint`]: crate::core::ui::Paint

use crate::core::config::{Config, Endpoint};
use crate::core::editor::Editor;
use crate::core::example::Example;
use crate::core::html::Html;
use crate::core::i18n::{fill, Texts};
use crate::core::parse::{format_quantity, integer, Quantity};
use crate::core::scenario::{Change, Contract, Kind, Phase, Setting, Unit};
use crate::core::ui::msg::{Action, Part, SendField, CURRENCY};

/// The settings shown first; the rest fold under "more".
pub const MAIN: [Setting; 6] =
    [Setting::Rate, Setting::Hours, Setting::HoursLow, Setting::HoursHigh, Setting::Premium, Setting::Allowance];
/// The settings under "more", before the per-phase ones.
const MORE: [Setting; 8] = [
    Setting::FixedPrice,
    Setting::CrRate,
    Setting::CrAdmin,
    Setting::Switch,
    Setting::Cap,
    Setting::Vat,
    Setting::Overhead,
    Setting::Trials,
];
/// Rows rendered at a time: the latest changes, with a button for earlier
/// ones, so that a keystroke never waits for thousands of rows.
pub const PAGE: usize = 100;

/// The ids of the elements that change after the first render.
pub mod id {
    use crate::core::parse::integer;
    use crate::core::scenario::{Contract, Setting};

    /// A setting's input: `s` and its wire number.
    pub fn setting(s: Setting) -> String {
        ["s", &integer(i64::from(s.wire()))].concat()
    }
    /// A change's row (`li`); its parts are this and `-` and a letter.
    pub fn row(change: u32) -> String {
        ["c", &integer(i64::from(change))].concat()
    }
    /// A part of a change's row.
    pub fn part(change: u32, part: &str) -> String {
        ["c", &integer(i64::from(change)), "-", part].concat()
    }
    /// A part of a contract's card.
    pub fn card(c: Contract, part: &str) -> String {
        ["k-", c.key(), "-", part].concat()
    }
    /// A notice, by its class.
    pub fn notice(class: &str) -> String {
        ["n-", class].concat()
    }
    /// The message under the field `id`.
    pub fn error(id: &str) -> String {
        [id, "-error"].concat()
    }
    /// The currency's input.
    pub const CURRENCY: &str = "currency";
    /// The list of notices.
    pub const NOTICES: &str = "notices";
    /// "No changes yet".
    pub const EMPTY: &str = "empty";
    /// The `<ol>` of changes.
    pub const LIST: &str = "list";
    /// "Show earlier changes".
    pub const EARLIER: &str = "earlier";
    /// "Try the example".
    pub const EXAMPLE: &str = "example-try";
    /// The note above example changes.
    pub const EXAMPLE_NOTE: &str = "example-note";
    /// "Add a change".
    pub const ADD: &str = "add";
    /// Shown instead of the cards when figures cannot be computed.
    pub const OVERFLOW: &str = "overflow";
    /// The polite live region.
    pub const LIVE: &str = "live";
    /// The verdict's answer.
    pub const INSIGHT: &str = "insight";
    /// The figures as estimated.
    pub const ESTIMATE: &str = "estimate";
    /// What the cap does.
    pub const CAP: &str = "cap-note";
    /// What bundling saves.
    pub const BUNDLE: &str = "bundle";
    /// What a range bar shows.
    pub const BARS_KEY: &str = "bars-key";
    /// Where the chart is drawn.
    pub const PLOT: &str = "plot";
    /// The chart's table body.
    pub const TABLE: &str = "table-body";
    /// Undo.
    pub const UNDO: &str = "undo";
    /// Redo.
    pub const REDO: &str = "redo";
    /// The reset's confirmation.
    pub const CONFIRM: &str = "confirm";
    /// Its first button.
    pub const CONFIRM_YES: &str = "confirm-yes";
    /// The tools' status line.
    pub const STATUS: &str = "status";
    /// The clipboard fallback.
    pub const FALLBACK: &str = "fallback";
    /// Its text.
    pub const FALLBACK_TEXT: &str = "fallback-text";
    /// The import's hidden file input.
    pub const FILE: &str = "file";
    /// The print receipt.
    pub const RECEIPT: &str = "receipt";
    /// The summary bar's "as estimated" line.
    pub const SUMMARY_DIFF: &str = "sum-diff";
    /// The summary bar's odds.
    pub const SUMMARY_ODDS: &str = "sum-odds";
    /// Under the baseline's best case: the clamp note.
    pub const CLAMP: &str = "clamp";
    /// The language select.
    pub const LANG: &str = "lang";
    /// The "keep my entries" checkbox.
    pub const KEEP: &str = "keep";
    /// The send panel.
    pub const SEND: &str = "send";
    /// Its preview.
    pub const SEND_PREVIEW: &str = "send-preview";
    /// Its name field.
    pub const SEND_NAME: &str = "send-name";
    /// Its consent checkbox.
    pub const SEND_CONSENT: &str = "send-consent";
    /// Its Send button.
    pub const SEND_POST: &str = "send-post";
    /// Its status line.
    pub const SEND_STATUS: &str = "send-status";
    /// The tools' "send to the consultant" button.
    pub const SEND_BUTTON: &str = "send-open";
    /// The summary bar's amount of a contract.
    pub fn summary(c: Contract) -> String {
        ["sum-", c.key()].concat()
    }
    /// "why?" of a setting.
    pub fn why(s: Setting) -> String {
        [setting(s), "-why".to_owned()].concat()
    }
}

/// The unit shown after a setting's input.
fn unit_text(t: &Texts, setting: Setting, currency: &str) -> String {
    match setting.unit() {
        Unit::Money if setting == Setting::Rate => [currency, t.per_hour].concat(),
        Unit::Money => currency.to_owned(),
        Unit::Hours => t.hours.to_owned(),
        Unit::Percent => "%".to_owned(),
        Unit::Multiplier => "×".to_owned(),
        Unit::Count => String::new(),
    }
}

/// A labelled text input with its value, unit and message paragraph; the
/// field's `div` is left open for what follows it. The unit's element gets
/// `unit_id` when it changes later (a rework's share shows `%`).
#[allow(clippy::too_many_arguments)]
fn field(
    h: &mut Html,
    id: &str,
    label: &str,
    unit: &str,
    unit_id: Option<&str>,
    data: (&str, &str),
    value: &str,
    locked: bool,
) {
    h.open("div", &[("class", "field")]);
    h.open("label", &[("for", id)]);
    h.text(label);
    h.close("label");
    h.open("span", &[("class", "input")]);
    let error = id::error(id);
    let mut attrs = vec![
        ("id", id),
        ("type", "text"),
        ("inputmode", "decimal"),
        ("autocomplete", "off"),
        ("spellcheck", "false"),
        data,
        ("aria-describedby", &error),
        ("value", value),
    ];
    if locked {
        attrs.push(("readonly", ""));
        attrs.push(("aria-readonly", "true"));
    }
    h.void("input", &attrs);
    if !unit.is_empty() {
        match unit_id {
            Some(u) => h.leaf("span", &[("class", "unit"), ("id", u), ("aria-hidden", "true")], unit),
            None => h.leaf("span", &[("class", "unit"), ("aria-hidden", "true")], unit),
        }
    }
    h.close("span");
    h.leaf("p", &[("class", "error"), ("id", &error)], "");
}

/// A labelled select with `(value, text)` options, `chosen` selected.
fn select(h: &mut Html, id: &str, label: &str, part: Part, options: &[(&str, &str)], chosen: &str) {
    h.open("div", &[("class", "field")]);
    h.open("label", &[("for", id)]);
    h.text(label);
    h.close("label");
    h.open("select", &[("id", id), ("data-part", part.key())]);
    for (value, text) in options {
        if *value == chosen {
            h.leaf("option", &[("value", value), ("selected", "")], text);
        } else {
            h.leaf("option", &[("value", value)], text);
        }
    }
    h.close("select");
    h.close("div");
}

/// A setting's value as its input shows it.
pub fn setting_value(t: &Texts, setting: Setting, value: i64) -> String {
    if setting == Setting::FixedPrice && value == 0 {
        String::new()
    } else {
        format_quantity(value, Quantity::from(setting.unit()), t.decimal)
    }
}

/// A setting's field, with its "why?" disclosure.
fn setting_field(h: &mut Html, t: &Texts, setting: Setting, ed: &Editor, config: &Config) {
    let s = &ed.scenario;
    // Its wire number, not its place in `Setting::ALL`: ids stay put when the list is reordered.
    let wire = integer(i64::from(setting.wire()));
    let input = id::setting(setting);
    let label = t.setting(setting);
    let value = setting_value(t, setting, s.get(setting));
    let locked = config.locked.contains(&setting);
    let unit = unit_text(t, setting, s.currency_code());
    field(h, &input, &label, &unit, None, ("data-setting", &wire), &value, locked);
    if setting == Setting::FixedPrice {
        h.leaf("p", &[("class", "hint")], t.fixed_price_hint);
    }
    if setting == Setting::HoursLow {
        // Filled when effort cannot go as low as the best case asks.
        h.leaf("p", &[("class", "hint clamp"), ("id", id::CLAMP), ("hidden", "")], "");
    }
    h.open("details", &[("class", "why")]);
    h.open("summary", &[]);
    h.text(t.why_label);
    h.leaf("span", &[("class", "sr-only")], &[" ", &label].concat());
    h.close("summary");
    let why = t.why(setting);
    // Filled from the settings when it names their figures.
    let text = if why.text.contains('{') { "" } else { why.text };
    h.leaf("p", &[("class", "why-text"), ("id", &id::why(setting))], text);
    h.leaf("p", &[("class", "source")], &fill(t.why_source, why.source));
    h.close("details");
    h.close("div");
}

/// The hours of an effort as its field shows them.
fn hours(t: &Texts, minutes: u32) -> String {
    format_quantity(i64::from(minutes), Quantity::Hours, t.decimal)
}

/// One change's row: the `index`-th of `count`, its best and worst case
/// shown when `open`.
pub fn row(t: &Texts, c: &Change, open: bool, index: usize, count: usize) -> String {
    let mut h = Html::default();
    let change = c.id;
    let part = |p: &str| id::part(change, p);
    let n = integer(index as i64 + 1);
    h.open(
        "li",
        &[
            ("class", "change"),
            ("id", &id::row(change)),
            ("data-change-id", &integer(i64::from(change))),
            ("part", "change"),
        ],
    );
    h.open("div", &[("class", "top")]);
    h.leaf("span", &[("class", "number"), ("id", &part("n"))], &fill(t.change_number, &n));
    h.open("span", &[("class", "row-tools")]);
    for (action, p, label, text) in [
        (Action::Up, "up", t.moves.up, "↑"),
        (Action::Down, "down", t.moves.down, "↓"),
        (Action::Remove, "x", t.remove, "×"),
    ] {
        let class = if action == Action::Remove { "remove" } else { "move" };
        let (label, id) = (fill(label, &n), part(p));
        let mut attrs = vec![
            ("type", "button"),
            ("class", class),
            ("data-action", action.key()),
            ("id", &id),
            ("aria-label", &label),
        ];
        let disabled = (action == Action::Up && index == 0) || (action == Action::Down && index + 1 >= count);
        if disabled {
            attrs.push(("disabled", ""));
        }
        h.leaf("button", &attrs, text);
    }
    h.close("span");
    h.close("div");
    h.open("div", &[("class", "fields")]);
    // The title: a text field that takes any character.
    h.open("div", &[("class", "field")]);
    let title = part("t");
    h.open("label", &[("for", &title)]);
    h.text(t.change_title);
    h.close("label");
    h.open("span", &[("class", "input")]);
    let title_error = id::error(&title);
    h.void(
        "input",
        &[
            ("id", &title),
            ("type", "text"),
            ("class", "title-input"),
            ("inputmode", "text"),
            ("maxlength", "120"),
            ("placeholder", t.change_placeholder),
            ("autocomplete", "off"),
            ("spellcheck", "false"),
            ("data-part", Part::Title.key()),
            ("aria-describedby", &title_error),
            ("value", &c.title),
        ],
    );
    h.close("span");
    h.leaf("p", &[("class", "error"), ("id", &title_error)], "");
    h.close("div");
    let kinds: Vec<(&str, &str)> = Kind::ALL.iter().map(|k| (k.key(), t.kind(*k))).collect();
    select(&mut h, &part("k"), t.change_kind, Part::Kind, &kinds, c.kind.key());
    // The unit's choice, for a rework only.
    let shared = c.rework_share().is_some();
    let (unit_field, unit) = (part("uf"), part("u"));
    if c.kind == Kind::Rework {
        h.open("div", &[("class", "field"), ("id", &unit_field)]);
    } else {
        h.open("div", &[("class", "field"), ("id", &unit_field), ("hidden", "")]);
    }
    h.open("label", &[("for", &unit)]);
    h.text(t.change_unit);
    h.close("label");
    h.open("select", &[("id", &unit), ("data-part", Part::Unit.key())]);
    for (value, text) in [("h", t.change_units.hours), ("share", t.change_units.share)] {
        if (value == "share") == shared {
            h.leaf("option", &[("value", value), ("selected", "")], text);
        } else {
            h.leaf("option", &[("value", value)], text);
        }
    }
    h.close("select");
    h.close("div");
    let (effort, effort_unit) = match c.rework_share() {
        Some(share) => (format_quantity(i64::from(share), Quantity::Percent, t.decimal), "%"),
        None => (hours(t, c.effort.likely), t.hours),
    };
    let unit_id = part("eu");
    let effort_id = part("e");
    let data = ("data-part", Part::Effort.key());
    field(&mut h, &effort_id, t.change_effort, effort_unit, Some(&unit_id), data, &effort, false);
    h.close("div");
    let phases: Vec<(&str, &str)> = Phase::ALL.iter().map(|p| (p.key(), t.phase(*p))).collect();
    select(&mut h, &part("p"), t.change_phase, Part::Phase, &phases, c.phase.key());
    h.close("div");
    let (range, toggle_id) = (part("r"), part("rt"));
    let shown = open && !shared;
    let mut toggle = vec![
        ("type", "button"),
        ("class", "link range"),
        ("id", &toggle_id),
        ("data-action", Action::Range.key()),
        ("aria-expanded", if shown { "true" } else { "false" }),
        ("aria-controls", &range),
    ];
    if shared {
        toggle.push(("hidden", ""));
    }
    h.leaf("button", &toggle, t.range);
    if shown {
        h.open("div", &[("class", "fields range-fields"), ("id", &range)]);
    } else {
        h.open("div", &[("class", "fields range-fields"), ("id", &range), ("hidden", "")]);
    }
    let (low, high) = (hours(t, c.effort.low), hours(t, c.effort.high));
    field(&mut h, &part("l"), t.range_bounds.best, t.hours, None, ("data-part", Part::Low.key()), &low, false);
    h.close("div");
    field(&mut h, &part("h"), t.range_bounds.worst, t.hours, None, ("data-part", Part::High.key()), &high, false);
    h.close("div");
    h.close("div");
    h.leaf("p", &[("class", "cost"), ("id", &part("cost"))], "");
    h.close("li");
    h.into_string()
}

/// A notice: its class (`full`, `unreadable`, `shared`, …), its text, and
/// its buttons (`(action, label, a link-styled button)`), the buttons of
/// more than one in an `actions` row.
pub fn notice(class: &str, text: &str, buttons: &[(Action, &str, bool)]) -> String {
    let mut h = Html::default();
    h.open("div", &[("class", &["notice ", class].concat()), ("id", &id::notice(class)), ("role", "alert")]);
    h.leaf("p", &[], text);
    let many = buttons.len() > 1;
    if many {
        h.open("div", &[("class", "actions")]);
    }
    for (action, label, link) in buttons {
        h.leaf(
            "button",
            &[("type", "button"), ("class", if *link { "link" } else { "" }), ("data-action", action.key())],
            label,
        );
    }
    if many {
        h.close("div");
    }
    h.close("div");
    h.into_string()
}

/// The host an endpoint sends to, as the client reads it
/// (`forms.example`), or `page` (the page's own host) for a path.
pub fn endpoint_host(endpoint: &Endpoint, page: &str) -> String {
    match endpoint.url.split_once(':').and_then(|(_, rest)| rest.strip_prefix("//")) {
        Some(rest) => rest.split(['/', '?', '#']).next().unwrap_or(rest).to_owned(),
        None => page.to_owned(),
    }
}

/// The panel that sends the result to the consultant's endpoint, with
/// consent (hidden until "Send to the consultant" is pressed).
fn send_markup(h: &mut Html, t: &Texts, host: &str) {
    h.open("section", &[("class", "send"), ("id", id::SEND), ("hidden", ""), ("aria-labelledby", "send-h")]);
    h.leaf("h4", &[("id", "send-h")], t.send_title);
    h.leaf("p", &[], &fill(t.send_intro, host));
    for (field, label) in [(SendField::Name, t.send_fields.name), (SendField::Email, t.send_fields.email)] {
        let id = ["send-", field.key()].concat();
        h.open("div", &[("class", "field")]);
        h.leaf("label", &[("for", &id)], label);
        h.open("span", &[("class", "input")]);
        let (kind, complete) = if field == SendField::Email { ("email", "email") } else { ("text", "name") };
        h.void(
            "input",
            &[
                ("id", &id),
                ("type", kind),
                ("data-send", field.key()),
                ("autocomplete", complete),
                ("maxlength", "200"),
            ],
        );
        h.close("span");
        h.close("div");
    }
    h.open("div", &[("class", "field")]);
    h.leaf("label", &[("for", "send-message")], t.send_fields.message);
    h.leaf(
        "textarea",
        &[("id", "send-message"), ("data-send", SendField::Message.key()), ("rows", "3"), ("maxlength", "2000")],
        "",
    );
    h.close("div");
    h.open("div", &[("class", "field")]);
    h.leaf("label", &[("for", id::SEND_PREVIEW)], t.send_preview);
    h.leaf("textarea", &[("id", id::SEND_PREVIEW), ("class", "preview"), ("readonly", ""), ("rows", "8")], "");
    h.close("div");
    h.open("label", &[("class", "consent")]);
    h.void("input", &[("type", "checkbox"), ("id", id::SEND_CONSENT), ("data-send", SendField::Consent.key())]);
    h.text(&[" ", &fill(t.send_consent, host)].concat());
    h.close("label");
    h.open("div", &[("class", "buttons")]);
    h.leaf(
        "button",
        &[("type", "button"), ("id", id::SEND_POST), ("data-action", Action::SendPost.key()), ("disabled", "")],
        t.send_buttons.send,
    );
    h.leaf("button", &[("type", "button"), ("data-action", Action::SendCancel.key())], t.send_buttons.cancel);
    h.close("div");
    h.leaf("p", &[("class", "send-status"), ("id", id::SEND_STATUS), ("role", "status")], "");
    h.close("section");
}

/// Under `persist="ask"`: the checkbox that keeps the client's entries on
/// this device, ticked when they are kept.
fn keep_markup(h: &mut Html, t: &Texts, config: &Config, keeping: bool) {
    if config.persist != crate::core::Persist::Ask {
        return;
    }
    h.open("div", &[("class", "keep")]);
    h.open("label", &[]);
    let mut attrs = vec![
        ("type", "checkbox"),
        ("id", id::KEEP),
        ("data-part", Part::Keep.key()),
        ("aria-describedby", "keep-hint"),
    ];
    if keeping {
        attrs.push(("checked", ""));
    }
    h.void("input", &attrs);
    h.text(&[" ", t.keep_label].concat());
    h.close("label");
    h.leaf("p", &[("class", "hint"), ("id", "keep-hint")], t.keep_hint);
    h.close("div");
}

/// What the skeleton needs beyond the texts, the configuration and the
/// editor.
pub struct Frame<'a> {
    /// The rows already rendered, as markup (the latest changes).
    pub rows: &'a str,
    /// The notices already shown, as markup.
    pub notices: &'a str,
    /// Whether the client's entries are kept (the checkbox of `ask`).
    pub keeping: bool,
    /// The host an endpoint sends to, as the client reads it.
    pub send_host: &'a str,
}

/// The whole widget's markup.
pub fn widget(t: &Texts, config: &Config, ed: &Editor, frame: &Frame<'_>) -> String {
    let scenario = &ed.scenario;
    let mut h = Html::default();
    h.open("header", &[("class", "head"), ("part", "header")]);
    h.open("div", &[("class", "heading")]);
    h.leaf("h2", &[("class", "title")], t.title);
    h.open("div", &[("class", "field lang")]);
    h.leaf("label", &[("for", id::LANG)], t.language);
    h.open("select", &[("id", id::LANG), ("data-part", Part::Lang.key())]);
    // Every language this build has, loaded or not (issue 24: another one
    // is loaded when chosen, see app/language.rs).
    for (code, name) in crate::core::i18n::LANGUAGES {
        if code == t.code {
            h.leaf("option", &[("value", code), ("lang", code), ("selected", "")], name);
        } else {
            h.leaf("option", &[("value", code), ("lang", code)], name);
        }
    }
    h.close("select");
    h.close("div");
    h.close("div");
    h.leaf("p", &[("class", "intro")], t.intro);
    keep_markup(&mut h, t, config, frame.keeping);
    h.close("header");
    h.open("div", &[("class", "notices"), ("id", id::NOTICES), ("part", "notices")]);
    h.raw(frame.notices);
    h.close("div");
    // The totals in sight on a narrow screen (CSS shows it there). Hidden
    // from assistive technology: the live region announces the same
    // totals once typing pauses, not on every key.
    h.open("div", &[("class", "summary"), ("part", "summary"), ("aria-hidden", "true")]);
    for &c in &config.models {
        h.open("p", &[("class", "sum"), ("data-contract", c.key())]);
        h.leaf("span", &[("class", "name")], t.contract(c));
        h.leaf("span", &[("class", "amount"), ("id", &id::summary(c))], "");
        h.close("p");
    }
    h.leaf("p", &[("class", "diff"), ("id", id::SUMMARY_DIFF)], "");
    h.leaf("p", &[("class", "odds"), ("id", id::SUMMARY_ODDS)], "");
    h.close("div");
    h.open("div", &[("class", "main")]);
    h.open("div", &[("class", "inputs")]);
    h.open("div", &[("class", "history"), ("role", "group"), ("aria-label", t.tools)]);
    let mut undo = vec![("type", "button"), ("id", id::UNDO), ("data-action", Action::Undo.key())];
    if !ed.can_undo() {
        undo.push(("disabled", ""));
    }
    undo.push(("aria-keyshortcuts", "Control+Z"));
    h.leaf("button", &undo, t.undo_redo.undo);
    let mut redo = vec![("type", "button"), ("id", id::REDO), ("data-action", Action::Redo.key())];
    if !ed.can_redo() {
        redo.push(("disabled", ""));
    }
    redo.push(("aria-keyshortcuts", "Control+Shift+Z"));
    h.leaf("button", &redo, t.undo_redo.redo);
    h.leaf("button", &[("type", "button"), ("data-action", Action::Reset.key())], t.reset.button);
    h.close("div");
    h.open("div", &[("class", "confirm"), ("id", id::CONFIRM), ("hidden", ""), ("role", "group")]);
    h.leaf("p", &[], t.reset.question);
    h.leaf(
        "button",
        &[("type", "button"), ("id", id::CONFIRM_YES), ("data-action", Action::ResetYes.key())],
        t.reset.confirm,
    );
    h.leaf("button", &[("type", "button"), ("data-action", Action::ResetNo.key())], t.reset.cancel);
    h.close("div");

    h.open("section", &[("class", "project"), ("part", "settings"), ("aria-labelledby", "project-h")]);
    h.leaf("h3", &[("id", "project-h")], t.project);
    h.open("div", &[("class", "grid")]);
    for s in MAIN {
        setting_field(&mut h, t, s, ed, config);
    }
    h.close("div");
    h.open("details", &[("class", "more")]);
    h.leaf("summary", &[], t.more);
    h.open("div", &[("class", "grid")]);
    for s in MORE {
        setting_field(&mut h, t, s, ed, config);
    }
    h.open("div", &[("class", "field")]);
    h.open("label", &[("for", id::CURRENCY)]);
    h.text(t.currency);
    h.close("label");
    h.open("span", &[("class", "input")]);
    let currency_error = id::error(id::CURRENCY);
    let mut currency = vec![
        ("id", id::CURRENCY),
        ("type", "text"),
        ("inputmode", "text"),
        ("maxlength", "3"),
        ("autocapitalize", "characters"),
        ("autocomplete", "off"),
        ("spellcheck", "false"),
        ("data-setting", CURRENCY),
        ("aria-describedby", &currency_error),
        ("value", scenario.currency_code()),
    ];
    if config.currency_locked {
        currency.push(("readonly", ""));
        currency.push(("aria-readonly", "true"));
    }
    h.void("input", &currency);
    h.close("span");
    h.leaf("p", &[("class", "error"), ("id", &currency_error)], "");
    h.close("div");
    h.close("div");
    h.open("div", &[("class", "grid phases")]);
    for p in Phase::ALL {
        setting_field(&mut h, t, Setting::Multiplier(p), ed, config);
    }
    for p in Phase::ALL {
        setting_field(&mut h, t, Setting::Remaining(p), ed, config);
    }
    h.close("div");
    h.close("details");
    h.close("section");

    let empty = scenario.changes.is_empty();
    h.open("section", &[("class", "changes"), ("part", "changes"), ("aria-labelledby", "changes-h")]);
    h.leaf("h3", &[("id", "changes-h")], t.changes);
    if empty {
        h.leaf("p", &[("class", "empty"), ("id", id::EMPTY)], t.no_changes);
    } else {
        h.leaf("p", &[("class", "empty"), ("id", id::EMPTY), ("hidden", "")], t.no_changes);
    }
    if config.example != Example::Off {
        let mut attrs = vec![
            ("type", "button"),
            ("class", "example-try"),
            ("id", id::EXAMPLE),
            ("data-action", Action::Example.key()),
        ];
        if !empty {
            attrs.push(("hidden", ""));
        }
        h.leaf("button", &attrs, t.example_try);
    }
    let mut note = vec![("class", "example-note"), ("id", id::EXAMPLE_NOTE), ("role", "note")];
    if !ed.example_shown() {
        note.push(("hidden", ""));
    }
    h.open("div", &note);
    h.leaf("p", &[], t.example_note);
    h.leaf(
        "button",
        &[("type", "button"), ("class", "link"), ("data-action", Action::ExampleRemove.key())],
        t.example_remove,
    );
    h.close("div");
    h.leaf(
        "button",
        &[
            ("type", "button"),
            ("class", "link earlier"),
            ("id", id::EARLIER),
            ("data-action", Action::Earlier.key()),
            ("hidden", ""),
        ],
        "",
    );
    h.open("ol", &[("class", "list"), ("id", id::LIST)]);
    h.raw(frame.rows);
    h.close("ol");
    h.leaf(
        "button",
        &[("type", "button"), ("class", "add"), ("id", id::ADD), ("data-action", Action::Add.key())],
        &["+ ", t.add].concat(),
    );
    h.close("section");
    h.close("div");

    h.open("section", &[("class", "results"), ("part", "results"), ("aria-labelledby", "results-h")]);
    h.leaf("h3", &[("id", "results-h")], t.results);
    h.leaf("p", &[("class", "error overflow"), ("id", id::OVERFLOW), ("hidden", "")], t.overflow);
    // The answer first: how often each contract is cheaper, the middle
    // outcome, the bad case; the cards with the exact figures after it.
    h.leaf("p", &[("class", "insight"), ("id", id::INSIGHT), ("part", "insight")], "");
    h.open("div", &[("class", "cards")]);
    for &c in &config.models {
        let part = |p: &str| id::card(c, p);
        h.open("div", &[("class", "card"), ("part", "contract"), ("data-contract", c.key())]);
        h.leaf("h4", &[], t.contract(c));
        h.leaf("p", &[("class", "as-estimated")], t.verdict.as_estimated);
        h.leaf("output", &[("class", "total"), ("id", &part("total")), ("data-total", c.key())], "");
        h.leaf("p", &[("class", "gross"), ("id", &part("gross"))], "");
        h.open("dl", &[]);
        h.leaf("dt", &[], t.baseline_part);
        h.leaf("dd", &[("class", "baseline"), ("id", &part("baseline"))], "");
        h.leaf("dt", &[], t.change_part);
        h.leaf("dd", &[("class", "changes"), ("id", &part("changes"))], "");
        h.close("dl");
        h.leaf("p", &[("class", "churn"), ("id", &part("churn"))], "");
        h.leaf("p", &[("class", "note"), ("id", &part("note"))], "");
        h.leaf("div", &[("class", "bar"), ("id", &part("bar"))], "");
        h.leaf("p", &[("class", "spread"), ("id", &part("spread"))], "");
        h.close("div");
    }
    h.close("div");
    h.leaf("p", &[("class", "bars-key"), ("id", id::BARS_KEY), ("hidden", "")], t.verdict.bars_key);
    h.leaf("p", &[("class", "sr-only live"), ("id", id::LIVE), ("aria-live", "polite"), ("role", "status")], "");
    h.open("div", &[("class", "decide")]);
    h.leaf("p", &[("class", "estimate"), ("id", id::ESTIMATE)], "");
    h.leaf("p", &[("class", "cap-note"), ("id", id::CAP)], "");
    h.leaf("p", &[("class", "bundle"), ("id", id::BUNDLE)], "");
    h.close("div");
    h.open("figure", &[("class", "chart"), ("part", "chart")]);
    h.leaf("figcaption", &[], t.chart_title);
    h.leaf("div", &[("class", "plot-area"), ("id", id::PLOT)], "");
    h.open("ul", &[("class", "legend")]);
    for &c in &config.models {
        h.leaf("li", &[("class", c.key())], t.contract(c));
    }
    h.leaf("li", &[("class", "band-key")], t.chart_band);
    h.leaf("li", &[("class", "reference-key")], t.chart_baseline);
    h.close("ul");
    h.open("details", &[("class", "table")]);
    h.leaf("summary", &[], t.chart_table);
    h.open("div", &[("class", "scroll"), ("tabindex", "0"), ("role", "region"), ("aria-label", t.chart_table)]);
    h.open("table", &[]);
    h.open("thead", &[]);
    h.open("tr", &[]);
    h.leaf("th", &[], t.table_heads.after_change);
    for &c in &config.models {
        h.leaf("th", &[], t.contract(c));
    }
    h.leaf("th", &[], t.table_heads.band);
    h.close("tr");
    h.close("thead");
    h.leaf("tbody", &[("id", id::TABLE)], "");
    h.close("table");
    h.close("div");
    h.close("details");
    h.close("figure");
    h.open("section", &[("class", "tools"), ("part", "tools"), ("aria-labelledby", "tools-h")]);
    h.leaf("h4", &[("id", "tools-h")], t.tools);
    h.open("div", &[("class", "buttons")]);
    let b = &t.tool_buttons;
    let actions = [
        (Action::Link, b.copy_link),
        (Action::Send, b.send),
        (Action::Print, b.print),
        (Action::Csv, b.csv),
        (Action::Json, b.json),
        (Action::Import, b.import),
        (Action::Summary, b.summary),
    ];
    for (action, label) in actions {
        if action == Action::Send && config.contact.is_none() && config.endpoint.is_none() {
            continue;
        }
        if action == Action::Send {
            h.leaf("button", &[("type", "button"), ("id", id::SEND_BUTTON), ("data-action", action.key())], label);
        } else {
            h.leaf("button", &[("type", "button"), ("data-action", action.key())], label);
        }
    }
    h.void(
        "input",
        &[
            ("type", "file"),
            ("id", id::FILE),
            ("accept", ".json,application/json"),
            ("data-part", Part::File.key()),
            ("hidden", ""),
            ("aria-label", t.tool_buttons.import),
        ],
    );
    h.close("div");
    if config.endpoint.is_some() {
        send_markup(&mut h, t, frame.send_host);
    }
    h.leaf("p", &[("class", "status"), ("id", id::STATUS), ("role", "status")], "");
    h.open("div", &[("class", "fallback"), ("id", id::FALLBACK), ("hidden", "")]);
    h.leaf("p", &[], t.clipboard_denied);
    h.leaf(
        "textarea",
        &[("id", id::FALLBACK_TEXT), ("readonly", ""), ("rows", "4"), ("aria-label", t.clipboard_denied)],
        "",
    );
    h.leaf("button", &[("type", "button"), ("data-action", Action::FallbackDownload.key())], t.download_text);
    h.close("div");
    h.close("section");
    h.close("section");
    h.close("div");
    h.leaf("section", &[("class", "receipt"), ("id", id::RECEIPT), ("part", "receipt")], "");
    h.into_string()
}

/// The cards in the order of the contracts shown.
pub fn models(config: &Config) -> &[Contract] {
    &config.models
}
