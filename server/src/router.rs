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
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use leptos_axum::{LeptosRoutes, file_and_error_handler, generate_route_list};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use app::shell::OFFICERS_PAGE_PATH;
use app::{App, shell};

use crate::state::AppState;

/// Builds the whole router; `main` serves it and tests call it with `oneshot`.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    Router::new()
        .route("/", get(|| async { Redirect::to(OFFICERS_PAGE_PATH) }))
        .route("/healthz", get(health))
        .leptos_routes(&state, routes, move || shell(options.clone()))
        .fallback(file_and_error_handler::<AppState, _>(shell))
        .layer(security_headers())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Headers every response carries. (The Content-Security-Policy comes with the sign-in work, which adds nonces.)
fn security_headers() -> tower::layer::util::Stack<
    SetResponseHeaderLayer<HeaderValue>,
    tower::layer::util::Stack<SetResponseHeaderLayer<HeaderValue>, SetResponseHeaderLayer<HeaderValue>>,
> {
    let header = |name: &'static str, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(HeaderName::from_static(name), HeaderValue::from_static(value))
    };
    tower::layer::util::Stack::new(
        header("x-content-type-options", "nosniff"),
        tower::layer::util::Stack::new(header("x-frame-options", "DENY"), header("referrer-policy", "same-origin")),
    )
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
