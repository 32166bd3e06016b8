//! Browser tests of the `<change-cost>` widget: DOM, events and storage,
//! in headless Chromium (`cargo test --target wasm32-unknown-unknown --test
//! web`). Each test mounts on its own host with its own storage key
//! (`web-test-<name>`), clears that key before and after, and undoes every
//! fault it injects into the page, so the tests never share state.
//!
//! A failing assertion in wasm traps instead of unwinding, so no `Drop`
//! runs: the cleanup that matters (the storage key, a faked
//! `localStorage`) is therefore also done at the start of every test, and
//! fault tests collect what they see while the fault is active and assert
//! only after restoring the page.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use changecost::web::{add_texts, mount, Widget};
use js_sys::{Array, Function, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{
    CustomEvent, CustomEventInit, Document, Element, Event, EventTarget, HtmlElement, HtmlInputElement,
    HtmlSelectElement, ShadowRoot, Storage, Window,
};

wasm_bindgen_test_configure!(run_in_browser);

/// The saved-form prefix of every key (EMBED.md, "Persistence").
const PREFIX: &str = "changecost:v1:";

/// Where restorers of injected faults wait, on `window`, so that the next
/// test can undo them even when this one trapped halfway.
const RESTORERS: &str = "__changecostTestRestorers";

// ---- The page ----------------------------------------------------------

fn window() -> Window {
    web_sys::window().expect("a window")
}

fn document() -> Document {
    window().document().expect("a document")
}

fn storage() -> Storage {
    window().local_storage().expect("localStorage readable").expect("localStorage present")
}

fn saved(key: &str) -> Option<String> {
    storage().get_item(&format!("{PREFIX}{key}")).expect("getItem")
}

fn save_raw(key: &str, raw: &str) {
    storage().set_item(&format!("{PREFIX}{key}"), raw).expect("setItem");
}

fn forget(key: &str) {
    storage().remove_item(&format!("{PREFIX}{key}")).expect("removeItem");
}

/// Undoes every fault a previous test injected and did not undo.
fn heal() {
    let w = window();
    let list = Reflect::get(&w, &RESTORERS.into()).unwrap_or(JsValue::UNDEFINED);
    if let Some(list) = list.dyn_ref::<Array>() {
        // Last in, first out: the oldest descriptor is the original one.
        while list.length() > 0 {
            if let Ok(f) = list.pop().dyn_into::<Function>() {
                f.call0(&JsValue::NULL).expect("restoring an injected fault");
            }
        }
    }
}

/// Replaces the property `key` of `target` with `descriptor`, and registers
/// the original for [`heal`].
fn inject(target: &Object, key: &str, descriptor: &Object) {
    let w = window();
    let original = Object::get_own_property_descriptor(target, &key.into());
    assert!(!original.is_undefined(), "{key} is an own property");
    let define = Function::new_with_args("t, k, d", "Object.defineProperty(t, k, d)");
    let restore = define.bind3(&JsValue::NULL, target, &key.into(), &original);
    let mut list = Reflect::get(&w, &RESTORERS.into()).unwrap_or(JsValue::UNDEFINED);
    if !Array::is_array(&list) {
        list = Array::new().into();
        Reflect::set(&w, &RESTORERS.into(), &list).expect("stash restorers");
    }
    list.unchecked_ref::<Array>().push(&restore);
    Object::define_property(target, &key.into(), descriptor);
}

/// A plain object from pairs.
fn object(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &(*k).into(), v).expect("set");
    }
    o
}

/// `value[key]`.
fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).expect("Reflect.get on an object")
}

/// `value[a][b]...` as a number.
fn num(value: &JsValue, path: &[&str]) -> f64 {
    let v = path.iter().fold(value.clone(), |v, k| get(&v, k));
    v.as_f64().unwrap_or_else(|| panic!("{path:?} is a number, got {v:?}"))
}

fn parse_json(text: &str) -> JsValue {
    JSON::parse(text).expect("the saved state is JSON")
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).expect("setTimeout");
    });
    JsFuture::from(promise).await.expect("the timer resolves");
}

/// Dispatches a bubbling, composed event named `kind` at `target`, like the
/// browser does for typing and selecting, and fails if a listener threw
/// (the browser reports such an exception on `window`, not to the caller).
fn fire(target: &EventTarget, kind: &str) {
    let errors = Recorder::<Event>::on(&window(), "error");
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    let event = CustomEvent::new_with_event_init_dict(kind, &init).expect("CustomEvent");
    target.dispatch_event(&event).expect("dispatchEvent");
    let thrown = errors.count();
    assert_eq!(thrown, 0, "a listener threw while handling {kind}: {:?}", errors.all());
}

/// The page is being left: the widget saves at once.
fn pagehide() {
    window().dispatch_event(&Event::new("pagehide").expect("Event")).expect("dispatchEvent");
}

/// Collects the events of one kind on one target; stops listening when
/// dropped.
struct Recorder<E: JsCast + Clone + 'static> {
    target: EventTarget,
    kind: String,
    seen: Rc<RefCell<Vec<E>>>,
    callback: Closure<dyn FnMut(Event)>,
}

impl<E: JsCast + Clone + 'static> Recorder<E> {
    fn on(target: &EventTarget, kind: &str) -> Recorder<E> {
        let seen = Rc::new(RefCell::new(Vec::new()));
        let callback = Closure::<dyn FnMut(Event)>::new({
            let seen = seen.clone();
            move |e: Event| seen.borrow_mut().push(e.unchecked_into::<E>())
        });
        target.add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref()).expect("addEventListener");
        Recorder { target: target.clone(), kind: kind.to_owned(), seen, callback }
    }

    fn count(&self) -> usize {
        self.seen.borrow().len()
    }

    fn all(&self) -> Vec<E> {
        self.seen.borrow().clone()
    }

    fn last(&self) -> E {
        self.seen.borrow().last().cloned().unwrap_or_else(|| panic!("no {} event", self.kind))
    }
}

impl<E: JsCast + Clone + 'static> Drop for Recorder<E> {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback(&self.kind, self.callback.as_ref().unchecked_ref());
    }
}

// ---- A widget on the page ----------------------------------------------

