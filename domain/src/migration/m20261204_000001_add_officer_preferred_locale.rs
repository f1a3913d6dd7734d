//! The language an officer chose for the back office (`th` or `en`), so it follows them to any browser they sign
//! in from. Empty until they choose; Thai is the default.

use sea_orm_migration::prelude::*;

/// Adds `officer.preferred_locale`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Officer::Table)
                    .add_column(ColumnDef::new(Officer::PreferredLocale).string_len(8).null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Officer::Table).drop_column(Officer::PreferredLocale).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Officer {
    Table,
    PreferredLocale,
}
