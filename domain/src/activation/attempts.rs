//! The guessing limits on redeeming activation Tokens: every try is *reserved* before its Token is evaluated, in
//! one atomic step that decides on the caller's recent failures and records the try, so a burst of concurrent tries
//! — from any number of server instances sharing the database — is evaluated exactly as often as the limits allow.
//!
//! Three limits count failures over sliding windows ([`AttemptLimits`]): per Digital ID subject, per client
//! address, and from everyone together (the breaker). Limits are on the caller, never on the target Token or
//! officer, so someone guessing cannot lock the rightful owner out (ASVS 6.1.1). A caller over a limit is refused
//! even with a valid Token, so a limit cannot be used to test Tokens — with one exception: the *rightful officer*,
//! presenting a valid Token bound to the citizen ID Digital ID vouches for in their own account, is never refused
//! because of the address limit or the breaker (behind a ministry's proxy or NAT, everyone shares one address). Their
//! own per-subject limit still applies. Nobody else can use the exception: it admits only a Token that would redeem
//! for the caller's own proven citizen ID.
//!
//! How the step is atomic: one transaction serialises all reservations, inserts the try as a failure, counts the
//! failures before it, and commits (admitted) or rolls back (limited: nothing recorded).
//! - PostgreSQL: `pg_advisory_xact_lock` on one key for every reservation. Tries are rare (an officer's first day), so
//!   one queue costs nothing and makes every count exact, the breaker's included; under READ COMMITTED each count
//!   after the lock sees every reservation committed before it.
//! - SQLite: the transaction begins `IMMEDIATE`, taking the database's single write lock (waiting for it up to the
//!   busy timeout) before anything is counted — and its first statement is the `INSERT` anyway, which takes that
//!   lock even when the caller's connection is already inside a transaction (a savepoint has no mode). sea-orm
//!   begins SQLite transactions `DEFERRED` by default: one that counted first could count, then lose the race.
//!
//! A reserved try stays a failure unless [`ReservedAttempt::succeeded`] marks it (or [`ReservedAttempt::release`]
//! withdraws it), so a try whose evaluation breaks off counts against its caller (fail closed).

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Select, Set, SqliteTransactionMode, Statement, TransactionOptions, TransactionSession,
    TransactionTrait,
};

use super::ActivationToken;
use crate::assurance::AssurancePolicy;
use crate::entities::{activation_attempt, activation_token};
use crate::officers::DigitalIdIdentity;

/// How many failed tries are allowed, and over what window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttemptLimits {
    /// Failures allowed per Digital ID subject within [`AttemptLimits::subject_window`].
    pub per_subject: u64,
    /// The window of the per-subject limit.
    pub subject_window: Duration,
    /// Failures allowed per client address within [`AttemptLimits::ip_window`].
    pub per_ip: u64,
    /// The window of the per-address limit.
    pub ip_window: Duration,
    /// Failures allowed from everyone together within [`AttemptLimits::overall_window`]: the breaker against
    /// guessing spread over many accounts and addresses. When it trips, every activation waits (but the rightful
    /// officer's) and an alert is logged (`activation_breaker_open`). Each subject counts with at most
    /// [`AttemptLimits::per_subject`] failures, so no single subject trips it; keep it above
    /// [`AttemptLimits::per_ip`] too, so no single address does.
    pub overall: u64,
    /// The window of the overall limit.
    pub overall_window: Duration,
}

impl Default for AttemptLimits {
    /// 5 failures per subject in 15 minutes; 20 per address in an hour (security.md §3e); 200 from everyone in 15
    /// minutes — a mass onboarding with one typo in ten stays far below it (docs/OPERATIONS.md).
    fn default() -> Self {
        Self {
            per_subject: 5,
            subject_window: Duration::minutes(15),
            per_ip: 20,
            ip_window: Duration::hours(1),
            overall: 200,
            overall_window: Duration::minutes(15),
        }
    }
}

