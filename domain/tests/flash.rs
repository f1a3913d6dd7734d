//! Flashes: put by one request, taken once by the next page view of the same session, sealed at rest, gone with the
//! session — against the real migrations, on SQLite and (with `TEST_DATABASE_URL`) PostgreSQL.

mod support {
    pub mod clock;
    pub mod digital_id;
    pub mod sign_in;
}

use chrono::Duration;
use domain::flash::{self, LIFETIME};
use domain::sessions::{self, NewSession, SessionPolicy, SessionSecret};
use domain::testing::TestDatabase;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use support::clock::t0;
use support::sign_in::{identity, sha256_hex};

/// What the Tokens page shows once after issuing: a Token in plain text.
const TOKEN: &str = "Q2hhbmdlLW1lLTdRNE0tMktYRC05UExBLXRva2Vu";
/// What an officer typed into a refused form, Thai included.
const FORM: &str = r#"{"name_th":"นางสาวกานดา ใจดี","reference":"สปน. 0101/123"}"#;

fn policy() -> SessionPolicy {
    SessionPolicy { idle_timeout: Duration::minutes(30), absolute_timeout: Duration::hours(8) }
}

async fn signed_in(db: &DatabaseConnection, subject: &str) -> SessionSecret {
    let who = identity(subject, None);
    let new = NewSession {
        officer_id: None,
        identity: &who,
        provider_session_id: None,
        id_token: "eyJhbGciOiJSUzI1NiJ9.e30.c2ln".to_owned(),
        auth_time: Some(t0()),
    };
    sessions::create(db, new, policy(), t0()).await.expect("session created").0
}

async fn put(db: &DatabaseConnection, secret: &SessionSecret, kind: &str, payload: &str, minutes: i64) {
    flash::put(db, secret, kind, payload, t0() + Duration::minutes(minutes)).await.expect("flash put");
}

async fn take(db: &DatabaseConnection, secret: &SessionSecret, kind: &str, minutes: i64) -> Option<String> {
    flash::take(db, secret, kind, t0() + Duration::minutes(minutes)).await.expect("flash taken")
}

/// How many flashes are stored, live or not.
async fn stored_count(db: &DatabaseConnection) -> i64 {
    let count =
        Query::select().expr_as(Expr::cust("COUNT(*)"), Alias::new("n")).from(Alias::new("session_flash")).to_owned();
    let row = db.query_one(&count).await.expect("count").expect("a row");
    row.try_get("", "n").expect("a number")
}

/// The stored payload column of every flash, as bytes.
async fn stored_payloads(db: &DatabaseConnection) -> Vec<Vec<u8>> {
    let select = Query::select().column(Alias::new("payload")).from(Alias::new("session_flash")).to_owned();
    let rows = db.query_all(&select).await.expect("select");
    rows.iter().map(|row| row.try_get("", "payload").expect("bytes")).collect()
}

/// Sets `column` of the flash of `secret`'s session and `kind`, as someone with write access to the database could.
async fn overwrite(db: &DatabaseConnection, secret: &SessionSecret, kind: &str, column: &str, value: sea_orm::Value) {
    let update = Query::update()
        .table(Alias::new("session_flash"))
        .value(Alias::new(column), value)
        .and_where(Expr::col(Alias::new("session_id")).eq(sha256_hex(secret.expose())))
        .and_where(Expr::col(Alias::new("kind")).eq(kind))
        .to_owned();
    assert_eq!(db.execute(&update).await.expect("update").rows_affected(), 1);
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

#[tokio::test]
async fn a_flash_is_taken_once_and_then_gone() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let secret = signed_in(&test.db, "kanda").await;
        put(&test.db, &secret, "activation", TOKEN, 0).await;
        put(&test.db, &secret, "units", FORM, 0).await;
        assert_eq!(take(&test.db, &secret, "activation", 1).await.as_deref(), Some(TOKEN), "{backend}");
        assert_eq!(take(&test.db, &secret, "activation", 1).await, None, "{backend}: taken already");
        assert_eq!(take(&test.db, &secret, "units", 1).await.as_deref(), Some(FORM), "{backend}: Thai survives");
        assert_eq!(stored_count(&test.db).await, 0, "{backend}: nothing is left behind");
        test.close().await;
    }
}

