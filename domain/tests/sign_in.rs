//! Signing in: the officer found (and bound to a Digital ID subject) at sign-in, the session that follows, and the
//! login transaction that carries a sign-in through Digital ID — against the real migrations, on SQLite and (with
//! `TEST_DATABASE_URL`) PostgreSQL.

mod support {
    pub mod clock;
    pub mod digital_id;
    pub mod officers;
    pub mod sign_in;
    pub mod stored_values;
    #[expect(dead_code, reason = "sign-in only needs the tree to exist and sessions only its division")]
    pub mod units;
}

use chrono::{DateTime, Duration, Utc};
use domain::assurance::{Assurance, AssurancePolicy, IalLevel};
use domain::entities::officer::{self, OfficerStatus, Role};
use domain::entities::{login_transaction, officer_session};
use domain::login_transactions;
use domain::officers::{self, DigitalIdIdentity};
use domain::sessions::{self, NewSession, SessionPolicy, SessionSecret};
use domain::testing::TestDatabase;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, PaginatorTrait, Set};
use support::clock::t0;
use support::digital_id::ISSUER;
use support::officers::{import_csv, insert_officer};
use support::sign_in::{identity, identity_at, sha256_hex, unproofed};
use support::stored_values::table_text;
use support::units::tree;

// ---------------------------------------------------------------------------------------------------------------
// Officers at sign-in
// ---------------------------------------------------------------------------------------------------------------

#[tokio::test]
async fn an_officer_is_found_for_sign_in_by_issuer_and_subject() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        import_csv(&test.db, "sub-kanda,,นางสาวกานดา ใจดี,DOPA,central\n").await.expect("imported");
        let found = officers::find_for_sign_in(&test.db, &identity("sub-kanda", None), &AssurancePolicy::default())
            .await
            .expect("query")
            .officer();
        assert_eq!(found.map(|officer| officer.name_th), Some("นางสาวกานดา ใจดี".to_owned()), "{backend}");
        let other_issuer =
            DigitalIdIdentity { issuer: "https://other.example".to_owned(), ..identity("sub-kanda", None) };
        let found = officers::find_for_sign_in(&test.db, &other_issuer, &AssurancePolicy::default())
            .await
            .expect("query")
            .officer();
        assert!(found.is_none(), "{backend}: the same subject at another issuer is someone else");
        let stranger =
            officers::find_for_sign_in(&test.db, &identity("sub-stranger", None), &AssurancePolicy::default())
                .await
                .expect("query")
                .officer();
        assert!(stranger.is_none(), "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn an_imported_officer_with_only_a_citizen_id_is_found_by_it_and_bound_to_the_subject() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        import_csv(&test.db, ",1101700207030,นายสมชาย ใจดี,DOPA-BORA,agency\n").await.expect("imported");
        let first = officers::find_for_sign_in(
            &test.db,
            &identity("sub-somchai", Some("1101700207030")),
            &AssurancePolicy::default(),
        )
        .await
        .expect("query")
        .officer()
        .expect("found by citizen ID");
        assert_eq!(
            (first.issuer.as_deref(), first.subject.as_deref()),
            (Some(ISSUER), Some("sub-somchai")),
            "{backend}"
        );
        let stored = officers::find(&test.db, first.id).await.expect("query").expect("exists");
        assert_eq!(stored.subject.as_deref(), Some("sub-somchai"), "{backend}: the binding is stored");
        let again = officers::find_for_sign_in(&test.db, &identity("sub-somchai", None), &AssurancePolicy::default())
            .await
            .expect("query")
            .officer();
        assert_eq!(again.map(|officer| officer.id), Some(first.id), "{backend}: found by subject alone");
        test.close().await;
    }
}

