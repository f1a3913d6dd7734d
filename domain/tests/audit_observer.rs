//! The audit log's observer hook (`audit::observe`), in a test binary of its own: the hook is set once per process.

use std::sync::Mutex;

use chrono::Utc;
use domain::audit::{self, Entry, Origin};
use domain::entities::audit_event::AuditEvent;
use domain::testing::TestDatabase;
use sea_orm::TransactionTrait;

/// What the observer was told, in order.
static SEEN: Mutex<Vec<(AuditEvent, Option<String>)>> = Mutex::new(Vec::new());

fn remember(event: AuditEvent, reason: Option<&str>) {
    SEEN.lock().expect("not poisoned").push((event, reason.map(str::to_owned)));
}

fn forget(_: AuditEvent, _: Option<&str>) {
    panic!("a second observer must never be called");
}

#[tokio::test]
async fn the_observer_is_told_each_written_entry_once_even_in_a_transaction_that_rolls_back() {
    assert!(audit::observe(remember), "the first observer is set");
    assert!(!audit::observe(forget), "a second changes nothing");
    let test = TestDatabase::sqlite().await;
    let origin = Origin::from_ip("192.0.2.1");
    audit::record(&test.db, Entry::new(AuditEvent::SignedIn, &origin), Utc::now()).await.expect("recorded");
    let txn = test.db.begin().await.expect("a transaction");
    let refused = Entry::new(AuditEvent::TokenRefused, &origin).failed("unknown").detail("1101700207030");
    audit::record(&txn, refused, Utc::now()).await.expect("recorded");
    txn.rollback().await.expect("rolled back");

    let seen = SEEN.lock().expect("not poisoned").clone();
    assert_eq!(
        seen,
        [(AuditEvent::SignedIn, None), (AuditEvent::TokenRefused, Some("unknown".to_owned()))],
        "the event and reason code only; the rolled-back entry was counted all the same"
    );
    test.close().await;
}
