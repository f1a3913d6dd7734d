//! `POST /connect/revocation` (RFC 7009): a client revokes one of its access tokens. Always `200` for an
//! authenticated client, whether or not the token was known.

use std::sync::Arc;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode, header};

use super::{oauth_error, param, unique_pairs};
use crate::client_secret::authenticate;
use crate::jws;
use crate::simulator::SimState;

/// The revocation endpoint.
pub async fn revocation(State(state): State<Arc<SimState>>, headers: HeaderMap, body: String) -> Response {
    let Some(pairs) = unique_pairs(&body) else {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", "a parameter is repeated");
    };
    let authorization = headers.get(header::AUTHORIZATION).and_then(|value| value.to_str().ok());
    let Ok(client) =
        authenticate(&state.settings, authorization, param(&pairs, "client_id"), param(&pairs, "client_secret"))
    else {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client", "client authentication failed");
    };
    let Some(token) = param(&pairs, "token") else {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", "token is required");
    };
    if let Ok(published) = state.keys.published().await
        && let Ok(claims) = jws::verify(token, &published)
        && let Some(jti) = claims["jti"].as_str()
    {
        state.grants.revoke_access_token(jti, &client.client_id);
    }
    StatusCode::OK.into_response()
}