#[tokio::test]
async fn an_officer_bound_to_one_subject_is_not_rebound_by_another_subject_with_the_same_citizen_id() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        import_csv(&test.db, ",1101700207030,นายสมชาย ใจดี,DOPA-BORA,agency\n").await.expect("imported");
        let owner = identity("sub-owner", Some("1101700207030"));
        let bound = officers::find_for_sign_in(&test.db, &owner, &AssurancePolicy::default())
            .await
            .expect("query")
            .officer()
            .expect("bound");
        let second_account = identity("sub-second", Some("1101700207030"));
        let found = officers::find_for_sign_in(&test.db, &second_account, &AssurancePolicy::default())
            .await
            .expect("query")
            .officer();
        assert!(found.is_none(), "{backend}: a second account with the same citizen ID is not let in");
        let stored = officers::find(&test.db, bound.id).await.expect("query").expect("exists");
        assert_eq!(stored.subject.as_deref(), Some("sub-owner"), "{backend}: still bound to the first subject");
        let found =
            officers::find_for_sign_in(&test.db, &owner, &AssurancePolicy::default()).await.expect("query").officer();
        assert_eq!(found.map(|officer| officer.id), Some(bound.id), "{backend}");

        // The same holds for an officer imported with both a subject and a citizen ID.
        import_csv(&test.db, "sub-wichai,3100000000004,นายวิชัย รักงาน,DOPA-BORA,agency\n").await.expect("imported");
        let found = officers::find_for_sign_in(
            &test.db,
            &identity("sub-other", Some("3100000000004")),
            &AssurancePolicy::default(),
        )
        .await
        .map(officers::SignInMatch::officer);
        assert!(found.expect("query").is_none(), "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn j1_an_unproofed_account_carrying_an_imported_officers_citizen_id_binds_nothing_and_a_proofed_one_binds() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        import_csv(&test.db, ",1101700207030,นายสมชาย ใจดี,DOPA-BORA,agency\n").await.expect("imported");
        let policy = AssurancePolicy::default();
        let stranger = unproofed("sub-stranger", Some("1101700207030"));
        let found = officers::find_for_sign_in(&test.db, &stranger, &policy).await.expect("query");
        let officers::SignInMatch::ImportedNeedsAssurance(officer, shortfall) = found else {
            panic!("{backend}: expected a refusal for assurance, got {found:?}");
        };
        assert_eq!((shortfall.have, shortfall.need), (Some(IalLevel::UNPROOFED), IalLevel::LASER_CODE), "{backend}");
        assert!(shortfall.need_verified_citizen_id, "{backend}");
        let stored = officers::find(&test.db, officer.id).await.expect("query").expect("exists");
        assert_eq!(stored.subject, None, "{backend}: nothing was bound to the unproofed account");

        // A level without a verified citizen ID, or a verified one below the minimum, does not count either.
        for assurance in [
            Assurance { citizen_id_verified: false, ial: Some(IalLevel::THAID) },
            Assurance { citizen_id_verified: true, ial: Some(IalLevel::UNPROOFED) },
            Assurance { citizen_id_verified: true, ial: None },
        ] {
            let who = identity_at("sub-half", Some("1101700207030"), assurance);
            let found = officers::find_for_sign_in(&test.db, &who, &policy).await.expect("query");
            assert!(matches!(found, officers::SignInMatch::ImportedNeedsAssurance(..)), "{backend}: {assurance:?}");
        }

        let laser = Assurance { citizen_id_verified: true, ial: Some(IalLevel::LASER_CODE) };
        let owner = identity_at("sub-owner", Some("1101700207030"), laser);
        let bound = officers::find_for_sign_in(&test.db, &owner, &policy).await.expect("query").officer();
        assert_eq!(bound.and_then(|officer| officer.subject), Some("sub-owner".to_owned()), "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn j1_j3_an_imported_central_officer_is_bound_only_at_the_level_central_officers_need() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        import_csv(&test.db, ",1101700207030,นางสาวกานดา ใจดี,DOPA,central\n").await.expect("imported");
        let policy = AssurancePolicy::default();
        let laser = Assurance { citizen_id_verified: true, ial: Some(IalLevel::LASER_CODE) };
        let found =
            officers::find_for_sign_in(&test.db, &identity_at("sub-kanda", Some("1101700207030"), laser), &policy)
                .await
                .expect("query");
        let officers::SignInMatch::ImportedNeedsAssurance(officer, shortfall) = found else {
            panic!("{backend}: a laser code is not enough for a central officer: {found:?}");
        };
        assert_eq!((shortfall.have, shortfall.need), (Some(IalLevel::LASER_CODE), IalLevel::THAID), "{backend}");
        assert_eq!(officer.subject, None, "{backend}");
        let thaid = identity("sub-kanda", Some("1101700207030"));
        let bound = officers::find_for_sign_in(&test.db, &thaid, &policy).await.expect("query").officer();
        assert_eq!(bound.map(|officer| officer.id), Some(officer.id), "{backend}: the same person after the ThaID app");
        test.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_ten_first_sign_ins_at_once_with_one_citizen_id_exactly_one_subject_is_bound() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        import_csv(&test.db, ",1101700207030,นายสมชาย ใจดี,DOPA-BORA,agency\n").await.expect("imported");
        let mut tasks = tokio::task::JoinSet::new();
        for n in 0..10 {
            let db = test.db.clone();
            tasks.spawn(async move {
                let who = identity(&format!("sub-{n}"), Some("1101700207030"));
                officers::find_for_sign_in(&db, &who, &AssurancePolicy::default())
                    .await
                    .map(|found| found.officer().map(|officer| (who.subject, officer)))
            });
        }
        let mut bound = Vec::new();
        while let Some(joined) = tasks.join_next().await {
            bound.extend(joined.expect("the task ran").expect("query"));
        }
        assert_eq!(bound.len(), 1, "{backend}: {bound:?}");
        let (subject, officer) = &bound[0];
        assert_eq!(officer.subject.as_ref(), Some(subject), "{backend}");
        let stored = officers::find(&test.db, officer.id).await.expect("query").expect("exists");
        assert_eq!(stored.subject.as_ref(), Some(subject), "{backend}: the winner's subject is the one stored");
        test.close().await;
    }
}

