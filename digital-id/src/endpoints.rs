//! The OpenID Connect endpoints, at the real Digital ID's paths (IdentityServer conventions).

pub mod authorize;
pub mod discovery;
pub mod end_session;
pub mod revocation;
pub mod token;
pub mod userinfo;

/// The scopes the simulator knows: Digital ID has one scope per claim (scope name = claim name), plus `profile`.
pub const SCOPES: &[&str] = &[
    "openid",
    "profile",
    "user_id",
    "citizen_id",
    "citizen_id_verified",
    "ial_level",
    "title",
    "given_name",
    "family_name",
    "preferred_username",
    "email",
    "email_verified",
    "phone_number",
    "phone_number_verified",
];

/// Parses `application/x-www-form-urlencoded` text into pairs; `None` if a parameter appears twice
/// (RFC 6749 §3.1: request parameters must not be included more than once).
pub fn unique_pairs(text: &str) -> Option<Vec<(String, String)>> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (key, value) in url::form_urlencoded::parse(text.as_bytes()) {
        if pairs.iter().any(|(seen, _)| *seen == key) {
            return None;
        }
        pairs.push((key.into_owned(), value.into_owned()));
    }
    Some(pairs)
}

/// The value of `name` among `pairs`; an empty value counts as absent (RFC 6749 §3.1).
pub fn param<'p>(pairs: &'p [(String, String)], name: &str) -> Option<&'p str> {
    pairs.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str()).filter(|value| !value.is_empty())
}

/// An OAuth JSON error response (`{"error": …, "error_description": …}`) with `Cache-Control: no-store`.
pub fn oauth_error(status: http::StatusCode, error: &str, description: &str) -> axum::response::Response {
    use axum::response::IntoResponse;
    let body = serde_json::json!({ "error": error, "error_description": description });
    (status, [(http::header::CACHE_CONTROL, "no-store"), (http::header::PRAGMA, "no-cache")], axum::Json(body))
        .into_response()
}
