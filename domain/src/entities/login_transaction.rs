//! A login in progress: the per-login secrets (state, nonce, PKCE verifier, issuer, return path) from the redirect
//! to Digital ID until the callback, server-side, keyed by the SHA-256 of a short-lived cookie's secret and the
//! login's `state`.

use sea_orm::entity::prelude::*;

/// A row of `login_transaction`.
#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_transaction")]
pub struct Model {
    /// SHA-256 (hex) of the cookie's secret and the login's `state`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// The relying party's transaction (JSON).
    pub payload: String,
    /// The absolute end; the row is useless after it.
    pub expires_at: DateTimeUtc,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("login_transaction::Model").field("expires_at", &self.expires_at).finish_non_exhaustive()
    }
}

/// `login_transaction` has no relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