#[tokio::test]
async fn a_sign_in_moves_the_last_sign_in_to_previous_updates_contact_details_and_sets_activation_once() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        tree(&test.db).await;
        import_csv(&test.db, ",1101700207030,นายสมชาย (CITIZENinfo),DOPA-BORA,agency\n").await.expect("imported");
        let somchai = identity("sub-somchai", Some("1101700207030"));
        let officer = officers::find_for_sign_in(&test.db, &somchai, &AssurancePolicy::default())
            .await
            .expect("query")
            .officer()
            .expect("found");
        assert_eq!(officer.activated_at, None, "{backend}: not yet activated");

        let t1 = t0() + Duration::hours(1);
        let officer = officers::record_sign_in(&test.db, officer, &somchai, t1).await.expect("recorded");
        let stored = officers::find(&test.db, officer.id).await.expect("query").expect("exists");
        assert_eq!(stored, officer, "{backend}: what is returned is what is stored");
        assert_eq!(
            (stored.last_sign_in_at, stored.previous_sign_in_at, stored.activated_at),
            (Some(t1), None, Some(t1)),
            "{backend}"
        );
        assert_eq!(stored.name_th, "นายทดสอบ sub-somchai", "{backend}: Digital ID's name replaces the import's");
        assert_eq!(stored.phone_number.as_deref(), Some("0812345678"), "{backend}");
        assert_eq!(stored.email.as_deref(), Some("sub-somchai@example.go.th"), "{backend}");
        assert_eq!(stored.citizen_id_masked.as_deref(), Some("1-1017-xxxxx-03-0"), "{backend}");

        let t2 = t1 + Duration::days(2);
        let later = DigitalIdIdentity {
            name_th: "  ".to_owned(),
            phone_number: None,
            email: Some("somchai@dopa.go.th".to_owned()),
            ..somchai.clone()
        };
        officers::record_sign_in(&test.db, stored, &later, t2).await.expect("recorded");
        let stored = officers::find(&test.db, officer.id).await.expect("query").expect("exists");
        assert_eq!(
            (stored.last_sign_in_at, stored.previous_sign_in_at, stored.activated_at),
            (Some(t2), Some(t1), Some(t1)),
            "{backend}: activation is the first sign-in, not the latest"
        );
        assert_eq!(stored.name_th, "นายทดสอบ sub-somchai", "{backend}: an empty name does not erase the name");
        assert_eq!(stored.phone_number, None, "{backend}");
        assert_eq!(stored.email.as_deref(), Some("somchai@dopa.go.th"), "{backend}");
        test.close().await;
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Sessions
// ---------------------------------------------------------------------------------------------------------------

