//! The server-only domain layer of Info Backoffice: database connection, sea-orm entities, migrations and the
//! services that sign officers in.
//!
//! Nothing here knows about HTTP, Leptos or axum; the `server` crate calls in. Map:
//! - [`officers`]: who a Digital ID identity is here; [`sessions`]: server-side sessions;
//!   [`login_transactions`]: logins between the redirect to Digital ID and the callback.
//! - [`activation`]: activation tokens (issue, redeem exactly once, rate limits); [`import`]: officers from
//!   CITIZENinfo; [`units`]: the organisation tree.
//! - [`scope`]: who administers which units; [`administration`]: what they do there (Tokens, officers, the tree);
//!   [`audit`]: the append-only log of it all, and of every sign-in; [`sample_tree`]: a demo organisation tree.
//! - [`assurance`]: how well Digital ID knows a person, and how well each role needs them known.
//! - [`citizen_id`]: the citizen ID's rules, masking and keyed hash; [`secrets`]: random secrets and hashes;
//!   [`free_text`]: which characters names and references may hold (no direction controls, invisibles, stacked marks).
//! - [`housekeeping`]: deleting what has expired, one instance at a time.
//! - [`backup`]: online copies of an SQLite database (`server backup`; PostgreSQL has `pg_dump`).

pub mod activation;
pub mod administration;
pub mod assurance;
pub mod audit;
pub mod backup;
pub mod citizen_id;
pub mod database;
pub mod entities;
pub mod flash;
pub mod free_text;
pub mod housekeeping;
pub mod import;
pub mod login_transactions;
pub mod migration;
pub mod officers;
pub mod sample_tree;
pub mod scope;
pub mod secrets;
pub mod sessions;
#[cfg(feature = "testing")]
pub mod testing;
pub mod units;