#[tokio::test]
async fn another_session_cannot_take_a_flash_and_does_not_spoil_it() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let owner = signed_in(&test.db, "kanda").await;
        let other = signed_in(&test.db, "somchai").await;
        put(&test.db, &owner, "tokens", TOKEN, 0).await;
        assert_eq!(take(&test.db, &other, "tokens", 1).await, None, "{backend}: another session's secret");
        let stranger = SessionSecret::new(sha256_hex(owner.expose()));
        assert_eq!(take(&test.db, &stranger, "tokens", 1).await, None, "{backend}: the stored id is no secret");
        assert_eq!(take(&test.db, &owner, "tokens", 1).await.as_deref(), Some(TOKEN), "{backend}: still there");
        test.close().await;
    }
}

#[tokio::test]
async fn a_flash_is_taken_only_under_its_own_kind() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let secret = signed_in(&test.db, "kanda").await;
        put(&test.db, &secret, "tokens", FORM, 0).await;
        assert_eq!(take(&test.db, &secret, "units", 1).await, None, "{backend}: another page's flash");
        assert_eq!(take(&test.db, &secret, "token", 1).await, None, "{backend}: no prefix matching");
        assert_eq!(take(&test.db, &secret, "tokens", 1).await.as_deref(), Some(FORM), "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn a_flash_past_its_lifetime_is_not_returned_and_is_deleted() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        assert_eq!(LIFETIME, Duration::minutes(5));
        let secret = signed_in(&test.db, "kanda").await;
        put(&test.db, &secret, "tokens", TOKEN, 0).await;
        put(&test.db, &secret, "units", FORM, 0).await;
        let almost = t0() + LIFETIME - Duration::seconds(1);
        let found = flash::take(&test.db, &secret, "units", almost).await.expect("taken");
        assert_eq!(found.as_deref(), Some(FORM), "{backend}: a second before the end");
        let found = flash::take(&test.db, &secret, "tokens", t0() + LIFETIME).await.expect("taken");
        assert_eq!(found, None, "{backend}: at the end of its lifetime");
        assert_eq!(stored_count(&test.db).await, 0, "{backend}: and deleted");
        test.close().await;
    }
}

#[tokio::test]
async fn a_second_put_of_the_same_kind_replaces_the_first_and_its_age() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let secret = signed_in(&test.db, "kanda").await;
        put(&test.db, &secret, "tokens", FORM, 0).await;
        put(&test.db, &secret, "tokens", TOKEN, 4).await;
        assert_eq!(stored_count(&test.db).await, 1, "{backend}: one flash per session and kind");
        assert_eq!(take(&test.db, &secret, "tokens", 8).await.as_deref(), Some(TOKEN), "{backend}: the second, fresh");
        assert_eq!(take(&test.db, &secret, "tokens", 8).await, None, "{backend}: the first is gone too");
        test.close().await;
    }
}

#[tokio::test]
async fn the_stored_bytes_hold_neither_the_payload_nor_the_session_secret() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let secret = signed_in(&test.db, "kanda").await;
        let other = signed_in(&test.db, "somchai").await;
        put(&test.db, &secret, "activation", TOKEN, 0).await;
        put(&test.db, &other, "activation", TOKEN, 0).await;
        let stored = stored_payloads(&test.db).await;
        assert_eq!(stored.len(), 2, "{backend}");
        for sealed in &stored {
            assert!(!contains(sealed, TOKEN.as_bytes()), "{backend}: the Token is stored in plain text");
            assert!(!contains(sealed, secret.expose().as_bytes()), "{backend}: the cookie secret is stored");
            assert_eq!(sealed.len(), 24 + TOKEN.len() + 16, "{backend}: nonce, ciphertext and tag");
        }
        assert_ne!(stored[0], stored[1], "{backend}: the same Token seals differently each time");
        assert_ne!(stored[0][..24], stored[1][..24], "{backend}: a fresh nonce per put");
        test.close().await;
    }
}

