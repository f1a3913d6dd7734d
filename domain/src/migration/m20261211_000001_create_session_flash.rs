//! Flashes (`domain::flash`): what one page view hands the next across a POST → 303 → GET, sealed, one per session
//! and kind, deleted with their session.

use sea_orm_migration::prelude::*;

/// Creates `session_flash`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The primary key (session, kind) is also the index the cascade and `take` look rows up by. `purge_expired`
        // scans: rows live minutes and there are at most a few per signed-in browser.
        manager
            .create_table(
                Table::create()
                    .table(SessionFlash::Table)
                    .col(ColumnDef::new(SessionFlash::SessionId).string_len(64).not_null())
                    .col(ColumnDef::new(SessionFlash::Kind).string_len(32).not_null())
                    .col(ColumnDef::new(SessionFlash::Payload).blob().not_null())
                    .col(ColumnDef::new(SessionFlash::CreatedAt).timestamp_with_time_zone().not_null())
                    .primary_key(Index::create().col(SessionFlash::SessionId).col(SessionFlash::Kind))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_session_flash_session")
                            .from(SessionFlash::Table, SessionFlash::SessionId)
                            .to(OfficerSession::Table, OfficerSession::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SessionFlash::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum SessionFlash {
    Table,
    SessionId,
    Kind,
    Payload,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OfficerSession {
    Table,
    Id,
}
