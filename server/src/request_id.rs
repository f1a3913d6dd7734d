//! Every request's id ([`app::host::RequestId`]): made here, by the outermost layer, for every request — never taken
//! from the client, so an id in the log is always ours — and
//! - put into the request's extensions (the tracing span names it, so every log line of the request carries it;
//!   pages and server functions find it there),
//! - set as the task-local [`app::host::REQUEST_ID`] while the request is answered (a failure's reference *is* the
//!   request's id: the reference an officer reads out to the Contact Center finds all of their request's lines),
//! - returned as `X-Request-Id`.

use app::host::{REQUEST_ID, RequestId};
use axum::extract::Request;
use axum::http::HeaderValue;
use axum::http::header::HeaderName;
use axum::middleware::Next;
use axum::response::Response;

/// The response header carrying the id.
pub const HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// The layer (see the module's documentation).
pub async fn layer(mut request: Request, next: Next) -> Response {
    let id = RequestId::new();
    request.extensions_mut().insert(id.clone());
    let mut response = REQUEST_ID.scope(id.clone(), next.run(request)).await;
    if let Ok(value) = HeaderValue::from_str(&id.0) {
        response.headers_mut().insert(HEADER, value);
    }
    response
}

/// The id of `request`, for its log span (`-` if the layer did not run, as in a test of one handler).
pub fn of(request: &Request) -> &str {
    request.extensions().get::<RequestId>().map_or("-", |id| id.0.as_str())
}
