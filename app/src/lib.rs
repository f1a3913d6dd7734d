//! The Info Backoffice web app, shared by the server (feature `ssr`) and the browser (feature `hydrate`).
//!
//! Rendering mode: **islands**. Pages are rendered on the server as plain HTML; only the components marked
//! `#[island]` ship WASM and hydrate in the browser (see `docs/ARCHITECTURE.md` for why). Everything a person needs
//! works without JavaScript.

// The whole app's view type, boxed as an `AnyView` by the unit tests' renderer, is deeper than the default limit.
#![recursion_limit = "256"]

pub mod administration;
pub mod api;
pub mod app_error;
pub mod components;
#[cfg(feature = "ssr")]
pub mod host;
pub mod i18n;
pub mod pages;
pub mod paths;
pub mod request_context;
pub mod shell;
#[cfg(all(test, feature = "ssr"))]
mod testing;
pub mod thai_date;

pub use shell::{App, shell};
