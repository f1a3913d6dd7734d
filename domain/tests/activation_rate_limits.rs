//! The rate limits on redeeming activation tokens — failures counted per Digital ID subject and per address, over
//! sliding windows, successes not at all, each try reserved atomically before its Token is evaluated — against the
//! real migrations, on SQLite and (with `TEST_DATABASE_URL`) PostgreSQL; the concurrency cases also on an SQLite
//! file shared by two connection pools, as two server instances would share it.

mod support {
    pub mod clock;
    pub mod digital_id;
    #[expect(dead_code, reason = "the stored-secret hash is for other binaries' tests")]
    pub mod sign_in;
    #[expect(dead_code, reason = "tokens are issued only for the tree's division")]
    pub mod units;
}

use std::path::PathBuf;

use chrono::{DateTime, Duration, Utc};
use domain::activation::{
    self, ActivationToken, AttemptLimits, Caller, IssueToken, Issuer, Limit, RedeemError, Reservation, ReservedAttempt,
};
use domain::assurance::AssurancePolicy;
use domain::database::{self, DatabaseUrl};
use domain::entities::audit_event::{self, AuditEvent};
use domain::entities::{activation_attempt, officer::Role};
use domain::officers::DigitalIdIdentity;
use domain::testing::TestDatabase;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use support::clock::t0;
use support::digital_id::{citizen, key};
use support::sign_in::{identity, unproofed};
use support::units::tree;

const ATTACKER_IP: &str = "203.0.113.7";
const OWNER_IP: &str = "198.51.100.20";
/// The citizen ID a Token is bound to in the rightful-officer cases.
const OWNER_CITIZEN_ID: &str = "1101700207030";

/// A try by `who` from `ip` at `at` with `token`, under `limits`.
async fn reserve_with(
    db: &DatabaseConnection,
    limits: AttemptLimits,
    who: &DigitalIdIdentity,
    ip: &str,
    token: &ActivationToken,
    at: DateTime<Utc>,
) -> Reservation {
    let policy = AssurancePolicy::default();
    let caller = Caller { identity: who, policy: &policy, client_ip: ip };
    activation::reserve(db, limits, &caller, token, at).await.expect("reserved or limited")
}

/// A try by `subject` from `ip` at `at`, with a Token nobody issued, under the default limits.
async fn try_at(db: &DatabaseConnection, subject: &str, ip: &str, at: DateTime<Utc>) -> Reservation {
    reserve_with(db, AttemptLimits::default(), &identity(subject, None), ip, &ActivationToken::generate(), at).await
}

/// A try that must be admitted; it stays a failure.
async fn fail(db: &DatabaseConnection, subject: &str, ip: &str, at: DateTime<Utc>) -> ReservedAttempt {
    match try_at(db, subject, ip, at).await {
        Reservation::Admitted(attempt) => attempt,
        limited => panic!("{subject} from {ip} was limited: {limited:?}"),
    }
}

/// The refusal of a try that must be limited.
fn limited(reservation: Reservation) -> (Limit, Duration) {
    match reservation {
        Reservation::Limited { limit, wait } => (limit, wait),
        Reservation::Admitted(_) => panic!("admitted, but a limit should have refused it"),
    }
}

fn admitted(reservation: Reservation) -> ReservedAttempt {
    match reservation {
        Reservation::Admitted(attempt) => attempt,
        limited => panic!("limited: {limited:?}"),
    }
}

async fn failures(db: &DatabaseConnection) -> u64 {
    activation_attempt::Entity::find()
        .filter(activation_attempt::Column::Succeeded.eq(false))
        .count(db)
        .await
        .expect("count")
}

async fn refused_tokens(db: &DatabaseConnection) -> u64 {
    audit_event::Entity::find()
        .filter(audit_event::Column::Event.eq(AuditEvent::TokenRefused))
        .count(db)
        .await
        .expect("count")
}

/// An Agency Token for the tree's division, bound to `citizen_id` (the tree must exist).
async fn bound_token(db: &DatabaseConnection, citizen_id: Option<&str>) -> ActivationToken {
    let request = IssueToken {
        unit_code: "DOPA-BORA".to_owned(),
        role: Role::Agency,
        citizen_id: citizen_id.map(citizen),
        intended_name: None,
        reference: None,
        lifetime: activation::DEFAULT_LIFETIME,
    };
    activation::issue(db, Issuer::CommandLine, request, &key(), t0()).await.expect("token issued").token
}

