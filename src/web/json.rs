//! JSON between the page and the core: the browser's own `JSON` for text,
//! and a walk over plain JS values (what a host page sets as `scenario`,
//! what `JSON.parse` returns) into the core's tree, at most
//! [`MAX_DEPTH`] levels deep; and back.

use wasm_bindgen::{JsCast, JsValue};

use crate::core::parse::integer;
use crate::core::{Json, MAX_DEPTH};
use crate::web::js::{self, Array};

/// A JS error's message.
pub fn message(e: &JsValue) -> String {
    match e.dyn_ref::<js::Error>() {
        Some(e) => e.message(),
        None => e.as_string().unwrap_or_else(|| "an unknown error".to_owned()),
    }
}

/// A tree as a plain JS value.
pub fn to_js(json: &Json) -> JsValue {
    match json {
        Json::Null => JsValue::NULL,
        Json::Bool(b) => JsValue::from_bool(*b),
        Json::Num(x) => JsValue::from_f64(*x),
        Json::Str(t) => JsValue::from_str(t),
        Json::Arr(items) => {
            let list = Array::new();
            for item in items {
                list.push(&to_js(item));
            }
            list.into()
        }
        Json::Obj(members) => {
            let o = js::Object::new();
            for (k, v) in members {
                let _ = js::set(&o, &JsValue::from_str(k), &to_js(v));
            }
            o.into()
        }
    }
}

/// A plain JS value as a tree.
///
/// # Errors
/// Nested deeper than [`MAX_DEPTH`], or not JSON data (a function).
pub fn from_js(value: &JsValue) -> Result<Json, String> {
    walk(value, MAX_DEPTH)
}

fn walk(v: &JsValue, depth: u32) -> Result<Json, String> {
    if v.is_null() || v.is_undefined() {
        return Ok(Json::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Json::Bool(b));
    }
    if let Some(x) = v.as_f64() {
        return Ok(Json::Num(x));
    }
    if let Some(t) = v.as_string() {
        return Ok(Json::Str(t));
    }
    let Some(depth) = depth.checked_sub(1) else {
        return Err(["nested deeper than ", &integer(i64::from(MAX_DEPTH)), " levels"].concat());
    };
    if Array::is_array(v) {
        let items: &Array = v.unchecked_ref();
        return (0..items.length()).map(|i| walk(&items.at(i), depth)).collect::<Result<_, _>>().map(Json::Arr);
    }
    if v.is_object() && !v.is_function() {
        let entries = js::Object::entries(v);
        let mut members = Vec::with_capacity(entries.length() as usize);
        for i in 0..entries.length() {
            let pair: Array = entries.at(i).unchecked_into();
            let key = pair.at(0).as_string().unwrap_or_default();
            members.push((key, walk(&pair.at(1), depth)?));
        }
        return Ok(Json::Obj(members));
    }
    Err("not JSON data".to_owned())
}

/// JSON text as a tree, through the browser's own `JSON.parse`.
///
/// # Errors
/// The browser's message.
pub fn parse(text: &str) -> Result<Json, String> {
    let value = js::parse(text).map_err(|e| message(&e))?;
    from_js(&value)
}

/// A tree as JSON text, indented by two spaces when `pretty`.
pub fn stringify(json: &Json, pretty: bool) -> String {
    let value = to_js(json);
    let space = if pretty { JsValue::from(2) } else { JsValue::UNDEFINED };
    js::stringify(&value, &JsValue::NULL, &space).ok().and_then(|t| t.as_string()).unwrap_or_default()
}
