//! An officer (เจ้าหน้าที่): a person with access to the back office, tied to one organisation unit and one role, and
//! identified at Digital ID by (`issuer`, `subject`).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// What an officer may do; always read from the database (or the activation token that created the officer), never
/// from a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// DGA Contact Center staff: the whole system; they give central officers their tokens.
    #[sea_orm(string_value = "contact_center")]
    ContactCenter,
    /// เจ้าหน้าที่ส่วนกลาง: a department's central officer; gives tokens to the officers below it.
    #[sea_orm(string_value = "central")]
    Central,
    /// เจ้าหน้าที่หน่วยงาน: an officer of an agency, division or provincial office.
    #[sea_orm(string_value = "agency")]
    Agency,
    /// เจ้าหน้าที่จุดบริการ: an officer of a service point.
    #[sea_orm(string_value = "service_point")]
    ServicePoint,
}

impl Role {
    /// The kind of unit an officer of this role belongs to; `None` for Contact Center staff (any unit, usually DGA's).
    pub fn unit_kind(self) -> Option<super::organisation_unit::UnitKind> {
        use super::organisation_unit::UnitKind;
        match self {
            Self::ContactCenter => None,
            Self::Central => Some(UnitKind::Department),
            Self::Agency => Some(UnitKind::Division),
            Self::ServicePoint => Some(UnitKind::ServicePoint),
        }
    }

    /// The role's code as written in files and on the command line (`central`, `agency`, …).
    pub fn code(self) -> &'static str {
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

/// Whether an officer may sign in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum OfficerStatus {
    /// May sign in.
    #[sea_orm(string_value = "active")]
    Active,
    /// May not sign in; their sessions were ended.
    #[sea_orm(string_value = "suspended")]
    Suspended,
}

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
    fn role_codes_read_back_and_accept_dashes_and_capitals() {
        for role in [Role::ContactCenter, Role::Central, Role::Agency, Role::ServicePoint] {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code(" Service-Point "), Some(Role::ServicePoint));
        assert_eq!(Role::from_code("admin"), None);
    }
}
