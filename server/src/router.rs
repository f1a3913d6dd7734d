//! The HTTP surface: which path goes where, and the layers every response passes through.
//!
//! | path | handler |
//! |---|---|
//! | `/` | redirect to the officers' page `/backend` |
//! | `/healthz` | liveness and database check for operators and load balancers |
//! | Leptos routes (`app::shell`) | server-side rendered pages |
//! | anything else | a static file from the site root (precompressed when available), else the 404 page |

use axum::Router;
use axum::extract::State;
use axum::handler::Handler;
use axum::http::header::{CACHE_CONTROL, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use leptos_axum::{LeptosRoutes, generate_route_list, render_app_to_stream};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use app::shell::OFFICERS_PAGE_PATH;
use app::{App, shell};

use crate::state::AppState;

/// Builds the whole router; `main` serves it and tests call it with `oneshot`.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    // Files under the site root (`/pkg/*`, `/fonts/*`), brotli/gzip-precompressed when built with `--precompress`,
    // with conditional requests (If-Modified-Since → 304) honoured (leptos_axum's `file_and_error_handler` drops
    // them). Anything else renders the app, whose router answers with the 404 page and status.
    let not_found = render_app_to_stream({
        let options = options.clone();
        move || shell(options.clone())
    })
    .with_state(());
    let static_files =
        ServeDir::new(&*state.leptos_options.site_root).precompressed_br().precompressed_gzip().fallback(not_found);
    Router::new()
        .route("/", get(|| async { Redirect::to(OFFICERS_PAGE_PATH) }))
        .route("/healthz", get(health))
        .leptos_routes(&state, routes, move || shell(options.clone()))
        .fallback_service(static_files)
        // Headers every response carries. (The Content-Security-Policy comes with the sign-in work, which adds
        // nonces to it.)
        .layer(SetResponseHeaderLayer::if_not_present(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::if_not_present(REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        // Bundle file names carry no hash, so caches must revalidate (a cheap 304) or a deploy would pair new HTML
        // with old WASM. Handlers that need stricter rules (no-store behind sign-in) set their own.
        .layer(SetResponseHeaderLayer::if_not_present(CACHE_CONTROL, HeaderValue::from_static("no-cache")))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// `200 ok` when the database answers, `503` otherwise (details only in the log).
async fn health(State(state): State<AppState>) -> impl IntoResponse {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(error) => {
            tracing::error!(%error, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
