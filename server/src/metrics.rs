//! The server's Prometheus metrics (every one is described, with what to alert on, in `docs/METRICS.md`), served in
//! the OpenMetrics text format on the operator address only ([`crate::operator`]), never on the public listener.
//!
//! Where the numbers come from:
//! - requests, counted as they pass [`layer`], and calls to Digital ID, counted by the relying party
//!   ([`DigitalIdCalls`]): one set per [`Metrics`], so per [`AppState`];
//! - the audit log's sign-ins, Tokens and declined consents, counted as `domain::audit::record` writes them
//!   ([`audit_log`]): one set per process, shared by every `Metrics` (the audit hook has no state), and counted even
//!   when the transaction that wrote the entry later rolls back;
//! - gauges read at each scrape ([`Metrics::scrape`]): live sessions, the activation breaker, the database pool.
//!
//! No label ever carries a citizen ID, a secret, a Token or a path as sent: a route is a route pattern or one of a few
//! fixed words ([`route_label`]), a reason is an audit reason code ([`audit_log::reason_label`]).

mod audit_log;
mod digital_id;

pub use digital_id::{DigitalIdCalls, DigitalIdEndpoint};

use std::borrow::Cow;
use std::sync::{Arc, LazyLock};
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use chrono::Utc;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::text::{encode_eof, encode_registry};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::{Registry, Unit};
use sea_orm::{DatabaseConnection, DbBackend};

use crate::state::AppState;

/// Every metric's name starts with this (and `_`).
pub const PREFIX: &str = "info_backoffice";

/// Latency buckets in seconds, for pages and for Digital ID (whose requests give up after 5 s).
const LATENCY_BUCKETS: [f64; 11] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

/// How long a scrape waits for each of its database queries; a gauge whose query fails or takes longer is left out
/// of that scrape (and the cause logged), rather than reported stale.
const SCRAPE_QUERY_WITHIN: Duration = Duration::from_secs(2);

/// The route a request counts under when it is none of ours (an unknown path, an unknown server function).
pub const OTHER: &str = "other";
/// The route of the site's files (`/pkg/*`, `/fonts/*`).
pub const STATIC: &str = "static";

fn latency_histogram() -> Histogram {
    Histogram::new(LATENCY_BUCKETS)
}

/// The registry and the request and Digital ID metrics of one [`AppState`]; cheap to clone.
#[derive(Clone, Debug)]
pub struct Metrics {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    registry: Registry,
    /// `info_backoffice_http_requests_total{route, method, status}`: requests answered.
    requests: Family<RequestLabels, Counter>,
    /// `info_backoffice_http_request_duration_seconds{route}`: time to the response's head.
    request_duration: Family<RouteLabels, Histogram, fn() -> Histogram>,
    /// The Digital ID calls' metrics, handed to the relying party.
    digital_id: DigitalIdCalls,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: Cow<'static, str>,
    method: &'static str,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: Cow<'static, str>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// A registry with every metric, the audit log's process-wide counters included (the first call in a process
    /// sets the audit hook; later ones find it set).
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix(PREFIX);
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests answered on the public listener, by route pattern, method and status",
            requests.clone(),
        );
        let request_duration = Family::new_with_constructor(latency_histogram as fn() -> Histogram);
        registry.register_with_unit(
            "http_request_duration",
            "Time from a request's arrival to its response's head, by route pattern",
            Unit::Seconds,
            request_duration.clone(),
        );
        audit_log::register(&mut registry);
        let digital_id = DigitalIdCalls::default();
        digital_id.register(&mut registry);
        Self { inner: Arc::new(Inner { registry, requests, request_duration, digital_id }) }
    }

    /// The Digital ID calls' metrics, for the relying party.
    pub fn digital_id(&self) -> DigitalIdCalls {
        self.inner.digital_id.clone()
    }

    /// Counts a request answered with `status` after `took`.
    fn count_request(&self, route: Cow<'static, str>, method: &'static str, status: u16, took: Duration) {
        self.inner.request_duration.get_or_create(&RouteLabels { route: route.clone() }).observe(took.as_secs_f64());
        self.inner.requests.get_or_create(&RequestLabels { route, method, status }).inc();
    }

    /// Every metric in the OpenMetrics text format, the gauges read now from `state`'s database.
    pub async fn scrape(&self, state: &AppState) -> String {
        let mut now = Registry::with_prefix(PREFIX);
        read_gauges(state, &mut now).await;
        let mut text = String::new();
        // Writing to a `String` cannot fail; a metric's own encoding cannot either (no custom encoders here).
        let written = encode_registry(&mut text, &self.inner.registry)
            .and_then(|()| encode_registry(&mut text, &now))
            .and_then(|()| encode_eof(&mut text));
        if written.is_err() {
            tracing::error!("encoding the metrics failed");
        }
        text
    }
}

