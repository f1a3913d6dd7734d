//! Housekeeping: a sweep deletes what has expired and keeps what still counts; audit entries go only past the
//! configured retention and never before the floor the database enforces; on PostgreSQL one instance sweeps at a
//! time — against the real migrations, on SQLite and (with `TEST_DATABASE_URL`) PostgreSQL.

mod support {
    pub mod digital_id;
    #[expect(dead_code, reason = "only `identity` makes sessions here")]
    pub mod sign_in;
}

use chrono::{DateTime, Duration, SubsecRound, Utc};
use domain::activation::AttemptLimits;
use domain::audit::{self, Entry, Origin};
use domain::entities::audit_event::{self, AuditEvent};
use domain::entities::{activation_attempt, officer_session};
use domain::housekeeping::{self, Retention, SWEEP_LOCK_KEY, Swept};
use domain::sessions::{self, NewSession, SessionPolicy};
use domain::testing::TestDatabase;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, PaginatorTrait, Set, Statement,
    TransactionTrait,
};
use support::sign_in::identity;

fn retention(audit_days: Option<u32>) -> Retention {
    Retention {
        sessions: SessionPolicy { idle_timeout: Duration::minutes(30), absolute_timeout: Duration::hours(12) },
        attempts: AttemptLimits::default(),
        audit_days,
    }
}

/// Now, in whole seconds (every backend stores it exactly). The audit trigger compares with the database's clock,
/// so these tests live in the present.
fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}

async fn audited(db: &DatabaseConnection, detail: &str, at: DateTime<Utc>) {
    let entry = Entry::new(AuditEvent::SignedIn, &Origin::from_ip("203.0.113.7")).detail(detail);
    audit::record(db, entry, at).await.expect("entry recorded");
}

async fn details(db: &DatabaseConnection) -> Vec<String> {
    let mut rows: Vec<String> = audit_event::Entity::find()
        .all(db)
        .await
        .expect("entries read")
        .into_iter()
        .filter_map(|row| row.detail)
        .collect();
    rows.sort();
    rows
}

async fn session_begun(db: &DatabaseConnection, subject: &str, at: DateTime<Utc>) {
    let who = identity(subject, None);
    let new = NewSession {
        officer_id: None,
        identity: &who,
        provider_session_id: None,
        id_token: "eyJhbGciOiJSUzI1NiJ9.e30.c2ln".to_owned(),
        auth_time: Some(at),
    };
    sessions::create(db, new, retention(None).sessions, at).await.expect("session created");
}

async fn tried(db: &DatabaseConnection, at: DateTime<Utc>) {
    activation_attempt::ActiveModel {
        subject: Set("someone".to_owned()),
        client_ip: Set("203.0.113.7".to_owned()),
        succeeded: Set(false),
        attempted_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("try recorded");
}

#[tokio::test]
async fn a_sweep_deletes_what_has_expired_and_keeps_what_still_counts() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let db = &test.db;
        let now = now();
        // Beginning a session clears out those ended as of its own time, so these two are begun in order.
        session_begun(db, "idle-ended", now - Duration::minutes(31)).await;
        session_begun(db, "live", now - Duration::minutes(5)).await;
        tried(db, now - Duration::minutes(61)).await;
        tried(db, now - Duration::minutes(59)).await;

        let swept = housekeeping::sweep(db, retention(None), now).await.expect("sweep").expect("not locked");
        assert_eq!(swept.sessions, 1, "{backend}: {swept:?}");
        assert_eq!(swept.attempts, 1, "{backend}: the try an hour old counts for no limit any more");
        let left = officer_session::Entity::find().all(db).await.expect("sessions");
        assert_eq!(left.iter().map(|row| row.subject.as_str()).collect::<Vec<_>>(), ["live"], "{backend}");
        assert_eq!(activation_attempt::Entity::find().count(db).await.expect("count"), 1, "{backend}");

        let again = housekeeping::sweep(db, retention(None), now).await.expect("sweep").expect("not locked");
        assert_eq!(again, Swept::default(), "{backend}: nothing more to sweep");
        test.close().await;
    }
}

#[tokio::test]
async fn audit_entries_go_only_past_the_retention_and_never_before_the_floor() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let db = &test.db;
        let now = now();
        audited(db, "400 days ago", now - Duration::days(400)).await;
        audited(db, "200 days ago", now - Duration::days(200)).await;
        audited(db, "today", now).await;

        let kept = housekeeping::sweep(db, retention(None), now).await.expect("sweep").expect("not locked");
        assert_eq!(kept.audit_events, 0, "{backend}: by default every entry is kept");
        let below_floor = housekeeping::sweep(db, retention(Some(30)), now).await.expect("sweep").expect("unlocked");
        assert_eq!(below_floor.audit_events, 1, "{backend}: a retention below 365 days counts as 365");
        assert_eq!(details(db).await, ["200 days ago", "today"], "{backend}");

        // The database itself refuses to delete a younger entry, whoever asks.
        let error = db
            .execute_raw(Statement::from_string(db.get_database_backend(), "DELETE FROM audit_event"))
            .await
            .expect_err("a young entry cannot be deleted");
        assert!(error.to_string().contains("append-only"), "{backend}: {error}");
        assert_eq!(details(db).await, ["200 days ago", "today"], "{backend}: nothing went");
        test.close().await;
    }
}

#[tokio::test]
async fn on_postgresql_one_instance_sweeps_at_a_time() {
    let Some(test) = TestDatabase::postgres().await else {
        eprintln!("TEST_DATABASE_URL is unset: the PostgreSQL sweep lock is not tested");
        return;
    };
    let db = &test.db;
    let now = now();
    session_begun(db, "idle-ended", now - Duration::minutes(31)).await;
    let other_instance = db.begin().await.expect("transaction");
    other_instance
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [SWEEP_LOCK_KEY.into()],
        ))
        .await
        .expect("lock taken");
    assert_eq!(housekeeping::sweep(db, retention(None), now).await.expect("sweep"), None, "skipped while locked");
    other_instance.rollback().await.expect("lock released");
    let swept = housekeeping::sweep(db, retention(None), now).await.expect("sweep").expect("not locked");
    assert_eq!(swept.sessions, 1);
    test.close().await;
}
