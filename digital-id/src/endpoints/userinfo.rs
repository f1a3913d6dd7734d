//! `GET|POST /connect/userinfo`: the person's claims, released per granted scope under Digital ID's claim names.
//! The access token must come in the `Authorization: Bearer` header (never in the query).

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, HeaderValue, StatusCode, header};
use serde_json::{Map, Value, json};

use crate::entities::account;
use crate::faults::UserinfoFault;
use crate::grants::now;
use crate::simulator::SimState;
use crate::{accounts, jws};

/// The userinfo endpoint.
pub async fn userinfo(State(state): State<Arc<SimState>>, uri: http::Uri, headers: HeaderMap) -> Response {
    state.faults.delay().await;
    if uri.query().is_some_and(|query| query.split('&').any(|pair| pair.starts_with("access_token="))) {
        state.counts.userinfo_token_in_query();
    }
    if state.faults.get().userinfo == Some(UserinfoFault::ServerError) {
        return (StatusCode::INTERNAL_SERVER_ERROR, axum::response::Html("<h1>500 Internal Server Error</h1>"))
            .into_response();
    }
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim());
    let Some(token) = bearer else {
        return unauthorized(None);
    };
    let published = match state.keys.published().await {
        Ok(published) => published,
        Err(error) => {
            tracing::error!(%error, "cannot read the signing keys");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let claims = jws::verify(token, &published).ok();
    let jti = claims
        .as_ref()
        .filter(|claims| claims["iss"] == json!(state.settings.issuer))
        .filter(|claims| claims["exp"].as_i64().is_some_and(|exp| exp > now()))
        .and_then(|claims| claims["jti"].as_str());
    let Some(grant) = jti.and_then(|jti| state.grants.access_token(jti)) else {
        return unauthorized(Some("invalid_token"));
    };
    let account = match accounts::find(&state.db, &grant.account_id).await {
        Ok(Some(account)) => account,
        Ok(None) => return unauthorized(Some("invalid_token")),
        Err(error) => {
            tracing::error!(%error, "cannot read the account");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let mut claims = released_claims(&account, &grant.scopes);
    if state.faults.get().userinfo == Some(UserinfoFault::SubMismatch) {
        tracing::warn!("answering userinfo with another person's sub (fault mode)");
        claims.insert("sub".into(), json!(uuid::Uuid::new_v4().to_string()));
    }
    (StatusCode::OK, [(header::CACHE_CONTROL, "no-store")], Json(Value::Object(claims))).into_response()
}

fn unauthorized(error: Option<&str>) -> Response {
    let challenge = match error {
        Some(error) => format!("Bearer error=\"{error}\""),
        None => "Bearer".to_owned(),
    };
    let mut response = StatusCode::UNAUTHORIZED.into_response();
    if let Ok(value) = HeaderValue::from_str(&challenge) {
        response.headers_mut().insert(header::WWW_AUTHENTICATE, value);
    }
    response
}

/// The claims `scopes` release: each Digital ID scope releases the claim of the same name; `profile` releases the
/// name claims and `preferred_username`. Empty values are left out.
pub fn released_claims(account: &account::Model, scopes: &[String]) -> Map<String, Value> {
    let granted = |scope: &str| scopes.iter().any(|granted| granted == scope);
    let profile = granted("profile");
    let mut claims = Map::new();
    claims.insert("sub".into(), json!(account.id));
    let mut release = |name: &str, value: Value, by_profile: bool| {
        if (granted(name) || (profile && by_profile)) && value != Value::Null {
            claims.insert(name.into(), value);
        }
    };
    release("user_id", json!(account.id), false);
    release("citizen_id", json!(account.citizen_id), false);
    release("citizen_id_verified", json!(account.citizen_id_verified), false);
    // Digital ID sends the level as a number (e.g. 2.3); a relying party must still parse leniently.
    release(
        "ial_level",
        account.ial_level.parse::<f64>().map_or(json!(account.ial_level), |level| json!(level)),
        false,
    );
    release("title", json!(account.title), true);
    release("given_name", json!(account.given_name), true);
    release("family_name", json!(account.family_name), true);
    release("preferred_username", json!(account.username), true);
    release("email", json!(account.email), false);
    release("email_verified", if account.email.is_some() { json!(false) } else { Value::Null }, false);
    release("phone_number", json!(account.phone_number), false);
    release("phone_number_verified", json!(false), false);
    claims
}
