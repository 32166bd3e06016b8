//! The widget's DOM: built once from the scenario, then updated in place.
//! Every input has a visible label; every total carries its exact cents.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

use crate::core::{format_quantity, Change, Config, Contract, Kind, Phase, Quantity, Scenario, Setting, Texts, Unit};
use crate::web::dom::{attr, button, child, field, flag, select, show, text_child};

/// The settings shown first; the rest fold under "more".
const MAIN: [Setting; 6] =
    [Setting::Rate, Setting::Hours, Setting::HoursLow, Setting::HoursHigh, Setting::Premium, Setting::Allowance];

/// The quantity a setting is typed in.
pub fn quantity(unit: Unit) -> Quantity {
    match unit {
        Unit::Money => Quantity::Money,
        Unit::Hours => Quantity::Hours,
        Unit::Percent => Quantity::Percent,
        Unit::Multiplier => Quantity::Multiplier,
        Unit::Count => Quantity::Count,
    }
}

/// One setting's input.
pub struct SettingField {
    /// Which setting.
    pub setting: Setting,
    /// The text input.
    pub input: HtmlInputElement,
    /// Where its message goes.
    pub error: Element,
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
    /// Whether the range fields are shown.
    pub range_open: bool,
    /// What the change costs under each contract.
    pub cost: Element,
    /// The remove button.
    pub remove: Element,
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
    /// P10 / P50 / P90 of the total.
    pub spread: Element,
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
    /// The rows, in the order of the changes.
    pub rows: Vec<Row>,
    /// One card per contract shown.
    pub cards: Vec<Card>,
    /// Shown instead of the cards when figures cannot be computed.
    pub overflow: Element,
    /// The polite live region announcing totals.
    pub live: Element,
    /// The one-sentence insight.
    pub insight: Element,
    /// Break-even, in words.
    pub break_even: Element,
    /// What bundling saves, in words.
    pub bundle: Element,
    /// Where the SVG is drawn.
    pub plot: Element,
    /// The chart's figures as a table body.
    pub table: Element,
}

/// The label with its unit for a setting: "Stundensatz, netto (EUR/Std.)".
fn unit_text(t: &Texts, unit: Unit, currency: &str) -> String {
    match unit {
        Unit::Money => currency.to_owned(),
        Unit::Hours => t.hours.to_owned(),
        Unit::Percent => "%".to_owned(),
        Unit::Multiplier => "×".to_owned(),
        Unit::Count => String::new(),
    }
}

