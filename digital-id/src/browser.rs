//! The simulator's dealings with the browser: its cookies (session and CSRF), HTML responses and the security
//! headers of every response. Cookies are read by hand: the `Cookie` header is `name=value` pairs separated by
//! `; ` (RFC 6265 §5.4), which needs no library, and the values we set are base64url.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use subtle::ConstantTimeEq;

use crate::grants::{BrowserSession, SESSION_LIFETIME_SECONDS, random_token};
use crate::pages::{MessageView, message_page};
use crate::simulator::SimState;

/// The session cookie (the name IdentityServer uses).
pub const SESSION_COOKIE: &str = "idsrv";
/// The double-submit CSRF cookie for the simulator's forms.
pub const CSRF_COOKIE: &str = "dgsim.csrf";

/// A cookie's value from the request.
pub fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find_map(|(key, value)| (key == name).then_some(value))
}

/// The browser session, if the request carries a live one.
pub fn session(state: &SimState, headers: &HeaderMap) -> Option<(String, BrowserSession)> {
    let id = cookie(headers, SESSION_COOKIE)?;
    state.grants.session(id).map(|session| (id.to_owned(), session))
}

/// The client's IP address: the TCP peer's, when the server was started with connect info (as
/// [`crate::Simulator::serve`] and the test simulator are). `X-Forwarded-For` is never trusted: the simulator
/// is reached directly.
pub fn client_address(extensions: &http::Extensions) -> Option<std::net::IpAddr> {
    extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|info| info.0.ip())
}

/// `Set-Cookie` for a new session id.
pub fn set_session_cookie(state: &SimState, id: &str) -> HeaderValue {
    set_cookie(state, SESSION_COOKIE, id, SESSION_LIFETIME_SECONDS)
}

/// `Set-Cookie` that deletes the session cookie.
pub fn clear_session_cookie(state: &SimState) -> HeaderValue {
    set_cookie(state, SESSION_COOKIE, "", 0)
}

fn set_cookie(state: &SimState, name: &str, value: &str, max_age: i64) -> HeaderValue {
    let secure = if state.settings.secure_cookies() { "; Secure" } else { "" };
    let text = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}");
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("invalid=; Max-Age=0"))
}

/// The CSRF token of this browser, and the `Set-Cookie` to send if it is new.
pub fn csrf_token(state: &SimState, headers: &HeaderMap) -> (String, Option<HeaderValue>) {
    match cookie(headers, CSRF_COOKIE).filter(|token| token.len() == 43) {
        Some(token) => (token.to_owned(), None),
        None => {
            let token = random_token();
            let header = set_cookie(state, CSRF_COOKIE, &token, SESSION_LIFETIME_SECONDS);
            (token, Some(header))
        }
    }
}

/// Whether a posted form's `csrf` field matches the browser's CSRF cookie.
pub fn csrf_matches(headers: &HeaderMap, posted: &str) -> bool {
    cookie(headers, CSRF_COOKIE).is_some_and(|token| bool::from(token.as_bytes().ct_eq(posted.as_bytes())))
}

/// An HTML page with an optional `Set-Cookie`.
pub fn html(status: StatusCode, body: String, set_cookie: Option<HeaderValue>) -> Response {
    let mut response = (status, Html(body)).into_response();
    if let Some(cookie) = set_cookie {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// A message page reporting a problem.
pub fn error_page(status: StatusCode, title: &str, message: &str) -> Response {
    let body = message_page(MessageView { title, paragraphs: &[message], links: &[], is_error: true });
    html(status, body, None)
}

/// `303 See Other` to `location`.
pub fn see_other(location: &str) -> Response {
    redirect(StatusCode::SEE_OTHER, location)
}

/// `302 Found` to `location` (the status OpenID Connect providers use for authorization responses).
pub fn found(location: &str) -> Response {
    redirect(StatusCode::FOUND, location)
}

fn redirect(status: StatusCode, location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(location) => (status, [(header::LOCATION, location)]).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// Adds the security headers every response carries; HTML pages get a script-free CSP and are never cached.
pub async fn security_headers(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let is_static = request.uri().path().starts_with("/static/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // Authorization responses carry codes in URLs: never leak them through Referer.
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data:; base-uri 'none'; \
             frame-ancestors 'none'",
        ),
    );
    if !is_static && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cookie_is_found_among_several_headers_and_pairs() {
        let mut headers = HeaderMap::new();
        headers.append(header::COOKIE, HeaderValue::from_static("a=1; idsrv=abc"));
        headers.append(header::COOKIE, HeaderValue::from_static("dgsim.csrf=xyz"));
        assert_eq!(cookie(&headers, "idsrv"), Some("abc"));
        assert_eq!(cookie(&headers, "dgsim.csrf"), Some("xyz"));
        assert_eq!(cookie(&headers, "idsr"), None);
    }
}
