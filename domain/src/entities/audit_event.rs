//! One entry of the audit log: who did what to whom, when, from where, and whether it worked. Append-only (the
//! database's triggers refuse updates and deletes); names are copied in when written, so the log keeps saying who
//! was who after officers are renamed.

use sea_orm::entity::prelude::*;

/// What happened: shared with the audit page, so defined in `vocabulary` (which derives its column mapping for this
/// crate).
pub use vocabulary::AuditEvent;

/// A row of `audit_event`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_event")]
pub struct Model {
    /// Surrogate key, increasing.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// When.
    pub occurred_at: DateTimeUtc,
    /// What.
    pub event: AuditEvent,
    /// Whether it worked.
    pub succeeded: bool,
    /// Why it did not, as a stable code (`expired`, `wrong_person`, …).
    pub reason: Option<String>,
    /// The officer who acted (`None`: the command line, the system, or a Digital ID account with no officer).
    pub actor_officer_id: Option<i32>,
    /// Their name then.
    pub actor_name: Option<String>,
    /// The officer acted on.
    pub target_officer_id: Option<i32>,
    /// Their name then (or a Token's intended person).
    pub target_name: Option<String>,
    /// The unit concerned; decides who may read the entry (a central officer reads its department's subtree).
    pub unit_id: Option<i32>,
    /// The Token concerned (its id, never the Token).
    pub token_id: Option<i32>,
    /// The client's address.
    pub client_ip: Option<String>,
    /// Details: a role change, a reference number, a masked citizen ID — never a secret or a full citizen ID.
    pub detail: Option<String>,
}

/// `audit_event` has no relations the code follows.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_event_is_stored_as_its_code() {
        for event in AuditEvent::ALL {
            assert_eq!(event.to_value(), event.code());
            assert_eq!(AuditEvent::try_from_value(&event.code().to_owned()).ok(), Some(event));
        }
    }
}
