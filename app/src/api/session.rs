//! The session-timeout dialog's server functions: "stay signed in" restarts the idle timeout now, and a browser whose
//! timer ran out ends the session (both with the session's synchroniser token). Neither is a page's form: without
//! JavaScript there is no dialog, and the session simply ends when it has been idle for the timeout.

use leptos::prelude::*;
use leptos::server_fn::codec::PostUrl;

use crate::app_error::AppError;
use crate::request_context::SessionClock;

/// "อยู่ในระบบต่อ" / "Stay signed in": the idle timeout counts from now. Returns the session's new clock.
#[server(prefix = "/api", endpoint = "session/extend", input = PostUrl)]
pub async fn stay_signed_in(
    /// The session's synchroniser token.
    #[server(default)]
    csrf_token: String,
) -> Result<SessionClock, AppError> {
    crate::host::scripted(on_server::stay(&csrf_token).await)
}

/// The browser's timer ran out: the session ends now (if it has not already), and the officer is shown the signed-out
/// page with the reason.
#[server(prefix = "/api", endpoint = "session/end", input = PostUrl)]
pub async fn end_idle_session(
    /// The session's synchroniser token.
    #[server(default)]
    csrf_token: String,
) -> Result<(), AppError> {
    crate::host::scripted(on_server::end(&csrf_token).await)
}

/// The server side.
#[cfg(feature = "ssr")]
pub mod on_server {
    use chrono::{DateTime, Utc};
    use domain::audit::{self, Entry};
    use domain::entities::audit_event::AuditEvent;
    use domain::sessions::{self, SessionPolicy};

    use crate::app_error::AppError;
    use crate::host::{CurrentSession, backend, current_session, end_session, internal, origin, request};
    use crate::request_context::SessionClock;

    /// What the audit log says of a session the browser ended.
    const IDLE_DETAIL: &str = "idle timeout (the browser's timer)";

    /// The longest warning before a session ends; shorter idle timeouts are warned a quarter of their length ahead.
    const WARNING_SECONDS: i64 = 120;

    /// The clock of a session row as of `now`.
    pub fn clock(
        policy: SessionPolicy,
        row: &domain::entities::officer_session::Model,
        now: DateTime<Utc>,
    ) -> SessionClock {
        let end = policy.ends_at(row);
        SessionClock {
            seconds_left: (end.at - now).num_seconds().max(0),
            absolute: end.absolute,
            warning_seconds: WARNING_SECONDS.min(policy.idle_timeout.num_seconds() / 4),
        }
    }

    /// The request's session, if the form's synchroniser token is its own.
    fn session_with(csrf_token: &str) -> Result<CurrentSession, AppError> {
        let current = current_session(&request()?)?;
        if !current.csrf_matches(csrf_token) {
            tracing::warn!(event = "session_request_refused", "without the session's synchroniser token");
            return Err(AppError::Forbidden);
        }
        Ok(current)
    }

    /// Restarts the idle timeout of the request's session.
    pub async fn stay(csrf_token: &str) -> Result<SessionClock, AppError> {
        let current = session_with(csrf_token)?;
        let backend = backend()?;
        let now = Utc::now();
        let row = sessions::extend(&backend.db, &current.secret, backend.session_policy, now)
            .await
            .map_err(|error| internal("extending a session failed", &error))?
            .ok_or(AppError::SignInNeeded)?;
        Ok(clock(backend.session_policy, &row, now))
    }

    /// Ends the request's session after its idle timeout (audited as a sign-out).
    pub async fn end(csrf_token: &str) -> Result<(), AppError> {
        let current = session_with(csrf_token)?;
        end_session(&current, "ending an idle session failed").await?;
        tracing::info!(event = "logout_idle", officer_id = ?current.officer.as_ref().map(|officer| officer.id), "signed out after the idle timeout");
        if let Some(officer) = &current.officer {
            let entry = Entry::new(AuditEvent::SignedOut, &origin(&request()?))
                .actor(officer)
                .unit(officer.unit_id)
                .detail(IDLE_DETAIL);
            audit::record(&backend()?.db, entry, Utc::now())
                .await
                .map_err(|error| internal("recording a sign-out failed", &error))?;
        }
        Ok(())
    }
}