/// Who is trying to redeem a Token, and from where.
#[derive(Clone, Copy, Debug)]
pub struct Caller<'a> {
    /// The person signed in at Digital ID: their subject is limited, and their citizen ID — when Digital ID vouches
    /// for it — may make them a Token's rightful officer.
    pub identity: &'a DigitalIdIdentity,
    /// Decides whether Digital ID vouches for the citizen ID (and for the Token's role).
    pub policy: &'a AssurancePolicy,
    /// The client address (the server's `auth::origin`: the socket peer, or `X-Forwarded-For` through a trusted
    /// proxy).
    pub client_ip: &'a str,
}

/// The limit that refused a try.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// The caller's own Digital ID subject has failed too often.
    Subject,
    /// Too many failures from the caller's address.
    Address,
    /// Too many failures from everyone together.
    Breaker,
}

impl Limit {
    /// A stable code for logs.
    pub fn code(self) -> &'static str {
        match self {
            Self::Subject => "subject",
            Self::Address => "address",
            Self::Breaker => "breaker",
        }
    }
}

/// The answer to [`reserve`].
#[must_use = "an admitted try must be marked when its Token redeems"]
#[derive(Debug)]
pub enum Reservation {
    /// The try is recorded, as a failure, and its Token may now be evaluated; mark it with
    /// [`ReservedAttempt::succeeded`] if the Token redeems.
    Admitted(ReservedAttempt),
    /// Refused before the Token was evaluated; nothing was recorded.
    Limited {
        /// The limit that refused it (the longest wait when several did).
        limit: Limit,
        /// How long until a try would be admitted.
        wait: Duration,
    },
}

/// A try recorded by [`reserve`], still counted as a failure.
#[derive(Debug)]
pub struct ReservedAttempt {
    id: i64,
    rightful_officer: bool,
}

impl ReservedAttempt {
    /// Whether it was admitted only as the rightful officer's, past the address limit or the breaker.
    pub fn rightful_officer(&self) -> bool {
        self.rightful_officer
    }

    /// The Token was real and meant for the caller, but was refused for something they can mend (Digital ID's
    /// assurance below the Token's): this try was no guess and no longer counts. Safe to offer because only a valid
    /// Token is refused that way — it tells a guesser nothing they could count on.
    pub async fn release(self, db: &impl ConnectionTrait) -> Result<(), DbErr> {
        activation_attempt::Entity::delete_by_id(self.id).exec(db).await?;
        Ok(())
    }

    /// The Token redeemed: this try is no failure.
    pub async fn succeeded(self, db: &impl ConnectionTrait) -> Result<(), DbErr> {
        activation_attempt::Entity::update_many()
            .col_expr(activation_attempt::Column::Succeeded, Expr::value(true))
            .filter(activation_attempt::Column::Id.eq(self.id))
            .exec(db)
            .await?;
        Ok(())
    }
}