/// A `<change-cost>` host as the page has it: a plain element with the
/// consultant's attributes, in the body, with an open shadow root.
fn host(key: &str, attrs: &[(&str, &str)]) -> (HtmlElement, ShadowRoot) {
    let host: HtmlElement = document().create_element("change-cost").expect("createElement").unchecked_into();
    host.set_attribute("storage-key", key).expect("setAttribute");
    for (name, value) in attrs {
        host.set_attribute(name, value).expect("setAttribute");
    }
    document().body().expect("a body").append_child(&host).expect("appendChild");
    // `attachShadow` through Reflect: web-sys' ShadowRootInit is not among
    // the crate's features.
    let attach: Function = get(&host, "attachShadow").unchecked_into();
    let root = attach.call1(&host, &object(&[("mode", "open".into())])).expect("attachShadow");
    (host, root.unchecked_into())
}

/// A mounted widget and what a test reads from it.
struct Calc {
    host: HtmlElement,
    root: ShadowRoot,
    widget: Option<Widget>,
}

impl Calc {
    /// Clears `key`, undoes leftover faults, then mounts.
    fn fresh(key: &str, attrs: &[(&str, &str)]) -> Calc {
        heal();
        forget(key);
        Calc::mount(key, attrs)
    }

    /// Mounts on a new host, with whatever is stored under `key`.
    fn mount(key: &str, attrs: &[(&str, &str)]) -> Calc {
        let (host, root) = host(key, attrs);
        Calc::on(host, root)
    }

    fn on(host: HtmlElement, root: ShadowRoot) -> Calc {
        load_languages();
        let widget = mount(host.clone(), root.clone()).map_err(JsValue::from).expect("mount");
        Calc { host, root, widget: Some(widget) }
    }

    fn widget(&self) -> &Widget {
        self.widget.as_ref().expect("not destroyed")
    }

    fn find(&self, selector: &str) -> Element {
        self.root.query_selector(selector).expect("a valid selector").unwrap_or_else(|| panic!("no {selector}"))
    }

    fn find_all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).expect("a valid selector");
        (0..list.length()).filter_map(|i| list.item(i)).map(|n| n.unchecked_into()).collect()
    }

    fn has(&self, selector: &str) -> bool {
        self.root.query_selector(selector).expect("a valid selector").is_some()
    }

    /// The exact total of a contract, from `data-cents`.
    fn cents(&self, contract: &str) -> String {
        self.find(&format!("output[data-total=\"{contract}\"]")).get_attribute("data-cents").unwrap_or_default()
    }

    /// The total of a contract as the client reads it.
    fn shown(&self, contract: &str) -> String {
        self.find(&format!("output[data-total=\"{contract}\"]")).text_content().unwrap_or_default()
    }

    /// The control labelled `label` (exact text of its `<label>`).
    fn labelled(&self, label: &str) -> Element {
        let l = self
            .find_all("label")
            .into_iter()
            .find(|l| l.text_content().as_deref() == Some(label))
            .unwrap_or_else(|| panic!("no label {label:?}"));
        let id = l.get_attribute("for").expect("a label with for");
        self.find(&format!("#{id}"))
    }

    /// The input of the setting with wire number `index` (`Setting::wire`:
    /// 0 is the rate).
    fn setting(&self, index: usize) -> HtmlInputElement {
        self.find(&format!("input[data-setting=\"{index}\"]")).unchecked_into()
    }

    /// The error paragraph of an input (its `aria-describedby` names it).
    fn error_of(&self, input: &Element) -> String {
        self.find(&format!("#{}-error", input.id())).text_content().unwrap_or_default()
    }

    fn rows(&self) -> Vec<Element> {
        self.find_all("[data-change-id]")
    }

    fn click(&self, selector: &str) {
        self.find(selector).unchecked_into::<HtmlElement>().click();
    }

    fn add_change(&self) {
        self.click("button[data-action=\"add\"]");
    }

    /// The part (`t`, `k`, `e`, `u`, `p`) of the `index`-th row.
    fn part(&self, index: usize, part: &str) -> Element {
        let row = self.rows().into_iter().nth(index).unwrap_or_else(|| panic!("no row {index}"));
        row.query_selector(&format!("[data-part=\"{part}\"]")).expect("a valid selector").expect("a part")
    }

    fn destroy(&mut self) {
        self.widget.take().expect("mounted").destroy();
    }

    /// Destroys the widget (unless done), removes the host and the key.
    fn finish(mut self, key: &str) {
        if let Some(w) = self.widget.take() {
            w.destroy();
        }
        self.host.remove();
        forget(key);
    }
}

/// Hands every language's texts to the module, as the loader hands over
/// the files `make build` writes from the same values (the wasm carries no
/// texts of its own); a language already there is kept.
fn load_languages() {
    for t in changecost::core::i18n::ALL {
        add_texts(t.to_data().expect("a language as data")).map_err(JsValue::from).expect("addTexts");
    }
}

/// Types `text` into an input.
fn type_into(input: &Element, text: &str) {
    input.unchecked_ref::<HtmlInputElement>().set_value(text);
    fire(input, "input");
}

/// Like [`type_into`], without asserting anything: for use while a fault
/// is injected, when a failing assertion would leave the page broken.
fn type_quietly(input: &HtmlInputElement, text: &str) {
    input.set_value(text);
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(event) = CustomEvent::new_with_event_init_dict("input", &init) {
        let _ = input.dispatch_event(&event);
    }
}

/// Picks `value` in a select.
fn choose(select: &Element, value: &str) {
    select.unchecked_ref::<HtmlSelectElement>().set_value(value);
    assert_eq!(select.unchecked_ref::<HtmlSelectElement>().value(), value, "{value} is an option");
    fire(select, "change");
}

/// The worked example of MODEL.md, typed in like a client.
fn type_worked_example(c: &Calc) {
    for (i, (hours, kind)) in [("2", "tweak"), ("16", "rework"), ("6", "stakeholder")].into_iter().enumerate() {
        c.add_change();
        choose(&c.part(i, "k"), kind);
        choose(&c.part(i, "p"), "build");
        type_into(&c.part(i, "e"), hours);
    }
}

// ---- 1. Defaults and attributes -------------------------------------------

