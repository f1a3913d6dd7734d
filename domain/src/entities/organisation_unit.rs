//! An organisation unit (หน่วยงาน): a ministry, department, division or provincial office, or service point.

use sea_orm::entity::prelude::*;

/// The level of a unit in the tree: shared with the pages, so defined in `vocabulary` (which derives its column
/// mapping for this crate).
pub use vocabulary::UnitKind;

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
    fn each_kind_is_stored_as_its_code() {
        for kind in UnitKind::ALL {
            assert_eq!(kind.to_value(), kind.code());
            assert_eq!(UnitKind::try_from_value(&kind.code().to_owned()).ok(), Some(kind));
        }
    }
}
