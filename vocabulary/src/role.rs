//! What an officer may do.

use serde::{Deserialize, Serialize};

use crate::UnitKind;
#[cfg(feature = "sea-orm")]
use sea_orm::sea_query::StringLen;

/// What an officer may do; always read from the database (or the activation token that created the officer), never
/// from a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "sea-orm", derive(sea_orm::DeriveActiveEnum, sea_orm::EnumIter))]
#[cfg_attr(feature = "sea-orm", sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))"))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// DGA Contact Center staff: the whole system; they give central officers their tokens.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "contact_center"))]
    ContactCenter,
    /// เจ้าหน้าที่ส่วนกลาง: a department's central officer; gives tokens to the officers below it.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "central"))]
    Central,
    /// เจ้าหน้าที่หน่วยงาน: an officer of an agency, division or provincial office.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "agency"))]
    Agency,
    /// เจ้าหน้าที่จุดบริการ: an officer of a service point.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "service_point"))]
    ServicePoint,
}

impl Role {
    /// Every role, Contact Center first.
    pub const ALL: [Self; 4] = [Self::ContactCenter, Self::Central, Self::Agency, Self::ServicePoint];

    /// The kind of unit an officer of this role belongs to; `None` for Contact Center staff (any unit, usually DGA's).
    pub const fn unit_kind(self) -> Option<UnitKind> {
        match self {
            Self::ContactCenter => None,
            Self::Central => Some(UnitKind::Department),
            Self::Agency => Some(UnitKind::Division),
            Self::ServicePoint => Some(UnitKind::ServicePoint),
        }
    }

    /// The role's code as stored, written in files and forms and typed on the command line (`contact_center`,
    /// `central`, `agency`, `service_point`).
    pub const fn code(self) -> &'static str {
        match self {
            Self::ContactCenter => "contact_center",
            Self::Central => "central",
            Self::Agency => "agency",
            Self::ServicePoint => "service_point",
        }
    }

    /// The role for a code (`central`, `agency`, `service_point`, `contact_center`; `-` may stand for `_`).
    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "contact_center" => Some(Self::ContactCenter),
            "central" => Some(Self::Central),
            "agency" => Some(Self::Agency),
            "service_point" => Some(Self::ServicePoint),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_codes_read_back_and_accept_dashes_and_capitals() {
        for role in [Role::ContactCenter, Role::Central, Role::Agency, Role::ServicePoint] {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code(" Service-Point "), Some(Role::ServicePoint));
        assert_eq!(Role::from_code("admin"), None);
    }

    #[test]
    fn each_role_but_contact_center_belongs_to_one_unit_level() {
        assert_eq!(Role::ContactCenter.unit_kind(), None);
        assert_eq!(Role::Central.unit_kind(), Some(UnitKind::Department));
        assert_eq!(Role::Agency.unit_kind(), Some(UnitKind::Division));
        assert_eq!(Role::ServicePoint.unit_kind(), Some(UnitKind::ServicePoint));
    }
}
