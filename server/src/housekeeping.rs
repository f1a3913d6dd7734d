//! The background sweep ([`domain::housekeeping`]): every `housekeeping.interval_seconds`, the first at start. When
//! several instances share a PostgreSQL database, one sweeps each round and the others skip it.

use chrono::Utc;
use domain::housekeeping::{self, Retention, Swept};

use crate::config::HousekeepingSettings;
use crate::state::AppState;

/// Sweeps for ever; spawn it.
pub async fn run(state: AppState, settings: HousekeepingSettings) {
    let retention = Retention {
        sessions: state.session_policy,
        attempts: state.attempt_limits,
        audit_days: settings.audit_retention_days,
    };
    let mut rounds = tokio::time::interval(settings.interval);
    rounds.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        rounds.tick().await;
        match housekeeping::sweep(&state.db, retention, Utc::now()).await {
            Ok(Some(swept)) if swept == Swept::default() => tracing::debug!("housekeeping: nothing to delete"),
            Ok(Some(swept)) => tracing::info!(
                sessions = swept.sessions,
                login_transactions = swept.login_transactions,
                flashes = swept.flashes,
                activation_attempts = swept.attempts,
                audit_events = swept.audit_events,
                "housekeeping: expired rows deleted"
            ),
            Ok(None) => tracing::debug!("housekeeping: another instance is sweeping"),
            Err(error) => tracing::warn!(%error, "housekeeping failed; trying again next round"),
        }
    }
}
