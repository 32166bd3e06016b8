//! Browser tests of the browser layer (`src/web/`), in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --test web`): what crosses
//! between the module and the loader. The widget's behaviour is tested on
//! the host against a fake page (`tests/ui.rs`) and, with the real loader
//! and DOM, end to end (`tests/e2e/`); here a recording shell stands in for
//! the loader's, so that each test sees exactly the strings and values the
//! module sends and how it reads the answers: the DOM updates, storage's
//! answers and faults, events and their cancelling, the element's
//! properties, the worker's entry point, the panic hook, and the figures
//! written without `Intl`.
#![cfg(target_arch = "wasm32")]

use changecost::web::{add_texts, attributes, mount, simulate_saved, Widget};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// U+001F, between the fields the loader reads off an event's target.
const SEP: &str = "\u{1f}";

#[wasm_bindgen(inline_js = r#"
const ARGS = { t: 2, h: 2, v: 2, a: 3, r: 2, c: 2, f: 1, s: 1, p: 2, i: 3, x: 1, b: 2, k: 1 };

/** The DOM updates as [op, ...args], read by UTF-16 lengths as the loader reads them. */
function parse(ops) {
  const out = [];
  let i = 0;
  while (i < ops.length) {
    const op = ops[i++];
    if (!(op in ARGS)) throw new Error(`unknown update ${op} at ${i - 1} of ${ops}`);
    const args = [];
    for (let n = 0; n < ARGS[op]; n++) {
      const colon = ops.indexOf(':', i);
      const length = Number(ops.slice(i, colon));
      if (colon < 0 || !Number.isInteger(length)) throw new Error(`bad length at ${i} of ${ops}`);
      args.push(ops.slice(colon + 1, colon + 1 + length));
      i = colon + 1 + length;
    }
    out.push([op, ...args]);
  }
  return out;
}

/**
 * A shell like the loader's (www/changecost/changecost.js) that records
 * every call and keeps what the updates wrote by id: attributes, texts,
 * markup. `page.fault` makes storage throw that message, `page.full`
 * refuses writes as full, `page.cancel` cancels `changecost:share`.
 */
export function recordingShell(attrs, page) {
  const log = { ops: [], calls: [], events: [], crashes: [], attrs: {}, texts: {}, html: {} };
  const answer = (f) => {
    if (page.fault) return `e${page.fault}`;
    const v = f();
    return v === undefined ? '' : v === null ? 'n' : `v${v}`;
  };
  return {
    log,
    apply(ops) {
      for (const [op, id, ...args] of parse(ops)) {
        log.ops.push([op, id, ...args]);
        if (op === 'a') (log.attrs[id] ??= {})[args[0]] = args[1];
        if (op === 't') log.texts[id] = args[0];
        if (op === 'h') log.html[id] = args[0];
        if (op === 'i') log.html[id] = (log.html[id] ?? '') + args[1];
      }
    },
    call(name, ...args) {
      log.calls.push([name, ...args]);
      switch (name) {
        case 'attr': return attrs[args[0]];
        case 'href': return 'https://consultant.example/prices';
        case 'pageHost': return 'consultant.example';
        case 'load': return answer(() => page.store.get(args[0]) ?? null);
        case 'store':
          if (page.full && !page.fault) return 'q';
          return answer(() => { page.store.set(args[0], args[1]); });
        case 'forget': return answer(() => { page.store.delete(args[0]); });
        case 'emit':
          log.events.push({ name: args[0], detail: args[1], cancelable: args[2] });
          return !(page.cancel && args[0] === 'changecost:share');
        case 'simulate': return false;
        default: return undefined;
      }
    },
    // The module's panic hook reports here, so a failing assertion's
    // message lands in the test runner's console output.
    crash(message, detail) { log.crashes.push([message, detail]); console.error(detail); },
  };
}

/** The updates' ids that markup carrying `needle` went to, with the markup. */
export function markupWith(log, needle) {
  return Object.values(log.html).filter((m) => m.includes(needle)).join('\n');
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = recordingShell)]
    fn recording_shell(attrs: &Object, page: &Object) -> JsValue;
    #[wasm_bindgen(js_name = markupWith)]
    fn markup_with(log: &JsValue, needle: &str) -> String;
}

// ---- Helpers ------------------------------------------------------------

