//! Housekeeping: deleting what has expired — sessions past their timeouts, logins in progress past their lifetime,
//! flashes nobody read, activation tries older than any limit's window — and, when a retention is configured, audit
//! entries older than it.
//!
//! Every server instance runs a sweep now and then; on PostgreSQL a sweep first takes a transaction-scoped advisory
//! lock *without waiting* (`pg_try_advisory_xact_lock`), so when several instances share the database one sweeps and
//! the others skip that round ([`sweep`] answers `None`). On SQLite (one instance by design) the sweep's transaction
//! takes the database's write lock like any other.
//!
//! The audit log is append-only in the database itself; the trigger lets a row go only once it is older than
//! [`AUDIT_RETENTION_FLOOR_DAYS`], so no configuration — and no compromised server — can shorten the log below it.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, Statement, TransactionSession,
    TransactionTrait,
};

use crate::activation::AttemptLimits;
use crate::entities::{activation_attempt, audit_event, login_transaction};
use crate::sessions::SessionPolicy;

/// The youngest audit entry that may ever be deleted, in days; the database's trigger enforces it.
pub const AUDIT_RETENTION_FLOOR_DAYS: u32 = 365;

/// The advisory-lock key of the sweep (PostgreSQL): unique among this database's advisory locks.
pub const SWEEP_LOCK_KEY: i64 = 0x11F0_5EEB;

/// What a sweep keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retention {
    /// Sessions end on these timeouts.
    pub sessions: SessionPolicy,
    /// Activation tries are counted over these windows; a try outside all of them counts for nothing.
    pub attempts: AttemptLimits,
    /// Audit entries older than this many days go; `None` keeps them all. Values below
    /// [`AUDIT_RETENTION_FLOOR_DAYS`] are raised to it.
    pub audit_days: Option<u32>,
}

/// How many rows a sweep deleted, per kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Swept {
    /// Sessions past their idle or absolute timeout.
    pub sessions: u64,
    /// Logins in progress past their lifetime.
    pub login_transactions: u64,
    /// Flashes left unread.
    pub flashes: u64,
    /// Activation tries older than every limit's window.
    pub attempts: u64,
    /// Audit entries past the retention.
    pub audit_events: u64,
}

/// One sweep, as of `now`. `None` when another instance is sweeping (PostgreSQL only).
pub async fn sweep<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    retention: Retention,
    now: DateTime<Utc>,
) -> Result<Option<Swept>, DbErr> {
    let txn = db.begin().await?;
    if txn.get_database_backend() == DbBackend::Postgres {
        let locked = txn
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT pg_try_advisory_xact_lock($1) AS locked",
                [SWEEP_LOCK_KEY.into()],
            ))
            .await?
            .map(|row| row.try_get::<bool>("", "locked"))
            .transpose()?
            .unwrap_or(false);
        if !locked {
            txn.rollback().await?;
            return Ok(None);
        }
    }
    let oldest_try_counted = now - longest_window(retention.attempts);
    let swept = Swept {
        sessions: crate::sessions::purge_expired(&txn, retention.sessions, now).await?,
        login_transactions: login_transaction::Entity::delete_many()
            .filter(login_transaction::Column::ExpiresAt.lte(now))
            .exec(&txn)
            .await?
            .rows_affected,
        flashes: crate::flash::purge_expired(&txn, now).await?,
        attempts: activation_attempt::Entity::delete_many()
            .filter(activation_attempt::Column::AttemptedAt.lt(oldest_try_counted))
            .exec(&txn)
            .await?
            .rows_affected,
        audit_events: match retention.audit_days {
            None => 0,
            Some(days) => {
                let days = days.max(AUDIT_RETENTION_FLOOR_DAYS);
                audit_event::Entity::delete_many()
                    .filter(audit_event::Column::OccurredAt.lt(now - Duration::days(i64::from(days))))
                    .exec(&txn)
                    .await?
                    .rows_affected
            }
        },
    };
    txn.commit().await?;
    Ok(Some(swept))
}

/// The longest window any activation limit counts over.
fn longest_window(limits: AttemptLimits) -> Duration {
    limits.subject_window.max(limits.ip_window).max(limits.overall_window)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tries_are_kept_as_long_as_the_longest_limit_counts_them() {
        assert_eq!(longest_window(AttemptLimits::default()), Duration::hours(1));
    }
}
