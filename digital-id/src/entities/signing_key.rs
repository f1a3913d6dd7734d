//! An RS256 signing key: `active` signs, `published` only verifies (kept in the JWKS after a rotation),
//! `retired` is gone from the JWKS.

use sea_orm::entity::prelude::*;

/// A key's place in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum KeyStatus {
    /// Signs new tokens; exactly one key is active.
    #[sea_orm(string_value = "active")]
    Active,
    /// Replaced by a newer key but still published, so tokens it signed still verify.
    #[sea_orm(string_value = "published")]
    Published,
    /// No longer published.
    #[sea_orm(string_value = "retired")]
    Retired,
}

/// A row of `signing_key`.
#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "signing_key")]
pub struct Model {
    /// The key id (`kid`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub kid: String,
    /// PKCS#8 PEM of the private key.
    pub private_key_pem: String,
    /// Active, published or retired.
    pub status: KeyStatus,
    /// When the key was generated.
    pub created_at: DateTimeUtc,
    /// When the key was retired.
    pub retired_at: Option<DateTimeUtc>,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey").field("kid", &self.kid).field("status", &self.status).finish_non_exhaustive()
    }
}

/// No relations are navigated.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
