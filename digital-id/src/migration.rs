//! The simulator's schema (its own database, separate from the back office's): accounts, consents, signing keys.

use sea_orm_migration::prelude::*;

mod m20261125_000001_create_simulator_tables;

/// Runs the simulator's migrations in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(m20261125_000001_create_simulator_tables::Migration)]
    }
}
