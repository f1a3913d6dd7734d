//! The audit log (`audit_event`, append-only: the database itself refuses updates and deletes), and what the
//! Token list needs besides: the intended person's masked citizen ID and who revoked a Token.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

/// Creates `audit_event` with its triggers and indexes; adds two columns to `activation_token`.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// SQLite: one trigger per statement kind, each aborting the statement.
const SQLITE_APPEND_ONLY: [&str; 2] = [
    "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event \
     BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event \
     BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
];

/// PostgreSQL: one function raising, fired before any update, delete or truncate.
const POSTGRES_APPEND_ONLY: [&str; 3] = [
    "CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS \
     $$ BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$",
    "CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event \
     FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()",
    "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event \
     FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditEvent::Table)
                    .col(ColumnDef::new(AuditEvent::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(AuditEvent::OccurredAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(AuditEvent::Event).string_len(32).not_null())
                    .col(ColumnDef::new(AuditEvent::Succeeded).boolean().not_null())
                    .col(ColumnDef::new(AuditEvent::Reason).string_len(32).null())
                    .col(ColumnDef::new(AuditEvent::ActorOfficerId).integer().null())
                    .col(ColumnDef::new(AuditEvent::ActorName).string_len(255).null())
                    .col(ColumnDef::new(AuditEvent::TargetOfficerId).integer().null())
                    .col(ColumnDef::new(AuditEvent::TargetName).string_len(255).null())
                    .col(ColumnDef::new(AuditEvent::UnitId).integer().null())
                    .col(ColumnDef::new(AuditEvent::TokenId).integer().null())
                    .col(ColumnDef::new(AuditEvent::ClientIp).string_len(64).null())
                    .col(ColumnDef::new(AuditEvent::Detail).string_len(1024).null())
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_audit_event_occurred_at", AuditEvent::OccurredAt),
            ("idx_audit_event_unit_id", AuditEvent::UnitId),
            ("idx_audit_event_actor_officer_id", AuditEvent::ActorOfficerId),
        ] {
            manager.create_index(Index::create().name(name).table(AuditEvent::Table).col(column).to_owned()).await?;
        }
        let statements: &[&str] = match manager.get_database_backend() {
            DbBackend::Postgres => &POSTGRES_APPEND_ONLY,
            _ => &SQLITE_APPEND_ONLY,
        };
        for statement in statements {
            manager.get_connection().execute_unprepared(statement).await?;
        }
        // SQLite adds one column per ALTER TABLE.
        manager
            .alter_table(
                Table::alter()
                    .table(ActivationToken::Table)
                    .add_column(ColumnDef::new(ActivationToken::CitizenIdMasked).string_len(32).null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ActivationToken::Table)
                    .add_column(ColumnDef::new(ActivationToken::RevokedByOfficerId).integer().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [ActivationToken::RevokedByOfficerId, ActivationToken::CitizenIdMasked] {
            manager.alter_table(Table::alter().table(ActivationToken::Table).drop_column(column).to_owned()).await?;
        }
        manager.drop_table(Table::drop().table(AuditEvent::Table).to_owned()).await?;
        if manager.get_database_backend() == DbBackend::Postgres {
            manager.get_connection().execute_unprepared("DROP FUNCTION IF EXISTS audit_event_append_only()").await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum AuditEvent {
    Table,
    Id,
    OccurredAt,
    Event,
    Succeeded,
    Reason,
    ActorOfficerId,
    ActorName,
    TargetOfficerId,
    TargetName,
    UnitId,
    TokenId,
    ClientIp,
    Detail,
}

#[derive(DeriveIden)]
enum ActivationToken {
    Table,
    CitizenIdMasked,
    RevokedByOfficerId,
}
