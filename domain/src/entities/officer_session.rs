//! A signed-in browser's session, kept server-side so it survives restarts and is shared by every instance. The
//! cookie holds a random secret; the row is keyed by its SHA-256, so a database reader cannot replay sessions.

use sea_orm::entity::prelude::*;

/// A row of `officer_session`.
#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "officer_session")]
pub struct Model {
    /// SHA-256 (hex) of the cookie's secret.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// The officer; `None` while the Digital ID account still has to be activated with a token.
    pub officer_id: Option<i32>,
    /// The Digital ID issuer.
    pub issuer: String,
    /// The Digital ID subject.
    pub subject: String,
    /// Digital ID's session id (`sid`), for back-channel logout.
    pub provider_session_id: Option<String>,
    /// What Digital ID said about the person (JSON; no citizen ID, only its hash and masked form).
    pub identity: String,
    /// The ID token, kept only as `id_token_hint` for logout.
    pub id_token: String,
    /// The synchroniser token forms of this session must carry.
    pub csrf_token: String,
    /// When the person authenticated at Digital ID.
    pub auth_time: Option<DateTimeUtc>,
    /// When the session began.
    pub created_at: DateTimeUtc,
    /// The latest request (idle timeout).
    pub last_seen_at: DateTimeUtc,
    /// The absolute end.
    pub expires_at: DateTimeUtc,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("officer_session::Model")
            .field("officer_id", &self.officer_id)
            .field("subject", &self.subject)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// Relations of `officer_session`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The officer.
    #[sea_orm(
        belongs_to = "super::officer::Entity",
        from = "Column::OfficerId",
        to = "super::officer::Column::Id",
        on_delete = "Cascade"
    )]
    Officer,
}

impl Related<super::officer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Officer.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
