//! One entry of the audit log: who did what to whom, when, from where, and whether it worked. Append-only (the
//! database's triggers refuse updates and deletes); names are copied in when written, so the log keeps saying who
//! was who after officers are renamed.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum AuditEvent {
    /// An activation Token was issued.
    #[sea_orm(string_value = "token_issued")]
    TokenIssued,
    /// A Token was revoked (by an issuer, on re-issue, or after repeated wrong-person tries).
    #[sea_orm(string_value = "token_revoked")]
    TokenRevoked,
    /// A Token was redeemed and its officer created.
    #[sea_orm(string_value = "token_redeemed")]
    TokenRedeemed,
    /// A redemption was refused (the reason says why).
    #[sea_orm(string_value = "token_refused")]
    TokenRefused,
    /// An officer signed in.
    #[sea_orm(string_value = "signed_in")]
    SignedIn,
    /// Digital ID signed someone in, but we refused them (a suspended officer).
    #[sea_orm(string_value = "sign_in_refused")]
    SignInRefused,
    /// An officer (or a pending account) signed out.
    #[sea_orm(string_value = "signed_out")]
    SignedOut,
    /// Someone pressed "ไม่ยินยอม" at Digital ID.
    #[sea_orm(string_value = "consent_declined")]
    ConsentDeclined,
    /// An officer was suspended and their sessions ended.
    #[sea_orm(string_value = "officer_suspended")]
    OfficerSuspended,
    /// A suspended officer was reactivated.
    #[sea_orm(string_value = "officer_reactivated")]
    OfficerReactivated,
    /// An officer's role or unit changed.
    #[sea_orm(string_value = "officer_assigned")]
    OfficerAssigned,
    /// A unit was created.
    #[sea_orm(string_value = "unit_created")]
    UnitCreated,
    /// A unit was renamed.
    #[sea_orm(string_value = "unit_renamed")]
    UnitRenamed,
    /// A unit was moved under another parent.
    #[sea_orm(string_value = "unit_moved")]
    UnitMoved,
    /// A unit was retired.
    #[sea_orm(string_value = "unit_retired")]
    UnitRetired,
}

impl AuditEvent {
    /// Every event, in the order filters list them.
    pub const ALL: [Self; 15] = [
        Self::TokenIssued,
        Self::TokenRevoked,
        Self::TokenRedeemed,
        Self::TokenRefused,
        Self::SignedIn,
        Self::SignInRefused,
        Self::SignedOut,
        Self::ConsentDeclined,
        Self::OfficerSuspended,
        Self::OfficerReactivated,
        Self::OfficerAssigned,
        Self::UnitCreated,
        Self::UnitRenamed,
        Self::UnitMoved,
        Self::UnitRetired,
    ];

    /// The event's code, as stored, filtered on and exported.
    pub fn code(self) -> String {
        self.to_value()
    }

    /// The event for a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|event| event.code() == code)
    }
}

/// A row of `audit_event`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_event")]
pub struct Model {
    /// Surrogate key, increasing.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// When.
    pub occurred_at: DateTimeUtc,
    /// What.
    pub event: AuditEvent,
    /// Whether it worked.
    pub succeeded: bool,
    /// Why it did not, as a stable code (`expired`, `wrong_person`, …).
    pub reason: Option<String>,
    /// The officer who acted (`None`: the command line, the system, or a Digital ID account with no officer).
    pub actor_officer_id: Option<i32>,
    /// Their name then.
    pub actor_name: Option<String>,
    /// The officer acted on.
    pub target_officer_id: Option<i32>,
    /// Their name then (or a Token's intended person).
    pub target_name: Option<String>,
    /// The unit concerned; decides who may read the entry (a central officer reads its department's subtree).
    pub unit_id: Option<i32>,
    /// The Token concerned (its id, never the Token).
    pub token_id: Option<i32>,
    /// The client's address.
    pub client_ip: Option<String>,
    /// Details: a role change, a reference number, a masked citizen ID — never a secret or a full citizen ID.
    pub detail: Option<String>,
}

/// `audit_event` has no relations the code follows.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