#[tokio::test]
async fn a_flash_moved_to_another_kind_or_session_or_altered_does_not_open_and_is_dropped() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let secret = signed_in(&test.db, "kanda").await;
        let other = signed_in(&test.db, "somchai").await;

        put(&test.db, &secret, "activation", TOKEN, 0).await;
        overwrite(&test.db, &secret, "activation", "kind", "units".into()).await;
        assert_eq!(take(&test.db, &secret, "units", 1).await, None, "{backend}: sealed for another kind");

        put(&test.db, &secret, "activation", TOKEN, 0).await;
        overwrite(&test.db, &secret, "activation", "session_id", sha256_hex(other.expose()).into()).await;
        assert_eq!(take(&test.db, &other, "activation", 1).await, None, "{backend}: sealed for another session");

        put(&test.db, &secret, "activation", TOKEN, 0).await;
        let mut altered = stored_payloads(&test.db).await.remove(0);
        let last = altered.len() - 1;
        altered[last] ^= 1;
        overwrite(&test.db, &secret, "activation", "payload", altered.into()).await;
        assert_eq!(take(&test.db, &secret, "activation", 1).await, None, "{backend}: an altered tag");

        put(&test.db, &secret, "activation", TOKEN, 0).await;
        overwrite(&test.db, &secret, "activation", "payload", vec![0u8; 10].into()).await;
        assert_eq!(take(&test.db, &secret, "activation", 1).await, None, "{backend}: too short to be sealed");

        assert_eq!(stored_count(&test.db).await, 0, "{backend}: every one that failed to open is deleted");
        test.close().await;
    }
}

#[tokio::test]
async fn ending_the_session_deletes_its_flashes_and_no_others() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let ended = signed_in(&test.db, "kanda").await;
        let kept = signed_in(&test.db, "somchai").await;
        put(&test.db, &ended, "tokens", TOKEN, 0).await;
        put(&test.db, &ended, "units", FORM, 0).await;
        put(&test.db, &kept, "tokens", FORM, 0).await;
        assert!(sessions::end(&test.db, &ended).await.expect("ended"), "{backend}");
        assert_eq!(stored_count(&test.db).await, 1, "{backend}: the ended session's flashes went with it");
        assert_eq!(take(&test.db, &kept, "tokens", 1).await.as_deref(), Some(FORM), "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn a_flash_needs_an_existing_session() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let ended = signed_in(&test.db, "kanda").await;
        sessions::end(&test.db, &ended).await.expect("ended");
        let refused = flash::put(&test.db, &ended, "tokens", TOKEN, t0()).await;
        assert!(refused.is_err(), "{backend}: the foreign key is enforced");
        assert_eq!(stored_count(&test.db).await, 0, "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn purge_expired_deletes_only_flashes_past_their_lifetime() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let first = signed_in(&test.db, "kanda").await;
        let second = signed_in(&test.db, "somchai").await;
        put(&test.db, &first, "tokens", TOKEN, 0).await;
        put(&test.db, &second, "tokens", TOKEN, 0).await;
        put(&test.db, &first, "units", FORM, 3).await;
        let purged = flash::purge_expired(&test.db, t0() + LIFETIME).await.expect("purged");
        assert_eq!(purged, 2, "{backend}: the two put at minute 0");
        assert_eq!(stored_count(&test.db).await, 1, "{backend}");
        assert_eq!(take(&test.db, &first, "units", 6).await.as_deref(), Some(FORM), "{backend}: the young one");
        test.close().await;
    }
}

#[tokio::test]
async fn two_takes_at_once_hand_the_flash_to_exactly_one() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let secret = signed_in(&test.db, "kanda").await;
        for round in 0..20 {
            put(&test.db, &secret, "activation", TOKEN, 0).await;
            let (a, b) =
                tokio::join!(take(&test.db, &secret, "activation", 1), take(&test.db, &secret, "activation", 1));
            assert_eq!(a.iter().chain(b.iter()).count(), 1, "{backend}: round {round}");
        }
        test.close().await;
    }
}