fn object(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).expect("set");
    }
    o
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The value at `path` as a number (`NaN` when missing).
fn num(value: &JsValue, path: &[&str]) -> f64 {
    path.iter().fold(value.clone(), |v, k| get(&v, k)).as_f64().unwrap_or(f64::NAN)
}

/// The value at `path` as a string (empty when missing).
fn text(value: &JsValue, path: &[&str]) -> String {
    path.iter().fold(value.clone(), |v, k| get(&v, k)).as_string().unwrap_or_default()
}

/// A calculator mounted on a recording shell: the page's storage is a
/// `Map` of its own, so tests share nothing.
struct Calc {
    widget: Widget,
    shell: JsValue,
    page: Object,
}

impl Calc {
    /// Mounts with the element's `attrs` on a page whose storage holds `stored`.
    fn mount(attrs: &[(&str, &str)], stored: &[(&str, &str)]) -> Calc {
        let store = js_sys::Map::new();
        for (k, v) in stored {
            store.set(&JsValue::from_str(k), &JsValue::from_str(v));
        }
        let page = object(&[("store", store.into())]);
        Calc::on(attrs, page)
    }

    fn on(attrs: &[(&str, &str)], page: Object) -> Calc {
        let attrs = object(&attrs.iter().map(|(k, v)| (*k, JsValue::from_str(v))).collect::<Vec<_>>());
        let shell = recording_shell(&attrs, &page);
        load_languages();
        let widget = mount(shell.clone(), Some("en".into()), Some("en-US".into()), "/prices".into(), 0)
            .map_err(JsValue::from)
            .expect("mount");
        Calc { widget, shell, page }
    }

    fn log(&self) -> JsValue {
        get(&self.shell, "log")
    }

    /// Sets a fault of the page (`fault`, `full`, `cancel`).
    fn set(&self, what: &str, value: JsValue) {
        Reflect::set(&self.page, &JsValue::from_str(what), &value).expect("set");
    }

    fn stored(&self, key: &str) -> Option<String> {
        js_sys::Map::from(get(&self.page, "store")).get(&JsValue::from_str(key)).as_string()
    }

    /// The attribute `name` the updates last wrote on element `id`.
    fn attr(&self, id: &str, name: &str) -> Option<String> {
        get(&get(&get(&self.log(), "attrs"), id), name).as_string()
    }

    /// The exact total of a contract, as the updates wrote it.
    fn cents(&self, contract: &str) -> String {
        self.attr(&format!("k-{contract}-total"), "data-cents").unwrap_or_default()
    }

    /// Every update so far, as `[op, id, ...args]`.
    fn ops(&self) -> Vec<Vec<String>> {
        Array::from(&get(&self.log(), "ops"))
            .iter()
            .map(|op| Array::from(&op).iter().map(|a| a.as_string().unwrap_or_default()).collect())
            .collect()
    }

    /// The calls to the service `name`, with their arguments.
    fn calls(&self, name: &str) -> Vec<Vec<JsValue>> {
        Array::from(&get(&self.log(), "calls"))
            .iter()
            .map(|c| Array::from(&c).iter().collect::<Vec<_>>())
            .filter(|c| c[0].as_string().as_deref() == Some(name))
            .map(|c| c[1..].to_vec())
            .collect()
    }

    /// The events sent to the host page, as (name, detail).
    fn events(&self) -> Vec<(String, JsValue)> {
        Array::from(&get(&self.log(), "events")).iter().map(|e| (text(&e, &["name"]), get(&e, "detail"))).collect()
    }

    /// The ids of the rows, in the order of the markup that added them.
    fn row_ids(&self) -> Vec<u32> {
        let markup = markup_with(&self.log(), "data-change-id");
        markup.split("data-change-id=\"").skip(1).filter_map(|rest| rest.split('"').next()?.parse().ok()).collect()
    }

    /// A click on the button with `data-action` `action`, in row `row`.
    fn click(&self, action: &str, row: Option<u32>) -> bool {
        let row = row.map(|r| r.to_string()).unwrap_or_default();
        self.widget.event("click", &[action, &row, ""].join(SEP), String::new(), 0)
    }

    /// Typing `value` into part `part` of row `row`.
    fn type_part(&self, row: u32, part: &str, value: &str) {
        self.widget.event("input", &["", part, "", &row.to_string()].join(SEP), value.into(), 0);
    }

    /// Typing `value` into the setting with wire number `setting`.
    fn type_setting(&self, setting: u8, value: &str) {
        self.widget.event("input", &[&setting.to_string(), "", "", ""].join(SEP), value.into(), 0);
    }

