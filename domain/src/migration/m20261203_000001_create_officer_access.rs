//! Officers and how they get in: `officer`, `officer_session`, `login_transaction`, `activation_token` and
//! `activation_attempt`.

use sea_orm_migration::prelude::*;

/// Creates the five tables and their lookup indexes.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Officer::Table)
                    .col(ColumnDef::new(Officer::Id).integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(Officer::Issuer).string_len(255).null())
                    .col(ColumnDef::new(Officer::Subject).string_len(255).null())
                    .col(ColumnDef::new(Officer::CitizenIdHash).string_len(64).null().unique_key())
                    .col(ColumnDef::new(Officer::CitizenIdMasked).string_len(32).null())
                    .col(ColumnDef::new(Officer::NameTh).string_len(255).not_null())
                    .col(ColumnDef::new(Officer::PhoneNumber).string_len(32).null())
                    .col(ColumnDef::new(Officer::Email).string_len(255).null())
                    .col(ColumnDef::new(Officer::UnitId).integer().not_null())
                    .col(ColumnDef::new(Officer::Role).string_len(16).not_null())
                    .col(ColumnDef::new(Officer::Status).string_len(16).not_null())
                    .col(ColumnDef::new(Officer::Source).string_len(16).not_null())
                    .col(ColumnDef::new(Officer::ActivatedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(Officer::LastSignInAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(Officer::PreviousSignInAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(Officer::CreatedAt).timestamp_with_time_zone().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_officer_unit")
                            .from(Officer::Table, Officer::UnitId)
                            .to(OrganisationUnit::Table, OrganisationUnit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_officer_issuer_subject")
                    .table(Officer::Table)
                    .col(Officer::Issuer)
                    .col(Officer::Subject)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_officer_unit_id").table(Officer::Table).col(Officer::UnitId).to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OfficerSession::Table)
                    .col(ColumnDef::new(OfficerSession::Id).string_len(64).not_null().primary_key())
                    .col(ColumnDef::new(OfficerSession::OfficerId).integer().null())
                    .col(ColumnDef::new(OfficerSession::Issuer).string_len(255).not_null())
                    .col(ColumnDef::new(OfficerSession::Subject).string_len(255).not_null())
                    .col(ColumnDef::new(OfficerSession::ProviderSessionId).string_len(255).null())
                    .col(ColumnDef::new(OfficerSession::Identity).text().not_null())
                    .col(ColumnDef::new(OfficerSession::IdToken).text().not_null())
                    .col(ColumnDef::new(OfficerSession::CsrfToken).string_len(64).not_null())
                    .col(ColumnDef::new(OfficerSession::AuthTime).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(OfficerSession::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(OfficerSession::LastSeenAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(OfficerSession::ExpiresAt).timestamp_with_time_zone().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_officer_session_officer")
                            .from(OfficerSession::Table, OfficerSession::OfficerId)
                            .to(Officer::Table, Officer::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_officer_session_officer_id")
                    .table(OfficerSession::Table)
                    .col(OfficerSession::OfficerId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_officer_session_subject")
                    .table(OfficerSession::Table)
                    .col(OfficerSession::Issuer)
                    .col(OfficerSession::Subject)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LoginTransaction::Table)
                    .col(ColumnDef::new(LoginTransaction::Id).string_len(64).not_null().primary_key())
                    .col(ColumnDef::new(LoginTransaction::Payload).text().not_null())
                    .col(ColumnDef::new(LoginTransaction::ExpiresAt).timestamp_with_time_zone().not_null())
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ActivationToken::Table)
                    .col(ColumnDef::new(ActivationToken::Id).integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(ActivationToken::TokenHash).string_len(64).not_null().unique_key())
                    .col(ColumnDef::new(ActivationToken::UnitId).integer().not_null())
                    .col(ColumnDef::new(ActivationToken::Role).string_len(16).not_null())
                    .col(ColumnDef::new(ActivationToken::CitizenIdHash).string_len(64).null())
                    .col(ColumnDef::new(ActivationToken::IntendedName).string_len(255).null())
                    .col(ColumnDef::new(ActivationToken::IssuedByOfficerId).integer().null())
                    .col(ColumnDef::new(ActivationToken::Reference).string_len(255).null())
                    .col(ColumnDef::new(ActivationToken::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(ActivationToken::ExpiresAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(ActivationToken::UsedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(ActivationToken::UsedByOfficerId).integer().null())
                    .col(ColumnDef::new(ActivationToken::RevokedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(ActivationToken::FailedIdentityAttempts).integer().not_null().default(0))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_activation_token_unit")
                            .from(ActivationToken::Table, ActivationToken::UnitId)
                            .to(OrganisationUnit::Table, OrganisationUnit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_activation_token_issuer")
                            .from(ActivationToken::Table, ActivationToken::IssuedByOfficerId)
                            .to(Officer::Table, Officer::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_activation_token_redeemer")
                            .from(ActivationToken::Table, ActivationToken::UsedByOfficerId)
                            .to(Officer::Table, Officer::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ActivationAttempt::Table)
                    .col(ColumnDef::new(ActivationAttempt::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(ActivationAttempt::Subject).string_len(255).not_null())
                    .col(ColumnDef::new(ActivationAttempt::ClientIp).string_len(64).not_null())
                    .col(ColumnDef::new(ActivationAttempt::Succeeded).boolean().not_null())
                    .col(ColumnDef::new(ActivationAttempt::AttemptedAt).timestamp_with_time_zone().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_activation_attempt_subject")
                    .table(ActivationAttempt::Table)
                    .col(ActivationAttempt::Subject)
                    .col(ActivationAttempt::AttemptedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_activation_attempt_client_ip")
                    .table(ActivationAttempt::Table)
                    .col(ActivationAttempt::ClientIp)
                    .col(ActivationAttempt::AttemptedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ActivationAttempt::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(ActivationToken::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(LoginTransaction::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(OfficerSession::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Officer::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum OrganisationUnit {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Officer {
    Table,
    Id,
    Issuer,
    Subject,
    CitizenIdHash,
    CitizenIdMasked,
    NameTh,
    PhoneNumber,
    Email,
    UnitId,
    Role,
    Status,
    Source,
    ActivatedAt,
    LastSignInAt,
    PreviousSignInAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OfficerSession {
    Table,
    Id,
    OfficerId,
    Issuer,
    Subject,
    ProviderSessionId,
    Identity,
    IdToken,
    CsrfToken,
    AuthTime,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum LoginTransaction {
    Table,
    Id,
    Payload,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum ActivationToken {
    Table,
    Id,
    TokenHash,
    UnitId,
    Role,
    CitizenIdHash,
    IntendedName,
    IssuedByOfficerId,
    Reference,
    CreatedAt,
    ExpiresAt,
    UsedAt,
    UsedByOfficerId,
    RevokedAt,
    FailedIdentityAttempts,
}

#[derive(DeriveIden)]
enum ActivationAttempt {
    Table,
    Id,
    Subject,
    ClientIp,
    Succeeded,
    AttemptedAt,
}
