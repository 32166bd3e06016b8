//! The widget's DOM. Its static structure is written once as markup from
//! the widget's own texts (escaped, see [`Html`]) and handed to the
//! browser's parser, which is far smaller than building it call by call;
//! everything the client types goes in through `value` and `textContent`
//! only. Then the view is updated in place. Every input has a visible
//! label; every total carries its exact cents.

use wasm_bindgen::{JsCast, UnwrapThrowExt};
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

use crate::core::editor::Editor;
use crate::core::i18n::fill;
use crate::core::{
    format_quantity, Change, Config, Contract, Endpoint, Example, Kind, Phase, Quantity, Scenario, Setting, Texts, Unit,
};
use crate::web::dom::{attr, flag, set_text, show, Html};
use crate::web::msg::{Action, Part, CURRENCY};

/// The settings shown first; the rest fold under "more".
const MAIN: [Setting; 6] =
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
/// Stands for a change's id in the row markup.
const ID: char = '\u{1}';

/// One setting's input.
pub struct SettingField {
    /// Which setting.
    pub setting: Setting,
    /// The text input.
    pub input: HtmlInputElement,
    /// Where its message goes.
    pub error: Element,
    /// Its "why?" text, where it names figures of the settings (the best
    /// and worst case, the cap, the phase multipliers).
    pub why: Option<Element>,
}

/// One change's row.
pub struct Row {
    /// The change's id (`data-change-id`).
    pub id: u32,
    /// The `<li>`.
    pub el: Element,
    /// "Change 3".
    pub heading: Element,
    /// Title input and its message.
    pub title: HtmlInputElement,
    /// See `title`.
    pub title_error: Element,
    /// Kind select.
    pub kind: HtmlSelectElement,
    /// Effort input (hours, or a share for a rework) and its message.
    pub effort: HtmlInputElement,
    /// See `effort`.
    pub effort_error: Element,
    /// The unit shown after the effort.
    pub effort_unit: Element,
    /// Unit choice of a rework, and its field (hidden for other kinds).
    pub unit: HtmlSelectElement,
    /// See `unit`.
    pub unit_field: Element,
    /// Phase select.
    pub phase: HtmlSelectElement,
    /// The "give a range" toggle (hidden for a rework given as a share).
    pub range_toggle: Element,
    /// The best and worst case fields, shown when the range is open.
    pub range_fields: Element,
    /// Best case input and its message.
    pub low: HtmlInputElement,
    /// See `low`.
    pub low_error: Element,
    /// Worst case input and its message.
    pub high: HtmlInputElement,
    /// See `high`.
    pub high_error: Element,
    /// What the change costs under each contract.
    pub cost: Element,
    /// The remove button.
    pub remove: Element,
    /// The move up and move down buttons.
    pub moves: [Element; 2],
}

/// One contract's result card.
pub struct Card {
    /// Which contract.
    pub contract: Contract,
    /// `<output data-total data-cents>`.
    pub total: Element,
    /// Gross beside net, when VAT is set.
    pub gross: Element,
    /// Baseline part.
    pub baseline: Element,
    /// Change part.
    pub changes: Element,
    /// Cost of churn.
    pub churn: Element,
    /// A note such as "the cap applies".
    pub note: Element,
    /// The range bar of the simulated totals (markup from
    /// [`range_bar`](crate::core::range_bar)).
    pub bar: Element,
    /// The good case, middle outcome, bad case and average, in words.
    pub spread: Element,
    /// The bar's markup as last written.
    pub drawn: String,
}