fn policy() -> SessionPolicy {
    SessionPolicy { idle_timeout: Duration::minutes(30), absolute_timeout: Duration::hours(8) }
}

async fn start_session(
    db: &DatabaseConnection,
    officer_id: Option<i32>,
    who: &DigitalIdIdentity,
    now: DateTime<Utc>,
) -> (SessionSecret, sessions::Session) {
    let new = NewSession {
        officer_id,
        identity: who,
        provider_session_id: Some("sid-1".to_owned()),
        id_token: "eyJhbGciOiJSUzI1NiJ9.e30.c2ln".to_owned(),
        auth_time: Some(now),
    };
    sessions::create(db, new, policy(), now).await.expect("session created")
}

async fn session_count(db: &DatabaseConnection) -> u64 {
    officer_session::Entity::find().count(db).await.expect("count sessions")
}

#[tokio::test]
async fn a_session_is_found_by_its_secret_and_stored_under_the_secrets_sha256() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let tree = tree(&test.db).await;
        let officer =
            insert_officer(&test.db, tree.division.id, Role::Agency, OfficerStatus::Active, "นายก", "s").await;
        let who = identity("s", Some("1101700207030"));
        let (secret, created) = start_session(&test.db, Some(officer.id), &who, t0()).await;
        assert_eq!(created.row.id, sha256_hex(secret.expose()), "{backend}: keyed by the hash");
        assert_ne!(created.row.id, secret.expose(), "{backend}");

        let found = sessions::find(&test.db, &secret, policy(), t0() + Duration::minutes(5))
            .await
            .expect("query")
            .expect("live");
        assert_eq!(found.row.id, created.row.id, "{backend}");
        assert_eq!(found.row.officer_id, Some(officer.id), "{backend}");
        assert_eq!(found.identity, who, "{backend}: the identity survives the round trip");
        assert_eq!(found.row.expires_at, t0() + Duration::hours(8), "{backend}");

        let stored = table_text(&test.db, "officer_session").await;
        assert!(stored.contains(&created.row.id), "{backend}: the dump sees the id column");
        assert!(!stored.iter().any(|value| value.contains(secret.expose())), "{backend}: the secret is stored");
        let wrong = SessionSecret::new(created.row.id.clone());
        let found = sessions::find(&test.db, &wrong, policy(), t0()).await.expect("query");
        assert!(found.is_none(), "{backend}: the stored id is not a secret that opens the session");
        test.close().await;
    }
}

