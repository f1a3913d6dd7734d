//! The HTTP surface: which path goes where, and the layers every request and response passes through.
//!
//! | path | handler |
//! |---|---|
//! | `/` | redirect to the officers' page `/backend` |
//! | `/healthz`, `/readyz` | liveness, and readiness for load balancers ([`crate::probes`]) |
//! | `POST /auth/login`, `GET /auth/callback`, `POST /auth/logout` | sign-in and sign-out ([`crate::auth`]) |
//! | `POST /auth/backchannel-logout` | Digital ID's server ends sessions ([`crate::auth::backchannel_logout`]; outside the same-origin check and the session layer) |
//! | `GET /backend/audit.csv` | the audit log's CSV download ([`crate::audit_csv`]) |
//! | `GET`/`POST /api/*` | the server functions (`app::api`: every page's data and form, the activation Token included), with the [`app::host::Backend`] as context |
//! | Leptos routes (`app::shell`) | server-side rendered pages (pages with data await their loaders: `SsrMode::Async`) |
//! | anything else | a static file from the site root (precompressed when available), else the 404 page |
//!
//! Layers, outermost first: the request's id ([`crate::request_id`]); tracing (a span per request naming its id); the client's address ([`crate::client_address`]); security headers with the CSP nonce ([`crate::web_security`]); the 404 page for
//! `//…`, backslash and over-long paths ([`crate::edge_paths`]); failure references only as issued
//! ([`crate::failure_references`]); the same-origin check on every non-GET request; the session layer ([`crate::session_layer`]), which also decides
//! who may open which page.

use axum::Router;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use leptos::prelude::provide_context;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use tower_http::services::ServeDir;
use tower_http::trace::TraceLayer;

use app::paths::{AUDIT_CSV, BACKCHANNEL_LOGOUT, CALLBACK, LOGIN, LOGOUT, OFFICERS_PAGE};
use app::{App, shell};

use crate::audit_csv;
use crate::auth;
use crate::client_address;
use crate::edge_paths::{self, refuse_unfit_paths};
use crate::failure_references::only_issued_references;
use crate::rendering::{backend, page_context, render_page};
use crate::request_id;
use crate::session_layer::session_layer;
use crate::state::AppState;
use crate::web_security::{same_origin_only, security_headers};

pub use crate::probes::{health, readiness};

/// The app's routes, walked once per process. Walking them runs the app with resources suppressed through a
/// process-wide flag (leptos_router 0.8's `SuppressResourceLoad`): a page whose data starts loading while another
/// router is being built would wait for ever (leptos-rs/leptos#4773). `main` builds one router, but tests build
/// many in parallel, and hung one in six runs before this.
fn app_routes() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Builds the whole router; `main` serves it and tests call it with `oneshot`.
pub fn router(state: AppState) -> Router {
    let routes = app_routes();
    let options = state.leptos_options.clone();
    // Files under the site root (`/pkg/*`, `/fonts/*`), brotli/gzip-precompressed when built with `--precompress`,
    // with conditional requests (If-Modified-Since → 304) honoured (leptos_axum's `file_and_error_handler` drops
    // them). Anything else renders the app, whose router answers with the 404 page and status.
    let not_found = {
        let state = state.clone();
        move |request: Request| async move { render_page(&state, request).await }
    };
    // No directory redirects (`/pkg` → `307 /pkg/`): no directory of ours has an index, and for `//pkg` the
    // redirect was protocol-relative (see [`crate::edge_paths`]).
    let static_files = ServeDir::new(&*state.leptos_options.site_root)
        .append_index_html_on_directories(false)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(tower::service_fn(move |request: Request| {
            let not_found = not_found.clone();
            async move { Ok::<_, std::convert::Infallible>(not_found(request).await) }
        }));
    Router::new()
        .route("/", get(|| async { Redirect::to(OFFICERS_PAGE) }))
        .route("/healthz", get(health))
        .route("/readyz", get(readiness))
        .route(LOGIN, post(auth::login))
        .route(CALLBACK, get(auth::callback))
        .route(LOGOUT, post(auth::logout))
        .route(AUDIT_CSV, get(audit_csv::csv))
        .route(&format!("{}/{{*function}}", app::api::PREFIX), get(server_functions).post(server_functions))
        .leptos_routes_with_context(&state, routes, page_context(&state), move || shell(options.clone()))
        .fallback_service(static_files)
        .layer(axum::middleware::from_fn(refusal_status))
        .layer(from_fn_with_state(state.clone(), session_layer))
        .layer(from_fn_with_state(state.clone(), same_origin_only))
        // Server to server: no browser, no cookie, no Origin; the signed Logout Token authenticates the request.
        .route(BACKCHANNEL_LOGOUT, post(auth::backchannel_logout))
        // `//…`, backslashes and over-long paths get the 404 page before any handler or file lookup.
        // A failure reference is shown only with the check of the redirect that issued it.
        .layer(from_fn_with_state(state.clone(), only_issued_references))
        .layer(from_fn_with_state(state.clone(), refuse_unfit_paths))
        .layer(from_fn_with_state(state.clone(), security_headers))
        // Who the client is (the socket peer, or X-Forwarded-For through trusted proxies), once, for every handler.
        .layer(from_fn_with_state(state.clone(), client_address::layer))
        // Spans name the path only: a query can carry an authorization code or state (`/auth/callback?code=…`);
        // and only its start, so a long path cannot fill the log.
        // Every answer on purpose — a 404 page, the service-error page with its 500 or 503 — is not a failure of the
        // layer's: a fault of ours has logged its cause once, at ERROR, with the request's id (`app::host::Failure`).
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request| {
                    tracing::info_span!(
                        "request",
                        id = %request_id::of(request),
                        method = %request.method(),
                        path = %edge_paths::for_log(request.uri().path())
                    )
                })
                .on_failure(()),
        )
        // Counts and times every answer under its route pattern (`crate::metrics`, served on the operator address only).
        .layer(from_fn_with_state(state.clone(), crate::metrics::layer))
        // Outermost: the request's id, for the span above and every layer and handler inside.
        .layer(axum::middleware::from_fn(request_id::layer))
        .with_state(state)
}

/// `/api/*` that no server function claims (Leptos's routes, added with the pages, answer the registered paths): the
/// server functions' handler, with the [`Backend`] as context, answers with its "not found" error.
async fn server_functions(State(state): State<AppState>, request: Request) -> Response {
    let backend = backend(&state);
    leptos_axum::handle_server_fns_with_context(move || provide_context(backend.clone()), request).await.into_response()
}

/// A server function's refusal answers with its own status. Leptos sends every error as 500, which for "sign in
/// first" (401) or "not yours" (403) would page an operator and tell a script nothing; only a failure of ours (and
/// any answer that is not an [`app::app_error::AppError`]) stays a 500.
async fn refusal_status(request: Request, next: Next) -> Response {
    let is_server_function = app::api::is_server_function(request.uri().path());
    let response = next.run(request).await;
    if !is_server_function || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, ERROR_BODY_LIMIT).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(error) = serde_json::from_slice::<app::app_error::AppError>(&bytes)
        && let Ok(status) = StatusCode::from_u16(error.status())
    {
        parts.status = status;
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// The most of a server function's error answer read to find its status (an `AppError` is a few hundred bytes).
const ERROR_BODY_LIMIT: usize = 64 * 1024;