/// Handles to everything that changes after the first render.
pub struct View {
    /// The widget's outermost element.
    pub root: Element,
    /// Notices about storage and saved states.
    pub notices: Element,
    /// Every setting's input.
    pub settings: Vec<SettingField>,
    /// The currency input and its message.
    pub currency: (HtmlInputElement, Element),
    /// "No changes yet".
    pub empty: Element,
    /// The `<ol>` of changes.
    pub list: Element,
    /// The rows of the latest changes, in order (the earliest ones may not
    /// be rendered; see [`View::offset`]).
    pub rows: Vec<Row>,
    /// "Show earlier changes".
    pub earlier: Element,
    /// One card per contract shown.
    pub cards: Vec<Card>,
    /// Shown instead of the cards when figures cannot be computed.
    pub overflow: Element,
    /// The polite live region announcing totals.
    pub live: Element,
    /// The verdict's answer: the odds both ways, the middle outcome, the
    /// average and the bad case.
    pub insight: Element,
    /// The figures as estimated, and where the fixed price catches up.
    pub estimate: Element,
    /// What the cap does.
    pub cap: Element,
    /// What bundling saves, in words.
    pub bundle: Element,
    /// What a range bar shows.
    pub bars_key: Element,
    /// Where the SVG is drawn.
    pub plot: Element,
    /// The chart's figures as a table body.
    pub table: Element,
    /// The undo and redo buttons.
    pub undo_redo: [Element; 2],
    /// The reset confirmation.
    pub confirm: Element,
    /// Short messages of the tools ("Copied.").
    pub status: Element,
    /// The clipboard fallback and its text.
    pub fallback: (Element, web_sys::HtmlTextAreaElement),
    /// The hidden file input of the import.
    pub file: HtmlInputElement,
    /// The print-only receipt.
    pub receipt: Element,
    /// The summary bar: its amounts (in card order), which contract is
    /// cheaper as estimated, and which in more simulated outcomes.
    pub summary: (Vec<Element>, Element, Element),
    /// The example button (absent when the consultant turned it off) and
    /// the note above example changes.
    pub example: (Option<Element>, Element),
    /// The box of the result cards.
    pub cards_box: Element,
    /// The send panel, when the consultant named an endpoint.
    pub send: Option<SendView>,
    /// Under the baseline's best case: where the clamp at zero moved the
    /// 1-in-10 figure above it.
    pub clamp: Element,
    /// A row's markup, with [`ID`] where its id goes.
    row_markup: String,
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

/// A labelled text input with its unit and message paragraph.
fn field(h: &mut Html, id: &str, label: &str, unit: &str, data: (&str, &str)) {
    h.open("div", &[("class", "field")]);
    h.open("label", &[("for", id)]);
    h.text(label);
    h.close("label");
    h.open("span", &[("class", "input")]);
    let error = [id, "-error"].concat();
    h.void(
        "input",
        &[
            ("id", id),
            ("type", "text"),
            ("inputmode", "decimal"),
            ("autocomplete", "off"),
            ("spellcheck", "false"),
            data,
            ("aria-describedby", &error),
        ],
    );
    if !unit.is_empty() {
        h.leaf("span", &[("class", "unit"), ("aria-hidden", "true")], unit);
    }
    h.close("span");
    h.leaf("p", &[("class", "error"), ("id", &error)], "");
}

/// A labelled select with `(value, text)` options.
fn select(h: &mut Html, id: &str, label: &str, part: Part, options: &[(&str, &str)]) {
    h.open("div", &[("class", "field")]);
    h.open("label", &[("for", id)]);
    h.text(label);
    h.close("label");
    h.open("select", &[("id", id), ("data-part", part.key())]);
    for (value, text) in options {
        h.leaf("option", &[("value", value)], text);
    }
    h.close("select");
    h.close("div");
}

/// A setting's field, with its "why?" disclosure.
fn setting_field(h: &mut Html, t: &Texts, setting: Setting, currency: &str) {
    // Its wire number, not its place in `Setting::ALL`: ids stay put when the list is reordered.
    let index = setting.wire().to_string();
    let id = ["s", &index].concat();
    let label = t.setting(setting);
    field(h, &id, &label, &unit_text(t, setting, currency), ("data-setting", &index));
    if setting == Setting::FixedPrice {
        h.leaf("p", &[("class", "hint")], t.fixed_price_hint);
    }
    if setting == Setting::HoursLow {
        // Filled when effort cannot go as low as the best case asks.
        h.leaf("p", &[("class", "hint clamp"), ("hidden", "")], "");
    }
    h.open("details", &[("class", "why")]);
    h.open("summary", &[]);
    h.text(t.why_label);
    h.leaf("span", &[("class", "sr-only")], &[" ", &label].concat());
    h.close("summary");
    let why = t.why(setting);
    // Filled from the settings when it names their figures.
    let text = if why.text.contains('{') { "" } else { why.text };
    h.leaf("p", &[("class", "why-text")], text);
    h.leaf("p", &[("class", "source")], &crate::core::i18n::fill(t.why_source, why.source));
    h.close("details");
    h.close("div");
}

/// The markup of one change's row, with [`ID`] for its id.
fn row_markup(t: &Texts) -> String {
    let mut h = Html::default();
    let id = |part: &str| format!("c{ID}-{part}");
    h.open("li", &[("class", "change"), ("data-change-id", &ID.to_string()), ("part", "change")]);
    h.open("div", &[("class", "top")]);
    h.leaf("span", &[("class", "number")], "");
    h.open("span", &[("class", "row-tools")]);
    h.leaf("button", &[("type", "button"), ("class", "move"), ("data-action", Action::Up.key())], "↑");
    h.leaf("button", &[("type", "button"), ("class", "move"), ("data-action", Action::Down.key())], "↓");
    h.leaf("button", &[("type", "button"), ("class", "remove"), ("data-action", Action::Remove.key())], "×");
    h.close("span");
    h.close("div");
    h.open("div", &[("class", "fields")]);
    field(&mut h, &id("t"), t.change_title, "", ("data-part", Part::Title.key()));
    h.close("div");
    let kinds: Vec<(&str, &str)> = Kind::ALL.iter().map(|k| (k.key(), t.kind(*k))).collect();
    select(&mut h, &id("k"), t.change_kind, Part::Kind, &kinds);
    select(
        &mut h,
        &id("u"),
        t.change_unit,
        Part::Unit,
        &[("h", t.change_units.hours), ("share", t.change_units.share)],
    );
    field(&mut h, &id("e"), t.change_effort, t.hours, ("data-part", Part::Effort.key()));
    h.close("div");
    let phases: Vec<(&str, &str)> = Phase::ALL.iter().map(|p| (p.key(), t.phase(*p))).collect();
    select(&mut h, &id("p"), t.change_phase, Part::Phase, &phases);
    h.close("div");
    let range = id("r");
    h.leaf(
        "button",
        &[
            ("type", "button"),
            ("class", "link range"),
            ("data-action", Action::Range.key()),
            ("aria-expanded", "false"),
            ("aria-controls", &range),
        ],
        t.range,
    );
    h.open("div", &[("class", "fields range-fields"), ("id", &range)]);
    field(&mut h, &id("l"), t.range_bounds.best, t.hours, ("data-part", Part::Low.key()));
    h.close("div");
    field(&mut h, &id("h"), t.range_bounds.worst, t.hours, ("data-part", Part::High.key()));
    h.close("div");
    h.close("div");
    h.leaf("p", &[("class", "cost")], "");
    h.close("li");
    h.into_string()
}

/// The whole widget's markup.
fn markup(t: &Texts, config: &Config, scenario: &Scenario) -> String {
    let currency = scenario.currency_code();
    let mut h = Html::default();
    h.open("header", &[("class", "head"), ("part", "header")]);
    h.open("div", &[("class", "heading")]);
    h.leaf("h2", &[("class", "title")], t.title);
    h.open("div", &[("class", "field lang")]);
    h.leaf("label", &[("for", "lang")], t.language);
    h.open("select", &[("id", "lang"), ("data-part", Part::Lang.key())]);
    // Every language this build has, loaded or not (issue 24: another one
    // is fetched when chosen, see app/language.rs).
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
    keep_markup(&mut h, t, config);
    h.close("header");
    h.leaf("div", &[("class", "notices"), ("part", "notices")], "");
    // The totals in sight on a narrow screen (CSS shows it there). Hidden
    // from assistive technology: the live region announces the same
    // totals once typing pauses, not on every key.
    h.open("div", &[("class", "summary"), ("part", "summary"), ("aria-hidden", "true")]);
    for &c in &config.models {
        h.open("p", &[("class", "sum"), ("data-contract", c.key())]);
        h.leaf("span", &[("class", "name")], t.contract(c));
        h.leaf("span", &[("class", "amount")], "");
        h.close("p");
    }
    h.leaf("p", &[("class", "diff")], "");
    h.leaf("p", &[("class", "odds")], "");
    h.close("div");
    h.open("div", &[("class", "main")]);
    h.open("div", &[("class", "inputs")]);
    h.open("div", &[("class", "history"), ("role", "group"), ("aria-label", t.tools)]);
    h.leaf(
        "button",
        &[
            ("type", "button"),
            ("data-action", Action::Undo.key()),
            ("disabled", ""),
            ("aria-keyshortcuts", "Control+Z"),
        ],
        t.undo_redo.undo,
    );
    h.leaf(
        "button",
        &[
            ("type", "button"),
            ("data-action", Action::Redo.key()),
            ("disabled", ""),
            ("aria-keyshortcuts", "Control+Shift+Z"),
        ],
        t.undo_redo.redo,
    );
    h.leaf("button", &[("type", "button"), ("data-action", Action::Reset.key())], t.reset.button);
    h.close("div");
    h.open("div", &[("class", "confirm"), ("hidden", ""), ("role", "group")]);
    h.leaf("p", &[], t.reset.question);
    h.leaf("button", &[("type", "button"), ("data-action", Action::ResetYes.key())], t.reset.confirm);
    h.leaf("button", &[("type", "button"), ("data-action", Action::ResetNo.key())], t.reset.cancel);
    h.close("div");

    h.open("section", &[("class", "project"), ("part", "settings"), ("aria-labelledby", "project-h")]);
    h.leaf("h3", &[("id", "project-h")], t.project);
    h.open("div", &[("class", "grid")]);
    for s in MAIN {
        setting_field(&mut h, t, s, currency);
    }
    h.close("div");
    h.open("details", &[("class", "more")]);
    h.leaf("summary", &[], t.more);
    h.open("div", &[("class", "grid")]);
    for s in MORE {
        setting_field(&mut h, t, s, currency);
    }
    field(&mut h, CURRENCY, t.currency, "", ("data-setting", CURRENCY));
    h.close("div");
    h.close("div");
    h.open("div", &[("class", "grid phases")]);
    for p in Phase::ALL {
        setting_field(&mut h, t, Setting::Multiplier(p), currency);
    }
    for p in Phase::ALL {
        setting_field(&mut h, t, Setting::Remaining(p), currency);
    }
    h.close("div");
    h.close("details");
    h.close("section");

    h.open("section", &[("class", "changes"), ("part", "changes"), ("aria-labelledby", "changes-h")]);
    h.leaf("h3", &[("id", "changes-h")], t.changes);
    h.leaf("p", &[("class", "empty")], t.no_changes);
    if config.example != Example::Off {
        h.leaf(
            "button",
            &[("type", "button"), ("class", "example-try"), ("data-action", Action::Example.key())],
            t.example_try,
        );
    }
    h.open("div", &[("class", "example-note"), ("role", "note"), ("hidden", "")]);
    h.leaf("p", &[], t.example_note);
    h.leaf(
        "button",
        &[("type", "button"), ("class", "link"), ("data-action", Action::ExampleRemove.key())],
        t.example_remove,
    );
    h.close("div");
    h.leaf(
        "button",
        &[("type", "button"), ("class", "link earlier"), ("data-action", Action::Earlier.key()), ("hidden", "")],
        "",
    );
    h.leaf("ol", &[("class", "list")], "");
    h.leaf(
        "button",
        &[("type", "button"), ("class", "add"), ("data-action", Action::Add.key())],
        &["+ ", t.add].concat(),
    );
    h.close("section");
    h.close("div");

    h.open("section", &[("class", "results"), ("part", "results"), ("aria-labelledby", "results-h")]);
    h.leaf("h3", &[("id", "results-h")], t.results);
    h.leaf("p", &[("class", "error overflow"), ("hidden", "")], t.overflow);
    // The answer first: how often each contract is cheaper, the middle
    // outcome, the bad case; the cards with the exact figures after it.
    h.leaf("p", &[("class", "insight"), ("part", "insight")], "");
    h.open("div", &[("class", "cards")]);
    for &c in &config.models {
        h.open("div", &[("class", "card"), ("part", "contract"), ("data-contract", c.key())]);
        h.leaf("h4", &[], t.contract(c));
        h.leaf("p", &[("class", "as-estimated")], t.verdict.as_estimated);
        h.leaf("output", &[("class", "total"), ("data-total", c.key())], "");
        h.leaf("p", &[("class", "gross")], "");
        h.open("dl", &[]);
        h.leaf("dt", &[], t.baseline_part);
        h.leaf("dd", &[("class", "baseline")], "");
        h.leaf("dt", &[], t.change_part);
        h.leaf("dd", &[("class", "changes")], "");
        h.close("dl");
        h.leaf("p", &[("class", "churn")], "");
        h.leaf("p", &[("class", "note")], "");
        h.leaf("div", &[("class", "bar")], "");
        h.leaf("p", &[("class", "spread")], "");
        h.close("div");
    }
    h.close("div");
    h.leaf("p", &[("class", "bars-key"), ("hidden", "")], t.verdict.bars_key);
    h.leaf("p", &[("class", "sr-only live"), ("aria-live", "polite"), ("role", "status")], "");
    h.open("div", &[("class", "decide")]);
    h.leaf("p", &[("class", "estimate")], "");
    h.leaf("p", &[("class", "cap-note")], "");
    h.leaf("p", &[("class", "bundle")], "");
    h.close("div");
    h.open("figure", &[("class", "chart"), ("part", "chart")]);
    h.leaf("figcaption", &[], t.chart_title);
    h.leaf("div", &[("class", "plot-area")], "");
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
    h.leaf("tbody", &[], "");
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
        h.leaf("button", &[("type", "button"), ("data-action", action.key())], label);
    }
    h.void(
        "input",
        &[
            ("type", "file"),
            ("accept", ".json,application/json"),
            ("data-part", Part::File.key()),
            ("hidden", ""),
            ("aria-label", t.tool_buttons.import),
        ],
    );
    h.close("div");
    if let Some(endpoint) = &config.endpoint {
        send_markup(&mut h, t, &endpoint_host(endpoint));
    }
    h.leaf("p", &[("class", "status"), ("role", "status")], "");
    h.open("div", &[("class", "fallback"), ("hidden", "")]);
    h.leaf("p", &[], t.clipboard_denied);
    h.leaf("textarea", &[("readonly", ""), ("rows", "4"), ("aria-label", t.clipboard_denied)], "");
    h.leaf("button", &[("type", "button"), ("data-action", Action::FallbackDownload.key())], t.download_text);
    h.close("div");
    h.close("section");
    h.close("section");
    h.close("div");
    h.leaf("section", &[("class", "receipt"), ("part", "receipt")], "");
    h.into_string()
}

