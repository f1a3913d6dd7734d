//! Organisation units: the tree ministry → department → division / provincial office → service point that officers,
//! roles and activation tokens are attached to.

use sea_orm_migration::prelude::*;

/// Creates `organisation_unit` with its self-reference and lookup indexes.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OrganisationUnit::Table)
                    .col(ColumnDef::new(OrganisationUnit::Id).integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(OrganisationUnit::Code).string_len(32).not_null().unique_key())
                    .col(ColumnDef::new(OrganisationUnit::NameTh).string_len(255).not_null())
                    .col(ColumnDef::new(OrganisationUnit::NameEn).string_len(255).null())
                    .col(ColumnDef::new(OrganisationUnit::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(OrganisationUnit::ParentId).integer().null())
                    .col(ColumnDef::new(OrganisationUnit::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(OrganisationUnit::RetiredAt).timestamp_with_time_zone().null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_organisation_unit_parent")
                            .from(OrganisationUnit::Table, OrganisationUnit::ParentId)
                            .to(OrganisationUnit::Table, OrganisationUnit::Id)
                            // A unit with children cannot disappear; units are retired, not deleted.
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_organisation_unit_parent_id")
                    .table(OrganisationUnit::Table)
                    .col(OrganisationUnit::ParentId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(OrganisationUnit::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum OrganisationUnit {
    Table,
    Id,
    Code,
    NameTh,
    NameEn,
    Kind,
    ParentId,
    CreatedAt,
    RetiredAt,
}