/// Builds the whole widget into `root` (the shadow root's first child).
pub fn build(root: &Element, t: &'static Texts, config: &Config, scenario: &Scenario) -> View {
    let currency = scenario.currency_code();
    let head = child(root, "header", "head");
    attr(&head, "part", "header");
    text_child(&head, "h2", "title", t.title);
    text_child(&head, "p", "intro", t.intro);

    let notices = child(root, "div", "notices");
    attr(&notices, "part", "notices");

    let main = child(root, "div", "main");
    let inputs = child(&main, "div", "inputs");

    // Project settings.
    let project = child(&inputs, "section", "project");
    attr(&project, "part", "settings");
    attr(&project, "aria-labelledby", "project-h");
    text_child(&project, "h3", "", t.project).set_id("project-h");
    let grid = child(&project, "div", "grid");
    let mut settings = Vec::new();
    let add_setting = |parent: &Element, setting: Setting, settings: &mut Vec<SettingField>| {
        let index = Setting::ALL.iter().position(|s| *s == setting).unwrap_or(0);
        let id = format!("s{index}");
        let unit = match setting.unit() {
            Unit::Money if setting == Setting::Rate => format!("{currency}{}", t.per_hour),
            u => unit_text(t, u, currency),
        };
        let (input, error) = field(parent, &id, &t.setting(setting), &unit);
        attr(&input, "data-setting", &index.to_string());
        if setting == Setting::Trials {
            attr(&input, "inputmode", "numeric");
        }
        if setting == Setting::FixedPrice {
            attr(&input, "placeholder", "—");
            let hint =
                text_child(parent.last_element_child().as_ref().unwrap_or(parent), "p", "hint", t.fixed_price_hint);
            hint.set_id(&format!("{id}-hint"));
            attr(&input, "aria-describedby", &format!("{id}-error {id}-hint"));
        }
        if config.locked.contains(&setting) {
            input.set_read_only(true);
            attr(&input, "aria-readonly", "true");
        }
        why(&error, t.why_label, &t.setting(setting), t.why(setting));
        settings.push(SettingField { setting, input, error });
    };
    for s in MAIN {
        add_setting(&grid, s, &mut settings);
    }
    let more = child(&project, "details", "more");
    text_child(&more, "summary", "", t.more);
    let more_grid = child(&more, "div", "grid");
    for s in [
        Setting::FixedPrice,
        Setting::CrRate,
        Setting::CrAdmin,
        Setting::Switch,
        Setting::Cap,
        Setting::Vat,
        Setting::Overhead,
        Setting::Trials,
    ] {
        add_setting(&more_grid, s, &mut settings);
    }
    let (currency_input, currency_error) = field(&more_grid, "currency", t.currency, "");
    attr(&currency_input, "data-setting", "currency");
    attr(&currency_input, "inputmode", "text");
    attr(&currency_input, "maxlength", "3");
    attr(&currency_input, "autocapitalize", "characters");
    if config.currency_locked {
        currency_input.set_read_only(true);
        attr(&currency_input, "aria-readonly", "true");
    }
    let phases = child(&more, "div", "grid phases");
    for p in Phase::ALL {
        add_setting(&phases, Setting::Multiplier(p), &mut settings);
    }
    for p in Phase::ALL {
        add_setting(&phases, Setting::Remaining(p), &mut settings);
    }

    // Changes.
    let changes = child(&inputs, "section", "changes");
    attr(&changes, "part", "changes");
    attr(&changes, "aria-labelledby", "changes-h");
    text_child(&changes, "h3", "", t.changes).set_id("changes-h");
    let empty = text_child(&changes, "p", "empty", t.no_changes);
    let list = child(&changes, "ol", "list");
    button(&changes, "add", &format!("+ {}", t.add), "add");

    // Results.
    let results = child(&main, "section", "results");
    attr(&results, "part", "results");
    attr(&results, "aria-labelledby", "results-h");
    text_child(&results, "h3", "", t.results).set_id("results-h");
    let overflow = text_child(&results, "p", "error overflow", t.overflow);
    show(&overflow, false);
    let cards_el = child(&results, "div", "cards");
    let cards = config
        .models
        .iter()
        .map(|&contract| {
            let card = child(&cards_el, "div", "card");
            attr(&card, "part", "contract");
            attr(&card, "data-contract", contract.key());
            text_child(&card, "h4", "", t.contract(contract));
            let total = child(&card, "output", "total");
            attr(&total, "data-total", contract.key());
            let gross = child(&card, "p", "gross");
            let dl = child(&card, "dl", "");
            let row = |label: &str| {
                text_child(&dl, "dt", "", label);
                child(&dl, "dd", "")
            };
            let baseline = row(t.baseline_part);
            let changes = row(t.change_part);
            let churn = child(&card, "p", "churn");
            let note = child(&card, "p", "note");
            let spread = child(&card, "p", "spread");
            Card { contract, total, gross, baseline, changes, churn, note, spread }
        })
        .collect();
    let live = child(&results, "p", "sr-only");
    attr(&live, "aria-live", "polite");
    attr(&live, "role", "status");
    let insight = child(&results, "p", "insight");
    attr(&insight, "part", "insight");
    let decide = child(&results, "div", "decide");
    let break_even = child(&decide, "p", "break-even");
    let bundle = child(&decide, "p", "bundle");

    let figure = child(&results, "figure", "chart");
    attr(&figure, "part", "chart");
    text_child(&figure, "figcaption", "", t.chart_title);
    let plot = child(&figure, "div", "plot-area");
    let legend = child(&figure, "ul", "legend");
    for &contract in &config.models {
        let item = text_child(&legend, "li", contract.key(), t.contract(contract));
        attr(&item, "data-contract", contract.key());
    }
    text_child(&legend, "li", "band-key", t.chart_band);
    text_child(&legend, "li", "reference-key", t.chart_baseline);
    let details = child(&figure, "details", "table");
    text_child(&details, "summary", "", t.chart_table);
    let scroll = child(&details, "div", "scroll");
    let table = child(&scroll, "table", "");
    let head = child(&child(&table, "thead", ""), "tr", "");
    text_child(&head, "th", "", t.table_heads[0]);
    for &contract in &config.models {
        text_child(&head, "th", "", t.contract(contract));
    }
    text_child(&head, "th", "", t.table_heads[1]);
    let table = child(&table, "tbody", "");

    let mut view = View {
        root: root.clone(),
        notices,
        settings,
        currency: (currency_input, currency_error),
        empty,
        list,
        rows: Vec::new(),
        cards,
        overflow,
        live,
        insight,
        break_even,
        bundle,
        plot,
        table,
    };
    view.fill_settings(t, scenario);
    for (i, c) in scenario.changes.iter().enumerate() {
        let row = view.make_row(t, c, i);
        view.list.append_child(&row.el).ok();
        view.rows.push(row);
    }
    show(&view.empty, scenario.changes.is_empty());
    view
}