    /// Choosing `value` in the select `part` of row `row`.
    fn choose(&self, row: u32, part: &str, value: &str) {
        self.widget.event("change", &["", part, "", &row.to_string()].join(SEP), value.into(), 0);
    }

    /// Runs the simulation's slices (no worker) until it asks for no more.
    fn simulate(&self) {
        for _ in 0..10_000 {
            let last = self.calls("timer").into_iter().filter(|c| c[0].as_string().as_deref() == Some("1")).last();
            match last {
                Some(c) if c[1].as_string().as_deref() != Some("-1") => {
                    let before = self.calls("timer").len();
                    self.widget.timer(1);
                    if self.calls("timer").len() == before {
                        return;
                    }
                }
                _ => return,
            }
        }
        panic!("the simulation never ended");
    }
}

/// The worked example of MODEL.md, typed in like a client.
fn type_worked_example(c: &Calc) {
    for (hours, kind) in [("2", "tweak"), ("16", "rework"), ("6", "stakeholder")] {
        c.click("add", None);
        let id = *c.row_ids().last().expect("a new row");
        c.choose(id, "k", kind);
        c.choose(id, "p", "build");
        c.type_part(id, "e", hours);
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

// ---- Mounting and the updates -------------------------------------------

#[wasm_bindgen_test]
fn a_shell_without_its_functions_is_refused() {
    let shell = object(&[("apply", js_sys::Function::new_no_args("").into())]);
    let err = mount(shell.into(), None, None, "/".into(), 0).map(drop).map_err(JsValue::from).expect_err("no call");
    let message = err.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).expect("an Error");
    assert!(message.contains("apply or call"), "{message}");
}

/// The first render and the worked example, typed in through `event` as
/// the loader hands events over: every update parses by its UTF-16
/// lengths, and the totals are MODEL.md's to the cent.
#[wasm_bindgen_test]
fn the_worked_example_through_the_boundary() {
    let c = Calc::mount(&[("lang", "en"), ("models", "hourly fixed capped"), ("storage-key", "worked")], &[]);
    assert!(markup_with(&c.log(), "data-total=\"hourly\"").contains("<output"), "the cards are rendered");
    assert_eq!(c.cents("hourly"), "1140000", "120 h x 95.00");
    type_worked_example(&c);
    assert_eq!(c.row_ids().len(), 3);
    assert_eq!(c.cents("hourly"), "1564650");
    assert_eq!(c.cents("fixed"), "1721400");
    assert_eq!(c.cents("capped"), "1564650");

    let result = c.widget.result().map_err(JsValue::from).expect("result");
    assert_eq!(num(&result, &["hourly", "total"]), 1_564_650.0);
    assert_eq!(num(&result, &["fixed", "changes"]), 353_400.0);
    assert_eq!(Array::from(&get(&result, "series")).length(), 4, "totals after 0, 1, 2 and 3 changes");

    // Removing the rework: hourly 11,400 + 332.50 + 1,586.50.
    let rework = c.row_ids()[1];
    c.click("remove", Some(rework));
    assert!(c.ops().iter().any(|op| op[0] == "x" && op[1] == format!("c{rework}")), "its row is removed");
    assert_eq!(c.cents("hourly"), "1331900");
}

/// A title outside the Basic Multilingual Plane (a 2-unit emoji) and one
/// with the format's own separator pass unchanged: lengths are counted in
/// UTF-16 code units, as JavaScript counts them.
#[wasm_bindgen_test]
fn any_text_passes_through_the_updates() {
    let c = Calc::mount(&[("lang", "de"), ("storage-key", "texts")], &[]);
    c.click("add", None);
    let id = c.row_ids()[0];
    let title = "Logo 🎨 größer: 3:1 \"jetzt\" <b>";
    c.type_part(id, "t", title);
    c.type_part(id, "e", "x");
    let ops = c.ops();
    let error = ops.iter().rev().find(|op| op[0] == "t" && op[1] == format!("c{id}-e-error")).expect("the message");
    assert_eq!(error[2], "„x“ gehört nicht in eine Zahl.");
    assert!(ops.iter().all(|op| !op.iter().any(|a| a.contains("\u{fffd}"))), "no broken surrogate");
    c.widget.event("pagehide", "", String::new(), 0);
    let saved = c.stored("changecost:v1:texts").expect("saved on pagehide");
    assert!(saved.contains("Logo 🎨 größer: 3:1 \\\"jetzt\\\" <b>"), "{saved}");
}

// ---- Storage's answers -------------------------------------------------------

/// Storage that throws: the calculator works, says so in its language,
/// and tells the host page with the browser's message.
#[wasm_bindgen_test]
fn storage_that_throws_is_reported_and_the_calculator_works() {
    let page = object(&[("store", js_sys::Map::new().into()), ("fault", "The operation is insecure.".into())]);
    let c = Calc::on(&[("lang", "en"), ("storage-key", "forbidden")], page);
    let notice = markup_with(&c.log(), "class=\"notice");
    assert!(notice.contains("This browser does not allow saving."), "{notice}");
    let errors: Vec<_> = c.events().into_iter().filter(|(n, _)| n == "changecost:error").collect();
    assert_eq!(errors.len(), 1, "one error event");
    assert!(text(&errors[0].1, &["message"]).starts_with("This browser does not allow saving."), "{:?}", errors[0].1);
    assert_eq!(text(&errors[0].1, &["detail"]), "The operation is insecure.");
    c.type_setting(0, "100");
    assert_eq!(c.cents("hourly"), "1200000");
}

/// A full storage: the answer `q` becomes the notice that says so.
#[wasm_bindgen_test]
fn a_full_storage_is_reported() {
    let c = Calc::mount(&[("lang", "de"), ("storage-key", "full")], &[]);
    c.set("full", true.into());
    c.type_setting(0, "100");
    c.widget.event("pagehide", "", String::new(), 0);
    assert!(c.stored("changecost:v1:full").is_none());
    let notice = markup_with(&c.log(), "n-full");
    assert!(notice.contains("Der Speicher dieses Browsers ist voll."), "{notice}");
}

/// A saved state it cannot read is kept, and the notice says so.
#[wasm_bindgen_test]
fn an_unreadable_state_is_kept() {
    let raw = "{\"v\":99,\"rateCents\":12000}";
    let c = Calc::mount(&[("lang", "en"), ("storage-key", "newer")], &[("changecost:v1:newer", raw)]);
    c.type_setting(0, "100");
    c.widget.event("pagehide", "", String::new(), 0);
    assert_eq!(c.stored("changecost:v1:newer").as_deref(), Some(raw), "not overwritten");
    assert!(!markup_with(&c.log(), "data-action=\"discard\"").is_empty(), "the notice offers to discard it");
}

/// A saved state is read back, and a change from another tab (the
/// loader's `storage` event: key, new value) is followed.
#[wasm_bindgen_test]
fn a_saved_state_and_another_tab() {
    let key = "changecost:v1:tabs";
    let c = Calc::mount(&[("lang", "en"), ("storage-key", "tabs")], &[]);
    c.type_setting(0, "100");
    c.widget.event("pagehide", "", String::new(), 0);
    let saved = c.stored(key).expect("saved");
    assert!(saved.contains("\"rateCents\":10000"), "{saved}");

    let again = Calc::mount(&[("lang", "en"), ("storage-key", "tabs")], &[(key, &saved)]);
    assert_eq!(again.cents("hourly"), "1200000", "read back");
    let theirs = saved.replace("\"rateCents\":10000", "\"rateCents\":12000");
    again.widget.event("storage", key, theirs, 0);
    assert_eq!(again.cents("hourly"), "1440000", "followed");
}

// ---- Events and properties ------------------------------------------------

/// `changecost:change` carries the totals as a plain object; the
/// properties read and write the scenario as plain objects.
#[wasm_bindgen_test]
fn events_and_properties_are_plain_objects() {
    let c = Calc::mount(&[("storage-key", "props")], &[]);
    c.click("add", None);
    let changes: Vec<_> = c.events().into_iter().filter(|(n, _)| n == "changecost:change").collect();
    assert_eq!(changes.len(), 1);
    // One tweak of 1 h in the build phase: (1.5 + 0.5) h x 95.
    assert_eq!(num(&changes[0].1, &["totals", "hourly"]), 1_159_000.0);
    assert_eq!(num(&c.widget.summary(), &["changes"]), 1.0);

    let s = c.widget.scenario().map_err(JsValue::from).expect("scenario");
    assert_eq!(num(&s, &["rateCents"]), 9_500.0);
    let bad = object(&[("v", 1.into()), ("rateCents", (-5).into())]);
    let err = JsValue::from(c.widget.set_scenario(bad.into()).expect_err("a negative rate is refused"));
    let message = err.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).expect("an Error");
    assert!(message.contains("rateCents"), "{message}");
    assert_eq!(c.cents("hourly"), "1159000", "nothing changed");

    let change = object(&[
        ("id", 7.into()),
        ("t", "logo".into()),
        ("k", "tweak".into()),
        ("e", 120.into()),
        ("p", "build".into()),
    ]);
    let good = object(&[("v", 1.into()), ("changes", Array::of1(&change).into())]);
    c.widget.set_scenario(good.into()).map_err(JsValue::from).expect("a valid scenario");
    // (2 h x 1.5 + 0.5 h) x 95 on top of 11,400.
    assert_eq!(c.cents("hourly"), "1173250");
    let back = c.widget.scenario().map_err(JsValue::from).expect("scenario");
    assert_eq!(num(&Array::from(&get(&back, "changes")).get(0), &["0"]), 7.0, "the id comes first");
}