/// Reserves a try at redeeming `token` for `caller`, atomically (see the module's documentation): admitted when the
/// caller's subject, their address and everyone together are under their limits — or, past the address limit or
/// the breaker, when `token` is a valid Token bound to the caller's own proven citizen ID; limited otherwise.
pub async fn reserve<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    limits: AttemptLimits,
    caller: &Caller<'_>,
    token: &ActivationToken,
    now: DateTime<Utc>,
) -> Result<Reservation, DbErr> {
    let subject = caller.identity.subject.as_str();
    let client_ip = stored_ip(caller.client_ip);
    let immediate =
        TransactionOptions { sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate), ..Default::default() };
    let txn = db.begin_with_options(immediate).await?;
    serialise_reservations(&txn).await?;
    let id = activation_attempt::ActiveModel {
        subject: Set(subject.to_owned()),
        client_ip: Set(client_ip.clone()),
        succeeded: Set(false),
        attempted_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?
    .id;
    // From here on, the failures that count are the others' (this try is one only once admitted).
    let earlier = || {
        activation_attempt::Entity::find()
            .filter(activation_attempt::Column::Succeeded.eq(false))
            .filter(activation_attempt::Column::Id.ne(id))
    };

    let by_subject = earlier().filter(activation_attempt::Column::Subject.eq(subject));
    if let Some(wait) = wait_over(&txn, by_subject, limits.per_subject, limits.subject_window, now).await? {
        txn.rollback().await?;
        return Ok(Reservation::Limited { limit: Limit::Subject, wait });
    }
    let mut refusal: Option<(Limit, Duration)> = None;
    let by_address = earlier().filter(activation_attempt::Column::ClientIp.eq(client_ip.as_str()));
    if let Some(wait) = wait_over(&txn, by_address, limits.per_ip, limits.ip_window, now).await? {
        refusal = Some((Limit::Address, wait));
    }
    if let Some(wait) = breaker_wait(&txn, earlier(), limits, now).await? {
        refusal = Some(match refusal {
            Some((limit, other)) if other >= wait => (limit, other),
            _ => (Limit::Breaker, wait),
        });
    }
    let rightful_officer = match refusal {
        Some(_) => is_rightful_officer(&txn, caller, token, now).await?,
        None => false,
    };
    match refusal {
        Some((limit, wait)) if !rightful_officer => {
            txn.rollback().await?;
            Ok(Reservation::Limited { limit, wait })
        }
        _ => {
            txn.commit().await?;
            Ok(Reservation::Admitted(ReservedAttempt { id, rightful_officer }))
        }
    }
}

/// A key of PostgreSQL's advisory locks that only reservations take ("Activate" in ASCII).
const RESERVATION_LOCK: i64 = 0x4163_7469_7661_7465;

/// Makes this transaction the only reservation deciding until it ends. PostgreSQL: the advisory lock, released at
/// commit or rollback. SQLite: nothing more — `BEGIN IMMEDIATE` and the `INSERT` that follows hold the write lock,
/// which only one transaction has at a time.
async fn serialise_reservations(txn: &impl ConnectionTrait) -> Result<(), DbErr> {
    if txn.get_database_backend() == DbBackend::Postgres {
        let lock = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [RESERVATION_LOCK.into()],
        );
        txn.execute_raw(lock).await?;
    }
    Ok(())
}

/// `Some(wait)` when `failures` has `limit` or more within `window` before `now`.
async fn wait_over(
    db: &impl ConnectionTrait,
    failures: Select<activation_attempt::Entity>,
    limit: u64,
    window: Duration,
    now: DateTime<Utc>,
) -> Result<Option<Duration>, DbErr> {
    let failures = failures.filter(activation_attempt::Column::AttemptedAt.gt(now - window));
    let count = failures.clone().count(db).await?;
    if count < limit {
        return Ok(None);
    }
    // Another try is allowed once all but `limit - 1` of the failures have left the window.
    let oldest_counted =
        failures.order_by_asc(activation_attempt::Column::AttemptedAt).offset(count - limit).one(db).await?;
    let until = oldest_counted.map_or(now + window, |attempt| attempt.attempted_at + window);
    Ok(Some(at_least_a_second(until - now)))
}

/// `Some(wait)` when the breaker is open: `failures` within the window, each subject counted with at most
/// [`AttemptLimits::per_subject`] of them (so one subject's burst cannot open it), reach [`AttemptLimits::overall`].
async fn breaker_wait(
    db: &impl ConnectionTrait,
    failures: Select<activation_attempt::Entity>,
    limits: AttemptLimits,
    now: DateTime<Utc>,
) -> Result<Option<Duration>, DbErr> {
    let failures = failures.filter(activation_attempt::Column::AttemptedAt.gt(now - limits.overall_window));
    let counted = breaker_count(db, failures.clone(), limits).await?;
    if counted < limits.overall {
        return Ok(None);
    }
    tracing::error!(
        event = "activation_breaker_open",
        failures = counted,
        "too many wrong activation Tokens from everyone together: every activation waits"
    );
    // Checked again once the oldest failure leaves the window.
    let oldest = failures.order_by_asc(activation_attempt::Column::AttemptedAt).one(db).await?;
    let until = oldest.map_or(now + limits.overall_window, |attempt| attempt.attempted_at + limits.overall_window);
    Ok(Some(at_least_a_second(until - now)))
}

