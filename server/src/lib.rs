//! The Info Backoffice server: configuration, database start-up, the HTTP router and the command line.
//!
//! `main.rs` only parses the command line and calls in here, so integration tests build the same router.

pub mod audit_csv;
pub mod auth;
pub mod cli;
pub mod client_address;
pub mod config;
pub mod cookies;
pub mod edge_paths;
pub mod error_page;
pub mod failure_references;
pub mod housekeeping;
pub mod language;
pub mod logging;
pub mod metrics;
pub mod operator;
pub mod probes;
pub mod relying_party;
pub mod rendering;
pub mod request_id;
pub mod responses;
pub mod router;
pub mod session_layer;
pub mod simulator;
pub mod state;
pub mod web_security;

/// What the server logs when `RUST_LOG` is not set. `sqlx` is held to warnings: at info and below it logs every
/// statement. `server/tests/no_secrets_in_logs.rs` checks a whole journey's log at this level (and at debug for our
/// own crates) for secrets and citizen IDs.
pub const DEFAULT_LOG_FILTER: &str = "info,sqlx=warn";