#[wasm_bindgen_test]
fn defaults_without_attributes() {
    let key = "web-test-defaults";
    let c = Calc::fresh(key, &[]);
    assert_eq!(c.cents("hourly"), "1140000");
    assert_eq!(c.cents("fixed"), "1368000");
    assert!(!c.has("output[data-total=\"capped\"]"), "models default to hourly and fixed");
    assert!(c.rows().is_empty());
    assert!(!c.find("p.empty").has_attribute("hidden"), "the empty-list hint shows");
    assert!(c.find_all(".notice").is_empty(), "no notice without a storage problem");
    assert_eq!(saved(key), None, "mounting writes nothing");
    c.finish(key);
}

#[wasm_bindgen_test]
fn attributes_set_defaults_and_language() {
    let key = "web-test-attributes";
    let c = Calc::fresh(key, &[("rate", "100"), ("hours", "200"), ("lang", "en")]);
    assert_eq!(c.cents("hourly"), "2000000");
    assert_eq!(c.shown("hourly"), "€20,000.00");
    assert_eq!(c.find(".card[data-contract=\"hourly\"] h4").text_content().as_deref(), Some("By the hour"));
    assert_eq!(c.find(".cc").get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(c.labelled("Hourly rate, net").unchecked_into::<HtmlInputElement>().value(), "100");
    c.finish(key);
}

#[wasm_bindgen_test]
fn german_text_and_figures() {
    let key = "web-test-german";
    let c = Calc::fresh(key, &[("lang", "de")]);
    assert_eq!(c.cents("hourly"), "1140000");
    assert_eq!(c.shown("hourly"), "11.400,00\u{a0}€");
    assert_eq!(c.find(".card[data-contract=\"hourly\"] h4").text_content().as_deref(), Some("Nach Aufwand"));
    assert_eq!(c.labelled("Stundensatz, netto").unchecked_into::<HtmlInputElement>().value(), "95");
    c.finish(key);
}

// ---- 2. The worked example ------------------------------------------------

#[wasm_bindgen_test]
fn worked_example_typed_in() {
    let key = "web-test-worked";
    let c = Calc::fresh(key, &[("lang", "en"), ("models", "hourly fixed capped")]);
    type_worked_example(&c);
    assert_eq!(c.rows().len(), 3);
    assert_eq!(c.cents("hourly"), "1564650");
    assert_eq!(c.cents("fixed"), "1721400");
    assert_eq!(c.cents("capped"), "1564650");
    assert_eq!(c.shown("hourly"), "€15,646.50");
    assert!(c.find("p.empty").has_attribute("hidden"), "the empty-list hint hides");

    let result = c.widget().result().map_err(JsValue::from).expect("result");
    assert_eq!(num(&result, &["hourly", "total"]), 1_564_650.0);
    assert_eq!(num(&result, &["fixed", "total"]), 1_721_400.0);
    assert_eq!(num(&result, &["capped", "total"]), 1_564_650.0);
    assert_eq!(num(&result, &["hourly", "changes"]), 424_650.0);
    assert_eq!(num(&result, &["fixed", "changes"]), 353_400.0);
    let series: Array = get(&result, "series").dyn_into().expect("series is an array");
    assert_eq!(series.length(), 4, "totals after 0, 1, 2 and 3 changes");
    let last = series.get(3);
    assert!(Array::from(&last).includes(&1_564_650.0.into(), 0), "the last point holds the hourly total: {last:?}");

    // Removing the rework takes its cost away again:
    // hourly 11,400 + 332.50 + 1,586.50; fixed: the allowance now covers 8 h
    // of the stakeholder change's 16.2 h.
    let id = c.rows()[1].get_attribute("data-change-id").expect("an id");
    c.click(&format!("[data-change-id=\"{id}\"] button[data-action=\"remove\"]"));
    assert_eq!(c.rows().len(), 2);
    assert_eq!(c.cents("hourly"), "1331900");
    c.finish(key);
}

// ---- 3. Invalid text ----------------------------------------------------

#[wasm_bindgen_test]
fn invalid_text_is_flagged_and_changes_nothing() {
    let key = "web-test-invalid";
    let c = Calc::fresh(key, &[("lang", "de")]);
    let rate = c.labelled("Stundensatz, netto");
    assert!(rate.is_same_node(Some(&c.setting(0))), "the label names the rate input");

    type_into(&rate, "12abc");
    assert_eq!(rate.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(c.error_of(&rate), "„a“ gehört nicht in eine Zahl.");
    assert_eq!(c.cents("hourly"), "1140000", "the last valid figures stay");

    type_into(&rate, "100");
    assert_eq!(rate.get_attribute("aria-invalid"), None);
    assert_eq!(c.error_of(&rate), "");
    assert_eq!(c.cents("hourly"), "1200000");

    // A change's effort: the same, in its own row.
    c.add_change();
    let effort = c.part(0, "e");
    let with_one = c.cents("hourly");
    type_into(&effort, "2,5,1");
    assert_eq!(effort.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(!c.error_of(&effort).is_empty(), "the effort's message shows");
    assert_eq!(c.cents("hourly"), with_one);
    type_into(&effort, "2");
    assert_eq!(effort.get_attribute("aria-invalid"), None);
    assert_eq!(c.error_of(&effort), "");
    // 2 h x 1.5 + 0.5 h at 100.00
    assert_eq!(c.cents("hourly"), "1235000");
    c.finish(key);
}

// ---- 4. Persistence ---------------------------------------------------------

#[wasm_bindgen_test]
fn pagehide_saves_and_a_new_mount_restores() {
    let key = "web-test-persist";
    let mut c = Calc::fresh(key, &[("lang", "en")]);
    type_into(&c.setting(0), "100");
    c.add_change();
    type_into(&c.part(0, "e"), "2");
    assert_eq!(saved(key), None, "the save waits for a pause in typing");
    pagehide();

    let raw = saved(key).expect("saved on pagehide");
    let json = parse_json(&raw);
    assert_eq!(num(&json, &["v"]), 2.0);
    assert_eq!(num(&json, &["rateCents"]), 10_000.0);
    let changes = Array::from(&get(&json, "changes"));
    assert_eq!(changes.length(), 1);
    assert_eq!(num(&changes.get(0), &["3"]), 120.0, "effort is the fourth element of a version 2 change");
    let hourly = c.cents("hourly");
    assert_eq!(hourly, "1235000");

    c.destroy();
    c.host.remove();
    let again = Calc::mount(key, &[("lang", "en")]);
    assert_eq!(again.cents("hourly"), hourly);
    assert_eq!(again.setting(0).value(), "100");
    assert_eq!(again.rows().len(), 1);
    assert_eq!(again.part(0, "e").unchecked_into::<HtmlInputElement>().value(), "2");
    assert!(again.find_all(".notice").is_empty());
    again.finish(key);
}

#[wasm_bindgen_test]
async fn saves_after_a_pause_in_typing() {
    let key = "web-test-debounce";
    let c = Calc::fresh(key, &[]);
    type_into(&c.setting(0), "100");
    sleep(250).await;
    type_into(&c.setting(0), "110");
    sleep(300).await;
    assert_eq!(saved(key), None, "typing again restarted the quiet time");
    sleep(400).await;
    let json = parse_json(&saved(key).expect("saved after 500 ms of quiet"));
    assert_eq!(num(&json, &["v"]), 2.0);
    assert_eq!(num(&json, &["rateCents"]), 11_000.0);
    // The live region has spoken the new totals by now.
    let live = c.find("[aria-live=\"polite\"]").text_content().unwrap_or_default();
    assert!(live.contains(&c.shown("hourly")), "the live region announces {:?}: {live:?}", c.shown("hourly"));
    c.finish(key);
}

#[wasm_bindgen_test]
fn destroy_saves_what_is_due() {
    let key = "web-test-destroy-saves";
    let mut c = Calc::fresh(key, &[]);
    type_into(&c.setting(0), "100");
    assert_eq!(saved(key), None);
    c.destroy();
    let json = parse_json(&saved(key).expect("saved on destroy"));
    assert_eq!(num(&json, &["rateCents"]), 10_000.0);
    c.finish(key);
}

#[wasm_bindgen_test]
fn persist_off_reads_and_writes_nothing() {
    let key = "web-test-persist-off";
    heal();
    let earlier = r#"{"v":1,"rateCents":10000}"#;
    save_raw(key, earlier);
    let mut c = Calc::mount(key, &[("persist", "off")]);
    assert_eq!(c.cents("hourly"), "1140000", "the saved state is not read");
    assert!(!c.has(".notice"), "no notice: keeping nothing was the consultant's choice");
    type_into(&c.setting(0), "110");
    pagehide();
    c.destroy();
    assert_eq!(saved(key).as_deref(), Some(earlier), "nothing written");
    c.finish(key);
}

/// The checkbox of `persist="ask"`, its label's text, and whether it is
/// ticked.
fn keep_box(c: &Calc) -> (HtmlInputElement, String) {
    let input: HtmlInputElement = c.find("input[type=\"checkbox\"][data-part=\"keep\"]").unchecked_into();
    let label = input.closest("label").expect("a valid selector").expect("the checkbox sits in its label");
    (input, label.text_content().unwrap_or_default().trim().to_owned())
}

/// Ticks or unticks the checkbox like a click does.
fn tick(input: &HtmlInputElement, on: bool) {
    input.set_checked(on);
    fire(input, "change");
}

#[wasm_bindgen_test]
fn persist_ask_keeps_nothing_until_ticked_and_deletes_on_untick() {
    let key = "web-test-persist-ask";
    let backup = format!("{PREFIX}{key}:before-share");
    storage().remove_item(&backup).expect("removeItem");
    let mut c = Calc::fresh(key, &[("lang", "en"), ("persist", "ask")]);
    let (keep, label) = keep_box(&c);
    assert_eq!(label, "Keep my entries on this device");
    assert!(!keep.checked(), "unticked until the client chooses");
    assert!(!c.has(".notice"));
    type_into(&c.setting(0), "100");
    pagehide();
    assert_eq!(saved(key), None, "nothing written before the tick");

    tick(&keep, true);
    let json = parse_json(&saved(key).expect("saved at once when ticked"));
    assert_eq!(num(&json, &["rateCents"]), 10_000.0);
    type_into(&c.setting(0), "110");
    pagehide();
    assert_eq!(num(&parse_json(&saved(key).expect("saved")), &["rateCents"]), 11_000.0);
    c.destroy();
    c.host.remove();

    // The saved state is the remembered choice: restored, and ticked.
    let again = Calc::mount(key, &[("lang", "en"), ("persist", "ask")]);
    let (keep, _) = keep_box(&again);
    assert!(keep.checked(), "ticked after a reload");
    assert_eq!(again.setting(0).value(), "110");
    assert_eq!(again.cents("hourly"), "1320000");
    // A language switch renders the box anew, still ticked.
    choose(&again.find("#lang"), "de");
    let (keep, label) = keep_box(&again);
    assert_eq!(label, "Meine Eingaben auf diesem Gerät speichern");
    assert!(keep.checked(), "still ticked after switching language");

    storage().set_item(&backup, "{}").expect("setItem");
    tick(&keep, false);
    assert_eq!(saved(key), None, "unticking deletes the saved state");
    assert_eq!(storage().get_item(&backup).expect("getItem"), None, "and what was kept aside");
    type_into(&again.setting(0), "120");
    pagehide();
    assert_eq!(saved(key), None, "nothing written after unticking");
    assert_eq!(again.cents("hourly"), "1440000", "the calculator works on");
    again.finish(key);
}

#[wasm_bindgen_test]
fn persist_ask_with_forbidden_storage_says_so_only_when_ticked() {
    let key = "web-test-persist-ask-forbidden";
    heal();
    forget(key);
    let w = window();
    let throwing = Function::new_no_args("throw new DOMException('denied', 'SecurityError')");
    inject(w.unchecked_ref(), "localStorage", &object(&[("configurable", true.into()), ("get", throwing.into())]));

    // Observe while the fault is active; assert once it is undone.
    let (host, root) = host(key, &[("lang", "en"), ("persist", "ask")]);
    let errors = Recorder::<CustomEvent>::on(&host, "changecost:error");
    let mut c = Calc::on(host, root);
    let notices_before = c.find_all(".notice").len();
    let events_before = errors.count();
    type_quietly(&c.setting(0), "100");
    let edited = c.cents("hourly");
    let keep: Option<HtmlInputElement> =
        c.root.query_selector("[data-part=\"keep\"]").ok().flatten().map(|e| e.unchecked_into());
    if let Some(keep) = &keep {
        // Like `tick`, without asserting while the fault is in place.
        keep.set_checked(true);
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        if let Ok(event) = CustomEvent::new_with_event_init_dict("change", &init) {
            let _ = keep.dispatch_event(&event);
        }
    }
    let ticked_after = keep.as_ref().map(HtmlInputElement::checked);
    let notice = c.root.query_selector(".notice.unavailable[role=\"alert\"]").ok().flatten();
    let events_after = errors.count();
    c.destroy();
    heal();

    assert!(w.local_storage().is_ok(), "localStorage is back");
    assert_eq!(notices_before, 0, "no notice before the client asks to keep anything");
    assert_eq!(events_before, 0, "no changecost:error either");
    assert_eq!(edited, "1200000", "edits work");
    assert_eq!(ticked_after, Some(false), "the box does not stay ticked when nothing can be kept");
    assert!(notice.is_some(), "ticking says that this browser does not allow saving");
    assert_eq!(events_after, 1, "one changecost:error, when ticked");
    assert_eq!(saved(key), None);
    drop(errors);
    c.finish(key);
}

#[wasm_bindgen_test]
fn persist_ask_keeps_an_unreadable_state_until_unticked() {
    let key = "web-test-persist-ask-unreadable";
    heal();
    save_raw(key, "{oops");
    let c = Calc::mount(key, &[("lang", "en"), ("persist", "ask")]);
    let (keep, _) = keep_box(&c);
    assert!(keep.checked(), "something is kept on this device, and the box says so");
    assert!(c.has(".notice.unreadable"), "the client is told, with a download");
    type_into(&c.setting(0), "100");
    pagehide();
    assert_eq!(saved(key).as_deref(), Some("{oops"), "never overwritten silently");
    tick(&keep, false);
    assert_eq!(saved(key), None, "unticking is the client's choice to delete it");
    assert!(!c.has(".notice.unreadable"), "the notice goes with it");
    tick(&keep, true);
    assert_eq!(num(&parse_json(&saved(key).expect("saved when ticked again")), &["rateCents"]), 10_000.0);
    c.finish(key);
}

/// `Widget::set_scenario` announces the new totals like an edit does.
#[wasm_bindgen_test]
async fn set_scenario_announces_the_new_totals() {
    let key = "web-test-announce-scenario";
    let c = Calc::fresh(key, &[("lang", "en")]);
    let s = object(&[("v", 1.into()), ("rateCents", 10_000.into())]);
    c.widget().set_scenario(s.into()).map_err(JsValue::from).expect("a valid scenario");
    sleep(700).await;
    let live = c.find("[aria-live=\"polite\"]").text_content().unwrap_or_default();
    assert!(live.contains("€12,000.00"), "the live region announces the new totals: {live:?}");
    c.finish(key);
}

// ---- 5. Unreadable saved states ----------------------------------------------

/// Mounts over `raw`, checks that it is kept through mount, edits, pagehide
/// and destroy, that the client and the page are told, and that the
/// calculator works on the defaults.
fn keeps_unreadable(key: &str, raw: &str) {
    heal();
    save_raw(key, raw);
    let (host, root) = host(key, &[("lang", "en")]);
    let errors = Recorder::<CustomEvent>::on(&host, "changecost:error");
    let mut c = Calc::on(host, root);

    assert_eq!(saved(key).as_deref(), Some(raw), "kept after mount");
    assert_eq!(errors.count(), 1, "one changecost:error during mount");
    let message = get(&errors.last().detail(), "message").as_string().expect("detail.message is text");
    assert!(message.contains("cannot be read"), "{message}");
    let notice = c.find(".notice.unreadable");
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alert"));
    assert!(notice.text_content().unwrap_or_default().contains("cannot be read"));
    assert!(c.has(".notice.unreadable button[data-action=\"download\"]"));
    assert!(c.has(".notice.unreadable button[data-action=\"discard\"]"));

    assert_eq!(c.cents("hourly"), "1140000", "the defaults show");
    type_into(&c.setting(0), "100");
    assert_eq!(c.cents("hourly"), "1200000", "the calculator computes");
    pagehide();
    assert_eq!(saved(key).as_deref(), Some(raw), "kept after an edit and pagehide");
    c.widget()
        .set_scenario(object(&[("v", 1.into()), ("rateCents", 10_500.into())]).into())
        .map_err(JsValue::from)
        .expect("a valid scenario");
    assert_eq!(c.cents("hourly"), "1260000");
    assert_eq!(saved(key).as_deref(), Some(raw), "kept after setting the scenario");
    type_into(&c.setting(0), "110");
    c.destroy();
    assert_eq!(saved(key).as_deref(), Some(raw), "kept after destroy");
    drop(errors);
    c.finish(key);
}

#[wasm_bindgen_test]
fn unreadable_field_is_kept() {
    keeps_unreadable("web-test-unreadable-field", r#"{"v":1,"rateCents":"lots"}"#);
}

#[wasm_bindgen_test]
fn garbage_is_kept() {
    keeps_unreadable("web-test-unreadable-garbage", "{oops");
}

#[wasm_bindgen_test]
fn newer_version_is_kept() {
    keeps_unreadable("web-test-unreadable-future", r#"{"v":99,"rateCents":10000,"future":[1,2]}"#);
}

#[wasm_bindgen_test]
fn discarding_an_unreadable_state_saves_from_then_on() {
    let key = "web-test-discard";
    heal();
    save_raw(key, "{oops");
    let c = Calc::mount(key, &[]);
    type_into(&c.setting(0), "100");
    c.click(".notice.unreadable button[data-action=\"discard\"]");
    assert!(!c.has(".notice.unreadable"), "the notice goes");
    let json = parse_json(&saved(key).expect("replaced at once"));
    assert_eq!(num(&json, &["v"]), 2.0);
    assert_eq!(num(&json, &["rateCents"]), 10_000.0);
    type_into(&c.setting(0), "110");
    pagehide();
    assert_eq!(num(&parse_json(&saved(key).expect("saved")), &["rateCents"]), 11_000.0);
    c.finish(key);
}

// ---- 6. Storage faults ---------------------------------------------------

#[wasm_bindgen_test]
fn forbidden_storage_leaves_a_working_calculator() {
    let key = "web-test-forbidden";
    heal();
    forget(key);
    let w = window();
    let throwing = Function::new_no_args("throw new DOMException('denied', 'SecurityError')");
    inject(w.unchecked_ref(), "localStorage", &object(&[("configurable", true.into()), ("get", throwing.into())]));
    assert!(w.local_storage().is_err(), "the fault is in place");

    // Observe while the fault is active; assert once it is undone.
    let (host, root) = host(key, &[("lang", "en")]);
    let errors = Recorder::<CustomEvent>::on(&host, "changecost:error");
    let mut c = Calc::on(host, root);
    let mounted = c.cents("hourly");
    let notice = c.root.query_selector(".notice.unavailable[role=\"alert\"]").ok().flatten();
    let notice_text = notice.as_ref().and_then(|n| n.text_content()).unwrap_or_default();
    type_quietly(&c.setting(0), "100");
    let edited = c.cents("hourly");
    pagehide();
    let events = errors.count();
    let still_one_notice = c.find_all(".notice").len();
    c.destroy();
    heal();

    assert!(w.local_storage().is_ok(), "localStorage is back");
    assert_eq!(mounted, "1140000");
    assert!(notice.is_some(), "a notice says that nothing is saved");
    assert!(notice_text.contains("does not allow saving"), "{notice_text}");
    assert_eq!(edited, "1200000", "edits work");
    assert_eq!(events, 1, "one changecost:error for the missing storage");
    assert_eq!(still_one_notice, 1, "saving without storage adds no notice");
    assert_eq!(saved(key), None);
    drop(errors);
    c.finish(key);
}

#[wasm_bindgen_test]
fn full_storage_shows_a_notice() {
    let key = "web-test-full";
    heal();
    forget(key);
    let (host, root) = host(key, &[("lang", "en")]);
    let errors = Recorder::<CustomEvent>::on(&host, "changecost:error");
    let c = Calc::on(host, root);
    assert_eq!(errors.count(), 0);
    assert!(!c.has(".notice"));

    let proto: Object = get(&get(&window(), "Storage"), "prototype").unchecked_into();
    let throwing = Function::new_no_args("throw new DOMException('full', 'QuotaExceededError')");
    inject(
        &proto,
        "setItem",
        &object(&[
            ("configurable", true.into()),
            ("writable", true.into()),
            ("enumerable", true.into()),
            ("value", throwing.into()),
        ]),
    );

    // Observe while the fault is active; assert once it is undone.
    type_quietly(&c.setting(0), "100");
    pagehide();
    let events = errors.all();
    let notice = c.root.query_selector(".notice.full[role=\"alert\"]").ok().flatten();
    let notice_text = notice.as_ref().and_then(|n| n.text_content()).unwrap_or_default();
    let edited = c.cents("hourly");
    heal();

    assert_eq!(events.len(), 1, "one changecost:error for the full storage");
    assert_eq!(get(&events[0].detail(), "detail").as_string().as_deref(), Some("QuotaExceededError"));
    assert!(notice.is_some(), "the storage-full notice shows");
    assert!(notice_text.contains("storage is full"), "{notice_text}");
    assert_eq!(edited, "1200000");
    assert_eq!(saved(key), None);

    // With room again, the next save goes through and the notice may stay.
    type_into(&c.setting(0), "110");
    pagehide();
    assert_eq!(num(&parse_json(&saved(key).expect("saved")), &["rateCents"]), 11_000.0);
    assert_eq!(c.find_all(".notice.full").len(), 1, "never two notices of one kind");
    drop(errors);
    c.finish(key);
}

// ---- 7. Events ----------------------------------------------------------------

#[wasm_bindgen_test]
async fn ready_and_change_events() {
    let key = "web-test-events";
    heal();
    forget(key);
    let (host, root) = host(key, &[]);
    let ready = Recorder::<CustomEvent>::on(&host, "changecost:ready");
    let change = Recorder::<CustomEvent>::on(&host, "changecost:change");
    // Bubbling: the page hears them on the document too.
    let at_document = Recorder::<CustomEvent>::on(&document(), "changecost:change");
    let c = Calc::on(host, root);

    assert_eq!(ready.count(), 0, "ready waits until the loader holds the widget");
    sleep(0).await;
    assert_eq!(ready.count(), 1, "ready fires right after mount");
    let r = ready.last();
    assert!(r.bubbles() && r.composed(), "ready bubbles and is composed");
    assert_eq!(num(&r.detail(), &["totals", "hourly"]), 1_140_000.0);
    assert_eq!(num(&r.detail(), &["totals", "fixed"]), 1_368_000.0);
    assert_eq!(num(&r.detail(), &["changes"]), 0.0);
    assert_eq!(change.count(), 0, "mounting is no change");

    c.add_change();
    assert_eq!(change.count(), 1);
    let e = change.last();
    assert!(e.bubbles() && e.composed(), "change bubbles and is composed");
    assert_eq!(num(&e.detail(), &["changes"]), 1.0);
    // One tweak of 1 h in the build phase: (1.5 + 0.5) h x 95.
    assert_eq!(num(&e.detail(), &["totals", "hourly"]), 1_159_000.0);

    c.add_change();
    type_into(&c.part(1, "e"), "2");
    assert_eq!(change.count(), 3);
    assert_eq!(num(&change.last().detail(), &["changes"]), 2.0);
    assert_eq!(num(&change.last().detail(), &["totals", "hourly"]), c.cents("hourly").parse::<f64>().unwrap());
    let host: JsValue = c.host.clone().into();
    assert!(at_document.all().iter().any(|e| e.target().map(JsValue::from) == Some(host.clone())));

    type_into(&c.setting(0), "abc");
    assert_eq!(change.count(), 3, "invalid text is no change");
    drop((ready, change, at_document));
    c.finish(key);
}

// ---- 8. The scenario property ---------------------------------------------

#[wasm_bindgen_test]
fn scenario_property() {
    let key = "web-test-scenario";
    let c = Calc::fresh(key, &[]);
    let w = c.widget();
    let s = w.scenario().map_err(JsValue::from).expect("scenario");
    assert_eq!(num(&s, &["v"]), 2.0);
    assert_eq!(num(&s, &["rateCents"]), 9_500.0);
    assert_eq!(Array::from(&get(&s, "changes")).length(), 0);

    let bad = object(&[("v", 1.into()), ("rateCents", (-5).into())]);
    let err = JsValue::from(w.set_scenario(bad.into()).expect_err("a negative rate is refused"));
    let message = err.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).expect("an Error");
    assert!(message.contains("rateCents"), "{message}");
    assert_eq!(c.cents("hourly"), "1140000", "nothing changed");
    assert_eq!(c.setting(0).value(), "95");
    assert_eq!(num(&w.scenario().map_err(JsValue::from).unwrap(), &["rateCents"]), 9_500.0);

    let change = object(&[
        ("id", 7.into()),
        ("t", "logo bigger".into()),
        ("k", "tweak".into()),
        ("e", 120.into()),
        ("p", "build".into()),
    ]);
    let good = object(&[("v", 1.into()), ("changes", Array::of1(&change).into())]);
    w.set_scenario(good.into()).map_err(JsValue::from).expect("a valid scenario");
    let rows = c.rows();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].get_attribute("data-change-id").as_deref(), Some("7"));
    assert_eq!(c.part(0, "t").unchecked_into::<HtmlInputElement>().value(), "logo bigger");
    // (2 h x 1.5 + 0.5 h) x 95 on top; the allowance covers it at a fixed price.
    assert_eq!(c.cents("hourly"), "1173250");
    assert_eq!(c.cents("fixed"), "1368000");
    let back = w.scenario().map_err(JsValue::from).unwrap();
    assert_eq!(num(&Array::from(&get(&back, "changes")).get(0), &["0"]), 7.0, "the id comes first");
    let json = parse_json(&saved(key).expect("setting the scenario saves it"));
    assert_eq!(Array::from(&get(&json, "changes")).length(), 1);
    c.finish(key);
}

// ---- 9. Several instances ----------------------------------------------

#[wasm_bindgen_test]
fn instances_are_independent() {
    let (one, two) = ("web-test-instance-1", "web-test-instance-2");
    let a = Calc::fresh(one, &[]);
    let b = Calc::fresh(two, &[("rate", "80")]);
    assert_eq!(a.cents("hourly"), "1140000");
    assert_eq!(b.cents("hourly"), "960000");

    type_into(&a.setting(0), "100");
    a.add_change();
    // 100.00 x 120 h, and a tweak of 1 h in the build phase: (1.5 + 0.5) h x 100.
    assert_eq!(a.cents("hourly"), "1220000");
    assert_eq!(b.cents("hourly"), "960000", "the other total is unchanged");
    assert!(b.rows().is_empty());

    type_into(&b.setting(0), "abc");
    assert_eq!(a.setting(0).get_attribute("aria-invalid"), None, "messages stay in their widget");

    pagehide();
    assert_eq!(num(&parse_json(&saved(one).expect("saved")), &["rateCents"]), 10_000.0);
    assert_eq!(saved(two), None, "nothing due in the other");
    a.finish(one);
    b.finish(two);
}

// ---- 10. destroy() --------------------------------------------------------

#[wasm_bindgen_test]
async fn destroy_detaches_every_listener() {
    let key = "web-test-destroy";
    let mut c = Calc::fresh(key, &[]);
    type_into(&c.setting(0), "100");
    let before = c.cents("hourly");
    assert_eq!(before, "1200000");
    c.destroy();
    forget(key);

    let errors = Recorder::<Event>::on(&window(), "error");
    let changes = Recorder::<CustomEvent>::on(&c.host, "changecost:change");
    type_into(&c.setting(0), "120");
    type_into(&c.setting(1), "abc");
    c.add_change();
    pagehide();
    sleep(600).await;

    assert_eq!(errors.count(), 0, "nothing threw");
    assert_eq!(changes.count(), 0, "no event after destroy");
    assert_eq!(c.cents("hourly"), before, "the figures no longer follow the inputs");
    assert_eq!(c.setting(1).get_attribute("aria-invalid"), None);
    assert!(c.rows().is_empty(), "the add button is dead");
    assert_eq!(saved(key), None, "nothing saved after destroy");
    drop((errors, changes));
    c.finish(key);
}

/// A language file that is not one (a page of HTML, a cut-off or older
/// file) is refused with a reason, and the languages already loaded stay
/// as they were (issue 24: the texts come as data).
#[wasm_bindgen_test]
fn a_bad_language_file_is_refused() {
    let key = "web-test-bad-language";
    let c = Calc::fresh(key, &[("lang", "de")]);
    // A language not loaded yet (a file of an already loaded one is not read again).
    let fr = changecost::core::i18n::ALL[1].to_data().expect("German as data").replacen(
        "\u{1f}de\u{1f}",
        "\u{1f}fr\u{1f}",
        1,
    );
    let cut: String = fr.chars().take(fr.chars().count() / 2).collect();
    for bad in [String::new(), "<!doctype html><p>Not found".to_owned(), cut, fr.replace("Deutsch", "Deutsch\u{1f}")] {
        let refused = add_texts(bad).map_err(JsValue::from).expect_err("refused");
        let message = get(&refused, "message").as_string().unwrap_or_default();
        assert!(message.starts_with("changecost: a language file: "), "{message}");
    }
    choose(&c.find("#lang"), "en");
    assert_eq!(c.find(".cc").get_attribute("lang").as_deref(), Some("en"));
    choose(&c.find("#lang"), "de");
    assert_eq!(c.labelled("Stundensatz, netto").unchecked_into::<HtmlInputElement>().value(), "95");
    c.finish(key);
}

// ---- 11. The panic hook and other tabs ----------------------------------------

/// What the panic hook does, called directly (a real panic would stop the
/// test module): every mounted calculator shows the message in its own
/// language and its host hears `changecost:error`.
#[wasm_bindgen_test]
fn a_crash_is_reported_in_every_calculator() {
    let (de_key, en_key) = ("web-test-crash-de", "web-test-crash-en");
    heal();
    forget(de_key);
    forget(en_key);
    let (de_host, de_root) = host(de_key, &[("lang", "de")]);
    let (en_host, en_root) = host(en_key, &[("lang", "en")]);
    let de_errors = Recorder::<CustomEvent>::on(&de_host, "changecost:error");
    let en_errors = Recorder::<CustomEvent>::on(&en_host, "changecost:error");
    let de = Calc::on(de_host, de_root);
    let en = Calc::on(en_host, en_root);
    save_raw(de_key, "{\"v\":1,\"rateCents\":12000}");

    changecost::web::crash::report("boom");

    let de_text = de.find(".notice.crash").text_content().unwrap_or_default();
    let en_text = en.find(".notice.crash").text_content().unwrap_or_default();
    assert!(de_text.starts_with("Ein interner Fehler hat den Rechner angehalten."), "{de_text}");
    assert!(en_text.starts_with("An internal error stopped the calculator."), "{en_text}");
    assert_eq!(de.find(".notice.crash").get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(de_errors.count(), 1);
    assert_eq!(en_errors.count(), 1);
    assert_eq!(get(&en_errors.last().detail(), "detail").as_string().as_deref(), Some("boom"));
    // The report writes nothing: what is saved stays as it was.
    assert_eq!(saved(de_key).as_deref(), Some("{\"v\":1,\"rateCents\":12000}"));
    drop((de_errors, en_errors));
    de.finish(de_key);
    en.finish(en_key);
}

/// A `storage` event from another tab with a newer scenario: the widget
/// shows it, keeps the title this tab is typing, and saves the merge.
#[wasm_bindgen_test]
fn another_tab_is_followed_without_losing_what_is_typed() {
    let key = "web-test-other-tab";
    let c = Calc::fresh(key, &[("lang", "en")]);
    c.add_change();
    let title: HtmlInputElement = c.part(0, "t").unchecked_into();
    type_into(&title, "half typed");
    title.focus().expect("focus");
    pagehide();

    // The other tab raised the rate and kept the change without a title.
    let theirs =
        saved(key).expect("saved").replace("\"rateCents\":9500", "\"rateCents\":12000").replace("half typed", "");
    assert!(theirs.contains("\"rateCents\":12000"), "{theirs}");
    save_raw(key, &theirs);
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(&format!("changecost:v1:{key}")));
    init.set_new_value(Some(&theirs));
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).expect("StorageEvent");
    window().dispatch_event(&event).expect("dispatchEvent");

    // Their rate, our title.
    assert_eq!(c.setting(0).value(), "120");
    let title: HtmlInputElement = c.part(0, "t").unchecked_into();
    assert_eq!(title.value(), "half typed");
    // 120 h x 120.00 + (1 h x 1.5 + 0.5 h) x 120.00 = 14,640.00.
    assert_eq!(c.cents("hourly"), "1464000");
    pagehide();
    let merged = saved(key).expect("saved");
    assert!(merged.contains("\"rateCents\":12000") && merged.contains("half typed"), "{merged}");
    c.finish(key);
}

// ---- 12. Figures written without the browser ------------------------------

/// `Intl.NumberFormat(locale, options).format(text)`, with the exact decimal
/// as a string, as `web::format` calls it.
fn intl(locale: &str, options: &[(&str, JsValue)], text: &str) -> String {
    let o = Object::new();
    for (k, v) in options {
        Reflect::set(&o, &JsValue::from_str(k), v).expect("set");
    }
    let format = js_sys::Intl::NumberFormat::new(&Array::of1(&JsValue::from_str(locale)), &o).format();
    format.call1(&JsValue::UNDEFINED, &JsValue::from_str(text)).expect("format").as_string().expect("a string")
}

/// Amounts from a cent to a trillion, both signs, the edges of each
/// group of three digits, the ends of `i64`, and a spread of others (a
/// fixed LCG).
fn amounts() -> Vec<i64> {
    let mut v =
        vec![0, 1, -1, 5, 49, 50, 51, 99, 100, 149, 150, -150, -40, -49, -50, 99_999, 100_000, 1_564_650, 1_721_400];
    v.extend([i64::MAX, i64::MAX - 49, i64::MAX - 50, i64::MIN, i64::MIN + 1, i64::MIN + 50]);
    for digits in 1..=14 {
        let p = 10i64.pow(digits);
        v.extend([p - 1, p, p + 50, -p + 1, -p - 50]);
    }
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for i in 0..600 {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let magnitude = 10u64.pow(1 + (i % 13));
        let value = i64::try_from((x >> 11) % magnitude).expect("fits");
        v.push(if i % 5 == 0 { -value } else { value });
    }
    v
}

/// The figures `core::display` writes for German and English are the
/// browser's, character for character: money, whole money (rounded half
/// away from zero) and percentages, in every locale and currency it
/// claims; anything else it leaves to the browser.
#[wasm_bindgen_test]
fn native_figures_are_the_browsers() {
    use changecost::core::display::{german, percent, Native};
    use changecost::core::format_plain;

    let mut wrong = Vec::new();
    let mut checked = 0;
    for locale in ["de", "de-DE", "en", "en-US"] {
        for currency in ["EUR", "USD", "GBP", "CHF"] {
            let native = Native::new(locale, currency).expect("written natively");
            let money = [("style", JsValue::from_str("currency")), ("currency", JsValue::from_str(currency))];
            let mut whole = money.to_vec();
            whole.extend([("maximumFractionDigits", JsValue::from(0)), ("minimumFractionDigits", JsValue::from(0))]);
            for cents in amounts() {
                let exact = format_plain(cents, 2, 2, '.');
                for (ours, theirs) in [
                    (native.money(cents), intl(locale, &money, &exact)),
                    (native.money_whole(cents), intl(locale, &whole, &exact)),
                ] {
                    checked += 1;
                    if ours != theirs {
                        wrong.push(format!("{locale} {currency} {exact}: ours {ours:?}, the browser's {theirs:?}"));
                    }
                }
            }
        }
        let options = [("style", JsValue::from_str("percent")), ("maximumFractionDigits", JsValue::from(2))];
        let is_german = german(locale).expect("German or English");
        for bp in amounts().into_iter().map(|a| (a % 10_000_000) / 10 * 10) {
            let (ours, theirs) = (percent(is_german, bp), intl(locale, &options, &format_plain(bp, 4, 0, '.')));
            checked += 1;
            if ours != theirs {
                wrong.push(format!("{locale} {bp} bp: ours {ours:?}, the browser's {theirs:?}"));
            }
        }
    }
    assert!(checked > 20_000, "{checked}");
    assert!(wrong.is_empty(), "{} of {checked} differ, first: {:#?}", wrong.len(), &wrong[..wrong.len().min(8)]);
    for (locale, currency) in [("de-CH", "CHF"), ("en-GB", "GBP"), ("de-AT", "EUR"), ("en", "JPY")] {
        assert_eq!(Native::new(locale, currency), None, "{locale} {currency} goes to the browser");
    }
}
