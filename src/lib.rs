//! changecost: what changes cost under an hourly contract versus a fixed
//! price, as a widget a consultant embeds on their site.
//!
//! [`core`] is pure Rust and runs anywhere, the widget's markup and
//! behaviour included (`core::ui`); `web` (wasm32 only) is the thin layer
//! that hands it the page of the `<change-cost>` element.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod web;

// A smaller allocator than std's dlmalloc for the single-threaded wasm build
// (2.8 KB less gzip, measured).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
