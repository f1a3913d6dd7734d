//! The browser entry point. cargo-leptos compiles this crate to WASM; the islands script calls `hydrate`.

mod submit_guard;

// Linking `app` is what registers its islands with wasm-bindgen.
pub use app::components::text_size_control::TextSizeControl;
use wasm_bindgen::prelude::wasm_bindgen;

/// Hydrates every island on the page and guards its forms against double submission, then marks the moment
/// (`performance.mark("hydrated")`) for measurements.
#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    submit_guard::install();
    if let Some(performance) = web_sys::window().and_then(|window| window.performance()) {
        let _ = performance.mark("hydrated");
    }
}
