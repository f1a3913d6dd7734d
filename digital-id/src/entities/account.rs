//! A person registered at the simulated Digital ID. `id` is the stable `sub` (a GUID, as at the real one).

use sea_orm::entity::prelude::*;

/// A row of `account`.
#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account")]
pub struct Model {
    /// The subject identifier (`sub`, also `user_id`): a GUID that never changes.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// ชื่อบัญชีผู้ใช้, lowercase, unique.
    #[sea_orm(unique)]
    pub username: String,
    /// เลขบัตรประจำตัวประชาชน, 13 digits, unique.
    #[sea_orm(unique)]
    pub citizen_id: String,
    /// คำนำหน้าชื่อ (นาย, นาง, นางสาว), if given.
    pub title: Option<String>,
    /// ชื่อ
    pub given_name: String,
    /// นามสกุล
    pub family_name: String,
    /// เบอร์โทรศัพท์มือถือ, 10 digits.
    pub phone_number: String,
    /// E-mail address, if known.
    pub email: Option<String>,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// Whether the citizen ID was proofed (`citizen_id_verified`).
    pub citizen_id_verified: bool,
    /// Identity assurance level as Digital ID reports it, e.g. `2.3`, `1.3`, `1.1`.
    pub ial_level: String,
    /// When the account was registered.
    pub created_at: DateTimeUtc,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("id", &self.id)
            .field("username", &self.username)
            .field("citizen_id", &crate::citizen_id::mask(&self.citizen_id))
            .finish_non_exhaustive()
    }
}

impl Model {
    /// Title, given and family name, as shown to the person.
    pub fn display_name(&self) -> String {
        format!("{}{} {}", self.title.as_deref().unwrap_or(""), self.given_name, self.family_name)
    }
}

/// No relations are navigated.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
