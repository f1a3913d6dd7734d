//! Rendering the app outside its Leptos routes: what every page and server function is given ([`backend`],
//! [`page_context`]), and [`render_page`] for the 404 fallback and a route's failure. The router and the error page
//! both use it, so neither depends on the other.

use app::host::Backend;
use app::shell;
use axum::body::Body;
use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use leptos::prelude::{provide_context, use_context};
use leptos_axum::render_app_to_stream_with_context;
use tower::ServiceExt;

use crate::state::AppState;
use crate::web_security::CspNonce;

/// What the server functions need from us, for each request.
pub fn backend(state: &AppState) -> Backend {
    Backend {
        db: state.db.clone(),
        cookies: state.cookies,
        citizen_id_key: state.citizen_id_key.clone(),
        assurance: state.settings.assurance,
        attempt_limits: state.attempt_limits,
        session_policy: state.session_policy,
    }
}

/// What the page renderer provides to every page: the [`Backend`] (a page's loader runs its server function in
/// place), and this response's CSP nonce (set by the security-headers layer), so Leptos's inline hydration scripts
/// carry it. (`RequestContext` reaches pages through the request's extensions.)
pub fn page_context(state: &AppState) -> impl Fn() + Clone + Send + Sync + 'static {
    let backend = backend(state);
    move || {
        provide_context(backend.clone());
        let nonce = use_context::<http::request::Parts>().and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
        if let Some(CspNonce(nonce)) = nonce {
            provide_context(leptos::nonce::Nonce::from_value(nonce));
        }
    }
}

/// Renders the app for `request` (its path picks the page), as the Leptos routes do: for the 404 fallback, and for
/// the service-error content a route's failure shows in place of its page ([`crate::error_page`]).
pub async fn render_page(state: &AppState, request: Request) -> Response {
    let options = state.leptos_options.clone();
    let render = render_app_to_stream_with_context(page_context(state), move || shell(options.clone()));
    let service = tower::service_fn(move |request: Request<Body>| {
        let render = render.clone();
        async move { Ok::<_, std::convert::Infallible>(render(request).await) }
    });
    match service.oneshot(request).await {
        Ok(response) => response.into_response(),
        Err(infallible) => match infallible {},
    }
}
