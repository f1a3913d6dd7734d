//! What an entry of the audit log records.

use serde::{Deserialize, Serialize};

#[cfg(feature = "sea-orm")]
use sea_orm::sea_query::StringLen;

/// What happened, in one entry of the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "sea-orm", derive(sea_orm::DeriveActiveEnum, sea_orm::EnumIter))]
#[cfg_attr(feature = "sea-orm", sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))"))]
#[serde(rename_all = "snake_case")]
pub enum AuditEvent {
    /// An activation Token was issued.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "token_issued"))]
    TokenIssued,
    /// A Token was revoked (by an issuer, on re-issue, or after repeated wrong-person tries).
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "token_revoked"))]
    TokenRevoked,
    /// A Token was redeemed and its officer created.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "token_redeemed"))]
    TokenRedeemed,
    /// A redemption was refused (the reason says why).
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "token_refused"))]
    TokenRefused,
    /// An officer signed in.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "signed_in"))]
    SignedIn,
    /// Digital ID signed someone in, but we refused them (a suspended officer).
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "sign_in_refused"))]
    SignInRefused,
    /// An officer (or a pending account) signed out.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "signed_out"))]
    SignedOut,
    /// Someone pressed "ไม่ยินยอม" at Digital ID.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "consent_declined"))]
    ConsentDeclined,
    /// An officer was suspended and their sessions ended.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "officer_suspended"))]
    OfficerSuspended,
    /// A suspended officer was reactivated.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "officer_reactivated"))]
    OfficerReactivated,
    /// An officer's role or unit changed.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "officer_assigned"))]
    OfficerAssigned,
    /// A unit was created.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "unit_created"))]
    UnitCreated,
    /// A unit was renamed.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "unit_renamed"))]
    UnitRenamed,
    /// A unit was moved under another parent.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "unit_moved"))]
    UnitMoved,
    /// A unit was retired.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "unit_retired"))]
    UnitRetired,
}

impl AuditEvent {
    /// Every event, in the order the audit filter offers them.
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

    /// The event's stable code, as stored, filtered on (the audit filter's `event` value) and exported (the CSV's
    /// event column).
    pub const fn code(self) -> &'static str {
        match self {
            Self::TokenIssued => "token_issued",
            Self::TokenRevoked => "token_revoked",
            Self::TokenRedeemed => "token_redeemed",
            Self::TokenRefused => "token_refused",
            Self::SignedIn => "signed_in",
            Self::SignInRefused => "sign_in_refused",
            Self::SignedOut => "signed_out",
            Self::ConsentDeclined => "consent_declined",
            Self::OfficerSuspended => "officer_suspended",
            Self::OfficerReactivated => "officer_reactivated",
            Self::OfficerAssigned => "officer_assigned",
            Self::UnitCreated => "unit_created",
            Self::UnitRenamed => "unit_renamed",
            Self::UnitMoved => "unit_moved",
            Self::UnitRetired => "unit_retired",
        }
    }

    /// The event of a code; `None` for anything else (no dashes or capitals: codes come from our own links).
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|event| event.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::AuditEvent;

    #[test]
    fn every_audit_event_survives_a_round_trip_through_its_code() {
        for event in AuditEvent::ALL {
            assert_eq!(AuditEvent::from_code(event.code()), Some(event));
        }
        assert_eq!(AuditEvent::TokenIssued.code(), "token_issued");
        assert_eq!(AuditEvent::UnitRetired.code(), "unit_retired");
    }

    #[test]
    fn no_two_audit_events_share_a_code_and_unknown_codes_are_refused() {
        let mut codes: Vec<&str> = AuditEvent::ALL.iter().map(|event| event.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), AuditEvent::ALL.len());
        assert_eq!(AuditEvent::from_code("token-issued"), None);
        assert_eq!(AuditEvent::from_code(""), None);
    }
}