/// Under `persist="ask"`: the checkbox that keeps the client's entries on
/// this device, with its line. Unticked here; the app ticks it when
/// entries are kept (`App::show_keeping`).
fn keep_markup(h: &mut Html, t: &Texts, config: &Config) {
    if config.persist != crate::core::Persist::Ask {
        return;
    }
    h.open("div", &[("class", "keep")]);
    h.open("label", &[]);
    h.void("input", &[("type", "checkbox"), ("data-part", Part::Keep.key()), ("aria-describedby", "keep-hint")]);
    h.text(&[" ", t.keep_label].concat());
    h.close("label");
    h.leaf("p", &[("class", "hint"), ("id", "keep-hint")], t.keep_hint);
    h.close("div");
}

/// The host an endpoint sends to, as the client reads it
/// (`forms.example`), or the page's own host for a path.
fn endpoint_host(endpoint: &Endpoint) -> String {
    match endpoint.url.split_once(':').and_then(|(_, rest)| rest.strip_prefix("//")) {
        Some(rest) => rest.split(['/', '?', '#']).next().unwrap_or(rest).to_owned(),
        None => web_sys::window().and_then(|w| w.location().host().ok()).unwrap_or_default(),
    }
}

/// The panel that sends the result to the consultant's endpoint, with
/// consent (hidden until "Send to the consultant" is pressed).
fn send_markup(h: &mut Html, t: &Texts, host: &str) {
    h.open("section", &[("class", "send"), ("hidden", ""), ("aria-labelledby", "send-h")]);
    h.leaf("h4", &[("id", "send-h")], t.send_title);
    h.leaf("p", &[], &fill(t.send_intro, host));
    for (part, label) in [("name", t.send_fields.name), ("email", t.send_fields.email)] {
        let id = ["send-", part].concat();
        h.open("div", &[("class", "field")]);
        h.leaf("label", &[("for", &id)], label);
        h.open("span", &[("class", "input")]);
        let kind = if part == "email" { "email" } else { "text" };
        let complete = if part == "email" { "email" } else { "name" };
        h.void(
            "input",
            &[("id", &id), ("type", kind), ("data-send", part), ("autocomplete", complete), ("maxlength", "200")],
        );
        h.close("span");
        h.close("div");
    }
    h.open("div", &[("class", "field")]);
    h.leaf("label", &[("for", "send-message")], t.send_fields.message);
    h.leaf("textarea", &[("id", "send-message"), ("data-send", "message"), ("rows", "3"), ("maxlength", "2000")], "");
    h.close("div");
    h.open("div", &[("class", "field")]);
    h.leaf("label", &[("for", "send-preview")], t.send_preview);
    h.leaf("textarea", &[("id", "send-preview"), ("class", "preview"), ("readonly", ""), ("rows", "8")], "");
    h.close("div");
    h.open("label", &[("class", "consent")]);
    h.void("input", &[("type", "checkbox"), ("data-send", "consent")]);
    h.text(&[" ", &fill(t.send_consent, host)].concat());
    h.close("label");
    h.open("div", &[("class", "buttons")]);
    h.leaf(
        "button",
        &[("type", "button"), ("data-action", Action::SendPost.key()), ("disabled", "")],
        t.send_buttons.send,
    );
    h.leaf("button", &[("type", "button"), ("data-action", Action::SendCancel.key())], t.send_buttons.cancel);
    h.close("div");
    h.leaf("p", &[("class", "send-status"), ("role", "status")], "");
    h.close("section");
}