#[tokio::test]
async fn g10_four_failures_still_allow_a_try_and_the_fifth_in_fifteen_minutes_imposes_a_wait() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let db = &test.db;
        for minute in 0..5 {
            fail(db, "sub-guess", ATTACKER_IP, t0() + Duration::minutes(minute)).await;
        }
        let now = t0() + Duration::minutes(5);
        let (limit, wait) = limited(try_at(db, "sub-guess", ATTACKER_IP, now).await);
        assert_eq!(limit, Limit::Subject, "{backend}");
        assert_eq!(wait, Duration::minutes(10), "{backend}: until the first failure is 15 minutes old");
        assert_eq!(limited(try_at(db, "sub-guess", "192.0.2.1", now).await), (limit, wait), "{backend}: new address");
        let end = now + wait;
        let last_second = limited(try_at(db, "sub-guess", ATTACKER_IP, end - Duration::seconds(1)).await);
        assert_eq!(last_second, (Limit::Subject, Duration::seconds(1)), "{backend}");
        admitted(try_at(db, "sub-guess", ATTACKER_IP, end).await);
        assert_eq!(failures(db).await, 6, "{backend}: the limited tries were not recorded");
        test.close().await;
    }
}

#[tokio::test]
async fn g12_a_subject_over_its_limit_does_not_lock_out_the_rightful_owner() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let db = &test.db;
        let mut refused = 0;
        for minute in 0..10 {
            if let Reservation::Limited { .. } =
                try_at(db, "sub-guess", ATTACKER_IP, t0() + Duration::minutes(minute)).await
            {
                refused += 1;
            }
        }
        assert_eq!(refused, 5, "{backend}: the guesser is limited after five");
        let now = t0() + Duration::minutes(10);
        admitted(try_at(db, "sub-owner", OWNER_IP, now).await);
        admitted(try_at(db, "sub-owner", ATTACKER_IP, now).await);
        test.close().await;
    }
}

#[tokio::test]
async fn g11_twenty_failures_from_one_address_across_many_subjects_limit_that_address() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let db = &test.db;
        for n in 0..20 {
            fail(db, &format!("sub-{n:02}"), ATTACKER_IP, t0() + Duration::minutes(n)).await;
        }
        let now = t0() + Duration::minutes(20);
        let (limit, wait) = limited(try_at(db, "sub-fresh", ATTACKER_IP, now).await);
        assert_eq!(limit, Limit::Address, "{backend}");
        assert_eq!(wait, Duration::minutes(40), "{backend}: until the first failure is an hour old");
        admitted(try_at(db, "sub-fresh", OWNER_IP, now).await);
        test.close().await;
    }
}

#[tokio::test]
async fn g10_failures_older_than_the_window_and_successes_do_not_count() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let db = &test.db;
        for minute in 0..5 {
            fail(db, "sub-old", ATTACKER_IP, t0() - Duration::minutes(20 + minute)).await;
        }
        admitted(try_at(db, "sub-old", OWNER_IP, t0()).await);
        for n in 0..25 {
            let at = t0() - Duration::minutes(1);
            fail(db, &format!("sub-ok-{n}"), ATTACKER_IP, at).await.succeeded(db).await.expect("marked");
            fail(db, "sub-mixed", OWNER_IP, at).await.succeeded(db).await.expect("marked");
        }
        for minute in 1..5 {
            fail(db, "sub-mixed", OWNER_IP, t0() - Duration::minutes(minute)).await;
        }
        admitted(try_at(db, "sub-mixed", OWNER_IP, t0()).await);
        admitted(try_at(db, "sub-any", ATTACKER_IP, t0()).await);
        let (limit, _) = limited(try_at(db, "sub-mixed", OWNER_IP, t0()).await);
        assert_eq!(limit, Limit::Subject, "{backend}: 25 successes and 5 failures: the fifth failure counts");
        test.close().await;
    }
}

