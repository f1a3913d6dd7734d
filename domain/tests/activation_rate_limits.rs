//! The rate limits on redeeming activation tokens — failures counted per Digital ID subject and per address, over
//! sliding windows, successes not at all — against the real migrations, on SQLite and (with `TEST_DATABASE_URL`)
//! PostgreSQL.

mod support {
    pub mod clock;
}

use chrono::{DateTime, Duration, Utc};
use domain::activation::{self, AttemptLimits};
use domain::testing::TestDatabase;
use sea_orm::DatabaseConnection;
use support::clock::t0;

const ATTACKER_IP: &str = "203.0.113.7";
const OWNER_IP: &str = "198.51.100.20";

async fn fail(db: &DatabaseConnection, subject: &str, ip: &str, at: DateTime<Utc>) {
    activation::record_attempt(db, subject, ip, false, at).await.expect("attempt recorded");
}

async fn wait(db: &DatabaseConnection, subject: &str, ip: &str, now: DateTime<Utc>) -> Option<Duration> {
    activation::retry_after(db, AttemptLimits::default(), subject, ip, now).await.expect("limits read")
}

#[tokio::test]
async fn g10_four_failures_still_allow_a_try_and_the_fifth_in_fifteen_minutes_imposes_a_wait() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let db = &test.db;
        for minute in 0..4 {
            fail(db, "sub-guess", ATTACKER_IP, t0() + Duration::minutes(minute)).await;
        }
        let now = t0() + Duration::minutes(5);
        assert_eq!(wait(db, "sub-guess", ATTACKER_IP, now).await, None, "{backend}: 4 failures");
        fail(db, "sub-guess", ATTACKER_IP, t0() + Duration::minutes(4)).await;
        let limited = wait(db, "sub-guess", ATTACKER_IP, now).await.expect("limited after 5 failures");
        assert!(limited > Duration::zero() && limited <= Duration::minutes(15), "{backend}: {limited}");
        assert_eq!(limited, Duration::minutes(10), "{backend}: until the first failure is 15 minutes old");
        assert_eq!(wait(db, "sub-guess", "192.0.2.1", now).await, Some(limited), "{backend}: a new address too");
        let end = now + limited;
        assert_eq!(wait(db, "sub-guess", ATTACKER_IP, end - Duration::seconds(1)).await, Some(Duration::seconds(1)));
        assert_eq!(wait(db, "sub-guess", ATTACKER_IP, end).await, None, "{backend}: the wait is over");
        test.close().await;
    }
}

#[tokio::test]
async fn g12_a_subject_over_its_limit_does_not_lock_out_the_rightful_owner() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let db = &test.db;
        for minute in 0..10 {
            fail(db, "sub-guess", ATTACKER_IP, t0() + Duration::minutes(minute)).await;
        }
        let now = t0() + Duration::minutes(10);
        assert!(wait(db, "sub-guess", ATTACKER_IP, now).await.is_some(), "{backend}: the guesser is limited");
        assert_eq!(wait(db, "sub-owner", OWNER_IP, now).await, None, "{backend}: the owner from elsewhere");
        assert_eq!(wait(db, "sub-owner", ATTACKER_IP, now).await, None, "{backend}: even from the same address");
        test.close().await;
    }
}

#[tokio::test]
async fn g11_twenty_failures_from_one_address_across_many_subjects_limit_that_address() {
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let db = &test.db;
        for n in 0..19 {
            fail(db, &format!("sub-{n:02}"), ATTACKER_IP, t0() + Duration::minutes(n)).await;
        }
        let now = t0() + Duration::minutes(20);
        assert_eq!(wait(db, "sub-fresh", ATTACKER_IP, now).await, None, "{backend}: 19 failures");
        fail(db, "sub-19", ATTACKER_IP, t0() + Duration::minutes(19)).await;
        let limited = wait(db, "sub-fresh", ATTACKER_IP, now).await.expect("the address is limited after 20");
        assert!(limited > Duration::zero() && limited <= Duration::hours(1), "{backend}: {limited}");
        assert_eq!(limited, Duration::minutes(40), "{backend}: until the first failure is an hour old");
        assert_eq!(wait(db, "sub-fresh", OWNER_IP, now).await, None, "{backend}: other addresses are not");
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
        assert_eq!(wait(db, "sub-old", OWNER_IP, t0()).await, None, "{backend}: failures 20–24 minutes ago");
        for n in 0..25 {
            let at = t0() - Duration::minutes(1);
            activation::record_attempt(db, &format!("sub-ok-{n}"), ATTACKER_IP, true, at).await.expect("recorded");
            activation::record_attempt(db, "sub-mixed", OWNER_IP, true, at).await.expect("recorded");
        }
        for minute in 1..5 {
            fail(db, "sub-mixed", OWNER_IP, t0() - Duration::minutes(minute)).await;
        }
        assert_eq!(wait(db, "sub-mixed", OWNER_IP, t0()).await, None, "{backend}: 25 successes and 4 failures");
        assert_eq!(wait(db, "sub-any", ATTACKER_IP, t0()).await, None, "{backend}: 25 successes from one address");
        fail(db, "sub-mixed", OWNER_IP, t0()).await;
        assert!(wait(db, "sub-mixed", OWNER_IP, t0()).await.is_some(), "{backend}: the fifth failure counts");
        test.close().await;
    }
}

#[tokio::test]
async fn g11_failures_spread_over_many_subjects_and_addresses_trip_the_overall_breaker_for_everyone() {
    let limits = AttemptLimits { overall: 12, ..AttemptLimits::default() };
    for test in TestDatabase::all().await {
        let backend = test.backend();
        let db = &test.db;
        // Each guesser stays under their own limits: two failures per subject, three per address.
        for n in 0..11 {
            fail(db, &format!("sub-spread-{}", n / 2), &format!("203.0.113.{}", n / 3), t0()).await;
        }
        let now = t0() + Duration::minutes(1);
        let newcomer = || activation::retry_after(db, limits, "sub-newcomer", OWNER_IP, now);
        assert_eq!(newcomer().await.expect("limits read"), None, "{backend}: 11 failures in all");
        fail(db, "sub-spread-last", "203.0.113.99", t0()).await;
        let wait = newcomer().await.expect("limits read").expect("the breaker is open for everyone");
        assert_eq!(wait, Duration::minutes(14), "{backend}: until the oldest failure leaves the 15 minutes");
        let later = activation::retry_after(db, limits, "sub-newcomer", OWNER_IP, t0() + Duration::minutes(16));
        assert_eq!(later.await.expect("limits read"), None, "{backend}: closed again");
    }
}
