//! One try at redeeming an activation token, kept to rate-limit guessing per Digital ID subject and per address
//! across every server instance.

use sea_orm::entity::prelude::*;

/// A row of `activation_attempt`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "activation_attempt")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The Digital ID subject that tried.
    pub subject: String,
    /// The client address it came from.
    pub client_ip: String,
    /// Whether the token was accepted.
    pub succeeded: bool,
    /// When.
    pub attempted_at: DateTimeUtc,
}

/// `activation_attempt` has no relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