/// "Copy link" asks the page first (`changecost:share`, cancelable);
/// cancelled, nothing is copied; not cancelled, the link goes to `copy`.
#[wasm_bindgen_test]
fn share_is_cancelable() {
    let c = Calc::mount(&[("lang", "en"), ("storage-key", "share")], &[]);
    c.set("cancel", true.into());
    c.click("link", None);
    assert!(c.events().iter().any(|(n, _)| n == "changecost:share"), "the page was asked");
    assert!(c.calls("copy").is_empty(), "cancelled: nothing copied");
    c.set("cancel", false.into());
    c.click("link", None);
    let copied = c.calls("copy");
    assert_eq!(copied.len(), 1);
    let link = copied[0][0].as_string().unwrap_or_default();
    assert!(link.starts_with("https://consultant.example/prices#"), "{link}");
}

/// A keyboard shortcut the widget handles asks the loader to prevent the
/// browser's own; other keys do not.
#[wasm_bindgen_test]
fn handled_shortcuts_are_prevented() {
    let c = Calc::mount(&[("storage-key", "keys")], &[]);
    c.type_setting(0, "100");
    assert!(c.widget.event("key", "", "z".into(), 1), "Ctrl+Z is the widget's");
    assert_eq!(c.cents("hourly"), "1140000", "undone");
    assert!(!c.widget.event("key", "", "a".into(), 1), "Ctrl+A is the browser's");
    assert!(!c.widget.event("key", "", "z".into(), 0), "a plain z is typing");
}