/// The send panel's handles (present only with an `endpoint`).
pub struct SendView {
    /// The panel.
    pub root: Element,
    /// The read-only preview of exactly what is sent.
    pub preview: web_sys::HtmlTextAreaElement,
    /// The client's name, e-mail address and message.
    pub fields: (HtmlInputElement, HtmlInputElement, web_sys::HtmlTextAreaElement),
    /// The consent checkbox.
    pub consent: HtmlInputElement,
    /// The Send button.
    pub button: Element,
    /// Sending, sent, or why not.
    pub status: Element,
}

/// The element matching `selector` inside `within`; the markup above has
/// every one of them.
fn find(within: &Element, selector: &str) -> Element {
    within.query_selector(selector).ok().flatten().expect_throw("the widget's markup has this element")
}

/// Like [`find`], cast to a concrete element type.
fn find_as<T: JsCast>(within: &Element, selector: &str) -> T {
    find(within, selector).unchecked_into()
}

/// Builds the whole widget into `root` (the shadow root's first child).
pub fn build(root: &Element, t: &'static Texts, config: &Config, ed: &Editor) -> View {
    let scenario = &ed.scenario;
    root.set_inner_html(&markup(t, config, scenario));
    // The markup has a field for every setting, with its wire number in its id.
    let mut settings = Vec::new();
    for setting in Setting::ALL {
        let id = ["#s", &setting.wire().to_string()].concat();
        let input: HtmlInputElement = find_as(root, &id);
        let error = find(root, &[&id, "-error"].concat());
        if config.locked.contains(&setting) {
            input.set_read_only(true);
            attr(&input, "aria-readonly", "true");
        }
        let why = t.why(setting).text.contains('{').then(|| {
            let field = input.closest(".field").ok().flatten().expect_throw("a setting's input is inside its field");
            find(&field, ".why-text")
        });
        settings.push(SettingField { setting, input, error, why });
    }
    let currency: HtmlInputElement = find_as(root, "#currency");
    attr(&currency, "inputmode", "text");
    attr(&currency, "maxlength", "3");
    attr(&currency, "autocapitalize", "characters");
    if config.currency_locked {
        currency.set_read_only(true);
        attr(&currency, "aria-readonly", "true");
    }
    let cards = config
        .models
        .iter()
        .map(|&contract| {
            let card = find(root, &[".card[data-contract=", contract.key(), "]"].concat());
            Card {
                contract,
                total: find(&card, "output"),
                gross: find(&card, ".gross"),
                baseline: find(&card, "dd.baseline"),
                changes: find(&card, "dd.changes"),
                churn: find(&card, ".churn"),
                note: find(&card, ".note"),
                bar: find(&card, ".bar"),
                spread: find(&card, ".spread"),
                drawn: String::new(),
            }
        })
        .collect();
    let mut view = View {
        root: root.clone(),
        notices: find(root, ".notices"),
        settings,
        currency: (currency, find(root, "#currency-error")),
        empty: find(root, ".empty"),
        list: find(root, "ol.list"),
        rows: Vec::new(),
        earlier: find(root, ".earlier"),
        cards,
        overflow: find(root, ".overflow"),
        live: find(root, ".live"),
        insight: find(root, ".insight"),
        estimate: find(root, "p.estimate"),
        cap: find(root, "p.cap-note"),
        bundle: find(root, "p.bundle"),
        bars_key: find(root, ".bars-key"),
        plot: find(root, ".plot-area"),
        table: find(root, "tbody"),
        undo_redo: [find(root, Action::Undo.selector()), find(root, Action::Redo.selector())],
        confirm: find(root, ".confirm"),
        status: find(root, ".tools .status"),
        fallback: (find(root, ".fallback"), find_as(root, ".fallback textarea")),
        file: find_as(root, Part::File.selector()),
        receipt: find(root, ".receipt"),
        clamp: find(root, ".clamp"),
        summary: (
            config.models.iter().map(|c| find(root, &[".sum[data-contract=", c.key(), "] .amount"].concat())).collect(),
            find(root, ".summary .diff"),
            find(root, ".summary .odds"),
        ),
        cards_box: find(root, ".cards"),
        send: config.endpoint.as_ref().map(|_| SendView {
            root: find(root, "section.send"),
            preview: find_as(root, "#send-preview"),
            fields: (find_as(root, "#send-name"), find_as(root, "#send-email"), find_as(root, "#send-message")),
            consent: find_as(root, "[data-send=consent]"),
            button: find(root, Action::SendPost.selector()),
            status: find(root, ".send-status"),
        }),
        example: (root.query_selector(".example-try").ok().flatten(), find(root, ".example-note")),
        row_markup: row_markup(t),
    };
    view.fill_settings(t, scenario);
    view.fill_rows(t, ed);
    show(&view.empty, scenario.changes.is_empty());
    if let Some(button) = &view.example.0 {
        show(button, scenario.changes.is_empty());
    }
    view
}

