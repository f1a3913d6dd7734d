//! The operators' listener (`OPERATOR_ADDRESS`, by default 127.0.0.1:9464): `GET /metrics` for Prometheus, and the
//! same `/healthz` and `/readyz` as the public listener. Never the public listener: the metrics name every route
//! and count every refusal, which is for operators only; `/metrics` is not routed there at all.

use axum::Router;
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::net::TcpListener;

use crate::router::{health, readiness};
use crate::state::AppState;

/// The media type of [`metrics`]'s answer: the OpenMetrics text format, which `prometheus-client` writes and
/// Prometheus reads.
pub const METRICS_CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// The operators' router: `/metrics`, `/healthz`, `/readyz`; anything else is `404`.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(metrics))
        .route("/healthz", get(health))
        .route("/readyz", get(readiness))
        .with_state(state)
}

/// `GET /metrics`: every metric ([`crate::metrics`]), the gauges read now.
async fn metrics(State(state): State<AppState>) -> Response {
    let text = state.metrics.scrape(&state).await;
    ([(CONTENT_TYPE, METRICS_CONTENT_TYPE), (CACHE_CONTROL, "no-store")], text).into_response()
}

/// Serves [`router`] on `listener` until `shutdown` resolves, then lets requests in flight finish.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state)).with_graceful_shutdown(shutdown).await
}