impl View {
    /// Writes every setting's value into its input, and clears messages.
    pub fn fill_settings(&self, t: &Texts, s: &Scenario) {
        for f in &self.settings {
            let value = s.get(f.setting);
            let text = if f.setting == Setting::FixedPrice && value == 0 {
                String::new()
            } else {
                format_quantity(value, quantity(f.setting.unit()), t.decimal)
            };
            f.input.set_value(&text);
            mark(&f.input, &f.error, None);
        }
        self.currency.0.set_value(s.currency_code());
        mark(&self.currency.0, &self.currency.1, None);
    }

    /// A new row for `change`, the `index`-th; not yet in the list.
    pub fn make_row(&self, t: &Texts, change: &Change, index: usize) -> Row {
        let doc = crate::web::dom::document();
        let el = doc.create_element("li").expect("createElement li");
        el.set_class_name("change");
        attr(&el, "data-change-id", &change.id.to_string());
        attr(&el, "part", "change");
        let top = child(&el, "div", "top");
        let heading = text_child(&top, "span", "number", "");
        let remove = button(&top, "remove", "×", "remove");
        let fields = child(&el, "div", "fields");
        let id = |part: &str| format!("c{}-{part}", change.id);

        let (title, title_error) = field(&fields, &id("t"), t.change_title, "");
        title.set_class_name("title-input");
        attr(&title, "data-part", "t");
        attr(&title, "inputmode", "text");
        attr(&title, "maxlength", "120");
        attr(&title, "placeholder", t.change_placeholder);
        title.parent_element().and_then(|b| b.parent_element()).map(|w| w.set_class_name("field wide"));

        let kinds: Vec<(&str, &str)> = Kind::ALL.iter().map(|k| (k.key(), t.kind(*k))).collect();
        let kind = select(&fields, &id("k"), t.change_kind, &kinds);
        attr(&kind, "data-part", "k");

        let units = [("h", t.change_units[0]), ("share", t.change_units[1])];
        let unit = select(&fields, &id("u"), t.change_unit, &units);
        attr(&unit, "data-part", "u");
        let unit_field = unit.parent_element().expect("select has its field");

        let (effort, effort_error) = field(&fields, &id("e"), t.change_effort, t.hours);
        attr(&effort, "data-part", "e");
        let effort_unit = effort.next_element_sibling().expect("field has a unit");

        let phases: Vec<(&str, &str)> = Phase::ALL.iter().map(|p| (p.key(), t.phase(*p))).collect();
        let phase = select(&fields, &id("p"), t.change_phase, &phases);
        attr(&phase, "data-part", "p");

        let range_toggle = button(&el, "link range", t.range, "range");
        attr(&range_toggle, "aria-expanded", "false");
        let range_fields = child(&el, "div", "fields range-fields");
        range_fields.set_id(&id("r"));
        attr(&range_toggle, "aria-controls", &id("r"));
        let (low, low_error) = field(&range_fields, &id("l"), t.range_bounds[0], t.hours);
        attr(&low, "data-part", "l");
        let (high, high_error) = field(&range_fields, &id("h"), t.range_bounds[1], t.hours);
        attr(&high, "data-part", "h");

        let cost = child(&el, "p", "cost");
        let row = Row {
            id: change.id,
            el,
            heading,
            title,
            title_error,
            kind,
            effort,
            effort_error,
            effort_unit,
            unit,
            unit_field,
            phase,
            range_toggle,
            range_fields,
            low,
            low_error,
            high,
            high_error,
            range_open: !change.effort.is_exact(),
            cost,
            remove,
        };
        row.fill(t, change);
        row.number(t, index);
        row
    }
}

