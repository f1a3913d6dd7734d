//! The back office's cookies (used by the host's routes and by the server functions alike): the session (`__Host-info_session`), the pre-login secret that binds logins in
//! progress to this browser (`__Host-info_login`, 10 minutes), and the browser's language (`__Host-info_lang`, a
//! year). Both are HttpOnly, `SameSite=Lax` (the callback is a cross-site top-level GET,
//! on which Strict cookies are not sent), `Path=/`, no `Domain`.
//!
//! Over https they are `Secure` with the `__Host-` prefix. For plain-http development on 127.0.0.1 (where browsers
//! refuse `Secure` cookies, and so `__Host-` ones) they are named `info_session` / `info_login` without `Secure`;
//! the configuration allows plain http only for loopback addresses.

use cookie::{Cookie, SameSite};
use http::{HeaderMap, HeaderValue, header};

/// How long a browser remembers its language: a year.
const LANGUAGE_LIFETIME_SECONDS: i64 = 365 * 24 * 60 * 60;

/// How this deployment names and flags its cookies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CookiePolicy {
    /// `Secure` and `__Host-` (the site is served over https).
    pub secure: bool,
}

impl CookiePolicy {
    /// The session cookie's name.
    pub fn session_name(self) -> &'static str {
        if self.secure { "__Host-info_session" } else { "info_session" }
    }

    /// The pre-login cookie's name.
    pub fn login_name(self) -> &'static str {
        if self.secure { "__Host-info_login" } else { "info_login" }
    }

    /// The language cookie's name (`th` or `en`: not a secret, but no script needs it either).
    pub fn language_name(self) -> &'static str {
        if self.secure { "__Host-info_lang" } else { "info_lang" }
    }

    /// `Set-Cookie` remembering this browser's language for a year.
    pub fn set_language(self, tag: &'static str) -> HeaderValue {
        self.build(self.language_name(), tag, Some(LANGUAGE_LIFETIME_SECONDS))
    }

    /// `Set-Cookie` for a new session (a browser-session cookie: it goes when the browser closes; the server ends
    /// the session on its own timeouts anyway).
    pub fn set_session(self, value: &str) -> HeaderValue {
        self.build(self.session_name(), value, None)
    }

    /// `Set-Cookie` that removes the session cookie.
    pub fn clear_session(self) -> HeaderValue {
        self.build(self.session_name(), "", Some(0))
    }

    /// `Set-Cookie` for a login in progress, kept as long as the login may take.
    pub fn set_login(self, value: &str, lifetime: chrono::Duration) -> HeaderValue {
        self.build(self.login_name(), value, Some(lifetime.num_seconds()))
    }

    fn build(self, name: &'static str, value: &str, max_age_seconds: Option<i64>) -> HeaderValue {
        let mut cookie = Cookie::build((name, value.to_owned()))
            .path("/")
            .http_only(true)
            .secure(self.secure)
            .same_site(SameSite::Lax)
            .build();
        if let Some(seconds) = max_age_seconds {
            cookie.set_max_age(cookie::time::Duration::seconds(seconds));
        }
        HeaderValue::from_str(&cookie.to_string()).expect("cookie values are URL-safe base64")
    }
}

/// The value of cookie `name` in the request, if present exactly once (a duplicate could be a planted cookie from a
/// sibling domain, so it is ignored).
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    let mut found = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .filter(|cookie| cookie.name() == name)
        .map(|cookie| cookie.value().to_owned());
    let first = found.next()?;
    found.next().is_none().then_some(first).filter(|value| !value.is_empty() && value.len() <= 128)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn over_https_cookies_are_host_prefixed_secure_httponly_and_lax() {
        let policy = CookiePolicy { secure: true };
        let cookie = policy.set_session("abc").to_str().expect("ascii").to_owned();
        assert!(cookie.starts_with("__Host-info_session=abc;"), "{cookie}");
        for attribute in ["HttpOnly", "Secure", "SameSite=Lax", "Path=/"] {
            assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
        }
        assert!(!cookie.contains("Domain"), "{cookie}");
        let login = policy.set_login("xyz", chrono::Duration::minutes(10)).to_str().expect("ascii").to_owned();
        assert!(login.starts_with("__Host-info_login=xyz;") && login.contains("Max-Age=600"), "{login}");
    }

    #[test]
    fn over_loopback_http_cookies_drop_secure_and_the_prefix() {
        let cookie = CookiePolicy { secure: false }.set_session("abc").to_str().expect("ascii").to_owned();
        assert!(cookie.starts_with("info_session=abc;") && !cookie.contains("Secure"), "{cookie}");
        let cleared = CookiePolicy { secure: false }.clear_session().to_str().expect("ascii").to_owned();
        assert!(cleared.contains("Max-Age=0"), "{cleared}");
    }

    #[test]
    fn a_cookie_is_read_only_when_it_appears_once() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("a=1; info_session=s1; b=2"));
        assert_eq!(read(&headers, "info_session").as_deref(), Some("s1"));
        headers.append(header::COOKIE, HeaderValue::from_static("info_session=planted"));
        assert_eq!(read(&headers, "info_session"), None);
        assert_eq!(read(&headers, "missing"), None);
    }
}
