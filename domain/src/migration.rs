//! The schema's history: one migration per change, each with `up` and `down`, never edited once shipped.
//!
//! The server applies pending migrations at start (`server` without arguments) or on `server migrate`.

use sea_orm_migration::prelude::*;

mod m20261124_000001_create_organisation_unit;
mod m20261203_000001_create_officer_access;
mod m20261203_000002_create_audit_event;
mod m20261204_000001_add_officer_preferred_locale;
mod m20261210_000001_index_activation_attempt_time;
mod m20261211_000001_create_session_flash;
mod m20261213_000001_audit_retention;

/// Runs this crate's migrations in order; the applied ones are recorded in `seaql_migrations`.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_create_organisation_unit::Migration),
            Box::new(m20261203_000001_create_officer_access::Migration),
            Box::new(m20261203_000002_create_audit_event::Migration),
            Box::new(m20261204_000001_add_officer_preferred_locale::Migration),
            Box::new(m20261210_000001_index_activation_attempt_time::Migration),
            Box::new(m20261211_000001_create_session_flash::Migration),
            Box::new(m20261213_000001_audit_retention::Migration),
        ]
    }
}