/// The gauges read at scrape time: live sessions and the breaker (one query each, at once), and the pool.
async fn read_gauges(state: &AppState, registry: &mut Registry) {
    let now = Utc::now();
    let (sessions, breaker) = tokio::join!(
        within("counting live sessions", domain::sessions::count_live(&state.db, state.session_policy, now)),
        within(
            "reading the activation breaker",
            domain::activation::breaker_open(&state.db, state.attempt_limits, now)
        ),
    );
    if let Some(sessions) = sessions {
        registry.register(
            "sessions_active",
            "Sessions live now (signed-in officers and Digital ID accounts awaiting activation), one per browser",
            gauge(sessions),
        );
    }
    if let Some(open) = breaker {
        registry.register(
            "activation_breaker_open",
            "1 while the activation breaker is open (every activation but a rightful officer's waits), else 0",
            gauge(u64::from(open)),
        );
    }
    if let Some(pool) = pool_usage(&state.db) {
        registry.register("db_pool_connections", "Connections the database pool holds open", gauge(pool.open));
        registry.register("db_pool_idle_connections", "Open pool connections not in use", gauge(pool.idle));
        registry.register(
            "db_pool_max_connections",
            "The most connections the database pool may open",
            gauge(pool.max),
        );
    }
}

/// The value of `query`, or `None` (logged) when it fails or takes longer than [`SCRAPE_QUERY_WITHIN`].
async fn within<T>(what: &str, query: impl Future<Output = Result<T, sea_orm::DbErr>>) -> Option<T> {
    match tokio::time::timeout(SCRAPE_QUERY_WITHIN, query).await {
        Ok(Ok(value)) => Some(value),
        Ok(Err(error)) => {
            tracing::warn!(%error, "metrics: {what} failed; the gauge is left out of this scrape");
            None
        }
        Err(_elapsed) => {
            tracing::warn!("metrics: {what} took too long; the gauge is left out of this scrape");
            None
        }
    }
}

fn gauge(value: impl TryInto<i64>) -> Gauge {
    let gauge = Gauge::default();
    gauge.set(value.try_into().unwrap_or(i64::MAX));
    gauge
}

/// How the database pool is used.
struct PoolUsage {
    open: u32,
    idle: usize,
    max: u32,
}

fn pool_usage(db: &DatabaseConnection) -> Option<PoolUsage> {
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            Some(PoolUsage { open: pool.size(), idle: pool.num_idle(), max: pool.options().get_max_connections() })
        }
        DbBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            Some(PoolUsage { open: pool.size(), idle: pool.num_idle(), max: pool.options().get_max_connections() })
        }
        _ => None,
    }
}

/// Middleware counting every request on the public listener by route, method and status, and timing it to its
/// response's head (a streamed body's remainder is not timed). Mount it with `Router::layer`, so that axum's
/// [`MatchedPath`] is known when it runs.
pub async fn layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = route_label(request.extensions().get::<MatchedPath>().map(MatchedPath::as_str), request.uri().path());
    let method = method_label(request.method());
    let started = Instant::now();
    let response = next.run(request).await;
    state.metrics.count_request(route, method, response.status().as_u16(), started.elapsed());
    response
}

