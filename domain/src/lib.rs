//! The server-only domain layer of Info Backoffice: database connection, sea-orm entities and migrations.
//!
//! Nothing here knows about HTTP, Leptos or axum; the `server` crate and the `app` crate's server functions call in.

pub mod database;
pub mod entities;
pub mod migration;
#[cfg(feature = "testing")]
pub mod testing;
