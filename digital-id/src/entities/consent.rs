//! A person's consent that a client may receive the data of the listed scopes.

use sea_orm::entity::prelude::*;

/// A row of `consent`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consent")]
pub struct Model {
    /// The account that consented.
    #[sea_orm(primary_key, auto_increment = false)]
    pub account_id: String,
    /// The client it consented to.
    #[sea_orm(primary_key, auto_increment = false)]
    pub client_id: String,
    /// The consented scopes, space-separated.
    pub scopes: String,
    /// When consent was last given.
    pub granted_at: DateTimeUtc,
}

/// No relations are navigated.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
