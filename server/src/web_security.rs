//! What every response and every state-changing request passes through: security headers with a per-response CSP
//! nonce (the WASM islands run under it), and the same-origin check that refuses cross-site POSTs before any handler
//! runs (CSRF, ASVS 3.5; the session's forms also carry a synchroniser token).

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, ORIGIN, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS,
    X_FRAME_OPTIONS,
};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::state::AppState;

/// The CSP nonce of this response, put into the request's extensions for the page renderer.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

/// Adds the security headers to every response. Pages get their nonce through [`CspNonce`].
pub async fn security_headers(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let nonce = CspNonce(domain::secrets::random_secret());
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let csp = content_security_policy(&nonce.0, &state.digital_id_origin);
    headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_str(&csp).expect("the policy is ASCII"));
    let fixed: [(HeaderName, &str); 5] = [
        (X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (X_FRAME_OPTIONS, "DENY"),
        // `same-origin`, not `no-referrer`: under `no-referrer` browsers send `Origin: null` on our own form POSTs.
        // The sign-in routes, whose URLs carry codes, send `no-referrer` themselves.
        (REFERRER_POLICY, "same-origin"),
        (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
        (HeaderName::from_static("permissions-policy"), "camera=(), microphone=(), geolocation=()"),
    ];
    for (name, value) in fixed {
        headers.entry(name).or_insert(HeaderValue::from_static(value));
    }
    if state.cookies.secure {
        headers.insert(STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    // Bundle file names carry no hash, so caches must revalidate (a cheap 304) or a deploy would pair new HTML with
    // old WASM. Pages behind sign-in set `no-store` themselves.
    headers.entry(CACHE_CONTROL).or_insert(HeaderValue::from_static("no-cache"));
    response
}

/// The policy: scripts only from us or carrying this response's nonce (`'strict-dynamic'` lets the islands loader
/// import the bundle), WebAssembly allowed to compile, no plugins, no framing, and forms may go to us or — for the
/// redirect after the sign-in and logout POSTs — to Digital ID.
pub fn content_security_policy(nonce: &str, digital_id_origin: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; frame-ancestors 'none'; form-action 'self' {digital_id_origin}"
    )
}

/// Refuses a state-changing request (anything but GET, HEAD, OPTIONS) that does not come from our own origin:
/// `Origin` must equal it, or, without `Origin` (or with `Origin: null`), `Sec-Fetch-Site` must say `same-origin`.
/// Browsers send at least one of them on every POST, so a request with neither is refused too.
pub async fn same_origin_only(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let same_origin_fetch = headers.get("sec-fetch-site").and_then(|site| site.to_str().ok()) == Some("same-origin");
    let allowed = match headers.get(ORIGIN).and_then(|origin| origin.to_str().ok()) {
        // A browser sends `Origin: null` when a referrer policy withholds the origin; `Sec-Fetch-Site` (which pages
        // cannot set) still tells.
        Some("null") | None => same_origin_fetch,
        Some(origin) => origin == state.site_origin,
    };
    if allowed {
        return next.run(request).await;
    }
    tracing::warn!(method = %request.method(), path = %request.uri().path(), "cross-site request refused");
    (StatusCode::FORBIDDEN, [(CACHE_CONTROL, "no-store")], Body::from("cross-site request refused")).into_response()
}

/// The origin (`scheme://host[:port]`) of a base URL.
pub fn origin_of(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(url) => url.origin().ascii_serialization(),
        Err(_) => url.trim_end_matches('/').to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_the_nonce_and_wasm_but_no_eval_inline_or_framing() {
        let csp = content_security_policy("n0nce", "https://connect.egov.go.th");
        for part in [
            "'nonce-n0nce'",
            "'wasm-unsafe-eval'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self' https://connect.egov.go.th",
        ] {
            assert!(csp.contains(part), "{csp} lacks {part}");
        }
        assert!(!csp.contains("'unsafe-eval'") && !csp.contains("'unsafe-inline'"), "{csp}");
    }

    #[test]
    fn an_origin_is_scheme_host_and_port() {
        assert_eq!(origin_of("http://127.0.0.1:3000"), "http://127.0.0.1:3000");
        assert_eq!(origin_of("https://admin.info.go.th/"), "https://admin.info.go.th");
        assert_eq!(origin_of("https://connect.egov.go.th:443"), "https://connect.egov.go.th");
    }
}
