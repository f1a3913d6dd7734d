//! Accounts (people registered at the simulated Digital ID), their per-client consents, and RS256 signing keys.

use sea_orm_migration::prelude::*;

/// Creates `account`, `consent` and `signing_key`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Account::Table)
                    .col(ColumnDef::new(Account::Id).string_len(36).not_null().primary_key())
                    .col(ColumnDef::new(Account::Username).string_len(32).not_null().unique_key())
                    .col(ColumnDef::new(Account::CitizenId).string_len(13).not_null().unique_key())
                    .col(ColumnDef::new(Account::Title).string_len(32).null())
                    .col(ColumnDef::new(Account::GivenName).string_len(100).not_null())
                    .col(ColumnDef::new(Account::FamilyName).string_len(100).not_null())
                    .col(ColumnDef::new(Account::PhoneNumber).string_len(10).not_null())
                    .col(ColumnDef::new(Account::Email).string_len(254).null())
                    .col(ColumnDef::new(Account::PasswordHash).string_len(255).not_null())
                    .col(ColumnDef::new(Account::CitizenIdVerified).boolean().not_null())
                    .col(ColumnDef::new(Account::IalLevel).string_len(8).not_null())
                    .col(ColumnDef::new(Account::CreatedAt).timestamp_with_time_zone().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Consent::Table)
                    .col(ColumnDef::new(Consent::AccountId).string_len(36).not_null())
                    .col(ColumnDef::new(Consent::ClientId).string_len(255).not_null())
                    .col(ColumnDef::new(Consent::Scopes).text().not_null())
                    .col(ColumnDef::new(Consent::GrantedAt).timestamp_with_time_zone().not_null())
                    .primary_key(Index::create().col(Consent::AccountId).col(Consent::ClientId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_consent_account")
                            .from(Consent::Table, Consent::AccountId)
                            .to(Account::Table, Account::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SigningKey::Table)
                    .col(ColumnDef::new(SigningKey::Kid).string_len(64).not_null().primary_key())
                    .col(ColumnDef::new(SigningKey::PrivateKeyPem).text().not_null())
                    .col(ColumnDef::new(SigningKey::Status).string_len(16).not_null())
                    .col(ColumnDef::new(SigningKey::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(SigningKey::RetiredAt).timestamp_with_time_zone().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SigningKey::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Consent::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Account::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
    Username,
    CitizenId,
    Title,
    GivenName,
    FamilyName,
    PhoneNumber,
    Email,
    PasswordHash,
    CitizenIdVerified,
    IalLevel,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Consent {
    Table,
    AccountId,
    ClientId,
    Scopes,
    GrantedAt,
}

#[derive(DeriveIden)]
enum SigningKey {
    Table,
    Kid,
    PrivateKeyPem,
    Status,
    CreatedAt,
    RetiredAt,
}