#[tokio::test]
async fn a_session_is_found_with_its_officer_as_the_officer_is_now_and_a_pending_accounts_with_none() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let tree = tree(&test.db).await;
        let officer =
            insert_officer(&test.db, tree.division.id, Role::Agency, OfficerStatus::Active, "นายก", "s").await;
        let (secret, _) = start_session(&test.db, Some(officer.id), &identity("s", None), t0()).await;
        let (pending, _) = start_session(&test.db, None, &identity("p", None), t0()).await;
        let later = t0() + Duration::minutes(5);

        let (session, found) =
            sessions::find_with_officer(&test.db, &secret, policy(), later).await.expect("query").expect("live");
        assert_eq!(session.row.officer_id, Some(officer.id), "{backend}");
        assert_eq!(found, Some(officer.clone()), "{backend}: the officer read with the session");

        // Suspended on another instance: the same single query sees it at once (nothing is cached).
        let mut suspended: officer::ActiveModel = officer.clone().into();
        suspended.status = Set(OfficerStatus::Suspended);
        suspended.update(&test.db).await.expect("suspended");
        let (_, found) = sessions::find_with_officer(&test.db, &secret, policy(), later)
            .await
            .expect("query")
            .expect("the session itself is still live");
        assert_eq!(found.map(|officer| officer.status), Some(OfficerStatus::Suspended), "{backend}");

        let (session, found) =
            sessions::find_with_officer(&test.db, &pending, policy(), later).await.expect("query").expect("live");
        assert_eq!((session.row.officer_id, found), (None, None), "{backend}: an account still to be activated");
        test.close().await;
    }
}

#[tokio::test]
async fn live_sessions_are_counted_as_find_would_judge_them() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let who = identity("s", None);
        start_session(&test.db, None, &who, t0()).await;
        start_session(&test.db, None, &who, t0() + Duration::minutes(20)).await;
        let live = |at| sessions::count_live(&test.db, policy(), at);
        assert_eq!(live(t0() + Duration::minutes(29)).await.expect("count"), 2, "{backend}");
        assert_eq!(live(t0() + Duration::minutes(30)).await.expect("count"), 1, "{backend}: the first is idle");
        assert_eq!(live(t0() + Duration::minutes(50)).await.expect("count"), 0, "{backend}: both are idle");
        assert_eq!(session_count(&test.db).await, 2, "{backend}: counting deletes nothing");
        test.close().await;
    }
}

#[tokio::test]
async fn e1_e2_every_new_session_gets_a_new_secret() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let who = identity("s", None);
        let (first, _) = start_session(&test.db, None, &who, t0()).await;
        let (second, _) = start_session(&test.db, None, &who, t0()).await;
        assert_ne!(first, second, "{backend}");
        assert_eq!(first.expose().len(), 43, "{backend}: 256 bits");
        assert_eq!(session_count(&test.db).await, 2, "{backend}");
        for secret in [&first, &second] {
            let found = sessions::find(&test.db, secret, policy(), t0()).await.expect("query");
            assert!(found.is_some(), "{backend}");
        }
        test.close().await;
    }
}

