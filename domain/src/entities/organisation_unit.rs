//! An organisation unit (หน่วยงาน): a ministry, department, division or provincial office, or service point.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// The level of a unit in the tree; a child is always exactly one level below its parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// กระทรวง — the root of a tree.
    #[sea_orm(string_value = "ministry")]
    Ministry,
    /// กรม — the central level, where central officers sit.
    #[sea_orm(string_value = "department")]
    Department,
    /// กอง / สำนักงานจังหวัด — an agency, division or provincial office.
    #[sea_orm(string_value = "division")]
    Division,
    /// จุดบริการ — a service point.
    #[sea_orm(string_value = "service_point")]
    ServicePoint,
}

impl UnitKind {
    /// The kind's code as written in files and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Self::Ministry => "ministry",
            Self::Department => "department",
            Self::Division => "division",
            Self::ServicePoint => "service_point",
        }
    }

    /// The kind for a code (`ministry`, `department`, `division`, `service_point`; `-` may stand for `_`).
    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "ministry" => Some(Self::Ministry),
            "department" => Some(Self::Department),
            "division" => Some(Self::Division),
            "service_point" => Some(Self::ServicePoint),
            _ => None,
        }
    }

    /// The kind a unit's parent must have; `None` for a ministry, which has no parent.
    pub fn parent_kind(self) -> Option<Self> {
        match self {
            Self::Ministry => None,
            Self::Department => Some(Self::Ministry),
            Self::Division => Some(Self::Department),
            Self::ServicePoint => Some(Self::Division),
        }
    }
}

/// A row of `organisation_unit`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisation_unit")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The unit's code, unique and stable (used by imports and tokens).
    #[sea_orm(unique)]
    pub code: String,
    /// The official Thai name.
    pub name_th: String,
    /// The English name, where one exists.
    pub name_en: Option<String>,
    /// The unit's level.
    pub kind: UnitKind,
    /// The parent unit; `None` only for a ministry.
    pub parent_id: Option<i32>,
    /// When the unit was created.
    pub created_at: DateTimeUtc,
    /// When the unit was retired; retired units keep their history but take no new officers.
    pub retired_at: Option<DateTimeUtc>,
}

/// Relations of `organisation_unit`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The parent unit.
    #[sea_orm(belongs_to = "Entity", from = "Column::ParentId", to = "Column::Id", on_delete = "Restrict")]
    Parent,
}

impl ActiveModelBehavior for ActiveModel {}

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
}
