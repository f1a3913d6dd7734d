//! An activation token (Token ยืนยันตัวตน): lets one person become an officer of one unit with one role, once, before
//! it expires. Only the token's SHA-256 is stored.

use sea_orm::entity::prelude::*;

use super::officer::Role;
use vocabulary::TokenState;

/// A row of `activation_token`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "activation_token")]
pub struct Model {
    /// Surrogate key (safe to log).
    #[sea_orm(primary_key)]
    pub id: i32,
    /// SHA-256 (hex) of the normalized token.
    #[sea_orm(unique)]
    pub token_hash: String,
    /// The unit the new officer joins.
    pub unit_id: i32,
    /// The role the new officer gets.
    pub role: Role,
    /// Keyed hash of the intended person's citizen ID; when set, the redeemer's Digital ID citizen ID must match.
    pub citizen_id_hash: Option<String>,
    /// The intended person's name, as the issuer typed it.
    pub intended_name: Option<String>,
    /// The officer who issued it; `None` when issued on the server's command line.
    pub issued_by_officer_id: Option<i32>,
    /// The official letter or request number (หนังสือที่ / เลขที่คำขอ).
    pub reference: Option<String>,
    /// When it was issued.
    pub created_at: DateTimeUtc,
    /// When it stops working.
    pub expires_at: DateTimeUtc,
    /// When it was redeemed.
    pub used_at: Option<DateTimeUtc>,
    /// The officer its redemption created.
    pub used_by_officer_id: Option<i32>,
    /// When it was revoked.
    pub revoked_at: Option<DateTimeUtc>,
    /// Redemptions refused because the person was not the intended one; at three the token is revoked.
    pub failed_identity_attempts: i32,
    /// The intended person's citizen ID, masked (`1-1017-xxxxx-03-0`), for the Token list.
    pub citizen_id_masked: Option<String>,
    /// The officer who revoked it (`None`: not revoked, revoked on the command line, or after wrong-person tries).
    pub revoked_by_officer_id: Option<i32>,
}

/// Relations of `activation_token`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The unit.
    #[sea_orm(
        belongs_to = "super::organisation_unit::Entity",
        from = "Column::UnitId",
        to = "super::organisation_unit::Column::Id",
        on_delete = "Restrict"
    )]
    Unit,
}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The Token's state at `now`: used and revoked outrank expiry, which is never stored.
    pub fn state_at(&self, now: DateTimeUtc) -> TokenState {
        if self.used_at.is_some() {
            TokenState::Used
        } else if self.revoked_at.is_some() {
            TokenState::Revoked
        } else if self.expires_at <= now {
            TokenState::Expired
        } else {
            TokenState::Pending
        }
    }
}
