//! An index on when activation attempts happened: the guessing breaker counts everyone's recent failures on every
//! try (`activation::reserve`), and attempts are kept, so without it that count would read the whole table.

use sea_orm_migration::prelude::*;

/// Adds `idx_activation_attempt_attempted_at`.
#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEX: &str = "idx_activation_attempt_attempted_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(ActivationAttempt::Table)
                    .col(ActivationAttempt::AttemptedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name(INDEX).table(ActivationAttempt::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum ActivationAttempt {
    Table,
    AttemptedAt,
}