#[tokio::test]
async fn g11_failures_spread_over_many_subjects_and_addresses_trip_the_overall_breaker_for_everyone() {
    let limits = AttemptLimits { overall: 12, ..AttemptLimits::default() };
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let db = &test.db;
        let token = ActivationToken::generate();
        // Each guesser stays under their own limits: two failures per subject, three per address.
        for n in 0..11 {
            let who = identity(&format!("sub-spread-{}", n / 2), None);
            admitted(reserve_with(db, limits, &who, &format!("203.0.113.{}", n / 3), &token, t0()).await);
        }
        let now = t0() + Duration::minutes(1);
        let open = |at| activation::breaker_open(db, limits, at);
        assert!(!open(now).await.expect("read"), "{backend}: 11 failures of 12");
        let newcomer = |n: usize| identity(&format!("sub-newcomer-{n}"), None);
        admitted(reserve_with(db, limits, &newcomer(1), OWNER_IP, &token, now).await);
        assert!(open(now).await.expect("read"), "{backend}: the operators' gauge sees it open");
        let (limit, wait) = limited(reserve_with(db, limits, &newcomer(2), OWNER_IP, &token, now).await);
        assert_eq!(limit, Limit::Breaker, "{backend}: open for everyone");
        assert_eq!(wait, Duration::minutes(14), "{backend}: until the oldest failure leaves the 15 minutes");
        let later = t0() + Duration::minutes(16);
        assert!(!open(later).await.expect("read"), "{backend}: closed once the failures leave the window");
        admitted(reserve_with(db, limits, &newcomer(2), OWNER_IP, &token, later).await);
        test.close().await;
    }
}

/// A database for the concurrency cases, with the pools that share it as server instances would.
struct Shared {
    backend: String,
    pools: Vec<DatabaseConnection>,
    test: Option<TestDatabase>,
    file: Option<PathBuf>,
}

impl Shared {
    /// Each backend's test database (one pool of several connections), and an SQLite file opened by two pools.
    async fn all() -> Vec<Self> {
        let mut all: Vec<Self> = TestDatabase::all()
            .await
            .into_iter()
            .map(|test| Self {
                backend: test.backend().to_owned(),
                pools: vec![test.db.clone()],
                test: Some(test),
                file: None,
            })
            .collect();
        let nanos = Utc::now().timestamp_nanos_opt().unwrap_or_default();
        let file = std::env::temp_dir().join(format!("info-attempts-{}-{nanos}.db", std::process::id()));
        let url = DatabaseUrl::new(format!("sqlite://{}?mode=rwc", file.display()));
        let first = database::connect(&url).await.expect("the SQLite file opens");
        database::migrate(&first).await.expect("migrations apply");
        let second = database::connect(&url).await.expect("a second pool opens the same file");
        all.push(Self {
            backend: "SQLite file, two pools".to_owned(),
            pools: vec![first, second],
            test: None,
            file: Some(file),
        });
        all
    }

    async fn close(self) {
        for pool in self.pools {
            let _ = pool.close().await;
        }
        if let Some(test) = self.test {
            test.close().await;
        }
        if let Some(file) = self.file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
            }
        }
    }
}

/// Awaits every future, concurrently.
async fn futures_join_all<F: std::future::Future<Output = Result<(), sea_orm::DbErr>> + Send + 'static>(
    futures: impl Iterator<Item = F>,
) {
    let mut tasks = tokio::task::JoinSet::new();
    for future in futures {
        tasks.spawn(future);
    }
    while let Some(joined) = tasks.join_next().await {
        joined.expect("the task ran").expect("the database answers");
    }
}