/// Without a worker (the shell's `simulate` answers `false`) the
/// simulation runs in slices on the shell's timer until the spread is
/// written; the worker's entry point answers the same scenario with the
/// numbers `Simulation::from_numbers` reads back.
#[wasm_bindgen_test]
fn the_simulation_runs_in_slices_without_a_worker() {
    let c = Calc::mount(&[("lang", "en"), ("storage-key", "sim")], &[]);
    type_worked_example(&c);
    assert!(c.calls("simulate").is_empty(), "the simulation waits for its timer");
    c.simulate();
    assert_eq!(c.calls("simulate").len(), 1, "the worker was asked once, then the slices ran here");
    let spread = c.ops().into_iter().rev().find(|op| op[0] == "t" && op[1] == "k-hourly-spread").expect("a spread");
    assert!(spread[2].contains('€'), "{spread:?}");
    let numbers = simulate_saved(&c.widget.scenario().map_err(JsValue::from).expect("scenario"))
        .map_err(JsValue::from)
        .expect("simulated");
    let back = changecost::core::Simulation::from_numbers(&numbers).expect("the worker's numbers read back");
    assert_eq!(back.to_numbers(), numbers);
    let bad = object(&[("v", 1.into()), ("rateCents", "many".into())]);
    assert!(simulate_saved(&bad.into()).is_err(), "a bad scenario is an error, not a panic");
}

#[wasm_bindgen_test]
fn the_observed_attributes_are_the_cores() {
    let names: Vec<String> = attributes().iter().filter_map(JsValue::as_string).collect();
    assert_eq!(names, changecost::core::ATTRIBUTES.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>());
    assert!(names.iter().any(|n| n == "storage-key") && names.iter().any(|n| n == "persist"), "{names:?}");
}

