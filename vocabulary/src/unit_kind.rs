//! The level of an organisation unit.

use serde::{Deserialize, Serialize};

#[cfg(feature = "sea-orm")]
use sea_orm::sea_query::StringLen;

/// The level of a unit in the tree (ministry → department → division or provincial office → service point); a child
/// is always exactly one level below its parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "sea-orm", derive(sea_orm::DeriveActiveEnum, sea_orm::EnumIter))]
#[cfg_attr(feature = "sea-orm", sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))"))]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// กระทรวง — the root of a tree.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "ministry"))]
    Ministry,
    /// กรม — the central level, where central officers sit.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "department"))]
    Department,
    /// กอง / สำนักงานจังหวัด — an agency, division or provincial office.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "division"))]
    Division,
    /// จุดบริการ — a service point.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "service_point"))]
    ServicePoint,
}

impl UnitKind {
    /// Every level, ministry first.
    pub const ALL: [Self; 4] = [Self::Ministry, Self::Department, Self::Division, Self::ServicePoint];

    /// The level's code as stored, written in files and forms and typed on the command line (`ministry`,
    /// `department`, `division`, `service_point`).
    pub const fn code(self) -> &'static str {
        match self {
            Self::Ministry => "ministry",
            Self::Department => "department",
            Self::Division => "division",
            Self::ServicePoint => "service_point",
        }
    }

    /// The level for a code (`ministry`, `department`, `division`, `service_point`; `-` may stand for `_`).
    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "ministry" => Some(Self::Ministry),
            "department" => Some(Self::Department),
            "division" => Some(Self::Division),
            "service_point" => Some(Self::ServicePoint),
            _ => None,
        }
    }

    /// The level a unit's parent must have; `None` for a ministry, which has no parent.
    pub const fn parent_kind(self) -> Option<Self> {
        match self {
            Self::Ministry => None,
            Self::Department => Some(Self::Ministry),
            Self::Division => Some(Self::Department),
            Self::ServicePoint => Some(Self::Division),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_below_ministry_names_the_level_above_it() {
        assert_eq!(UnitKind::Ministry.parent_kind(), None);
        assert_eq!(UnitKind::Department.parent_kind(), Some(UnitKind::Ministry));
        assert_eq!(UnitKind::Division.parent_kind(), Some(UnitKind::Department));
        assert_eq!(UnitKind::ServicePoint.parent_kind(), Some(UnitKind::Division));
    }

    #[test]
    fn every_kind_survives_a_round_trip_through_its_code() {
        for kind in UnitKind::ALL {
            assert_eq!(UnitKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(UnitKind::from_code(" Service-Point "), Some(UnitKind::ServicePoint));
        assert_eq!(UnitKind::from_code("province"), None);
    }
}
