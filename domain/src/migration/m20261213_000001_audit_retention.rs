//! Audit retention: the append-only trigger lets an audit entry be deleted once it is older than
//! [`crate::housekeeping::AUDIT_RETENTION_FLOOR_DAYS`] (365) days, and never earlier. Updates stay refused, and on
//! PostgreSQL so does `TRUNCATE`. Housekeeping deletes only past the configured retention (default: keep all).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

/// Replaces the delete trigger (SQLite) or the trigger function (PostgreSQL).
#[derive(DeriveMigrationName)]
pub struct Migration;

const SQLITE_UP: [&str; 2] = [
    "DROP TRIGGER audit_event_no_delete",
    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event \
     WHEN OLD.occurred_at >= strftime('%Y-%m-%dT%H:%M:%S', 'now', '-365 days') \
     BEGIN SELECT RAISE(ABORT, 'audit_event is append-only (entries younger than 365 days)'); END",
];

const SQLITE_DOWN: [&str; 2] = [
    "DROP TRIGGER audit_event_no_delete",
    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event \
     BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
];

/// `TG_OP` tells the row trigger's delete from its update; the statement trigger on `TRUNCATE` has no `OLD` and is
/// refused before it is read.
const POSTGRES_UP: &str = "CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS \
     $$ BEGIN \
       IF TG_OP = 'DELETE' AND OLD.occurred_at < now() - interval '365 days' THEN RETURN OLD; END IF; \
       RAISE EXCEPTION 'audit_event is append-only (entries younger than 365 days)'; \
     END $$";

const POSTGRES_DOWN: &str = "CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS \
     $$ BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, &SQLITE_UP, POSTGRES_UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, &SQLITE_DOWN, POSTGRES_DOWN).await
    }
}

async fn run(manager: &SchemaManager<'_>, sqlite: &[&str], postgres: &str) -> Result<(), DbErr> {
    let statements: &[&str] = match manager.get_database_backend() {
        DbBackend::Postgres => &[postgres],
        _ => sqlite,
    };
    for statement in statements {
        manager.get_connection().execute_unprepared(statement).await?;
    }
    Ok(())
}
