//! How a route of ours (not a server function) answers a failure of ours: the service-error page in the visitor's
//! language, showing only the reference of an `app::host::Failure` — the type that makes and logs every reference,
//! the server functions' (`AppError::Internal`) included.

use app::host::Failure;
use app::request_context::RequestContext;
use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, REFERRER_POLICY};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::Response;

use crate::state::AppState;

/// A failure of ours: logged under a reference, which alone is shown, on the service-error page (HTTP 500) in the
/// officer's language.
pub async fn internal(state: &AppState, parts: &Parts, error: &(dyn std::fmt::Display + Sync)) -> Response {
    let failure = Failure::ours(&format!("request for {} failed", parts.uri.path()), error);
    service_error(state, parts, &failure, StatusCode::INTERNAL_SERVER_ERROR).await
}

/// The service-error content showing the failure's reference (logged with its cause when it was made), answered with `status` and never
/// cached: the app rendered for this request (its session, language and address) with the failure in its
/// [`RequestContext`], which shows it in place of the page.
pub async fn service_error(state: &AppState, parts: &Parts, failure: &Failure, status: StatusCode) -> Response {
    let mut parts = parts.clone();
    parts.method = Method::GET;
    let context = parts.extensions.get::<RequestContext>().cloned().unwrap_or_default();
    parts.extensions.insert(RequestContext { failure: Some(failure.reference().to_owned()), ..context });
    let mut response = crate::rendering::render_page(state, Request::from_parts(parts, Body::empty())).await;
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}