impl View {
    /// Replaces every row with rows for `scenario`'s changes.
    pub fn fill_rows(&mut self, t: &Texts, ed: &Editor) {
        for row in self.rows.drain(..) {
            row.el.remove();
        }
        let count = ed.scenario.changes.len();
        let first = count.saturating_sub(PAGE);
        for (i, c) in ed.scenario.changes.iter().enumerate().skip(first) {
            let row = self.make_row(t, c, ed.range_open(c.id), i, count);
            self.rows.push(row);
        }
        show(&self.empty, count == 0);
        self.label_earlier(t, count);
    }

    /// How many of `count` changes, the earliest, have no rendered row.
    pub fn offset(&self, count: usize) -> usize {
        count.saturating_sub(self.rows.len())
    }

    /// The rendered row of change `index` of `count`, if any.
    pub fn row_at(&self, index: usize, count: usize) -> Option<usize> {
        index.checked_sub(self.offset(count)).filter(|&r| r < self.rows.len())
    }

    /// Renders up to `n` more of the earlier changes, above the others.
    pub fn show_earlier(&mut self, t: &Texts, ed: &Editor, n: usize) {
        let count = ed.scenario.changes.len();
        let offset = self.offset(count);
        let from = offset.saturating_sub(n);
        let mut added = Vec::new();
        for index in (from..offset).rev() {
            let change = &ed.scenario.changes[index];
            added.push(self.make_row_at(t, change, ed.range_open(change.id), index, count, "afterbegin"));
        }
        added.reverse();
        added.append(&mut self.rows);
        self.rows = added;
        self.label_earlier(t, count);
    }

