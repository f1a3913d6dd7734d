//! What load balancers, orchestrators and operators ask: `/healthz` (is the process alive and its database
//! reachable) and `/readyz` (should traffic come here: database reachable, schema current, Digital ID discoverable,
//! and not shutting down). Both answer plain text, one check per line, and never a detail an outsider could use —
//! causes go to the log.
//!
//! Readiness turns false first when the process is told to stop ([`Readiness::drain`] on SIGTERM): for
//! `site.shutdown_grace_seconds` the instance still serves while `/readyz` answers `503 not ready … draining`, so a
//! load balancer stops sending new work before the listener closes; requests in flight then finish.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};

use crate::state::AppState;

/// Whether this instance is being taken out of service.
#[derive(Debug, Default)]
pub struct Readiness {
    draining: AtomicBool,
}

impl Readiness {
    /// From now on `/readyz` answers 503 (the process is stopping).
    pub fn drain(&self) {
        self.draining.store(true, Ordering::SeqCst);
    }

    /// Whether [`Readiness::drain`] was called.
    pub fn is_draining(&self) -> bool {
        self.draining.load(Ordering::SeqCst)
    }
}

/// How long `/readyz` waits for Digital ID's discovery document before calling it unusable (a load balancer's probe
/// must get an answer sooner than its own timeout, typically 5 s).
const DISCOVERY_WITHIN: Duration = Duration::from_secs(3);

/// `GET /healthz`: `200 ok` when the database answers, `503 database unavailable` otherwise (the cause is logged).
pub async fn health(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => text(StatusCode::OK, "ok".to_owned()),
        Err(error) => {
            tracing::error!(%error, "health check: database unreachable");
            text(StatusCode::SERVICE_UNAVAILABLE, "database unavailable".to_owned())
        }
    }
}

/// `GET /readyz`: `200 ready` and one `check: ok` line each, or `503 not ready` naming what is not.
pub async fn readiness(State(state): State<AppState>) -> Response {
    let mut lines = Vec::new();
    let mut ready = true;
    if state.readiness.is_draining() {
        ready = false;
        lines.push("draining: shutting down");
    }
    let database = state.db.ping().await;
    let schema = match &database {
        Ok(()) => domain::database::schema_is_current(&state.db).await.map_err(|error| error.to_string()),
        Err(_) => Err("database unreachable".to_owned()),
    };
    match database {
        Ok(()) => lines.push("database: ok"),
        Err(error) => {
            ready = false;
            tracing::warn!(%error, "readiness: database unreachable");
            lines.push("database: unreachable");
        }
    }
    match schema {
        Ok(true) => lines.push("schema: current"),
        Ok(false) => {
            ready = false;
            tracing::warn!("readiness: migrations are pending");
            lines.push("schema: migrations pending");
        }
        Err(_) => {
            ready = false;
            lines.push("schema: unknown");
        }
    }
    match tokio::time::timeout(DISCOVERY_WITHIN, state.digital_id.relying_party()).await {
        Ok(Ok(_)) => lines.push("digital_id: ok"),
        Ok(Err(error)) => {
            ready = false;
            tracing::warn!(%error, "readiness: Digital ID cannot be discovered");
            lines.push("digital_id: unavailable");
        }
        Err(_elapsed) => {
            ready = false;
            tracing::warn!("readiness: Digital ID's discovery did not answer in time");
            lines.push("digital_id: unavailable");
        }
    }
    let (status, head) = if ready { (StatusCode::OK, "ready") } else { (StatusCode::SERVICE_UNAVAILABLE, "not ready") };
    text(status, format!("{head}\n{}\n", lines.join("\n")))
}

fn text(status: StatusCode, body: String) -> Response {
    (status, [(CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}