#[tokio::test]
async fn e4_a_session_idle_for_the_idle_timeout_is_ended_and_deleted() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let who = identity("s", None);
        let (kept, _) = start_session(&test.db, None, &who, t0()).await;
        let (idle, _) = start_session(&test.db, None, &who, t0()).await;
        let almost = t0() + Duration::minutes(29);
        assert!(sessions::find(&test.db, &kept, policy(), almost).await.expect("query").is_some(), "{backend}");
        let found = sessions::find(&test.db, &idle, policy(), t0() + Duration::minutes(30)).await.expect("query");
        assert!(found.is_none(), "{backend}: idle for 30 minutes");
        assert_eq!(session_count(&test.db).await, 1, "{backend}: the idle one is deleted");
        // The session seen at minute 29 lives on from there.
        let later = almost + Duration::minutes(29);
        assert!(sessions::find(&test.db, &kept, policy(), later).await.expect("query").is_some(), "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn e4_with_a_one_minute_idle_timeout_a_busy_session_lives_on_and_its_timer_is_never_a_minute_coarse() {
    let short = SessionPolicy { idle_timeout: Duration::minutes(1), absolute_timeout: Duration::hours(8) };
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let (secret, _) = start_session(&test.db, None, &identity("s", None), t0()).await;
        // A request every 20 seconds for five minutes: each must find the session alive.
        for step in 1..=15 {
            let now = t0() + Duration::seconds(20 * step);
            let found = sessions::find(&test.db, &secret, short, now).await.expect("query");
            let row = found.unwrap_or_else(|| panic!("{backend}: busy, yet ended at second {}", 20 * step)).row;
            assert!(now - row.last_seen_at <= Duration::seconds(6), "{backend}: last seen {}", row.last_seen_at);
        }
        let quiet = t0() + Duration::seconds(300 + 61);
        assert!(sessions::find(&test.db, &secret, short, quiet).await.expect("query").is_none(), "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn e4_staying_signed_in_restarts_the_idle_timeout_but_never_moves_the_absolute_end() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let (secret, session) = start_session(&test.db, None, &identity("s", None), t0()).await;
        let end = policy().ends_at(&session.row);
        assert_eq!((end.at, end.absolute), (t0() + Duration::minutes(30), false), "{backend}");
        // 28 minutes later, the officer presses "stay signed in" (nothing was touched meanwhile).
        let now = t0() + Duration::minutes(28);
        let row = sessions::extend(&test.db, &secret, policy(), now).await.expect("query").expect("alive");
        assert_eq!(row.last_seen_at, now, "{backend}");
        let end = policy().ends_at(&row);
        assert_eq!((end.at, end.absolute), (now + Duration::minutes(30), false), "{backend}");
        // Near the end of the 8 hours, staying signed in reaches only the absolute end.
        let late = t0() + Duration::hours(8) - Duration::minutes(10);
        for step in 0..=17 {
            sessions::extend(&test.db, &secret, policy(), now + Duration::minutes(25 * step)).await.expect("query");
        }
        let row = sessions::extend(&test.db, &secret, policy(), late).await.expect("query").expect("alive");
        let end = policy().ends_at(&row);
        assert_eq!((end.at, end.absolute), (t0() + Duration::hours(8), true), "{backend}");
        // An ended session is not brought back.
        sessions::end(&test.db, &secret).await.expect("ended");
        assert!(sessions::extend(&test.db, &secret, policy(), late).await.expect("query").is_none(), "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn e5_a_session_past_its_absolute_timeout_is_ended_even_when_used_recently() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let (secret, _) = start_session(&test.db, None, &identity("s", None), t0()).await;
        for step in 1..=19 {
            let now = t0() + Duration::minutes(25 * step);
            let found = sessions::find(&test.db, &secret, policy(), now).await.expect("query");
            assert!(found.is_some(), "{backend}: in use at minute {}", 25 * step);
        }
        let found = sessions::find(&test.db, &secret, policy(), t0() + Duration::hours(8)).await.expect("query");
        assert!(found.is_none(), "{backend}: 8 hours after it began, though seen 5 minutes ago");
        assert_eq!(session_count(&test.db).await, 0, "{backend}: and deleted");
        test.close().await;
    }
}

#[tokio::test]
async fn e9_ending_a_session_or_every_session_of_an_officer_deletes_exactly_those() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let tree = tree(&test.db).await;
        let unit = tree.division.id;
        let a = insert_officer(&test.db, unit, Role::Agency, OfficerStatus::Active, "นายก", "a").await;
        let b = insert_officer(&test.db, unit, Role::Agency, OfficerStatus::Active, "นายข", "b").await;
        let (a1, _) = start_session(&test.db, Some(a.id), &identity("a", None), t0()).await;
        let (a2, _) = start_session(&test.db, Some(a.id), &identity("a", None), t0()).await;
        let (b1, _) = start_session(&test.db, Some(b.id), &identity("b", None), t0()).await;
        let (pending, _) = start_session(&test.db, None, &identity("new", None), t0()).await;

        assert_eq!(sessions::end_for_officer(&test.db, a.id).await.expect("ended"), 2, "{backend}");
        let live = |secret: SessionSecret| {
            let db = test.db.clone();
            async move { sessions::find(&db, &secret, policy(), t0()).await.expect("query").is_some() }
        };
        assert_eq!(
            (live(a1).await, live(a2).await, live(b1.clone()).await, live(pending.clone()).await),
            (false, false, true, true),
            "{backend}"
        );
        assert!(sessions::end(&test.db, &b1).await.expect("ended"), "{backend}");
        assert!(!sessions::end(&test.db, &b1).await.expect("ended"), "{backend}: nothing left to end");
        assert_eq!((live(b1).await, live(pending).await), (false, true), "{backend}");
        test.close().await;
    }
}

