//! The few JavaScript built-ins the browser layer calls, bound here
//! rather than through js-sys: js-sys brought its futures executor and
//! closure shims into the wasm although nothing here awaits or passes a
//! closure (1,619 bytes gzip, measured when it was replaced). Each binding is
//! the built-in itself; nothing of the page's own code.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Reflect.get(target, key)`.
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    pub fn get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;

    /// `Reflect.set(target, key, value)`.
    #[wasm_bindgen(js_namespace = Reflect, js_name = set, catch)]
    pub fn set(target: &JsValue, key: &JsValue, value: &JsValue) -> Result<bool, JsValue>;

    /// `Reflect.apply(function, this, args)`.
    #[wasm_bindgen(js_namespace = Reflect, js_name = apply, catch)]
    pub fn apply(function: &JsValue, this: &JsValue, args: &Array) -> Result<JsValue, JsValue>;

    /// `Date.now()`.
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    pub fn now() -> f64;

    /// A `Date`.
    #[wasm_bindgen(js_name = Date)]
    pub type Date;

    /// `new Date()`: now.
    #[wasm_bindgen(constructor, js_class = "Date")]
    pub fn new() -> Date;

    #[wasm_bindgen(method, js_class = "Date", js_name = getDate)]
    pub fn get_date(this: &Date) -> u32;

    #[wasm_bindgen(method, js_class = "Date", js_name = getMonth)]
    pub fn get_month(this: &Date) -> u32;

    #[wasm_bindgen(method, js_class = "Date", js_name = getFullYear)]
    pub fn get_full_year(this: &Date) -> i32;

    /// An `Array`.
    #[wasm_bindgen(js_name = Array)]
    pub type Array;

    /// `new Array()`: empty.
    #[wasm_bindgen(constructor, js_class = "Array")]
    pub fn new() -> Array;

    #[wasm_bindgen(method, js_class = "Array")]
    pub fn push(this: &Array, value: &JsValue) -> u32;

    #[wasm_bindgen(method, getter, js_class = "Array")]
    pub fn length(this: &Array) -> u32;

    /// `Array.isArray(value)`.
    #[wasm_bindgen(js_namespace = Array, js_name = isArray)]
    pub fn is_array(value: &JsValue) -> bool;

    /// `Object.entries(object)`: `[key, value]` pairs.
    #[wasm_bindgen(js_namespace = Object, js_name = entries)]
    pub fn entries(object: &JsValue) -> Array;

    /// `JSON.parse(text)`.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    pub fn parse(text: &str) -> Result<JsValue, JsValue>;

    /// `JSON.stringify(value, null, space)`: a string, or undefined for a
    /// value JSON has no text for.
    #[wasm_bindgen(js_namespace = JSON, js_name = stringify, catch)]
    pub fn stringify(value: &JsValue, replacer: &JsValue, space: &JsValue) -> Result<JsValue, JsValue>;

    /// A plain object.
    #[wasm_bindgen(js_name = Object)]
    pub type Object;

    /// `new Object()`: `{}`.
    #[wasm_bindgen(constructor, js_class = "Object")]
    pub fn new() -> Object;

    /// An `Error`.
    #[wasm_bindgen(js_name = Error)]
    pub type Error;

    #[wasm_bindgen(method, getter, js_class = "Error")]
    pub fn message(this: &Error) -> String;
}

/// The function `name` of `object`, if it has one by that name.
pub fn function(object: &JsValue, name: &str) -> Option<JsValue> {
    get(object, &JsValue::from_str(name)).ok().filter(JsValue::is_function)
}

impl Array {
    /// An array of `values`.
    pub fn of(values: &[&JsValue]) -> Array {
        let list = Array::new();
        for v in values {
            list.push(v);
        }
        list
    }

    /// The item at `index` (undefined past the end).
    pub fn at(&self, index: u32) -> JsValue {
        get(self, &JsValue::from(index)).unwrap_or(JsValue::UNDEFINED)
    }
}