/// The route a request counts under, from the route pattern axum matched (if any) and the path: a registered
/// server function's endpoint for `/api/…` (an unknown one is [`OTHER`]); a page's address for any of our pages
/// (`app::paths::page`, a trailing `/` ignored); [`STATIC`] for the site's files; the matched pattern for our other
/// routes; else [`OTHER`]. So the label's values are bounded by the code, whatever paths clients send.
pub fn route_label(matched: Option<&str>, path: &str) -> Cow<'static, str> {
    if path == app::api::PREFIX || app::api::is_server_function(path) {
        return server_function_endpoint(path).map_or(Cow::Borrowed(OTHER), Cow::Borrowed);
    }
    if let Some(page) = app::paths::page(path) {
        return Cow::Borrowed(page.path);
    }
    if crate::edge_paths::is_site_file(path) {
        return Cow::Borrowed(STATIC);
    }
    matched.map_or(Cow::Borrowed(OTHER), |pattern| Cow::Owned(pattern.to_owned()))
}

/// `path` as a registered server function's endpoint (the table of `app::api`), if it is one.
fn server_function_endpoint(path: &str) -> Option<&'static str> {
    static ENDPOINTS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
        let mut endpoints: Vec<&'static str> =
            leptos::server_fn::axum::server_fn_paths().map(|(endpoint, _method)| endpoint).collect();
        endpoints.sort_unstable();
        endpoints.dedup();
        endpoints
    });
    ENDPOINTS.binary_search(&path).ok().map(|index| ENDPOINTS[index])
}

/// The method as a label: the standard ones by name, any other (a client may send any token) as [`OTHER`].
pub fn method_label(method: &Method) -> &'static str {
    const STANDARD: [&str; 9] = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT", "TRACE"];
    STANDARD.into_iter().find(|standard| *standard == method.as_str()).unwrap_or(OTHER)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_arbitrary_path_counts_as_other_whatever_it_holds() {
        for path in ["/wp-login.php", "/backend/home/1101700207030", "/x/../../etc/passwd", "/backend/homes", ""] {
            assert_eq!(route_label(None, path), OTHER, "{path}");
        }
    }

    #[test]
    fn an_unknown_server_function_counts_as_other_even_under_its_wildcard_route() {
        let matched = Some("/api/{*function}");
        assert_eq!(route_label(matched, "/api/no-such-function"), OTHER);
        assert_eq!(route_label(matched, "/api/tokens/1101700207030"), OTHER);
        assert_eq!(route_label(None, "/api"), OTHER);
    }

    #[test]
    fn a_registered_server_function_counts_under_its_endpoint() {
        let matched = Some("/api/{*function}");
        assert_eq!(route_label(matched, "/api/activation/activate"), "/api/activation/activate");
        assert_eq!(route_label(matched, "/api/officer"), "/api/officer");
    }

    #[test]
    fn a_page_counts_under_its_address_and_the_site_files_as_static() {
        assert_eq!(route_label(Some("/backend/home"), "/backend/home"), "/backend/home");
        assert_eq!(route_label(None, "/backend/home/"), "/backend/home");
        assert_eq!(route_label(None, "/pkg/info-backoffice.wasm"), STATIC);
        assert_eq!(route_label(None, "/fonts/sarabun.woff2"), STATIC);
    }

    #[test]
    fn another_route_counts_under_its_pattern() {
        assert_eq!(route_label(Some("/auth/callback"), "/auth/callback"), "/auth/callback");
        assert_eq!(route_label(Some("/healthz"), "/healthz"), "/healthz");
    }

    #[test]
    fn an_unknown_method_counts_as_other() {
        assert_eq!(method_label(&Method::POST), "POST");
        let made_up = Method::from_bytes(b"BREW").expect("a method token");
        assert_eq!(method_label(&made_up), OTHER);
    }
}