#[test]
fn i_a_session_secret_never_shows_in_debug_output() {
    let secret = SessionSecret::new("s3cret-cookie-value");
    let shown = format!("{secret:?}");
    assert!(!shown.contains("s3cret-cookie-value"), "{shown}");
    assert_eq!(shown, "SessionSecret(***)");
}

// ---------------------------------------------------------------------------------------------------------------
// Login transactions
// ---------------------------------------------------------------------------------------------------------------

#[tokio::test]
async fn c2_c3_a_login_transaction_is_taken_once_and_then_gone() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let payload = r#"{"state":"s","nonce":"n","pkce_verifier":"v","return_to":"/profile"}"#.to_owned();
        let secret = domain::secrets::random_secret();
        login_transactions::put(&test.db, &secret, "state-1", payload.clone(), Duration::minutes(10), t0())
            .await
            .expect("put");
        let row = login_transaction::Entity::find().one(&test.db).await.expect("query").expect("stored");
        assert_eq!(row.id, sha256_hex(&format!("{secret}:state-1")), "{backend}: keyed by a hash, not the secret");
        assert!(
            !table_text(&test.db, "login_transaction").await.contains(&secret),
            "{backend}: the secret is not stored"
        );

        let now = t0() + Duration::minutes(1);
        for (browser, state, expected, why) in [
            ("not-the-secret", "state-1", None, "another browser"),
            (secret.as_str(), "state-2", None, "another login's state"),
            (secret.as_str(), "state-1", Some(payload.clone()), "this browser's login"),
            (secret.as_str(), "state-1", None, "only once"),
        ] {
            let taken = login_transactions::take(&test.db, browser, state, now).await.expect("take");
            assert_eq!(taken, expected, "{backend}: {why}");
        }
        test.close().await;
    }
}

#[tokio::test]
async fn one_browser_may_have_several_logins_in_progress_each_taken_by_its_own_state() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let secret = domain::secrets::random_secret();
        for (state, payload) in [("tab-1", "first"), ("tab-2", "second")] {
            login_transactions::put(&test.db, &secret, state, payload.to_owned(), Duration::minutes(10), t0())
                .await
                .expect("put");
        }
        let now = t0() + Duration::minutes(1);
        let second = login_transactions::take(&test.db, &secret, "tab-2", now).await.expect("take");
        let first = login_transactions::take(&test.db, &secret, "tab-1", now).await.expect("take");
        assert_eq!((first.as_deref(), second.as_deref()), (Some("first"), Some("second")), "{backend}");
        test.close().await;
    }
}

#[tokio::test]
async fn c8_an_expired_login_transaction_gives_nothing() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let secret = domain::secrets::random_secret();
        for (state, payload) in [("first", "first"), ("second", "second")] {
            login_transactions::put(&test.db, &secret, state, payload.to_owned(), Duration::minutes(10), t0())
                .await
                .expect("put");
        }
        let expiry = t0() + Duration::minutes(10);
        let just_before = expiry - Duration::seconds(1);
        let taken = login_transactions::take(&test.db, &secret, "first", just_before).await.expect("take");
        assert_eq!(taken.as_deref(), Some("first"), "{backend}: still valid a second before");
        let expired = login_transactions::take(&test.db, &secret, "second", expiry).await.expect("take");
        assert_eq!(expired, None, "{backend}");
        let rows = login_transaction::Entity::find().count(&test.db).await.expect("count");
        assert_eq!(rows, 0, "{backend}: the expired one is gone too");
        test.close().await;
    }
}
