//! Reading what the back office stored: officers, audit entries, and how many sessions and logins there are.

use domain::entities::audit_event::{self, AuditEvent};
use domain::entities::{login_transaction, officer, officer_session};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use super::{Person, TestApp};

impl TestApp {
    /// The officer whose Digital ID subject is `person`'s.
    pub async fn officer_of(&self, person: &Person) -> officer::Model {
        officer::Entity::find()
            .filter(officer::Column::Subject.eq(person.subject.as_str()))
            .one(&self.state.db)
            .await
            .expect("query")
            .expect("the officer exists")
    }

    /// The audit log's entries of `event`, oldest first.
    pub async fn audit_events(&self, event: AuditEvent) -> Vec<audit_event::Model> {
        audit_event::Entity::find()
            .filter(audit_event::Column::Event.eq(event))
            .order_by_asc(audit_event::Column::Id)
            .all(&self.state.db)
            .await
            .expect("audit query")
    }

    /// The number of sessions in the database, pending activation or not.
    pub async fn session_count(&self) -> u64 {
        officer_session::Entity::find().count(&self.state.db).await.expect("count sessions")
    }

    /// The number of logins in progress (login transactions) in the database.
    pub async fn login_transaction_count(&self) -> u64 {
        login_transaction::Entity::find().count(&self.state.db).await.expect("count login transactions")
    }
}