    /// Renders the earlier changes down to change `index`, if it has no
    /// row yet.
    pub fn reveal(&mut self, t: &Texts, ed: &Editor, index: usize) {
        let hidden = self.offset(ed.scenario.changes.len());
        if index < hidden {
            self.show_earlier(t, ed, hidden - index);
        }
    }

    fn label_earlier(&self, t: &Texts, count: usize) {
        let hidden = self.offset(count);
        show(&self.earlier, hidden > 0);
        if hidden > 0 {
            set_text(&self.earlier, &fill(t.earlier, &hidden.to_string()));
        }
    }

    /// Renumbers the rendered rows from change `from` on (an index into all
    /// `count` changes).
    pub fn renumber(&self, t: &Texts, from: usize, count: usize) {
        let offset = self.offset(count);
        for (i, r) in self.rows.iter().enumerate() {
            if offset + i >= from {
                r.number(t, offset + i, count);
            }
        }
        self.label_earlier(t, count);
    }

    /// Writes every setting's value into its input, and clears messages.
    pub fn fill_settings(&self, t: &Texts, s: &Scenario) {
        for f in &self.settings {
            let value = s.get(f.setting);
            let text = if f.setting == Setting::FixedPrice && value == 0 {
                String::new()
            } else {
                format_quantity(value, Quantity::from(f.setting.unit()), t.decimal)
            };
            f.input.set_value(&text);
            mark(&f.input, &f.error, None);
        }
        self.currency.0.set_value(s.currency_code());
        mark(&self.currency.0, &self.currency.1, None);
    }

