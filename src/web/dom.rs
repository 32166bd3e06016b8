//! Small helpers for building the widget's DOM with web-sys. Text always
//! goes in with `set_text_content`, never as HTML.

use wasm_bindgen::{JsCast, UnwrapThrowExt};
use web_sys::{Document, Element};

use crate::web::msg::Action;

/// The page's document.
pub fn document() -> Document {
    web_sys::window().and_then(|w| w.document()).expect_throw("changecost needs a window with a document")
}

/// A new `<tag class="class">` appended to `parent`.
pub fn child(parent: &Element, tag: &str, class: &str) -> Element {
    let el = document().create_element(tag).expect_throw("createElement with a valid tag name");
    if !class.is_empty() {
        el.set_class_name(class);
    }
    parent.append_child(&el).expect_throw("appending to an element of the widget");
    el
}

/// Like [`child`], with text content.
pub fn text_child(parent: &Element, tag: &str, class: &str, text: &str) -> Element {
    let el = child(parent, tag, class);
    el.set_text_content(Some(text));
    el
}

/// Sets an attribute; the names are literals of this crate, so this cannot
/// fail for a valid element.
pub fn attr(el: &Element, name: &str, value: &str) {
    el.set_attribute(name, value).expect_throw("setAttribute with a valid attribute name");
}

/// Sets or removes a boolean attribute.
pub fn flag(el: &Element, name: &str, on: bool) {
    if on {
        attr(el, name, "");
    } else {
        let _ = el.remove_attribute(name);
    }
}

/// Sets text only when it differs, so that unchanged figures cost no
/// layout and screen readers hear only what changed.
pub fn set_text(el: &Element, text: &str) {
    if el.text_content().as_deref() != Some(text) {
        el.set_text_content(Some(text));
    }
}

/// A `<button type="button">`.
pub fn button(parent: &Element, class: &str, text: &str, action: Action) -> Element {
    let b = text_child(parent, "button", class, text);
    attr(&b, "type", "button");
    attr(&b, "data-action", action.key());
    b
}

pub use crate::core::html::Html;

/// Shows or hides an element (the `hidden` attribute).
pub fn show(el: &Element, visible: bool) {
    flag(el, "hidden", !visible);
}

/// Offers `text` as a file download named `name` of MIME type `mime`,
/// through a Blob URL (no network, allowed under a strict
/// Content-Security-Policy).
pub fn download(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = document().create_element("a") {
        attr(&a, "href", &url);
        attr(&a, "download", name);
        if let Some(a) = a.dyn_ref::<web_sys::HtmlElement>() {
            a.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