/// What the panic hook does, called directly (a real panic would stop the
/// test module): every mounted calculator's shell gets the message in its
/// own language; a destroyed one no longer does.
#[wasm_bindgen_test]
fn a_crash_is_reported_in_every_calculator() {
    let de = Calc::mount(&[("lang", "de"), ("storage-key", "crash-de")], &[]);
    let en = Calc::mount(&[("lang", "en"), ("storage-key", "crash-en")], &[]);
    let gone = Calc::mount(&[("lang", "en"), ("storage-key", "crash-gone")], &[]);
    let gone_log = gone.log();
    gone.widget.destroy();
    changecost::web::crash::report("boom");
    let crashes = |log: &JsValue| Array::from(&get(log, "crashes")).iter().map(|c| Array::from(&c)).collect::<Vec<_>>();
    let (d, e) = (crashes(&de.log()), crashes(&en.log()));
    assert_eq!((d.len(), e.len()), (1, 1));
    assert!(d[0].get(0).as_string().unwrap_or_default().starts_with("Ein interner Fehler hat den Rechner angehalten."));
    assert!(e[0].get(0).as_string().unwrap_or_default().starts_with("An internal error stopped the calculator."));
    assert_eq!(e[0].get(1).as_string().as_deref(), Some("boom"));
    assert!(crashes(&gone_log).is_empty(), "a destroyed calculator is forgotten");
}

/// After a switch of language the crash message is the new language's:
/// the client reads it in the language on screen, not the one the
/// calculator started in.
#[wasm_bindgen_test]
fn a_crash_is_reported_in_the_language_on_screen() {
    let c = Calc::mount(&[("lang", "en"), ("storage-key", "crash-switch")], &[]);
    c.widget.event("change", &["", "lang", "", ""].join(SEP), "de".into(), 0);
    let chosen = "value=\"de\" lang=\"de\" selected";
    assert!(markup_with(&c.log(), chosen).contains(chosen), "the switch took effect");
    changecost::web::crash::report("boom");
    let crashes = Array::from(&get(&c.log(), "crashes"));
    assert_eq!(crashes.length(), 1);
    let message = Array::from(&crashes.get(0)).get(0).as_string().unwrap_or_default();
    assert!(message.starts_with("Ein interner Fehler hat den Rechner angehalten."), "{message}");
    c.widget.destroy();
}

// ---- Languages as data ------------------------------------------------------

/// A language file that is not one (a page of HTML, a cut-off or older
/// file) is refused with a reason, handed over by the loader before
/// mounting (`addTexts`) or after a switch (the `texts` event), and the
/// languages already loaded stay as they were (issue 24: the texts come
/// as data).
#[wasm_bindgen_test]
fn a_bad_language_file_is_refused() {
    let c = Calc::mount(&[("lang", "de")], &[]);
    // A language not loaded yet (a file of an already loaded one is not read again).
    let fr = changecost::core::i18n::ALL[1].to_data().expect("German as data").replacen(
        "\u{1f}de\u{1f}",
        "\u{1f}fr\u{1f}",
        1,
    );
    let cut: String = fr.chars().take(fr.chars().count() / 2).collect();
    for bad in [String::new(), "<!doctype html><p>Not found".to_owned(), cut, fr.replace("Deutsch", "Deutsch\u{1f}")] {
        let refused = add_texts(bad.clone()).map_err(JsValue::from).expect_err("refused");
        let message = get(&refused, "message").as_string().unwrap_or_default();
        assert!(message.starts_with("changecost: a language file: "), "{message}");
        // Its answer to a switch no longer wanted: read, refused, unheard.
        c.widget.event("texts", "en", bad, 0);
    }
    assert!(c.events().iter().all(|(name, _)| name != "changecost:error"), "no switch was asked for");
    let lang = ["", "lang", "", ""].join(SEP);
    c.widget.event("change", &lang, "en".into(), 0);
    assert_eq!(c.attr("cc", "lang").as_deref(), Some("en"));
    c.widget.event("change", &lang, "de".into(), 0);
    assert_eq!(c.attr("cc", "lang").as_deref(), Some("de"));
    assert!(c.calls("texts").is_empty(), "both are here: nothing fetched");
}

// ---- Figures written without the browser ------------------------------------

/// `Intl.NumberFormat(locale, options).format(text)`, with the exact decimal
/// as a string, as `web::format` calls it.
fn intl(locale: &str, options: &[(&str, JsValue)], text: &str) -> String {
    let o = object(options);
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