    /// A new row for `change`, the `index`-th of `count`, appended to the
    /// list.
    pub fn make_row(&self, t: &Texts, change: &Change, open: bool, index: usize, count: usize) -> Row {
        self.make_row_at(t, change, open, index, count, "beforeend")
    }

    /// Like [`View::make_row`], at `place` (`beforeend` or `afterbegin`).
    fn make_row_at(&self, t: &Texts, change: &Change, open: bool, index: usize, count: usize, place: &str) -> Row {
        let id = change.id.to_string();
        self.list
            .insert_adjacent_html(place, &self.row_markup.replace(ID, &id))
            .expect_throw("the list takes the row's markup");
        let el = if place == "afterbegin" { self.list.first_element_child() } else { self.list.last_element_child() }
            .expect_throw("the row was just added");
        let unit: HtmlSelectElement = find_as(&el, Part::Unit.selector());
        let effort: HtmlInputElement = find_as(&el, Part::Effort.selector());
        let row = Row {
            id: change.id,
            heading: find(&el, ".number"),
            title: find_as(&el, Part::Title.selector()),
            title_error: find(&el, "[id$=t-error]"),
            kind: find_as(&el, Part::Kind.selector()),
            effort_unit: effort.next_element_sibling().expect_throw("the effort field has a unit"),
            effort,
            effort_error: find(&el, "[id$=e-error]"),
            unit_field: unit.parent_element().expect_throw("the unit select has a field"),
            unit,
            phase: find_as(&el, Part::Phase.selector()),
            range_toggle: find(&el, ".range"),
            range_fields: find(&el, ".range-fields"),
            low: find_as(&el, Part::Low.selector()),
            low_error: find(&el, "[id$=l-error]"),
            high: find_as(&el, Part::High.selector()),
            high_error: find(&el, "[id$=h-error]"),
            cost: find(&el, ".cost"),
            remove: find(&el, ".remove"),
            moves: [find(&el, Action::Up.selector()), find(&el, Action::Down.selector())],
            el,
        };
        row.title.set_class_name("title-input");
        attr(&row.title, "maxlength", "120");
        attr(&row.title, "inputmode", "text");
        attr(&row.title, "placeholder", t.change_placeholder);
        row.fill(t, change, open);
        row.number(t, index, count);
        row
    }
}