/// Sends 40 tries at once, by `subject(n)` from `address(n)`, each with a Token nobody issued, spread over `pools`;
/// returns how many were evaluated (redeemed and refused as unknown) and how many were limited, by which limit.
async fn burst(
    pools: &[DatabaseConnection],
    subject: impl Fn(usize) -> String,
    address: impl Fn(usize) -> String,
) -> (usize, Vec<Limit>) {
    // Every pool's connections open first, and every try waits at the gate: they reach the database together.
    let warm_up = pools.iter().flat_map(|pool| {
        (0..8).map(move |_| {
            let pool = pool.clone();
            async move { pool.ping().await }
        })
    });
    futures_join_all(warm_up).await;
    let gate = std::sync::Arc::new(tokio::sync::Barrier::new(40));
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..40 {
        let db = pools[n % pools.len()].clone();
        let (who, ip, gate) = (identity(&subject(n), None), address(n), gate.clone());
        tasks.spawn(async move {
            let token = ActivationToken::generate();
            gate.wait().await;
            let policy = AssurancePolicy::default();
            let caller = Caller { identity: &who, policy: &policy, client_ip: &ip };
            match activation::reserve(&db, AttemptLimits::default(), &caller, &token, t0()).await.expect("reserve") {
                Reservation::Admitted(_) => {
                    let refused = activation::redeem(&db, &token, &who, t0()).await;
                    assert!(matches!(refused, Err(RedeemError::Refused { .. })), "{refused:?}");
                    Ok(())
                }
                Reservation::Limited { limit, .. } => Err(limit),
            }
        });
    }
    let (mut evaluated, mut limits) = (0, Vec::new());
    while let Some(joined) = tasks.join_next().await {
        match joined.expect("the task ran") {
            Ok(()) => evaluated += 1,
            Err(limit) => limits.push(limit),
        }
    }
    (evaluated, limits)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn j5_forty_concurrent_wrong_tokens_from_one_subject_are_evaluated_exactly_five_times() {
    for shared in Shared::all().await {
        let (backend, pools) = (&shared.backend, &shared.pools);
        let (evaluated, limits) = burst(pools, |_| "sub-burst".to_owned(), |_| ATTACKER_IP.to_owned()).await;
        assert_eq!(evaluated, 5, "{backend}: evaluated");
        assert_eq!(limits.len(), 35, "{backend}: limited");
        assert!(limits.iter().all(|limit| *limit == Limit::Subject), "{backend}: {limits:?}");
        assert_eq!(failures(&pools[0]).await, 5, "{backend}: five tries recorded");
        assert_eq!(refused_tokens(&pools[0]).await, 5, "{backend}: five Tokens looked up and refused");
        shared.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn j5_forty_concurrent_wrong_tokens_from_one_address_are_evaluated_exactly_twenty_times() {
    for shared in Shared::all().await {
        let (backend, pools) = (&shared.backend, &shared.pools);
        let (evaluated, limits) = burst(pools, |n| format!("sub-crowd-{n:02}"), |_| ATTACKER_IP.to_owned()).await;
        assert_eq!(evaluated, 20, "{backend}: evaluated");
        assert_eq!(limits.len(), 20, "{backend}: limited");
        assert!(limits.iter().all(|limit| *limit == Limit::Address), "{backend}: {limits:?}");
        assert_eq!(failures(&pools[0]).await, 20, "{backend}: twenty tries recorded");
        shared.close().await;
    }
}

#[tokio::test]
async fn j6_the_rightful_officer_with_a_valid_token_bound_to_their_proven_citizen_id_is_not_refused_after_twenty_failures_by_others_at_their_address()
 {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let db = &test.db;
        tree(db).await;
        let token = bound_token(db, Some(OWNER_CITIZEN_ID)).await;
        let unbound = bound_token(db, None).await;
        for n in 0..20 {
            fail(db, &format!("sub-colleague-{n:02}"), ATTACKER_IP, t0()).await;
        }
        let now = t0() + Duration::minutes(1);
        let limits = AttemptLimits::default();
        let owner = identity("sub-owner", Some(OWNER_CITIZEN_ID));

        // Nobody else gets past the address limit with this exception, whatever they hold.
        let impostor = unproofed("sub-impostor", Some(OWNER_CITIZEN_ID));
        let other_person = identity("sub-other", Some("3100000000004"));
        let cases = [
            (&impostor, &token, "an unproofed account that typed the owner's citizen ID"),
            (&other_person, &token, "a proofed account with another citizen ID"),
            (&owner, &ActivationToken::generate(), "the owner with a Token nobody issued"),
            (&owner, &unbound, "the owner with a valid Token bound to nobody"),
            (&other_person, &unbound, "someone with a valid Token bound to nobody"),
        ];
        for (who, token, case) in cases {
            let (limit, _) = limited(reserve_with(db, limits, who, ATTACKER_IP, token, now).await);
            assert_eq!(limit, Limit::Address, "{backend}: {case}");
        }

        let attempt = admitted(reserve_with(db, limits, &owner, ATTACKER_IP, &token, now).await);
        assert!(attempt.rightful_officer(), "{backend}: admitted as the Token's rightful officer");
        let officer = activation::redeem(db, &token, &owner, now).await.expect("the Token redeems");
        attempt.succeeded(db).await.expect("marked");
        assert_eq!(officer.subject.as_deref(), Some("sub-owner"), "{backend}");
        assert_eq!(failures(db).await, 20, "{backend}: the owner's try is no failure");
        let (limit, _) = limited(try_at(db, "sub-colleague-20", ATTACKER_IP, now).await);
        assert_eq!(limit, Limit::Address, "{backend}: the address is still limited for everyone else");
        test.close().await;
    }
}

#[tokio::test]
async fn j6_the_rightful_officer_is_not_refused_while_the_breaker_is_open_but_their_own_failures_still_count() {
    let limits = AttemptLimits { overall: 12, ..AttemptLimits::default() };
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let db = &test.db;
        tree(db).await;
        let token = bound_token(db, Some(OWNER_CITIZEN_ID)).await;
        let guess = ActivationToken::generate();
        for n in 0..12 {
            let who = identity(&format!("sub-spread-{}", n / 2), None);
            admitted(reserve_with(db, limits, &who, &format!("192.0.2.{n}"), &guess, t0()).await);
        }
        let owner = identity("sub-owner", Some(OWNER_CITIZEN_ID));
        let (limit, _) = limited(reserve_with(db, limits, &owner, OWNER_IP, &guess, t0()).await);
        assert_eq!(limit, Limit::Breaker, "{backend}: open, and the owner's guess is refused like anyone's");
        let attempt = admitted(reserve_with(db, limits, &owner, OWNER_IP, &token, t0()).await);
        assert!(attempt.rightful_officer(), "{backend}");

        // The exception passes the address limit and the breaker, never the owner's own subject limit.
        let careless = identity("sub-careless", Some(OWNER_CITIZEN_ID));
        let open = AttemptLimits::default();
        for minute in 0..5 {
            let at = t0() + Duration::minutes(minute);
            admitted(reserve_with(db, open, &careless, OWNER_IP, &ActivationToken::generate(), at).await);
        }
        let now = t0() + Duration::minutes(5);
        let (limit, _) = limited(reserve_with(db, open, &careless, OWNER_IP, &token, now).await);
        assert_eq!(limit, Limit::Subject, "{backend}: five failures of their own");
        test.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn j6_one_subjects_burst_cannot_trip_the_breaker() {
    // A breaker just above one subject's limit: one subject alone must still not open it.
    let limits = AttemptLimits { overall: 6, ..AttemptLimits::default() };
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let db = &test.db;
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..40 {
            let db = db.clone();
            tasks.spawn(async move {
                let who = identity("sub-burst", None);
                matches!(
                    reserve_with(&db, limits, &who, ATTACKER_IP, &ActivationToken::generate(), t0()).await,
                    Reservation::Admitted(_)
                )
            });
        }
        let mut evaluated = 0;
        while let Some(joined) = tasks.join_next().await {
            evaluated += usize::from(joined.expect("the task ran"));
        }
        assert_eq!(evaluated, 5, "{backend}");
        admitted(
            reserve_with(db, limits, &identity("sub-newcomer", None), OWNER_IP, &ActivationToken::generate(), t0())
                .await,
        );

        // Even when the breaker's window is longer than the subject's, one subject counts with five failures at most.
        let short = AttemptLimits { subject_window: Duration::minutes(5), overall: 8, ..AttemptLimits::default() };
        let patient = identity("sub-patient", None);
        for round in 0..3 {
            for second in 0..5 {
                let at = t0() + Duration::minutes(30 + 6 * round) + Duration::seconds(second);
                admitted(reserve_with(db, short, &patient, "192.0.2.50", &ActivationToken::generate(), at).await);
            }
        }
        let now = t0() + Duration::minutes(43);
        let newcomer = identity("sub-newcomer-2", None);
        admitted(reserve_with(db, short, &newcomer, OWNER_IP, &ActivationToken::generate(), now).await);
        test.close().await;
    }
}
