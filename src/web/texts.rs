//! The languages' texts in the browser (issue 24, one language per
//! download). The wasm carries no texts: each language is a data file
//! (`core::i18n::data`) beside the wasm. The loader fetches the file of
//! the language a calculator starts in, in parallel with the wasm, and
//! hands it over with [`add_texts`] before mounting; a language the client
//! switches to later is asked of the loader's shell (`Shell`'s
//! `load_language`) and handed back through `Widget::event` (`texts`),
//! which reads it with [`add`].
//!
//! Each language is read once per page and kept for the page's lifetime
//! (its file's string and its `Texts` leaked, as `&'static`): switching
//! back and forth needs the network once. No DOM here, nothing of the app.

use wasm_bindgen::prelude::*;

use crate::core::i18n::{self, DataError, Texts, MAGIC, MAX_BYTES, SEP};

/// Makes a language's texts usable: `text` is its data file as fetched.
/// A language already loaded is kept as it is.
///
/// # Errors
/// A `JsError` naming what is wrong with the file; nothing is loaded.
#[wasm_bindgen(js_name = addTexts)]
pub fn add_texts(text: String) -> Result<(), JsError> {
    add(text).map(|_| ()).map_err(|e| JsError::new(&["changecost: a language file: ", &e.to_string()].concat()))
}

/// Reads and installs a language from its file; the language it holds.
///
/// # Errors
/// What is wrong with the file (`Texts::from_data`).
pub fn add(text: String) -> Result<&'static Texts, DataError> {
    // Not a language file at all (a server's page of HTML in its place) or
    // too large: refused before anything is kept.
    if text.len() > MAX_BYTES {
        return Err(DataError::TooLarge { bytes: text.len() });
    }
    let mut fields = text.split(SEP);
    if fields.next() != Some(MAGIC) {
        return Err(DataError::NotTexts);
    }
    // A language already here: its file is not read (nor kept) twice.
    if let Some(t) = fields.next().and_then(i18n::for_tag) {
        return Ok(t);
    }
    // Kept for the page's lifetime: the texts borrow from it. A file that
    // begins as one but fails to read is kept too (it cannot be taken back
    // without unsafe code); with the release's integrity checks that takes
    // a changed file.
    let data: &'static str = Box::leak(text.into_boxed_str());
    let texts: &'static Texts = Box::leak(Box::new(Texts::from_data(data)?));
    i18n::install(texts);
    Ok(texts)
}