impl Row {
    /// Writes the change's values into the row's inputs.
    pub fn fill(&self, t: &Texts, c: &Change) {
        self.title.set_value(&c.title);
        self.kind.set_value(c.kind.key());
        self.phase.set_value(c.phase.key());
        self.fill_effort(t, c);
        mark(&self.title, &self.title_error, None);
    }

    /// Writes the effort (or rework share) and shows the unit choice for a
    /// rework only.
    pub fn fill_effort(&self, t: &Texts, c: &Change) {
        show(&self.unit_field, c.kind == Kind::Rework);
        let shared = c.rework_share().is_some();
        show(&self.range_toggle, !shared);
        show(&self.range_fields, self.range_open && !shared);
        attr(&self.range_toggle, "aria-expanded", if self.range_open && !shared { "true" } else { "false" });
        let hours = |m: u32| format_quantity(i64::from(m), Quantity::Hours, t.decimal);
        self.low.set_value(&hours(c.effort.low));
        self.high.set_value(&hours(c.effort.high));
        mark(&self.low, &self.low_error, None);
        mark(&self.high, &self.high_error, None);
        match c.rework_share() {
            Some(share) => {
                self.unit.set_value("share");
                self.effort.set_value(&format_quantity(i64::from(share), Quantity::Percent, t.decimal));
                self.effort_unit.set_text_content(Some("%"));
            }
            None => {
                self.unit.set_value("h");
                self.effort.set_value(&format_quantity(i64::from(c.effort.likely), Quantity::Hours, t.decimal));
                self.effort_unit.set_text_content(Some(t.hours));
            }
        }
        mark(&self.effort, &self.effort_error, None);
    }

    /// Numbers the row: "Change 3", and the remove button's label.
    pub fn number(&self, t: &Texts, index: usize) {
        let n = (index + 1).to_string();
        crate::web::dom::set_text(&self.heading, &crate::core::i18n::fill(t.change_number, &n));
        attr(&self.remove, "aria-label", &crate::core::i18n::fill(t.remove, &n));
    }
}

/// A "why?" disclosure after `error` (the last part of a field): what the
/// setting means, its source and a sensible range.
fn why(error: &Element, label: &str, setting: &str, text: &str) {
    let Some(wrap) = error.parent_element() else { return };
    let details = child(&wrap, "details", "why");
    let summary = text_child(&details, "summary", "", label);
    text_child(&summary, "span", "sr-only", &format!(" {setting}"));
    text_child(&details, "p", "", text);
}

/// Shows `message` under `input` (or clears it with `None`).
pub fn mark(input: &HtmlInputElement, error: &Element, message: Option<&str>) {
    crate::web::dom::set_text(error, message.unwrap_or(""));
    flag(input, "aria-invalid", false);
    if message.is_some() {
        attr(input, "aria-invalid", "true");
    }
}

/// The input element an event came from, if it is one.
pub fn as_input(el: &Element) -> Option<HtmlInputElement> {
    el.dyn_ref::<HtmlInputElement>().cloned()
}