impl Row {
    /// Writes the change's values into the row's inputs.
    pub fn fill(&self, t: &Texts, c: &Change, open: bool) {
        self.title.set_value(&c.title);
        self.kind.set_value(c.kind.key());
        self.phase.set_value(c.phase.key());
        self.fill_effort(t, c, open);
        mark(&self.title, &self.title_error, None);
    }

    /// Writes the effort (or rework share) and shows the unit choice for a
    /// rework only, and the range when it is `open`.
    pub fn fill_effort(&self, t: &Texts, c: &Change, open: bool) {
        show(&self.unit_field, c.kind == Kind::Rework);
        let shared = c.rework_share().is_some();
        show(&self.range_toggle, !shared);
        show(&self.range_fields, open && !shared);
        attr(&self.range_toggle, "aria-expanded", if open && !shared { "true" } else { "false" });
        let hours = |m: u32| format_quantity(i64::from(m), Quantity::Hours, t.decimal);
        self.low.set_value(&hours(c.effort.low));
        self.high.set_value(&hours(c.effort.high));
        mark(&self.low, &self.low_error, None);
        mark(&self.high, &self.high_error, None);
        match c.rework_share() {
            Some(share) => {
                self.unit.set_value("share");
                self.effort.set_value(&format_quantity(i64::from(share), Quantity::Percent, t.decimal));
                set_text(&self.effort_unit, "%");
            }
            None => {
                self.unit.set_value("h");
                self.effort.set_value(&hours(c.effort.likely));
                set_text(&self.effort_unit, t.hours);
            }
        }
        mark(&self.effort, &self.effort_error, None);
    }

    /// Numbers the row ("Change 3") and labels its buttons; the first
    /// row cannot move up, the last not down.
    pub fn number(&self, t: &Texts, index: usize, count: usize) {
        let n = (index + 1).to_string();
        set_text(&self.heading, &fill(t.change_number, &n));
        attr(&self.remove, "aria-label", &fill(t.remove, &n));
        for (button, label) in self.moves.iter().zip([t.moves.up, t.moves.down]) {
            attr(button, "aria-label", &fill(label, &n));
        }
        flag(&self.moves[0], "disabled", index == 0);
        flag(&self.moves[1], "disabled", index + 1 >= count);
    }
}

/// Shows `message` under `input` (or clears it with `None`).
pub fn mark(input: &HtmlInputElement, error: &Element, message: Option<&str>) {
    set_text(error, message.unwrap_or(""));
    match message {
        Some(_) => attr(input, "aria-invalid", "true"),
        None => flag(input, "aria-invalid", false),
    }
}
