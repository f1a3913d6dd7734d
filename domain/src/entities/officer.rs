//! An officer (เจ้าหน้าที่): a person with access to the back office, tied to one organisation unit and one role, and
//! identified at Digital ID by (`issuer`, `subject`).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// What an officer may do, and whether they may sign in: shared with the pages, so defined in `vocabulary` (which
/// derives their column mapping for this crate).
pub use vocabulary::{OfficerStatus, Role};

/// How the officer came to exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum OfficerSource {
    /// Imported from the old CITIZENinfo system; gets in at the first Digital ID sign-in.
    #[sea_orm(string_value = "citizeninfo")]
    CitizenInfo,
    /// Created by redeeming an activation token.
    #[sea_orm(string_value = "activation")]
    Activation,
}

/// A row of `officer`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "officer")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The Digital ID issuer of `subject`; `None` for an imported officer not yet signed in by subject.
    pub issuer: Option<String>,
    /// Digital ID's stable subject (`sub`); unique together with `issuer`.
    pub subject: Option<String>,
    /// The keyed hash of the citizen ID (`domain::citizen_id`); never the number itself.
    pub citizen_id_hash: Option<String>,
    /// The citizen ID as pages may show it (`1-1017-xxxxx-03-0`).
    pub citizen_id_masked: Option<String>,
    /// The full Thai name with its title, as Digital ID (or the import) gave it.
    pub name_th: String,
    /// Mobile number, from Digital ID.
    pub phone_number: Option<String>,
    /// E-mail address, from Digital ID.
    pub email: Option<String>,
    /// The officer's organisation unit.
    pub unit_id: i32,
    /// The officer's role.
    pub role: Role,
    /// Active or suspended.
    pub status: OfficerStatus,
    /// Imported or activated.
    pub source: OfficerSource,
    /// When the officer first got in: the token's redemption, or an imported officer's first sign-in.
    pub activated_at: Option<DateTimeUtc>,
    /// The latest sign-in.
    pub last_sign_in_at: Option<DateTimeUtc>,
    /// The sign-in before the latest, shown on the profile so an officer can spot one that was not theirs.
    pub previous_sign_in_at: Option<DateTimeUtc>,
    /// When the row was made.
    pub created_at: DateTimeUtc,
    /// The language the officer chose for the back office (`th`, `en`); `None` until they choose (Thai).
    pub preferred_locale: Option<String>,
}

/// Relations of `officer`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The officer's unit.
    #[sea_orm(
        belongs_to = "super::organisation_unit::Entity",
        from = "Column::UnitId",
        to = "super::organisation_unit::Column::Id",
        on_delete = "Restrict"
    )]
    Unit,
}

impl Related<super::organisation_unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Unit.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_is_stored_as_its_code() {
        for role in Role::ALL {
            assert_eq!(role.to_value(), role.code());
            assert_eq!(Role::try_from_value(&role.code().to_owned()).ok(), Some(role));
        }
    }

    #[test]
    fn officer_statuses_are_stored_as_before() {
        assert_eq!(OfficerStatus::Active.to_value(), "active");
        assert_eq!(OfficerStatus::Suspended.to_value(), "suspended");
    }
}
