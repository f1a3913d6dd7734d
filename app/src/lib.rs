//! The Info Backoffice web app, shared by the server (feature `ssr`) and the browser (feature `hydrate`).
//!
//! Rendering mode: **islands**. Pages are rendered on the server as plain HTML; only the components marked
//! `#[island]` ship WASM and hydrate in the browser (see `docs/ARCHITECTURE.md` for why). Everything a person needs
//! works without JavaScript.

pub mod administration;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod paths;
pub mod request_context;
pub mod shell;
#[cfg(all(test, feature = "ssr"))]
mod testing;
pub mod thai_date;

pub use shell::{App, shell};