/// The failures the breaker counts among `failures` (already cut to its window): each subject's, up to
/// [`AttemptLimits::per_subject`].
async fn breaker_count(
    db: &impl ConnectionTrait,
    failures: Select<activation_attempt::Entity>,
    limits: AttemptLimits,
) -> Result<u64, DbErr> {
    let per_subject: Vec<i64> = failures
        .select_only()
        .column_as(Expr::col(activation_attempt::Column::Id).count(), "failures")
        .group_by(activation_attempt::Column::Subject)
        .into_tuple()
        .all(db)
        .await?;
    Ok(per_subject.iter().map(|&n| Ord::min(u64::try_from(n).unwrap_or(0), limits.per_subject)).sum())
}

/// Whether the breaker is open at `now`: whether [`reserve`] would refuse a try by anyone but a rightful officer
/// because of it, counted the same way. Only reads (nothing is reserved, no alert is logged): for the operators'
/// gauge, asked at every scrape.
pub async fn breaker_open(db: &impl ConnectionTrait, limits: AttemptLimits, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let failures = activation_attempt::Entity::find()
        .filter(activation_attempt::Column::Succeeded.eq(false))
        .filter(activation_attempt::Column::AttemptedAt.gt(now - limits.overall_window));
    Ok(breaker_count(db, failures, limits).await? >= limits.overall)
}

fn at_least_a_second(wait: Duration) -> Duration {
    wait.max(Duration::seconds(1))
}

/// Whether `token` would redeem for the caller as a Token bound to their own person: valid (unused, unrevoked,
/// unexpired), bound to the citizen ID Digital ID vouches for in the caller's account, for a role their assurance
/// admits. Only then may a try pass the address limit and the breaker; someone else's Token, an unbound one, or an
/// unproofed account's citizen ID never does.
async fn is_rightful_officer(
    db: &impl ConnectionTrait,
    caller: &Caller<'_>,
    token: &ActivationToken,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let Some(proven) = caller.identity.proven_citizen_id_hash(caller.policy) else {
        return Ok(false);
    };
    let bound = activation_token::Entity::find()
        .filter(activation_token::Column::TokenHash.eq(token.hash()))
        .filter(activation_token::Column::CitizenIdHash.eq(proven))
        .filter(activation_token::Column::UsedAt.is_null())
        .filter(activation_token::Column::RevokedAt.is_null())
        .filter(activation_token::Column::ExpiresAt.gt(now))
        .one(db)
        .await?;
    Ok(bound.is_some_and(|row| caller.policy.admits(row.role, &caller.identity.assurance, true).is_ok()))
}

/// The address as stored (the column holds 64 characters), so counting and recording agree.
fn stored_ip(client_ip: &str) -> String {
    client_ip.chars().take(64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_breaker_needs_more_than_one_subject_and_more_than_one_address() {
        let limits = AttemptLimits::default();
        assert!(limits.overall > limits.per_subject, "one subject's burst cannot open it");
        assert!(limits.overall > limits.per_ip, "one address's failures cannot open it");
        assert!(limits.overall_window <= limits.ip_window, "an address's failures are capped over the whole window");
    }

    #[test]
    fn a_long_address_is_stored_and_counted_cut_to_the_column() {
        let long = "f".repeat(100);
        assert_eq!(stored_ip(&long).len(), 64);
        assert_eq!(stored_ip("2001:db8::1"), "2001:db8::1");
    }
}
